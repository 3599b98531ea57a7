/** AppError → HTTP: the only code → status map, the small error constructors, and problem+json (RFC 9457) in one place. */
import type { Context } from 'hono'
import { HTTPException } from 'hono/http-exception'
import type { Logger } from 'pino'
import { AppError, type ErrorCode } from '../errors.ts'
import type { PageLanguage } from '../pages/labels.ts'
import { renderErrorPage } from '../pages/simple-pages.ts'
import { FORMATS } from '../serialize/formats.ts'
import { prefersHtml } from '../serialize/negotiate.ts'

const STATUS: Record<ErrorCode, number> = {
  bad_request: 400,
  bad_query: 400,
  invalid_data: 400,
  // RFC 9110 §15.5.21: the body parses but what it says cannot be done (a dataset that is not there, a status not in the list).
  unprocessable: 422,
  unauthorized: 401,
  forbidden: 403,
  not_found: 404,
  // A withdrawn record: its IRI stays, answered with a tombstone (src/sync/tombstone.ts).
  gone: 410,
  conflict: 409,
  // RFC 9110 §13.1: If-Match did not match (no lost update); RFC 6585 §3: a replace must bring If-Match.
  precondition_failed: 412,
  precondition_required: 428,
  method_not_allowed: 405,
  not_acceptable: 406,
  payload_too_large: 413,
  unsupported_media_type: 415,
  overloaded: 429,
  // This client's queries cost too many replicas lately (src/http/client-strikes.ts).
  rate_limited: 429,
  // nginx's "Client Closed Request": the client left while its query waited, so nobody reads this answer; the
  // status only tells the log and /metrics that the query was dropped, not run.
  cancelled: 499,
  internal: 500,
  // A method this server does not implement at all (RFC 9110 §15.6.2); one it knows but a route does not serve is 405.
  not_implemented: 501,
  invalid_config: 500,
  // A stopped query is the server's limit, not the client's mistake: 503 with the reason (SPARQL 1.1 Protocol §2.1.4 leaves it open).
  timeout: 503,
  // The query exhausted the engine's memory or stack (and cost a replica): a limit of this server, like the deadline.
  engine_limit: 503,
  unavailable: 503,
  // Waited for a free slot past QUERY_QUEUE_TIMEOUT_MS: the endpoint is busy (RFC 9110 §15.6.4), not the query wrong.
  queue_timeout: 503,
}

/** Codes answered with Retry-After, and the seconds said when the error brings no estimate of its own. */
const RETRY_AFTER_SECONDS: Partial<Record<ErrorCode, number>> = { overloaded: 1, rate_limited: 60, queue_timeout: 1, unavailable: 5 }

const TITLES: Record<number, string> = {
  400: 'Bad Request', 401: 'Unauthorized', 403: 'Forbidden', 404: 'Not Found', 405: 'Method Not Allowed',
  406: 'Not Acceptable', 409: 'Conflict', 410: 'Gone', 412: 'Precondition Failed', 428: 'Precondition Required', 413: 'Content Too Large', 415: 'Unsupported Media Type', 422: 'Unprocessable Content', 429: 'Too Many Requests',
  499: 'Client Closed Request', 500: 'Internal Server Error', 501: 'Not Implemented', 503: 'Service Unavailable',
}

/** The HTTP status of an error code. */
export const statusOf = (code: ErrorCode): number => STATUS[code]

export const badRequest = (message: string, details?: Record<string, unknown>) => new AppError('bad_request', message, details)
export const badQuery = (message: string, details?: Record<string, unknown>) => new AppError('bad_query', message, details)
export const forbidden = (message: string) => new AppError('forbidden', message)
export const notFound = (what: string) => new AppError('not_found', `${what} was not found`)
export const methodNotAllowed = (method: string, allow: readonly string[], why?: string) =>
  new AppError('method_not_allowed', `method ${method} is not allowed here${why ? ` (${why})` : ''}; use ${allow.join(' or ')}`, { allow })
export const unsupportedMediaType = (given: string | undefined, supported: readonly string[]) =>
  new AppError('unsupported_media_type', `${given ? `Content-Type ${given} is not supported` : 'a Content-Type header is required'}; send one of: ${supported.join(', ')}`, { supported })
export const payloadTooLarge = (what: string, limitBytes: number) =>
  new AppError('payload_too_large', `${what} is larger than the limit of ${limitBytes} bytes`, { limitBytes })
export const overloaded = (retryAfterSeconds: number) =>
  new AppError('overloaded', `too many queries are running or waiting; retry after ${retryAfterSeconds} s`, { retryAfterSeconds })
