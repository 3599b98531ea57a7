/** The SPARQL 1.1 Protocol endpoint, read-only: GET and POST /sparql, plus the shared query execution. */
import { createHash } from 'node:crypto'
import { Hono, type Context } from 'hono'
import { AppError } from '../errors.ts'
import { contentTypeOf, FORMATS, formatsOfKind, type Format } from '../serialize/formats.ts'
import { formatFromParameter, negotiate, prefersHtml } from '../serialize/negotiate.ts'
import { runFederatedQuery } from '../federation/federated-query.ts'
import { guardQueryText, type GuardedQuery } from '../query/guard.ts'
import { explainSyntaxError, formatSyntaxProblem } from '../query/syntax-error.ts'
import type { QueryForm, QueryRequest, QueryResult } from '../store/types.ts'
import { PREFIXES } from '../vocab/index.ts'
import type { AppEnv, RouteDeps } from './deps.ts'
import { clientOf } from './client-strikes.ts'
import { badQuery, badRequest, forbidden, queryTimeout, rateLimited } from './errors.ts'
import { readSparqlOperation } from './sparql-request.ts'
import { serviceDescriptionResponse } from './service-description.ts'
import { uiResponse } from './ui.ts'

export interface QueryInput {
  query: string
  defaultGraphUris?: string[]
  namedGraphUris?: string[]
  /** The `format` parameter, if given; otherwise the Accept header decides. */
  format?: string
}

/**
 * A backstop past the query deadline, for stores that cannot stop a query themselves: the embedded store stops
 * it at the deadline (terminating the worker) and answers first, with its own message.
 */
const DEADLINE_GRACE_MS = 250

/** The store's guard (size, nesting, length, form — before any parser sees the text), then the SERVICE rule. */
export function checkQueryText(query: string, { config }: Pick<RouteDeps, 'config'>): GuardedQuery {
  let guarded: GuardedQuery
  try {
    guarded = guardQueryText(query, { maxBytes: config.maxQueryBytes, maxDepth: config.maxQueryDepth, ...(config.maxQueryTokens !== undefined ? { maxTokens: config.maxQueryTokens } : {}) })
  } catch (error) {
    // The guard refuses updates as bad_request; say what this endpoint accepts instead.
    if (error instanceof AppError && error.code === 'bad_request' && error.details.keyword !== undefined) {
      throw badQuery('this is a SPARQL Update, not a query; this endpoint is read-only and accepts SELECT, ASK, CONSTRUCT and DESCRIBE', { keyword: String(error.details.keyword) })
    }
    throw error
  }
  const refused = guarded.services.filter((service) => !config.serviceAllowlist.includes(service))
  if (refused.length > 0) {
    throw badQuery(config.serviceAllowlist.length === 0
      ? `SERVICE (federated query) is disabled on this endpoint; remove the SERVICE clause for ${refused.join(', ')}`
      : `SERVICE ${refused.join(', ')} is not allowed; allowed endpoints: ${config.serviceAllowlist.join(', ')}`, { services: refused })
  }
  return guarded
}

/**
 * Engine errors → AppError: oxigraph's parser says `error at LINE:COLUMN: message`; with the query text, that
 * becomes a readable explanation with a caret (src/query/syntax-error.ts), never the engine's grammar dump.
 */
export function toQueryError(error: unknown, query?: string): unknown {
  if (!(error instanceof Error) || (error instanceof AppError && error.code !== 'bad_query')) return error
  const position = /^(?:[\w ]*: )?error at (\d+):(\d+): ([\s\S]*)$/.exec(error.message)
  if (position && query !== undefined) {
    const problem = explainSyntaxError(query, Number(position[1]), Number(position[2]))
    return badQuery(formatSyntaxProblem(problem), { line: problem.line, column: problem.column, explanation: problem.explanation, excerpt: problem.excerpt, mistake: problem.kind })
  }
  if (position) {
    return badQuery(`syntax error at line ${position[1]}, column ${position[2]}: ${position[3]}`, { line: Number(position[1]), column: Number(position[2]) })
  }
  if (error instanceof AppError) return error
  if (/is not supported|unsupported/i.test(error.message)) return badQuery(error.message)
  return error
}

function withDeadline<T>(work: Promise<T>, timeoutMs: number): Promise<T> {
  let timer: NodeJS.Timeout | undefined
  const deadline = new Promise<never>((_, reject) => { timer = setTimeout(() => reject(queryTimeout(timeoutMs)), timeoutMs + DEADLINE_GRACE_MS) })
  return Promise.race([work, deadline]).finally(() => clearTimeout(timer))
}

// A `format` naming a syntax family (SPARQLWrapper's default `xml`, or `json`) means its RDF form for a graph.
const GRAPH_FORMAT_OF_FAMILY: Record<string, string> = { xml: 'rdf', json: 'jsonld' }

function chooseFormat(c: Context, form: QueryForm, format: string | undefined): Format {
  const isGraph = form === 'CONSTRUCT' || form === 'DESCRIBE'
  const offered = formatsOfKind(isGraph ? 'graph' : 'results')
  if (format === undefined) return negotiate(c.req.header('accept'), offered)
  return formatFromParameter((isGraph && GRAPH_FORMAT_OF_FAMILY[format]) || format, offered)
}

