/** Importer for data.gov.tw API v1 `/rest/dataset/{id}` responses ({help, success, result}), through the export's record→quads code. */
import { z } from 'zod'
import { SourceError } from '../errors.ts'
import { emptyResult, type ImportContext, type ImportResult, type SourceWarning } from './types.ts'
import type { DatasetEntry, DistributionEntry, RecordOptions } from './catalog-entry.ts'
import { createMappingLookup } from './catalog-lookup.ts'
import { buildDatasetRecord } from './catalog-record.ts'
import { loadDefaultMappingTables, type MappingTables } from './mapping-tables.ts'

export interface ApiV1Options extends RecordOptions {
  tables?: MappingTables
  /** xsd:date the response was fetched: dates viewCount/downloadCount. The response does not say, so unset → undated counts. */
  observedOn?: string
}

const text = z.string().nullish()
const count = z.union([z.number().int().nonnegative(), z.string()]).nullish()

const DistributionV1 = z.looseObject({
  resourceID: text, resourceDescription: text, format: text, downloadURL: text, resourceModified: text, characterSetCode: text,
})

const DatasetV1 = z.looseObject({
  identifier: z.string().trim().min(1), title: z.string(), description: text, fieldDescription: text, type: text,
  categoryCode: text, keyword: z.array(z.string()).nullish(), publisher: text, publisherOrgCode: text,
  publisherContactName: text, publisherContactPhone: text, publisherContactEmail: text, license: text, cost: text,
  accrualPeriodicity: text, temporalCoverageFrom: text, temporalCoverageTo: text, issued: text, modified: text,
  spatial: text, language: text, landingPage: text, notes: text, numberOfData: count, viewCount: count,
  downloadCount: count, distribution: z.array(DistributionV1).nullish(),
})
type DatasetV1 = z.infer<typeof DatasetV1>

