/** Free-text columns of a synthetic catalogue row: titles recombined from real 2018 titles, descriptions, column lists, remarks. */
import type { CatalogMix } from './catalog-mix.ts'
import type { Prng } from './prng.ts'

const ROC_YEAR_PREFIX = /^(\d{2,3})(年度?)/

/** A title drawn from the agency's own 2018 titles when it had any, re-dated or spliced with another title. */
export function makeTitle(rng: Prng, mix: CatalogMix, agency: string): string {
  const own = mix.titlesByAgency.get(agency)
  const base = own && rng.isHit(0.85) ? rng.pickOne(own) : rng.pickOne(mix.allTitles)
  const roll = rng.nextFloat()
  if (roll < 0.55) return base
  if (roll < 0.8) return redateTitle(rng, base)
  return spliceTitles(base, rng.pickOne(mix.allTitles))
}

/** Replace (or add) a ROC-year prefix such as `104年度`, with a year in 102–115 (2013–2026). */
function redateTitle(rng: Prng, title: string): string {
  const year = rng.nextInt(102, 115)
  return ROC_YEAR_PREFIX.test(title) ? title.replace(ROC_YEAR_PREFIX, `${year}$2`) : `${year}年${title}`
}

/** First half of one title, second half of another: new but plausible strings, real vocabulary. */
function spliceTitles(head: string, tail: string): string {
  const a = [...head.trim()], b = [...tail.trim()]
  return a.slice(0, Math.max(2, Math.ceil(a.length / 2))).join('') + b.slice(Math.floor(b.length / 2)).join('')
}

/** 2–15 column names from the 2026 sample; a few rows end in a stray `;` or have none (both seen/plausible). */
export function makeFieldList(rng: Prng, mix: CatalogMix): string {
  if (rng.isHit(0.01)) return ''
  const n = rng.nextInt(2, 15)
  const start = rng.nextInt(0, mix.fieldNames.length - 1)
  const fields: string[] = []
  // consecutive names from one offset keep columns that belong together (sample order) side by side
  for (let i = 0; i < n; i++) fields.push(mix.fieldNames[(start + i) % mix.fieldNames.length] as string)
  return fields.join(';') + (rng.isHit(0.02) ? ';' : '')
}

const SENTENCES = [
  (t: string) => `提供${t}資料。`,
  (t: string) => `${t}統計資料，`,
  (t: string, a: string) => `${a}提供之${t}`,
  (t: string) => `本資料集提供${t}相關資訊，歡迎各界多加利用。`,
] as const

/** A description: one or more sentences, sometimes multi-line (LF or CRLF), with ASCII quotes or commas. */
export function makeDescription(rng: Prng, title: string, agency: string, fieldList: string): string {
  const roll = rng.nextFloat()
  if (roll < 0.03) return agency // seen: the description is just the agency name
  let text = rng.pickOne(SENTENCES)(title, agency)
  const fields = fieldList.split(';').filter(Boolean).slice(0, 6)
  if (fields.length > 0 && rng.isHit(0.5)) text += `資料內容包含${fields.join('、')}等欄位。`
  if (rng.isHit(0.08)) text += `(代碼: F${rng.nextInt(100000, 999999)}, F${rng.nextInt(100000, 999999)})`
  if (rng.isHit(0.02)) text = `本資料集"${title}"係依"政府資料開放"政策提供。` + text
  if (rng.isHit(0.05)) text += '\r\n配合政府推動資料開放措施，本機關即日起開放本資料集。'
  else if (rng.isHit(0.05)) text += '\n資料如有疑義，請洽提供機關。\n'
  if (rng.isHit(0.03)) text += '資料每年更新，內容以提供機關公告為準。'.repeat(rng.nextInt(3, 12))
  return text
}

/** 備註: mostly empty, sometimes a note (one of them on two lines). */
export function makeRemark(rng: Prng, agency: string): string {
  const roll = rng.nextFloat()
  if (roll < 0.93) return ''
  if (roll < 0.96) return `資料來源：${agency}`
  if (roll < 0.98) return '本資料集僅供參考，以正式公告為準。'
  return '舊版資料集已停止更新\n請改用新版資料集'
}
