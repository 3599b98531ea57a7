/** Reading a search request: known parameters only, each once; paging limits; dates; codes or IRIs for filters. */
import type { Context } from 'hono'
import type { Iris } from '../model/iris.ts'
import { EU } from '../vocab/index.ts'
import { badRequest } from './errors.ts'

export const DEFAULT_PAGE_SIZE = 20
export const MAX_PAGE_SIZE = 100
/** Deeper pages than this are refused: walk the catalogue (/catalog) or SPARQL for bulk reads. */
export const MAX_PAGE = 1000
export const MAX_QUERY_LENGTH = 200

export interface Paging {
  page: number
  pageSize: number
  offset: number
}

/** The request's parameters, refusing unknown and repeated ones (a typo must not silently widen a search). */
export function readParameters(c: Context, allowed: readonly string[]): Record<string, string | undefined> {
  const values: Record<string, string | undefined> = {}
  for (const [name, all] of Object.entries(c.req.queries())) {
    if (!allowed.includes(name)) throw badRequest(`unknown parameter ${name}; this API takes: ${allowed.join(', ')}`, { parameter: name, allowed: [...allowed] })
    if (all.length > 1) throw badRequest(`parameter ${name} was given ${all.length} times; give it once`, { parameter: name })
    values[name] = all[0] === '' ? undefined : all[0]
  }
  return values
}

function readInteger(name: string, text: string | undefined, fallback: number, min: number, max: number): number {
  if (text === undefined) return fallback
  const value = /^\d{1,9}$/.test(text) ? Number(text) : Number.NaN
  if (!Number.isInteger(value) || value < min || value > max) {
    throw badRequest(`${name} must be an integer from ${min} to ${max} (got ${JSON.stringify(text)})`, { parameter: name, minimum: min, maximum: max })
  }
  return value
}

/** page (1…1000) and page_size (1…100, default 20); over the maximum is 400 naming it. */
export function readPaging(parameters: Record<string, string | undefined>): Paging {
  const pageSize = readInteger('page_size', parameters.page_size, DEFAULT_PAGE_SIZE, 1, MAX_PAGE_SIZE)
  const page = readInteger('page', parameters.page, 1, 1, MAX_PAGE)
  return { page, pageSize, offset: (page - 1) * pageSize }
}

/** The free-text query, bounded in length. */
export function readQueryText(text: string | undefined): string | undefined {
  if (text !== undefined && [...text].length > MAX_QUERY_LENGTH) {
    throw badRequest(`q is longer than ${MAX_QUERY_LENGTH} characters`, { parameter: 'q', maximum: MAX_QUERY_LENGTH })
  }
  return text?.trim() || undefined
}

const DATE = /^(\d{4})(?:-(\d{2})(?:-(\d{2}))?)?$/
const DATE_TIME = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2}(\.\d+)?)?(Z|[+-]\d{2}:\d{2})$/

/** A date bound (YYYY, YYYY-MM, YYYY-MM-DD at the start of that day in Taiwan, +08:00; or a full dateTime) as epoch ms. */
export function readDateBound(name: string, text: string | undefined): number | undefined {
  if (text === undefined) return undefined
  const date = DATE.exec(text)
  const iso = date ? `${date[1]}-${date[2] ?? '01'}-${date[3] ?? '01'}T00:00:00+08:00` : DATE_TIME.test(text) ? text : undefined
  const time = iso ? Date.parse(iso) : Number.NaN
  if (Number.isNaN(time)) throw badRequest(`${name} must be a date (YYYY, YYYY-MM, YYYY-MM-DD) or a dateTime with a zone (got ${JSON.stringify(text)})`, { parameter: name })
  return time
}

const isIri = (value: string) => /^https?:\/\//.test(value)

/** Filters given as an IRI or a short code, made IRIs. */
export function createFilterReader(iris: Iris) {
  return {
    publisher: (value: string | undefined) => (value === undefined ? undefined : isIri(value) ? value : iris.agency(value).value),
    agency: (value: string | undefined) => (value === undefined ? undefined : isIri(value) ? value : iris.agency(value).value),
    /** An EU data theme (`GOVE`) or one of our service categories (`public-information`). */
    theme: (value: string | undefined) =>
      value === undefined ? undefined : isIri(value) ? value : /^[A-Z_]+$/.test(value) ? EU.dataTheme.$iri + value : iris.concept('service-category', value).value,
    format: (value: string | undefined) => (value === undefined ? undefined : isIri(value) ? value : EU.fileType.$iri + value.toUpperCase()),
    license: (value: string | undefined) => (value === undefined ? undefined : isIri(value) ? value : iris.license(value).value),
    level: (value: string | undefined) => (value === undefined ? undefined : isIri(value) ? value : iris.concept('agency-level', value).value),
    lawKind: (value: string | undefined) => (value === undefined ? undefined : isIri(value) ? value : iris.concept('law-kind', value).value),
    /** complete (in the DCAT-AP catalogue) or partial (the 2018 listing's records), or the concept IRI. */
    metadataStatus: (value: string | undefined) =>
      value === undefined ? undefined : isIri(value) ? value : iris.concept('metadata-status', readChoice('status', value, ['complete', 'partial'])!).value,
  }
}

/** A word from a closed list, or 400 naming the list. */
export function readChoice(name: string, value: string | undefined, allowed: readonly string[]): string | undefined {
  if (value !== undefined && !allowed.includes(value)) throw badRequest(`${name} must be one of ${allowed.join(', ')} (got ${JSON.stringify(value)})`, { parameter: name, allowed: [...allowed] })
  return value
}