/** Parse the text, or say where (line) it stops being JSON, and what it looks like when it is not JSON at all. */
function parseJson(jsonText: string, file: string): unknown {
  const start = jsonText.replace(/^\uFEFF/, '').trimStart()
  if (start.startsWith('資料集識別碼,')) throw new SourceError(file, 1, 'not JSON: this is the 22-column CSV export: use importDataGovTwExport')
  if (!/^[[{]/.test(start)) throw new SourceError(file, 1, `not JSON (it starts with ${JSON.stringify(start.slice(0, 20))}): expected an API v1 /rest/dataset/{id} response`)
  try {
    return JSON.parse(jsonText.replace(/^\uFEFF/, ''))
  } catch (error) {
    const position = Number(/position (\d+)/.exec((error as Error).message)?.[1])
    const line = Number.isNaN(position) ? undefined : jsonText.slice(0, position).split('\n').length
    throw new SourceError(file, line, `not JSON (${(error as Error).message}): expected an API v1 /rest/dataset/{id} response`, { cause: error })
  }
}

/** The `result` of a single-dataset response; anything else (a list, "Not found", a CSV) is refused with what it looks like. */
function unwrap(json: unknown, file: string): DatasetV1 {
  const wrapper = json as { success?: unknown; result?: unknown } | null
  if (typeof wrapper !== 'object' || wrapper === null || Array.isArray(wrapper) || !('result' in wrapper)) {
    throw new SourceError(file, 1, 'not an API v1 response: expected an object {help, success, result}')
  }
  if (Array.isArray(wrapper.result)) throw new SourceError(file, 1, 'this is an API v1 dataset list (/rest/dataset), not one dataset (/rest/dataset/{id})')
  if (wrapper.success === false || typeof wrapper.result !== 'object') {
    throw new SourceError(file, 1, `the API answered without a dataset (success: ${String(wrapper.success)}, result: ${JSON.stringify(wrapper.result)})`)
  }
  const parsed = DatasetV1.safeParse(wrapper.result)
  if (!parsed.success) {
    const issue = parsed.error.issues[0]!
    throw new SourceError(file, undefined, `result.${issue.path.join('.')}: ${issue.message}`)
  }
  return parsed.data
}

/** keyword[] items may hold several keywords in one string ("SRI,新制勞工退休基金,社會責任投資"). */
const splitKeywords = (keywords: readonly string[]): string[] => keywords.flatMap((k) => k.split(/[,，、]/))

function toCount(value: number | string | null | undefined, what: string, warn: (p: string) => void): number | undefined {
  const digits = String(value ?? '').trim().replace(/,/g, '')
  if (!digits) return undefined
  if (/^\d+$/.test(digits)) return Number(digits)
  warn(`${what} "${value}" is not a count: left out`)
  return undefined
}

const toDistribution = (title: string) => (d: z.infer<typeof DistributionV1>): DistributionEntry => ({
  format: d.format ?? undefined,
  url: d.downloadURL ?? undefined,
  encoding: d.characterSetCode ?? undefined,
  title: d.resourceDescription?.trim() || (d.format ? `${title} (${d.format})` : title),
  modified: d.resourceModified ?? undefined,
  identifier: d.resourceID ?? undefined,
})

const KNOWN_TYPES = new Set(['rawData', 'SERVICES'])

function toEntry(r: DatasetV1, options: ApiV1Options, warn: (p: string) => void): DatasetEntry {
  if (r.type && !KNOWN_TYPES.has(r.type)) warn(`unknown type "${r.type}" (expected rawData or SERVICES)`)
  const views = toCount(r.viewCount, 'viewCount', warn)
  const downloads = toCount(r.downloadCount, 'downloadCount', warn)
  const title = r.title.trim()
  return {
    id: r.identifier.trim(), title,
    description: r.description ?? undefined, category: r.categoryCode ?? undefined, frequency: r.accrualPeriodicity ?? undefined,
    issued: r.issued ?? undefined, modified: r.modified ?? undefined,
    metadataModified: r.modified ?? undefined, // v1 `modified` is 詮釋資料最後更新時間 (see the list API's help text)
    license: r.license ?? undefined,
    landingPage: r.landingPage ?? undefined, // as given: today's data.gov.tw/dataset/{numeric id} is unknown for a v1 id
    feeNote: r.cost ?? undefined, remarks: [r.notes ?? ''], keywords: splitKeywords(r.keyword ?? []),
    language: r.language ?? undefined, spatial: r.spatial ?? undefined,
    temporalFrom: r.temporalCoverageFrom ?? undefined, temporalTo: r.temporalCoverageTo ?? undefined,
    publisherName: r.publisher ?? undefined, publisherCode: r.publisherOrgCode ?? undefined,
    contact: {
      organization: r.publisher?.trim(), person: r.publisherContactName?.trim(),
      phone: r.publisherContactPhone?.trim(), email: r.publisherContactEmail?.trim(),
    },
    fieldDescription: r.fieldDescription ?? undefined,
    isService: r.type === 'SERVICES',
    recordCount: r.numberOfData === null || r.numberOfData === undefined ? undefined : String(r.numberOfData),
    distributions: (r.distribution ?? []).map(toDistribution(title)),
    ...(views !== undefined || downloads !== undefined ? { usage: { views, downloads, observedOn: options.observedOn } } : {}),
  }
}

/**
 * Import one API v1 dataset response: the same dataset model as the export (so both paths agree), plus keywords,
 * language, spatial and temporal coverage, and view/download counts. `Comments` are dropped on purpose: they carry
 * commenters' names, e-mails and account names (some look like national ID numbers), i.e. personal data under
 * 個人資料保護法, and are discussion, not catalogue metadata. Personal contacts follow `includePersonalContacts`.
 */
export function importDataGovTwApiV1(jsonText: string, ctx: ImportContext, options: ApiV1Options = {}): ImportResult {
  const read = readDataGovTwApiV1(jsonText, ctx.file, options)
  const result = emptyResult()
  result.warnings.push(...read.warnings)
  const lookup = createMappingLookup(options.tables ?? loadDefaultMappingTables(), ctx.iris)
  buildDatasetRecord(read.entry, ctx, lookup, options, result)
  result.stats = {
    rows: 1, datasets: 0, distributions: 0, dataServices: 0, ...result.stats,
    droppedComments: read.droppedComments, warnings: result.warnings.length,
  }
  return result
}

/** Read one API v1 response into a catalogue entry (for the merge of sources); throws as importDataGovTwApiV1 does. */
export function readDataGovTwApiV1(jsonText: string, file: string, options: ApiV1Options = {}): { entry: DatasetEntry; warnings: SourceWarning[]; droppedComments: number } {
  const json = parseJson(jsonText, file)
  const record = unwrap(json, file)
  const warnings: SourceWarning[] = []
  const warn = (problem: string) => warnings.push({ file, problem: `dataset ${record.identifier}: ${problem}` })
  const entry = toEntry(record, options, warn)
  const comments = (json as { result: { Comments?: unknown } }).result.Comments
  return { entry, warnings, droppedComments: Array.isArray(comments) ? comments.length : 0 }
}
