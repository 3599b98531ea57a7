/** The normalised catalogue record every data.gov.tw importer fills in, and the builder the record→quads rules write through. */
import { DataFactory, type NamedNode, type Quad_Object, type Quad_Subject } from 'n3'
import type { Iris } from '../model/iris.ts'
import type { ImportContext, ImportResult, NameReference } from './types.ts'
import type { MappingLookup } from './catalog-lookup.ts'

/** One downloadable form of a dataset, as the source gives it (texts, not yet mapped). */
export interface DistributionEntry {
  format?: string
  url?: string
  encoding?: string
  /** 資料量 as written ("875", "0", "") — mapped only when it is an honest count. */
  recordCount?: string
  title?: string
  description?: string
  modified?: string
  identifier?: string
}

export interface ContactEntry {
  /** The agency, never personal: always published. */
  organization?: string
  person?: string
  phone?: string
  email?: string
}

export interface UsageEntry {
  views?: number
  downloads?: number
  /** xsd:date the counts were read (the listing's crawl date), when known. */
  observedOn?: string
  /** 資料集評分, 0–100. */
  rating?: number
}

/** A dataset as any data.gov.tw source describes it. Optional fields are left out, never invented. */
export interface DatasetEntry {
  id: string
  line?: number
  title: string
  description?: string
  /** 服務分類 name or API v1 categoryCode. */
  category?: string
  qualityBadge?: string
  frequency?: string
  issued?: string
  modified?: string
  /** 詮釋資料更新時間: when present the source has a catalogue record for it (dcat:CatalogRecord). */
  metadataModified?: string
  license?: string
  landingPage?: string
  relatedUrls?: string[]
  feeNote?: string
  remarks?: string[]
  deliveryMethod?: string
  keywords?: string[]
  language?: string
  spatial?: string
  temporalFrom?: string
  temporalTo?: string
  publisherName?: string
  publisherCode?: string
  /** Where the source says the publisher's data lives (download host, listing folder): tells bare unit labels apart. */
  publisherHint?: PublisherHint
  contact?: ContactEntry
  /** 主要欄位說明, the column list. */
  fieldDescription?: string
  /** 資料提供屬性 = API服務, or API v1 type SERVICES. */
  isService?: boolean
  /** A dataset-level count (API v1 numberOfData); the export gives counts per distribution. */
  recordCount?: string
  distributions?: DistributionEntry[]
  usage?: UsageEntry
}

export interface PublisherHint {
  host?: string
  folder?: string
}

export interface RecordOptions {
  /** Publish contact persons' names, phones and e-mails (personal data). Default false: the agency only. */
  includePersonalContacts?: boolean
}

/** What a rule sees: the entry, its IRIs, the lookups, and sinks for quads, warnings and name references. */
export interface RecordBuilder {
  readonly entry: DatasetEntry
  readonly dataset: NamedNode
  readonly graph: NamedNode
  readonly iris: Iris
  readonly lookup: MappingLookup
  readonly options: RecordOptions
  add(subject: Quad_Subject, predicate: NamedNode, object: Quad_Object): void
  warn(problem: string): void
  refer(kind: NameReference['kind'], text: string, code?: string, hint?: PublisherHint): void
  count(stat: string): void
}

/** A builder writing into `result`, for the dataset `entry.id`. */
export function createRecordBuilder(
  entry: DatasetEntry,
  ctx: ImportContext,
  lookup: MappingLookup,
  options: RecordOptions,
  result: ImportResult,
): RecordBuilder {
  const dataset = ctx.iris.dataset(entry.id)
  const where = { file: ctx.file, ...(entry.line === undefined ? {} : { line: entry.line }) }
  return {
    entry, dataset, graph: dataset, iris: ctx.iris, lookup, options,
    add: (s, p, o) => void result.quads.push(DataFactory.quad(s, p, o, dataset)),
    warn: (problem) => void result.warnings.push({ ...where, problem: `dataset ${entry.id}: ${problem}` }),
    refer: (kind, text, code, hint) =>
      void result.references.push({ kind, subject: dataset, graph: dataset, text: text.normalize('NFC'), ...(code ? { code } : {}), ...(hint ? { hint } : {}), ...where }),
    count: (stat) => void (result.stats[stat] = (result.stats[stat] ?? 0) + 1),
  }
}
