/**
 * Today's catalogue from every source that knows it (issue 11): the 22-column exports and API v1 records, the whole
 * 2026 listing, and the 2018 listing rows that join a 2026 id. One record per id (src/sources/catalog-merge.ts), with
 * provenance per source file (src/sources/catalog-provenance.ts); the 2018 rows that join nothing stay historical
 * records, marked as not in today's listing, and the joined ones keep their IRI as a pointer to the current record.
 */
import { DataFactory } from 'n3'
import { XSD } from '../vocab/index.ts'
import { joinListing2018, replacedListingQuads, type JoinStats } from '../link/listing-join.ts'
import { emptyResult, type ImportContext, type ImportResult, type SourceWarning } from './types.ts'
import type { RecordOptions } from './catalog-entry.ts'
import { createMappingLookup } from './catalog-lookup.ts'
import { buildDatasetRecord } from './catalog-record.ts'
import { mergeEntries, type SourcedEntry } from './catalog-merge.ts'
import { mergedProvenanceQuads } from './catalog-provenance.ts'
import { describeSource, latestDate, sourceQuads, type CatalogueSource } from './catalogue-sources.ts'
import { readDataGovTwExport } from './datagovtw-export.ts'
import { readDataGovTwApiV1 } from './datagovtw-api-v1.ts'
import { readDataGovTwListing2026 } from './datagovtw-listing-2026.ts'
import { buildListing2018Record, readDataGovTwListing2018 } from './datagovtw-listing-2018.ts'
import type { MappingTables } from './mapping-tables.ts'

const { literal, quad } = DataFactory

export interface CatalogueFile {
  path: string
  /** The name messages use (relative to the repository when inside it). */
  file: string
  bytes: Uint8Array
  /** For catalogue files: which reader (the build detects it from the first bytes). */
  kind?: 'export' | 'api-v1'
}

export interface CurrentCatalogueInput {
  /** Exports (CSV) and API v1 records (JSON), in any order. */
  catalog: CatalogueFile[]
  /** Today's whole listing (5 fields); absent: no record is said to be missing from it. */
  listing2026?: CatalogueFile
  listing2018: CatalogueFile
}

export interface CurrentCatalogueOptions extends RecordOptions {
  tables: MappingTables
  sourceTable: Map<string, Omit<CatalogueSource, 'file'>>
}

export interface CurrentCatalogue {
  /** The merged current records (with provenance) and the catalogue's source files. */
  current: ImportResult
  /** The 2018 listing: historical records and the pointers of the joined rows. */
  listing2018: ImportResult
  join: JoinStats
}

const text = (bytes: Uint8Array) => new TextDecoder('utf-8', { fatal: false }).decode(bytes)

/** Each catalogue file's entries, with its source descriptor. */
function readCatalogFiles(input: CurrentCatalogueInput, options: CurrentCatalogueOptions, warnings: SourceWarning[]): SourcedEntry[] {
  const items: SourcedEntry[] = []
  for (const f of input.catalog) {
    if (f.kind !== 'api-v1') {
      const read = readDataGovTwExport(f.bytes, f.file)
      warnings.push(...read.warnings)
      const source = describeSource(options.sourceTable, f.path, f.file, 'export', latestDate(read.entries.map((e) => e.metadataModified)))
      for (const entry of read.entries) items.push({ source, entry })
    } else {
      const read = readDataGovTwApiV1(text(f.bytes), f.file, options)
      warnings.push(...read.warnings)
      const source = describeSource(options.sourceTable, f.path, f.file, 'api-v1', latestDate([read.entry.metadataModified]))
      items.push({ source, entry: read.entry })
    }
  }
  if (input.listing2026) {
    const f = input.listing2026
    const read = readDataGovTwListing2026(text(f.bytes), f.file)
    warnings.push(...read.warnings)
    const source = describeSource(options.sourceTable, f.path, f.file, 'listing-2026', undefined)
    for (const entry of read.entries) items.push({ source, entry })
  }
  return items
}

/** Merge and build; the import context of a record is its first source's file (warnings name it). */
export function importCurrentCatalogue(input: CurrentCatalogueInput, iris: ImportContext['iris'], options: CurrentCatalogueOptions): CurrentCatalogue {
  const current = emptyResult()
  const history = emptyResult()
  const lookup = createMappingLookup(options.tables, iris)
  const items = readCatalogFiles(input, options, current.warnings)

  const f2018 = input.listing2018
  const read2018 = readDataGovTwListing2018(text(f2018.bytes), f2018.file)
  history.warnings.push(...read2018.warnings)
  const source2018 = describeSource(options.sourceTable, f2018.path, f2018.file, 'listing-2018', '2018-07-20')
  const currentIds = items.filter((i) => i.source.kind !== 'api-v1').map((i) => ({ id: i.entry.id, title: i.entry.title, ...(i.entry.publisherName ? { publisherName: i.entry.publisherName } : {}) }))
  const { joins, stats: join } = joinListing2018(read2018.rows.map((r) => ({ id: r.entry.id, agency: r.agency, title: r.title })), currentIds)
  for (const row of read2018.rows) {
    const currentId = joins.get(row.entry.id)
    if (currentId) items.push({ source: source2018, entry: { ...row.entry, id: currentId } })
  }

  const sources = new Map<string, CatalogueSource>([[source2018.key, source2018]])
  for (const merged of mergeEntries(items)) {
    const top = merged.sources[0]!
    const { dataset } = buildDatasetRecord(merged.entry, { iris, file: top.file }, lookup, options, current)
    for (const q of mergedProvenanceQuads(iris, merged)) current.quads.push(q)
    const years = new Set(merged.sources.filter((s) => s.kind !== 'api-v1').map((s) => s.date.slice(0, 4)))
    for (const year of years) current.quads.push(quad(dataset, iris.ogd.listingYear, literal(year, XSD.gYear), dataset))
    for (const s of merged.sources) sources.set(s.key, s)
    if (merged.sources.length > 1) current.stats.multiSource = (current.stats.multiSource ?? 0) + 1
    if (merged.superseded.length) current.stats.withHistory = (current.stats.withHistory ?? 0) + 1
  }
  for (const s of sources.values()) for (const q of sourceQuads(iris, s, iris.graph('vocab'))) current.quads.push(q)

  const ctx2018 = { iris, file: f2018.file }
  let duplicates = 0
  for (const row of read2018.rows) {
    const currentId = joins.get(row.entry.id)
    if (currentId) for (const q of replacedListingQuads(iris, row.entry.id, currentId, `${row.agency}\t${row.title}`, source2018.key)) history.quads.push(q)
    else if (buildListing2018Record(row, ctx2018, lookup, history, input.listing2026 !== undefined)) duplicates++
  }
  history.stats = { rows: read2018.rows.length, ...history.stats, duplicates, joined: join.joined, warnings: history.warnings.length }
  current.stats = { ...current.stats, sources: sources.size, warnings: current.warnings.length }
  return { current, listing2018: history, join }
}
