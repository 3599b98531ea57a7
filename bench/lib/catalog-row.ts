/** One synthetic catalogue row: the 22 fields of the official data.gov.tw export, in header order. */
import { hostForAgency, makeDistributions } from './catalog-distributions.ts'
import type { CatalogMix } from './catalog-mix.ts'
import { makeDescription, makeFieldList, makeRemark, makeTitle } from './catalog-text.ts'
import type { Prng } from './prng.ts'

/** The export header exactly as data.gov.tw writes it, including the misspelt `資資料集上架方式` (MANIFEST §0). */
export const EXPORT_HEADER = [
  '資料集識別碼', '資料集名稱', '資料提供屬性', '服務分類', '品質檢測', '檔案格式', '資料下載網址', '編碼格式',
  '資資料集上架方式', '資料集描述', '主要欄位說明', '提供機關', '更新頻率', '授權方式', '相關網址', '計費方式',
  '提供機關聯絡人姓名', '提供機關聯絡人電話', '上架日期', '詮釋資料更新時間', '備註', '資料量',
] as const

export const LICENSE_NAME = '政府資料開放授權條款-第1版'
export const FEE_NAME = '免費'

const FIRST_LISTING = Date.UTC(2013, 0, 1)
const EXPORT_TIME = Date.UTC(2026, 4, 9, 23, 59, 59)
const DAY = 86_400_000

const pad = (n: number, width = 2) => String(n).padStart(width, '0')

/** `YYYY-MM-DD HH:mm:ss`, local time without zone as in the export; computed in UTC so it never depends on TZ. */
export function formatExportDate(ms: number): string {
  const d = new Date(ms)
  return `${d.getUTCFullYear()}-${pad(d.getUTCMonth() + 1)}-${pad(d.getUTCDate())} ${pad(d.getUTCHours())}:${pad(d.getUTCMinutes())}:${pad(d.getUTCSeconds())}`
}

/** 上架日期 grows with the row (ids grow over time) ± 4 months; most listings are stamped at midnight. */
function makeIssued(rng: Prng, index: number, count: number): number {
  const base = FIRST_LISTING + ((EXPORT_TIME - FIRST_LISTING) * index) / Math.max(1, count)
  const day = Math.floor(Math.min(EXPORT_TIME, Math.max(FIRST_LISTING, base + rng.nextInt(-120, 120) * DAY)) / DAY) * DAY
  return rng.isHit(0.7) ? day : day + rng.nextInt(0, DAY / 1000 - 1) * 1000
}

/** 詮釋資料更新時間 ≥ 上架日期, skewed towards the export date; 10 % never touched after the listing day. */
function makeModified(rng: Prng, issued: number): number {
  const last = Math.max(issued, EXPORT_TIME - DAY)
  if (rng.isHit(0.1)) return Math.min(EXPORT_TIME, issued + rng.nextInt(0, 86_399) * 1000)
  const u = rng.nextFloat()
  return Math.floor((last - (last - issued) * u * u) / 1000) * 1000
}

/** 提供機關, with the odd 台/臺 variant or trailing space real listings carry. */
function makeAgency(rng: Prng, mix: CatalogMix): string {
  const agency = mix.pickAgency(rng)
  if (agency.includes('臺') && rng.isHit(0.02)) return agency.replaceAll('臺', '台')
  return rng.isHit(0.003) ? agency + ' ' : agency
}

/** Obviously synthetic contact: the real export holds personal data we must not reproduce. */
function makeContact(rng: Prng, mix: CatalogMix): [string, string] {
  const n = pad(rng.nextInt(1, 9999), 4)
  const extension = rng.isHit(0.2) ? `#${rng.nextInt(100, 9999)}` : ''
  return [`測試聯絡人${n}`, `${mix.pickAreaCode(rng)}-0000-${n}${extension}`]
}

/** 相關網址: mostly empty, otherwise a page on the agency's site. */
function makeRelatedUrl(rng: Prng, mix: CatalogMix, agency: string): string {
  return rng.isHit(0.15) ? `https://${hostForAgency(mix, agency)}/News.aspx?n=${rng.nextInt(1000, 99999)}` : ''
}

/** Build row `index` (0-based) of `count`, with dataset id `id`. */
export function makeCatalogRow(rng: Prng, mix: CatalogMix, index: number, count: number, id: number): string[] {
  const agency = makeAgency(rng, mix)
  const title = makeTitle(rng, mix, agency)
  const isApi = rng.isHit(0.06)
  const issued = makeIssued(rng, index, count)
  const year = new Date(issued).getUTCFullYear()
  const dist = makeDistributions(rng, mix, { id, title, agency, isApi, year })
  const fieldList = makeFieldList(rng, mix)
  const [contactName, contactPhone] = makeContact(rng, mix)
  return [
    String(id), title, isApi ? 'API服務' : '檔案資料', mix.pickCategory(rng), mix.pickQuality(rng),
    dist.formats, dist.urls, dist.encodings, '', makeDescription(rng, title, agency, fieldList), fieldList,
    agency, mix.pickFrequency(rng), LICENSE_NAME, makeRelatedUrl(rng, mix, agency), FEE_NAME,
    contactName, contactPhone, formatExportDate(issued), formatExportDate(makeModified(rng, issued)), makeRemark(rng, agency), dist.counts,
  ]
}
