/** Read a SPARQL 1.1 Protocol request (§2.1): GET parameters, direct POST, or URL-encoded POST — one meaning or a 4xx. */
import type { Context } from 'hono'
import { FORMATS } from '../serialize/formats.ts'
import { badRequest, forbidden, unsupportedMediaType } from './errors.ts'

export interface SparqlOperation {
  query?: string
  /** Present when the client asked for an update; this endpoint is read-only. */
  update?: string
  defaultGraphUris: string[]
  namedGraphUris: string[]
  /** The `format` override parameter. */
  format?: string
}

export const QUERY_CONTENT_TYPES = ['application/sparql-query', 'application/x-www-form-urlencoded'] as const

const SINGLE = ['query', 'update', 'format'] as const

/** `format` values other clients send for our format ids (SPARQLWrapper sends its own names: turtle, json-ld, rdf+xml). */
const FORMAT_ALIASES: Record<string, string> = { turtle: 'ttl', 'json-ld': 'jsonld', 'rdf+xml': 'rdf', ntriples: 'nt', 'n-triples': 'nt', nquads: 'nq', 'n-quads': 'nq' }

/** Our format id for a `format` value (id, alias or media type); an unknown value is kept, to be refused by name later. */
export function normalizeFormatParameter(value: string): string {
  const wanted = value.trim().toLowerCase()
  return FORMAT_ALIASES[wanted] ?? FORMATS.find((format) => format.id === wanted)?.id ?? FORMATS.find((format) => format.mediaTypes.includes(wanted))?.id ?? value
}

/**
 * Whether several values of a parameter mean one thing. Only `format` may repeat, when every value names the same
 * format: SPARQLWrapper sends `format=tsv&format=text/tab-separated-values`. Anything else given twice is ambiguous.
 */
function isOneMeaning(name: (typeof SINGLE)[number], values: string[]): boolean {
  return name === 'format' && new Set(values.map(normalizeFormatParameter)).size === 1
}
const GRAPHS = ['default-graph-uri', 'named-graph-uri'] as const

function mediaTypeOf(contentType: string | undefined): { type: string | undefined; charset: string | undefined } {
  if (!contentType) return { type: undefined, charset: undefined }
  const [type, ...params] = contentType.split(';').map((part) => part.trim())
  const charset = params.find((param) => /^charset=/i.test(param))?.split('=')[1]?.replace(/"/g, '').toLowerCase()
  return { type: type?.toLowerCase(), charset }
}

/** The body as UTF-8; invalid bytes are an error, not replacement characters. */
async function readUtf8(c: Context): Promise<string> {
  try {
    return new TextDecoder('utf-8', { fatal: true }).decode(await c.req.arrayBuffer())
  } catch {
    throw badRequest('the request body is not valid UTF-8 (SPARQL 1.1 Protocol §2.1.2 requires UTF-8)')
  }
}

/** Merge URL and body parameters; a single-valued parameter given twice, or in both places, is ambiguous. */
function mergeParameters(url: URLSearchParams, body: URLSearchParams | undefined): SparqlOperation {
  const op: SparqlOperation = { defaultGraphUris: [], namedGraphUris: [] }
  for (const name of SINGLE) {
    const values = [...url.getAll(name), ...(body?.getAll(name) ?? [])]
    if (values.length > 1 && !isOneMeaning(name, values)) {
      const where = url.has(name) && body?.has(name) ? 'both in the URL and in the body' : `${values.length} times`
      throw badRequest(`the ${name} parameter is given ${where}; give it exactly once`, { parameter: name })
    }
    if (values[0] !== undefined) op[name] = name === 'format' ? normalizeFormatParameter(values[0]) : values[0]
  }
  for (const name of GRAPHS) {
    if (url.has(name) && body?.has(name)) throw badRequest(`the ${name} parameter is given both in the URL and in the body; give the dataset in one place`, { parameter: name })
    const values = [...url.getAll(name), ...(body?.getAll(name) ?? [])]
    if (name === 'default-graph-uri') op.defaultGraphUris = values
    else op.namedGraphUris = values
  }
  return op
}

/** Parse the protocol operation of a GET or POST to /sparql. */
export async function readSparqlOperation(c: Context): Promise<SparqlOperation> {
  const url = new URL(c.req.url).searchParams
  if (c.req.method === 'GET' || c.req.method === 'HEAD') return mergeParameters(url, undefined)
  const { type, charset } = mediaTypeOf(c.req.header('content-type'))
  if (charset && charset !== 'utf-8' && charset !== 'utf8') {
    throw unsupportedMediaType(c.req.header('content-type'), QUERY_CONTENT_TYPES.map((t) => `${t}; charset=utf-8`))
  }
  if (type === 'application/sparql-query') {
    const op = mergeParameters(url, undefined)
    if (op.query !== undefined) throw badRequest('the query is given both in the URL and as the body; send it once')
    return { ...op, query: await readUtf8(c) }
  }
  if (type === 'application/x-www-form-urlencoded') return mergeParameters(url, new URLSearchParams(await readUtf8(c)))
  if (type === 'application/sparql-update') throw forbidden('this endpoint is read-only: SPARQL Update is not accepted')
  throw unsupportedMediaType(c.req.header('content-type'), QUERY_CONTENT_TYPES)
}
