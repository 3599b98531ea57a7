/** Importer for the 2018 data.gov.tw listing (35,955 rows, no identifiers): partial datasets with usage statistics, honest about what is missing. */
import { createHash } from 'node:crypto'
import { DataFactory } from 'n3'
import { SourceError } from '../errors.ts'
import { XSD } from '../vocab/index.ts'
import { emptyResult, type ImportContext, type ImportResult, type SourceWarning } from './types.ts'
import { parseCsvRows, type CsvRow } from './catalog-csv.ts'
import type { DatasetEntry } from './catalog-entry.ts'
import { createMappingLookup, type MappingLookup } from './catalog-lookup.ts'
import { buildDatasetRecord } from './catalog-record.ts'
import { EXPORT_HEADER, LISTING_2018_HEADER } from './datagovtw-export.ts'
import { loadDefaultMappingTables, type MappingTables } from './mapping-tables.ts'

const { literal, quad } = DataFactory

/** The day the listing was crawled (DragonChen-TW/opendata-tw-list-crawler, commit 0936bd1): the date of every count. */
export const LISTING_2018_OBSERVED_ON = '2018-07-20'
const COLUMNS = LISTING_2018_HEADER.split(',')

export interface Listing2018Options {
  tables?: MappingTables
}

/**
 * The listing has no identifiers, so one is minted from what identifies a row: `l2018-` + the first 12 hex digits of
 * SHA-256(agency TAB title TAB 上架日), trimmed. Same row → same id on every run, whatever the file order.
 */
export function mintListingId(agency: string, title: string, listed: string): string {
  const digest = createHash('sha256').update(`${agency.trim()}\t${title.trim()}\t${listed.trim()}`).digest('hex')
  return `l2018-${digest.slice(0, 12)}`
}

function checkHeader(header: CsvRow | undefined, file: string): void {
  const line = header?.fields.map((f) => f.trim()).join(',') ?? ''
  if (line === LISTING_2018_HEADER) return
  if (line === EXPORT_HEADER.join(',')) throw new SourceError(file, 1, 'this is the 22-column data.gov.tw export, not the 2018 listing: use importDataGovTwExport')
  const unknown = header?.fields.find((f) => !COLUMNS.includes(f.trim()))
  throw new SourceError(file, 1, unknown !== undefined ? `unknown column "${unknown}" (expected ${LISTING_2018_HEADER})` : `expected the header ${LISTING_2018_HEADER}`)
}

/** "7,472" → 7472; blank → undefined; anything else is warned about. */
function parseCount(text: string, what: string, warn: (problem: string) => void): number | undefined {
  const digits = text.trim().replace(/,/g, '')
  if (!digits) return undefined
  if (/^\d+$/.test(digits)) return Number(digits)
  warn(`${what} "${text}" is not a count: left out`)
  return undefined
}

function parseRating(text: string, warn: (problem: string) => void): number | undefined {
  const rating = parseCount(text, '資料集評分', warn)
  if (rating === undefined || rating <= 100) return rating
  warn(`資料集評分 "${text}" is above 100: left out`)
  return undefined
}

function toEntry({ fields, line }: CsvRow, id: string, warn: (problem: string) => void): DatasetEntry {
  const [agency, title, views, downloads, rating, listed] = fields.map((f) => f.trim()) as [string, string, string, string, string, string]
  return {
    id, line, title, // trailing spaces in 509 titles are trimmed
    issued: listed || undefined, // blank in 704 rows: left out
    publisherName: agency,
    usage: {
      views: parseCount(views, '瀏覽人次', warn),
      downloads: parseCount(downloads, '下載次數', warn),
      rating: parseRating(rating, warn),
      observedOn: LISTING_2018_OBSERVED_ON,
    },
  }
}

export interface Listing2018Row {
  /** The row as a catalogue entry, id = its l2018- id (with -2, -3… for repeats). */
  entry: DatasetEntry
  baseId: string
  /** 1 for the first row with its agency, title and date; 2, 3… for repeats. */
  index: number
  agency: string
  title: string
}

