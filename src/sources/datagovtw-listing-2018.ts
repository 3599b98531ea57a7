/** Importer for the 2018 data.gov.tw listing (35,955 rows, no identifiers): partial datasets with usage statistics, honest about what is missing. */
import { createHash } from 'node:crypto'
import { DataFactory } from 'n3'
import { SourceError } from '../errors.ts'
import { XSD } from '../vocab/index.ts'
import { emptyResult, type ImportContext, type ImportResult } from './types.ts'
import { parseCsvRows, type CsvRow } from './catalog-csv.ts'
import type { DatasetEntry } from './catalog-entry.ts'
import { createMappingLookup } from './catalog-lookup.ts'
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

/**
 * Import the 2018 listing. Each row becomes a dcat:Dataset marked ogd:metadataStatus partial with ogd:missingProperty
 * dct:description, with views, downloads and rating as of 2018-07-20, and no dcat:CatalogRecord (it has none).
 * Rows sharing agency, title and date get `-2`, `-3`… in file order and ogd:duplicateOf the first, so they stay distinct.
 */
export function importDataGovTwListing2018(text: string, ctx: ImportContext, options: Listing2018Options = {}): ImportResult {
  if (/^\uFEFF?\s*[[{]/.test(text)) throw new SourceError(ctx.file, 1, 'this is JSON, not the 2018 listing CSV')
  const [header, ...rows] = parseCsvRows(text, ctx.file)
  checkHeader(header, ctx.file)
  const result = emptyResult()
  const lookup = createMappingLookup(options.tables ?? loadDefaultMappingTables(), ctx.iris)
  const seen = new Map<string, { key: string; count: number }>()
  let duplicates = 0
  for (const row of rows) {
    if (row.fields.length !== COLUMNS.length) throw new SourceError(ctx.file, row.line, `${row.fields.length} fields, expected ${COLUMNS.length}`)
    const baseId = mintListingId(row.fields[0]!, row.fields[1]!, row.fields[5]!)
    const key = [0, 1, 5].map((i) => row.fields[i]!.trim()).join('\t')
    const known = seen.get(baseId) ?? { key, count: 0 }
    if (known.key !== key) throw new SourceError(ctx.file, row.line, `id ${baseId} collides with another row's: lengthen the hash in mintListingId`)
    const index = ++known.count
    seen.set(baseId, known)
    const id = index === 1 ? baseId : `${baseId}-${index}`
    const warn = (problem: string) => result.warnings.push({ file: ctx.file, line: row.line, problem: `dataset ${id}: ${problem}` })
    const { dataset } = buildDatasetRecord(toEntry(row, id, warn), ctx, lookup, {}, result)
    result.quads.push(quad(dataset, ctx.iris.ogd.listingYear, literal('2018', XSD.gYear), dataset))
    if (index === 1) continue
    duplicates++
    result.quads.push(quad(dataset, ctx.iris.ogd.duplicateOf, ctx.iris.dataset(baseId), dataset))
    result.quads.push(quad(dataset, ctx.iris.ogd.duplicateIndex, literal(String(index), XSD.integer), dataset))
  }
  result.stats = { rows: rows.length, datasets: 0, withRating: 0, ...result.stats, duplicates, warnings: result.warnings.length }
  return result
}