export const queueTimeout = (queueTimeoutMs: number, retryAfterSeconds: number) =>
  new AppError('queue_timeout', `the query waited ${queueTimeoutMs} ms in the queue, the most this endpoint lets a query wait, without starting: the endpoint is busy and the query was not run; retry after ${retryAfterSeconds} s`, { queueTimeoutMs, retryAfterSeconds })
export const rateLimited = (limit: number, windowMs: number, retryAfterSeconds: number) =>
  new AppError('rate_limited', `${limit} queries from your address were stopped at the deadline or by the engine's limit in the last ${Math.round(windowMs / 60_000)} min, each costing a replica of the store; queries from it are refused for ${retryAfterSeconds} s. Simplify them or add a LIMIT`, { retryAfterSeconds })
export const cancelled = () => new AppError('cancelled', 'the client closed the request before its query started; it was not run')
export const queryTimeout = (timeoutMs: number) =>
  new AppError('timeout', `the query was stopped after ${timeoutMs} ms (the limit of this endpoint); simplify it or add a LIMIT`, { timeoutMs })
export const unavailable = (message: string) => new AppError('unavailable', message)

/** Normalise anything thrown into an AppError; Hono's own HTTPExceptions keep their status meaning. */
export function toAppError(error: unknown): AppError {
  if (error instanceof AppError) return error
  if (error instanceof HTTPException) {
    const code = (Object.entries(STATUS).find(([, status]) => status === error.status)?.[0] ?? 'internal') as ErrorCode
    return new AppError(code, error.message || TITLES[error.status] || 'error', {}, { cause: error })
  }
  return new AppError('internal', 'internal error', {}, { cause: error })
}

/** Details safe to show a client: scalar or string-array members only, never causes or stacks. */
function publicDetails(details: Record<string, unknown>): Record<string, unknown> {
  return Object.fromEntries(Object.entries(details).filter(([, value]) =>
    ['string', 'number', 'boolean'].includes(typeof value) || (Array.isArray(value) && value.every((item) => typeof item === 'string'))))
}

/** What a problem is offered as besides HTML: JSON (application/problem+json is JSON). */
const PROBLEM_FORMATS = FORMATS.filter((format) => format.id === 'json')

/** The page language of an error page: `?lang=`, else the first of Accept-Language; Chinese by default. */
function pageLanguageOf(c: Context): PageLanguage {
  const parameter = new URL(c.req.url).searchParams.get('lang')
  if (parameter === 'en' || parameter === 'zh') return parameter
  return /^\s*en\b/i.test(c.req.header('accept-language') ?? '') ? 'en' : 'zh'
}

/** Build the problem+json response; 5xx are logged with details and answered without them. */
export function problemResponse(c: Context, thrown: unknown, logger: Logger): Response {
  const error = toAppError(thrown)
  const status = statusOf(error.code)
  // Limits reached under load (deadline, queue wait, loading) are expected answers, not failures to log.
  const isServerError = status >= 500 && !['timeout', 'engine_limit', 'queue_timeout', 'unavailable', 'not_implemented'].includes(error.code)
  if (isServerError) logger.error({ err: thrown, code: error.code, path: c.req.path }, 'request failed')
  const body = {
    type: 'about:blank',
    title: TITLES[status] ?? 'Error',
    status,
    code: error.code,
    detail: isServerError ? 'the server failed to answer this request; the error is logged' : error.message,
    ...(isServerError ? {} : publicDetails(error.details)),
  }
  // A person who followed a dead link gets a page in the site's layout; API clients (Accept: JSON) the problem.
  if (error.code === 'not_found' && prefersHtml(c.req.header('accept'), PROBLEM_FORMATS)) {
    return c.html(renderErrorPage({ status, title: body.title, detail: body.detail }, { origin: '', language: pageLanguageOf(c), path: c.req.path }), 404, { Vary: 'Accept' })
  }
  const headers: Record<string, string> = { 'Content-Type': 'application/problem+json' }
  if (error.code === 'method_not_allowed' && Array.isArray(error.details.allow)) headers.Allow = (error.details.allow as string[]).join(', ')
  // RFC 6750 §3: a 401 names the scheme; only Bearer tokens in the Authorization header are accepted here.
  if (error.code === 'unauthorized') headers['WWW-Authenticate'] = `Bearer realm="ogd"${typeof error.details.bearerError === 'string' ? `, error="${error.details.bearerError}"` : ''}`
  const retryAfter = RETRY_AFTER_SECONDS[error.code]
  if (retryAfter !== undefined) headers['Retry-After'] = String(error.details.retryAfterSeconds ?? retryAfter)
  // c.body keeps headers already set on the context (CORS, Vary) on the error response too.
  return c.body(JSON.stringify(body), status as 400, headers)
}