/** Read the listing's rows with their minted ids; throws SourceError on a wrong header, width or an id collision. */
export function readDataGovTwListing2018(text: string, file: string): { rows: Listing2018Row[]; warnings: SourceWarning[] } {
  if (/^\uFEFF?\s*[[{]/.test(text)) throw new SourceError(file, 1, 'this is JSON, not the 2018 listing CSV')
  const [header, ...csvRows] = parseCsvRows(text, file)
  checkHeader(header, file)
  const warnings: SourceWarning[] = []
  const seen = new Map<string, { key: string; count: number }>()
  const rows: Listing2018Row[] = []
  for (const row of csvRows) {
    if (row.fields.length !== COLUMNS.length) throw new SourceError(file, row.line, `${row.fields.length} fields, expected ${COLUMNS.length}`)
    const baseId = mintListingId(row.fields[0]!, row.fields[1]!, row.fields[5]!)
    const key = [0, 1, 5].map((i) => row.fields[i]!.trim()).join('\t')
    const known = seen.get(baseId) ?? { key, count: 0 }
    if (known.key !== key) throw new SourceError(file, row.line, `id ${baseId} collides with another row's: lengthen the hash in mintListingId`)
    const index = ++known.count
    seen.set(baseId, known)
    const id = index === 1 ? baseId : `${baseId}-${index}`
    const warn = (problem: string) => warnings.push({ file, line: row.line, problem: `dataset ${id}: ${problem}` })
    rows.push({ entry: toEntry(row, id, warn), baseId, index, agency: row.fields[0]!.trim(), title: row.fields[1]!.trim() })
  }
  return { rows, warnings }
}

/**
 * One row as a partial dcat:Dataset (missing dct:description) with its 2018 usage, ogd:listingYear 2018 and, for a
 * repeat, ogd:duplicateOf the first; `notInCurrentListing` adds ogd:inCurrentListing false (today's listing is known
 * and does not have it). Returns whether it was a repeat.
 */
export function buildListing2018Record(row: Listing2018Row, ctx: ImportContext, lookup: MappingLookup, result: ImportResult, notInCurrentListing = false): boolean {
  const { dataset } = buildDatasetRecord(row.entry, ctx, lookup, {}, result)
  result.quads.push(quad(dataset, ctx.iris.ogd.listingYear, literal('2018', XSD.gYear), dataset))
  if (notInCurrentListing) result.quads.push(quad(dataset, ctx.iris.ogd.inCurrentListing, literal('false', XSD.boolean), dataset))
  if (row.index === 1) return false
  result.quads.push(quad(dataset, ctx.iris.ogd.duplicateOf, ctx.iris.dataset(row.baseId), dataset))
  result.quads.push(quad(dataset, ctx.iris.ogd.duplicateIndex, literal(String(row.index), XSD.integer), dataset))
  return true
}

/**
 * Import the 2018 listing. Each row becomes a dcat:Dataset marked ogd:metadataStatus partial with ogd:missingProperty
 * dct:description, with views, downloads and rating as of 2018-07-20, and no dcat:CatalogRecord (it has none).
 * Rows sharing agency, title and date get `-2`, `-3`… in file order and ogd:duplicateOf the first, so they stay distinct.
 */
export function importDataGovTwListing2018(text: string, ctx: ImportContext, options: Listing2018Options = {}): ImportResult {
  const read = readDataGovTwListing2018(text, ctx.file)
  const result = emptyResult()
  result.warnings.push(...read.warnings)
  const lookup = createMappingLookup(options.tables ?? loadDefaultMappingTables(), ctx.iris)
  let duplicates = 0
  for (const row of read.rows) if (buildListing2018Record(row, ctx, lookup, result)) duplicates++
  result.stats = { rows: read.rows.length, datasets: 0, withRating: 0, ...result.stats, duplicates, warnings: result.warnings.length }
  return result
}
