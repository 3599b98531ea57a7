/** From a QueryRequest to what the engine runs: the guard, then the media types oxigraph 0.5 serialises per form. */
import { AppError } from '../errors.ts'
import { DEFAULT_QUERY_LIMITS, guardQueryText, type QueryLimits } from '../query/guard.ts'
import type { EngineQuery } from './embedded-engine.ts'
import type { QueryForm, QueryRequest } from './types.ts'

/** SPARQL 1.1 Query Results formats, for SELECT and ASK. */
export const RESULTS_MEDIA_TYPES = [
  'application/sparql-results+json',
  'application/sparql-results+xml',
  'text/csv',
  'text/tab-separated-values',
] as const

/** RDF formats, for CONSTRUCT and DESCRIBE (JSON-LD is oxigraph's expanded form; framing is done elsewhere). */
export const GRAPH_MEDIA_TYPES = [
  'text/turtle',
  'application/n-triples',
  'application/n-quads',
  'application/trig',
  'application/rdf+xml',
  'application/ld+json',
  'text/n3',
] as const

/** Media types the engine can answer `form` in. */
export function mediaTypesFor(form: QueryForm): readonly string[] {
  return form === 'SELECT' || form === 'ASK' ? RESULTS_MEDIA_TYPES : GRAPH_MEDIA_TYPES
}

/** The media type (parameters dropped, lower-cased) if the engine can write `form` in it, else AppError 'not_acceptable'. */
export function resolveMediaType(form: QueryForm, mediaType: string): string {
  const essence = mediaType.split(';')[0]!.trim().toLowerCase()
  const offered = mediaTypesFor(form)
  if (!offered.includes(essence)) {
    throw new AppError('not_acceptable', `a ${form} query cannot be answered as ${essence}; supported: ${offered.join(', ')}`, { form, offered })
  }
  return essence
}

/** Guard the text and resolve the media type, so that nothing unchecked reaches the engine. */
export function prepareQuery(request: QueryRequest, { limits = DEFAULT_QUERY_LIMITS, baseIri }: { limits?: QueryLimits; baseIri?: string }): EngineQuery {
  const guarded = guardQueryText(request.query, limits)
  const base = request.baseIri ?? baseIri
  return {
    query: request.query,
    form: guarded.form,
    mediaType: resolveMediaType(guarded.form, request.mediaType),
    hasDatasetClause: guarded.hasDatasetClause,
    ...(request.defaultGraphUris ? { defaultGraphUris: request.defaultGraphUris } : {}),
    ...(request.namedGraphUris ? { namedGraphUris: request.namedGraphUris } : {}),
    ...(base ? { baseIri: base } : {}),
  }
}
