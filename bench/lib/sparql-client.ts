/** A small SPARQL protocol client for the benchmark: one timed request, and a bounded closed loop of N clients. */
import { Parser } from 'n3'

export interface Endpoint {
  name: string
  /** The SPARQL protocol URL, e.g. http://127.0.0.1:PORT/sparql. */
  url: string
  /**
   * Form parameter that carries the client's deadline in ms, so the server stops the work too (Virtuoso's
   * `timeout`: past it, an "anytime" partial answer flagged by X-SQL-State, which is counted as a failure here).
   */
  timeoutParam?: string
}

export type ResultKind = 'bindings' | 'triples'

export interface BenchQuery {
  name: string
  /** The query as sent to every endpoint (BASE already prepended). */
  text: string
  kind: ResultKind
}

/** What each kind asks for: SPARQL JSON results, or N-Triples (both engines write it; one triple per line). */
const ACCEPT: Record<ResultKind, string> = {
  bindings: 'application/sparql-results+json',
  triples: 'application/n-triples, text/plain;q=0.9',
}

export interface Reply {
  status: number
  ms: number
  bytes: number
  body: string
}

/** The status a Reply carries when Virtuoso answered 200 with an incomplete ("anytime") result. */
export const PARTIAL_STATUS = 599

/** POST the query form-encoded (SPARQL 1.1 Protocol §2.1.2) and read the whole body; `ms` is until the last byte. */
export async function sendQuery(endpoint: Endpoint, query: BenchQuery, timeoutMs: number): Promise<Reply> {
  const form = new URLSearchParams({ query: query.text })
  // The server's own deadline a little before ours, so that it answers (and stops) before we hang up.
  if (endpoint.timeoutParam) form.set(endpoint.timeoutParam, String(Math.max(1000, timeoutMs - 5000)))
  const started = performance.now()
  // A plain timer rather than AbortSignal.timeout(): that one is unref'd and was seen not to fire under load.
  const controller = new AbortController()
  const timer = setTimeout(() => controller.abort(Object.assign(new Error(`no complete answer within ${timeoutMs} ms`), { name: 'TimeoutError' })), timeoutMs)
  try {
    const response = await fetch(endpoint.url, {
      method: 'POST',
      headers: { 'content-type': 'application/x-www-form-urlencoded', accept: ACCEPT[query.kind] },
      body: form.toString(),
      signal: controller.signal,
    })
    const body = await response.text()
    const ms = performance.now() - started
    const sqlState = response.headers.get('x-sql-state')
    if (sqlState) {
      // Virtuoso answered 200 with an incomplete result: not a success, whatever the status says.
      return { status: PARTIAL_STATUS, ms, bytes: Buffer.byteLength(body), body: `partial result, X-SQL-State ${sqlState}: ${response.headers.get('x-sql-message') ?? ''}` }
    }
    return { status: response.status, ms, bytes: Buffer.byteLength(body), body }
  } finally {
    clearTimeout(timer)
  }
}

/** Rows of a reply: bindings of a JSON result, or triples of an RDF one. Throws when the body is not what was asked. */
export function countRows(kind: ResultKind, body: string): number {
  if (kind === 'bindings') {
    const json = JSON.parse(body) as { boolean?: boolean; results?: { bindings: unknown[] } }
    if (typeof json.boolean === 'boolean') return 1
    if (!Array.isArray(json.results?.bindings)) throw new Error('not a SPARQL JSON result')
    return json.results.bindings.length
  }
  return new Parser({ format: 'N-Triples' }).parse(body).length
}

export interface LoopLimits {
  clients: number
  /** Stop issuing requests after this many (all clients together)… */
  maxRequests: number
  /** …or after this long; every client still sends at least one. */
  maxSeconds: number
  timeoutMs: number
}

export interface LoopResult {
  /** Latency of each successful request, in ms, in completion order. */
  latencies: number[]
  /** One line per failed request (status and the start of the body, or the exception). */
  errors: string[]
  wallSeconds: number
}

/** Run `clients` concurrent request loops (each waits for its reply before sending the next) within `limits`. */
export async function runClosedLoop(endpoint: Endpoint, query: BenchQuery, limits: LoopLimits): Promise<LoopResult> {
  const latencies: number[] = []
  const errors: string[] = []
  const started = performance.now()
  const deadline = started + limits.maxSeconds * 1000
  let issued = 0
  const client = async (index: number) => {
    for (let sent = 0; issued < limits.maxRequests && (sent === 0 || performance.now() < deadline); sent += 1) {
      issued += 1
      try {
        const reply = await sendQuery(endpoint, query, limits.timeoutMs)
        if (reply.status === 200) latencies.push(reply.ms)
        else errors.push(`HTTP ${reply.status}: ${reply.body.slice(0, 200)}`)
      } catch (error) {
        errors.push(`client ${index}: ${(error as Error).message}`)
      }
    }
  }
  await Promise.all(Array.from({ length: limits.clients }, (_, i) => client(i)))
  return { latencies, errors, wallSeconds: (performance.now() - started) / 1000 }
}

/** Nearest-rank percentile (p in 0..100) of `values`; NaN when empty. With fewer than 100 samples p99 is the maximum. */
export function percentile(values: number[], p: number): number {
  if (values.length === 0) return Number.NaN
  const sorted = values.slice().sort((a, b) => a - b)
  return sorted[Math.min(sorted.length - 1, Math.max(0, Math.ceil((p / 100) * sorted.length) - 1))]!
}

/** Median of finite values; NaN when there are none. */
export function median(values: number[]): number {
  const finite = values.filter(Number.isFinite)
  return finite.length === 0 ? Number.NaN : percentile(finite, 50)
}
