/** The four `;`-aligned distribution columns: 檔案格式, 資料下載網址, 編碼格式, 資料量 (one position per distribution). */
import type { CatalogMix } from './catalog-mix.ts'
import type { Prng } from './prng.ts'

export interface DistributionColumns {
  readonly formats: string
  readonly urls: string
  readonly encodings: string
  readonly counts: string
}

export interface DistributionInput {
  readonly id: number
  readonly title: string
  readonly agency: string
  readonly isApi: boolean
  readonly year: number
}

/** Formats a tail dataset may combine when it has several distributions. */
const COMBINABLE = ['CSV', 'JSON', 'XML', 'XLSX', 'ODS', 'PDF', 'KML', 'SHP'] as const

/** Multi-valued columns use `;`, so it is removed from any text that goes into a URL. */
const URL_UNSAFE = /[;#?,"\s]/g

function pickFormats(rng: Prng, mix: CatalogMix, isApi: boolean): string[] {
  if (isApi) return mix.pickApiFormats(rng).split(';')
  const real = mix.pickFormats(rng)
  if (real !== null) return real.split(';')
  if (rng.isHit(0.6)) return [mix.pickTailFormat(rng)]
  const pool = [...COMBINABLE]
  const n = rng.nextInt(2, 4)
  const picked: string[] = []
  for (let i = 0; i < n; i++) picked.push(...pool.splice(rng.nextInt(0, pool.length - 1), 1))
  return picked
}

const hex = (rng: Prng, digits: number) => rng.nextUint32().toString(16).padStart(8, '0').slice(0, digits)
const uuid = (rng: Prng) => `${hex(rng, 8)}-${hex(rng, 4)}-${hex(rng, 4)}-${hex(rng, 4)}-${hex(rng, 8)}${hex(rng, 4)}`
/** The `%3d`/`%2b` escaping of base64 in ws.*.gov.tw Download.ashx links, as in the sample. */
const base64Param = (text: string) => Buffer.from(text).toString('base64').replaceAll('=', '%3d').replaceAll('+', '%2b')

/** A host stays the same for all datasets of one agency (string hash into the sample's hosts). */
export function hostForAgency(mix: CatalogMix, agency: string): string {
  let h = 0
  for (let i = 0; i < agency.length; i++) h = (Math.imul(h, 31) + agency.charCodeAt(i)) | 0
  return mix.downloadHosts[Math.abs(h) % mix.downloadHosts.length] as string
}

function makeUrl(rng: Prng, host: string, format: string, position: number, input: DistributionInput): string {
  const ext = format.toLowerCase()
  const name = input.title.replace(URL_UNSAFE, '').slice(0, 24) || 'data'
  if (input.isApi) return `https://${host}/api/v2/rest/datastore/${input.id}-${position}?format=${ext}&limit=1000`
  const roll = rng.nextFloat()
  if (roll < 0.4) return `https://${host}/OpenData/${input.id}/${position}.${ext}`
  if (roll < 0.6) return `https://${host}/api/v1/no-auth/resource.download?rid=${uuid(rng)}`
  if (roll < 0.7) return `https://${host}/od/file?oid=${uuid(rng).toUpperCase()}`
  if (roll < 0.94) {
    const path = `/001/Upload/${rng.nextInt(1, 999)}/relfile/${rng.nextInt(1000, 99999)}/${rng.nextInt(1000, 999999)}/${uuid(rng)}.${ext}`
    return `https://${host}/Download.ashx?u=${base64Param(path)}&n=${base64Param(`${name}.${ext}`)}&icon=..${ext}`
  }
  if (roll < 0.985) return `https://${host}/NewUpload/${input.year}${String(rng.nextInt(1, 12)).padStart(2, '0')}/${name}-${input.id}_${position}.${ext}`
  if (roll < 0.995) return `https://${host}/opendata/${name} ${input.year}年 第${position}版.${ext}`
  return `https://${host}/api/query?fields=a,b,c&format=${ext}`
}

/** 資料量: often "0", sometimes empty for the whole row, otherwise spread over 1–10^5 rows. */
function makeCounts(rng: Prng, n: number, isApi: boolean): string {
  const one = () => (rng.isHit(isApi ? 0.6 : 0.25) ? '0' : String(Math.floor(Math.exp(rng.nextFloat() * Math.log(100000)))))
  if (rng.isHit(0.03)) return ''
  if (rng.isHit(0.8)) return Array(n).fill(one()).join(';')
  return Array.from({ length: n }, one).join(';')
}

function makeEncodings(rng: Prng, n: number): string {
  const roll = rng.nextFloat()
  const row = roll < 0.88 ? 'UTF-8' : 'BIG5'
  if (n === 1 || roll < 0.97) return Array(n).fill(row).join(';')
  return Array.from({ length: n }, () => (rng.isHit(0.5) ? 'UTF-8' : 'BIG5')).join(';')
}

/** All four columns with the same number of positions (資料量 may be empty as a whole). */
export function makeDistributions(rng: Prng, mix: CatalogMix, input: DistributionInput): DistributionColumns {
  const formats = pickFormats(rng, mix, input.isApi)
  const host = hostForAgency(mix, input.agency)
  return {
    formats: formats.join(';'),
    urls: formats.map((f, i) => makeUrl(rng, host, f, i + 1, input)).join(';'),
    encodings: makeEncodings(rng, formats.length),
    counts: makeCounts(rng, formats.length, input.isApi),
  }
}
