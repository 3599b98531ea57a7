/** Importer for the official data.gov.tw catalogue export (22 columns, UTF-8 with BOM, CRLF, `;`-aligned multi-values). */
import { SourceError } from '../errors.ts'
import { EXTERNAL } from '../vocab/index.ts'
import { emptyResult, type ImportContext, type ImportResult, type SourceWarning } from './types.ts'
import { decodeUtf8, parseCsvRows, type CsvRow } from './catalog-csv.ts'
import type { DatasetEntry, DistributionEntry, RecordOptions } from './catalog-entry.ts'
import { createMappingLookup } from './catalog-lookup.ts'
import { buildDatasetRecord } from './catalog-record.ts'
import { loadDefaultMappingTables, type MappingTables } from './mapping-tables.ts'

/** The header exactly as data.gov.tw writes it, including its typo 資資料集上架方式. */
export const EXPORT_HEADER = [
  '資料集識別碼', '資料集名稱', '資料提供屬性', '服務分類', '品質檢測', '檔案格式', '資料下載網址', '編碼格式', '資資料集上架方式',
  '資料集描述', '主要欄位說明', '提供機關', '更新頻率', '授權方式', '相關網址', '計費方式', '提供機關聯絡人姓名', '提供機關聯絡人電話',
  '上架日期', '詮釋資料更新時間', '備註', '資料量',
] as const
type Column = (typeof EXPORT_HEADER)[number]
type ExportRow = Readonly<Record<Column, string>>

export const LISTING_2018_HEADER = '提供機關名稱,資料集名稱,瀏覽人次,下載次數,資料集評分,上架日'

export interface ExportOptions extends RecordOptions {
  /** Mapping tables; default: the repository's data/mappings. */
  tables?: MappingTables
}

/** Refuse files of another kind with a message saying what they look like. */
function checkKind(text: string, file: string): void {
  const start = text.replace(/^\uFEFF/, '').trimStart()
  if (start.startsWith('{') || start.startsWith('[')) {
    throw new SourceError(file, 1, 'this is JSON (an API v1 /rest/dataset response?), not the 22-column CSV export: use importDataGovTwApiV1')
  }
  if (start.split(/\r?\n/, 1)[0]?.trim() === LISTING_2018_HEADER) {
    throw new SourceError(file, 1, 'this is the 2018 data.gov.tw listing (6 columns, no identifiers), not the 22-column export: use importDataGovTwListing2018')
  }
}

function checkHeader(header: readonly string[], file: string): void {
  const expected: readonly string[] = EXPORT_HEADER
  const unknown = header.find((c) => !expected.includes(c.trim()))
  if (unknown !== undefined) throw new SourceError(file, 1, `unknown column "${unknown}" (the export has exactly: ${EXPORT_HEADER.join(',')})`)
  const missing = expected.find((c) => !header.map((h) => h.trim()).includes(c))
  if (missing !== undefined) throw new SourceError(file, 1, `missing column "${missing}" (the export has exactly: ${EXPORT_HEADER.join(',')})`)
  if (header.length !== expected.length || header.some((c, i) => c.trim() !== expected[i])) {
    throw new SourceError(file, 1, `columns out of order or repeated (expected: ${EXPORT_HEADER.join(',')})`)
  }
}

function toRow({ fields, line }: CsvRow, file: string): ExportRow {
  if (fields.length !== EXPORT_HEADER.length) {
    throw new SourceError(file, line, `${fields.length} fields, expected ${EXPORT_HEADER.length} (a comma or a quote out of place?)`)
  }
  return Object.fromEntries(EXPORT_HEADER.map((column, i) => [column, fields[i]!])) as ExportRow
}

/** Split a `;`-separated cell; trailing empty items (`CSV;JSON;`) are dropped. */
const splitList = (cell: string): string[] => {
  const items = cell.split(';').map((item) => item.trim())
  while (items.length && items[items.length - 1] === '') items.pop()
  return items
}

