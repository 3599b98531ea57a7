/**
 * Reader for today's whole data.gov.tw listing (caasi/tw-odc, 2026-03-23: 52,447 datasets, 5 of the export's 22 fields):
 * id, title, publisher, the first format and the download URLs, plus the tool's publisher folder (`來源目錄`).
 * Rows become catalogue entries (src/sources/catalog-entry.ts) for the merge with the richer sources; nothing here
 * is invented: no description, category or dates, which the records then say they miss.
 */
import { SourceError } from '../errors.ts'
import { EXTERNAL } from '../vocab/index.ts'
import { parseCsvRows } from './catalog-csv.ts'
import type { DatasetEntry } from './catalog-entry.ts'
import type { SourceWarning } from './types.ts'

export const LISTING_2026_HEADER = ['資料集識別碼', '資料集名稱', '提供機關', '檔案格式_首項', '資料下載網址', '資源數', '來源目錄'] as const

export interface Listing2026Read {
  entries: DatasetEntry[]
  warnings: SourceWarning[]
  rows: number
}

/** The download host of the first usable URL (lower case), which tells bare unit labels (地政處…) apart. */
function hostOf(urls: readonly string[]): string | undefined {
  for (const url of urls) {
    try {
      return new URL(url).hostname.toLowerCase()
    } catch {
      // not a URL: try the next
    }
  }
  return undefined
}

/**
 * Read the listing. Throws SourceError on a wrong header or a row of the wrong width; a repeated or empty id is
 * warned about and the row left out (one record per id). 檔案格式_首項 is the format of the first URL (the export's
 * 檔案格式 and 資料下載網址 are aligned by position, and the tool kept the first format), so only the first
 * distribution gets a format.
 */
export function readDataGovTwListing2026(text: string, file: string): Listing2026Read {
  if (/^\uFEFF?\s*[[{]/.test(text)) throw new SourceError(file, 1, 'this is JSON, not the 2026 listing CSV')
  const [header, ...rows] = parseCsvRows(text, file)
  const line = header?.fields.map((f) => f.trim()).join(',') ?? ''
  if (line !== LISTING_2026_HEADER.join(',')) throw new SourceError(file, 1, `expected the header ${LISTING_2026_HEADER.join(',')}`)
  const warnings: SourceWarning[] = []
  const entries: DatasetEntry[] = []
  const firstLine = new Map<string, number>()
  for (const row of rows) {
    if (row.fields.length !== LISTING_2026_HEADER.length) throw new SourceError(file, row.line, `${row.fields.length} fields, expected ${LISTING_2026_HEADER.length}`)
    const [id, title, publisher, format, urlCell, , folder] = row.fields.map((f) => f.trim()) as string[]
    const warn = (problem: string) => warnings.push({ file, line: row.line, problem: `dataset ${id}: ${problem}` })
    if (!id) { warn('empty 資料集識別碼: row left out'); continue }
    if (firstLine.has(id!)) { warn(`資料集識別碼 repeated (first on line ${firstLine.get(id!)}): row left out`); continue }
    firstLine.set(id!, row.line)
    const urls = urlCell!.split(';').map((u) => u.trim()).filter(Boolean)
    const host = hostOf(urls)
    entries.push({
      id: id!, line: row.line, title: title!,
      landingPage: EXTERNAL.dataGovTwDataset + encodeURIComponent(id!),
      publisherName: publisher || undefined,
      ...(publisher ? { publisherHint: { ...(host ? { host } : {}), ...(folder ? { folder } : {}) } } : {}),
      distributions: urls.map((url, i) => ({ url, ...(i === 0 && format ? { format } : {}) })),
    })
  }
  return { entries, warnings, rows: rows.length }
}