/** The store, or Comunica over the store and the allow-listed endpoints when the query has SERVICE clauses. */
function evaluate(deps: RouteDeps, guarded: GuardedQuery, request: QueryRequest & { timeoutMs: number }): Promise<QueryResult> {
  if (guarded.services.length === 0) return deps.store.query(request)
  const hasDataset = guarded.hasDatasetClause || !!request.defaultGraphUris?.length || !!request.namedGraphUris?.length
  return runFederatedQuery({ query: request.query, form: guarded.form, mediaType: request.mediaType, timeoutMs: request.timeoutMs, hasDataset, ...(request.baseIri ? { baseIri: request.baseIri } : {}) }, deps)
}

/**
 * Check, run (within the limiter and the deadline) and serialise one query. The response is sent only once the
 * whole result is in hand: a result is complete, or the answer is an error saying why it stopped — never cut.
 * A client waits at most QUERY_QUEUE_TIMEOUT_MS for a slot, then at most the deadline (plus DEADLINE_GRACE_MS).
 */
export async function executeQuery(c: Context<AppEnv>, deps: RouteDeps, input: QueryInput): Promise<Response> {
  const { config, limiter, metrics, resultCache, strikes } = deps
  c.set('queryHash', createHash('sha256').update(input.query).digest('hex').slice(0, 16))
  const client = clientOf(c)
  const waitSeconds = strikes.refusal(client)
  if (waitSeconds !== undefined) throw rateLimited(config.queryStrikeLimit, config.queryStrikeWindowMs, waitSeconds)
  const guarded = checkQueryText(input.query, deps)
  c.set('queryForm', guarded.form)
  const format = chooseFormat(c, guarded.form, input.format)
  const request = {
    query: input.query,
    mediaType: format.resultsFormat,
    timeoutMs: config.queryTimeoutMs,
    baseIri: `${config.baseIri}/sparql`,
    ...(input.defaultGraphUris?.length ? { defaultGraphUris: input.defaultGraphUris } : {}),
    ...(input.namedGraphUris?.length ? { namedGraphUris: input.namedGraphUris } : {}),
  }
  let result: QueryResult
  let cached = false
  // When the query started running: writing its answer as JSON-LD gets what is left of the same deadline.
  let startedAt: number | undefined
  try {
    // A client that leaves while queued is dropped from the queue. One that leaves while its query runs does not
    // stop it: the query keeps its slot until it ends or its deadline stops it (the embedded store terminates the
    // worker and starts another replica), so nothing stays busy past the deadline. Stopping it at once would cost
    // a replica reload (the whole graph) for every client that gives up, more than finishing a bounded query.
    // A repeated query is answered from the cache without waiting for a slot (src/query/result-cache.ts).
    ;({ result, cached } = await resultCache.run(request, () =>
      limiter.run(() => {
        startedAt = performance.now()
        return withDeadline(evaluate(deps, guarded, request), config.queryTimeoutMs)
      }, { signal: c.req.raw.signal })))
  } catch (error) {
    if (!(error instanceof AppError)) throw toQueryError(error, input.query)
    if (error.code === 'timeout') metrics.countKilled()
    if (error.code === 'overloaded') metrics.countRejected()
    // Stopped at the deadline, or past the engine's memory: each cost a replica (not a repeat, refused before running).
    if (error.code === 'timeout' || (error.code === 'engine_limit' && !error.details.repeated)) strikes.record(client)
    // Most often whoever hit the engine's memory wanted everything: say where everything is.
    if (error.code === 'engine_limit') throw new AppError('engine_limit', `${error.message}; the whole graph is at ${config.baseIri}/dump.nq.gz`, error.details)
    throw toQueryError(error, input.query)
  }
  const leftMs = config.queryTimeoutMs - (startedAt === undefined ? 0 : performance.now() - startedAt)
  // Off the event loop and within the deadline (src/serialize/jsonld-pool.ts); the engine wrote every other format.
  const body = format.id === 'jsonld' ? await deps.jsonLd.serialize(result.body, PREFIXES, leftMs) : result.body
  // RFC 9211 Cache-Status: whether this answer was evaluated for this request or reused.
  return c.body(body, 200, { 'Content-Type': contentTypeOf(format), Vary: 'Accept', 'Cache-Status': cached ? 'ogd-sparql; hit' : 'ogd-sparql; fwd=miss' })
}

async function handleSparql(c: Context<AppEnv>, deps: RouteDeps): Promise<Response> {
  const op = await readSparqlOperation(c)
  if (op.update !== undefined) throw forbidden('this endpoint is read-only: SPARQL Update is not accepted')
  // A browser opening /sparql (or a shared link /sparql?query=…) gets the query UI, which reads the query from its URL.
  if (c.req.method === 'GET' && op.format === undefined && prefersHtml(c.req.header('accept'), FORMATS)) return uiResponse(c, deps)
  if (op.query === undefined) {
    if (c.req.method === 'POST') throw badRequest('no query: send a query parameter (URL-encoded form) or an application/sparql-query body')
    return serviceDescriptionResponse(c, deps, op.format)
  }
  return executeQuery(c, deps, { query: op.query, defaultGraphUris: op.defaultGraphUris, namedGraphUris: op.namedGraphUris, format: op.format })
}

/** GET/POST /sparql; any other method is 405 with Allow (src/http/method-routing.ts reads them from here). */
export const sparqlRoutes = (deps: RouteDeps) =>
  new Hono<AppEnv>()
    .on(['GET', 'POST'], '/sparql', (c) => handleSparql(c, deps))