/** 檔案格式 / 資料下載網址 / 編碼格式 / 資料量 are aligned by position; a list of another length is warned about. */
function toDistributions(row: ExportRow, title: string, warn: (problem: string) => void): DistributionEntry[] {
  const formats = splitList(row.檔案格式)
  const urls = splitList(row.資料下載網址)
  const encodings = splitList(row.編碼格式)
  const counts = splitList(row.資料量)
  const n = Math.max(formats.length, urls.length)
  const lists = { 檔案格式: formats, 資料下載網址: urls, 編碼格式: encodings, 資料量: counts }
  if (Object.values(lists).some((list) => list.length && list.length !== n)) {
    const lengths = Object.entries(lists).map(([column, list]) => `${column} ${list.length}`).join(', ')
    warn(`misaligned multi-values (${lengths}): aligned by position`)
  }
  return Array.from({ length: n }, (_, i) => ({
    format: formats[i],
    url: urls[i],
    encoding: encodings[i],
    recordCount: counts[i],
    title: formats[i] ? `${title} (${formats[i]})` : title,
  }))
}

const SUPPLY_TYPES = new Set(['檔案資料', 'API服務'])

function toEntry(row: ExportRow, line: number, warn: (problem: string) => void): DatasetEntry {
  const id = row.資料集識別碼.trim()
  const title = row.資料集名稱.trim()
  if (row.資料提供屬性.trim() && !SUPPLY_TYPES.has(row.資料提供屬性.trim())) warn(`unknown 資料提供屬性 "${row.資料提供屬性.trim()}"`)
  return {
    id, line, title,
    description: row.資料集描述,
    category: row.服務分類,
    qualityBadge: row.品質檢測,
    frequency: row.更新頻率,
    issued: row.上架日期,
    modified: row.詮釋資料更新時間,
    metadataModified: row.詮釋資料更新時間,
    license: row.授權方式,
    landingPage: EXTERNAL.dataGovTwDataset + encodeURIComponent(id),
    relatedUrls: row.相關網址.split(/[;；\r\n]+/),
    feeNote: row.計費方式,
    remarks: [row.備註],
    deliveryMethod: row.資資料集上架方式,
    publisherName: row.提供機關,
    contact: { organization: row.提供機關.trim(), person: row.提供機關聯絡人姓名.trim(), phone: row.提供機關聯絡人電話.trim() },
    fieldDescription: row.主要欄位說明,
    isService: row.資料提供屬性.trim() === 'API服務',
    distributions: toDistributions(row, title, warn),
  }
}

export interface ExportRead {
  entries: DatasetEntry[]
  warnings: SourceWarning[]
  rows: number
}

/**
 * Read the export into catalogue entries (one per id, file order). Throws SourceError (file:line: problem) on
 * non-UTF-8 input, a file of another kind, a wrong header or a row with the wrong number of fields; an empty or
 * repeated id is warned about and its row left out.
 */
export function readDataGovTwExport(bytes: Uint8Array, file: string): ExportRead {
  const text = decodeUtf8(bytes, file)
  checkKind(text, file)
  const [header, ...rows] = parseCsvRows(text, file)
  if (!header) throw new SourceError(file, 1, 'empty file: expected the 22-column export header')
  checkHeader(header.fields, file)
  const warnings: SourceWarning[] = []
  const entries: DatasetEntry[] = []
  const firstLine = new Map<string, number>()
  for (const csvRow of rows) {
    const row = toRow(csvRow, file)
    const id = row.資料集識別碼.trim()
    const warn = (problem: string) => warnings.push({ file, line: csvRow.line, problem: `dataset ${id}: ${problem}` })
    if (!id) warn('empty 資料集識別碼: row left out')
    else if (firstLine.has(id)) warn(`資料集識別碼 repeated (first on line ${firstLine.get(id)}): row left out, one record per graph`)
    else {
      firstLine.set(id, csvRow.line)
      entries.push(toEntry(row, csvRow.line, warn))
    }
  }
  return { entries, warnings, rows: rows.length }
}

/**
 * Import the data.gov.tw catalogue export: one dcat:Dataset (with distributions, contact point, quality annotation,
 * CatalogRecord, and a DataService for API rows) per row, each in the graph named by the dataset IRI.
 * Throws as readDataGovTwExport does. Publishers come back as name references, not links.
 */
export function importDataGovTwExport(bytes: Uint8Array, ctx: ImportContext, options: ExportOptions = {}): ImportResult {
  const read = readDataGovTwExport(bytes, ctx.file)
  const result = emptyResult()
  result.warnings.push(...read.warnings)
  const lookup = createMappingLookup(options.tables ?? loadDefaultMappingTables(), ctx.iris)
  for (const entry of read.entries) buildDatasetRecord(entry, ctx, lookup, options, result)
  result.stats = { rows: read.rows, datasets: 0, distributions: 0, dataServices: 0, ...result.stats, warnings: result.warnings.length }
  return result
}
