/** Server configuration, parsed once from the environment with zod; a bad value names its variable. */
import { z } from 'zod'
import { AppError } from './errors.ts'
import { parseTrustProxy } from './proxy-trust.ts'
import { defaultBaseIri } from './base-address.ts'

const integer = (fallback: number, min: number, max = Number.MAX_SAFE_INTEGER) =>
  z.coerce.number().int().min(min).max(max).default(fallback)

/** A comma-separated list of absolute http(s) IRIs (empty means none). */
const iriList = z
  .string()
  .default('')
  .transform((value) => value.split(',').map((item) => item.trim()).filter(Boolean))
  .pipe(z.array(z.url({ protocol: /^https?$/ })))

const envSchema = z.object({
  PORT: integer(8080, 0, 65535),
  HOST: z.string().min(1).default('0.0.0.0'),
  // Unset: the listen address (src/base-address.ts), so IRIs dereference on this server.
  BASE_IRI: z
    .url({ protocol: /^https?$/ })
    .transform((iri) => iri.replace(/\/+$/, ''))
    .optional(),
  SNAPSHOT_DIR: z.string().min(1).default('data/snapshot'),
  QUERIES_DIR: z.string().min(1).default('queries'),
  QUERY_TIMEOUT_MS: integer(30_000, 1),
  QUERY_CONCURRENCY: integer(2, 1, 256),
  // Loaded replicas held in reserve, each a copy of the graph: one takes a killed or crashed replica's place at once.
  QUERY_STANDBY_REPLICAS: integer(0, 0, 16),
  // The engine's memory image beside the snapshot (src/store/engine-image.ts): a restart restores it in seconds instead of parsing.
  QUERY_ENGINE_IMAGE: z.enum(['on', 'off']).default('on'),
  QUERY_QUEUE: integer(32, 0, 100_000),
  // A client's total wait is at most this plus the deadline: a busy endpoint says so (503) rather than answer late.
  QUERY_QUEUE_TIMEOUT_MS: integer(10_000, 1),
  // Results stay exact until the next write (src/query/result-cache.ts); 0 turns the cache off.
  QUERY_CACHE_BYTES: integer(64 * 1024 * 1024, 0),
  // Queries of one client that may cost a replica (deadline, engine limit) within the window before it is refused; 0 = off.
  QUERY_STRIKE_LIMIT: integer(3, 0),
  QUERY_STRIKE_WINDOW_MS: integer(10 * 60_000, 1),
  MAX_QUERY_BYTES: integer(64 * 1024, 16),
  // oxigraph 0.5's parser overflows the WASM stack near 700 nested brackets (design §4): 256 leaves a margin.
  MAX_QUERY_DEPTH: integer(64, 1, 256),
  MAX_BODY_BYTES: integer(256 * 1024, 16),
  // Bodies of writes: a record (PUT) or a day's change export (POST /admin/sync, ~1,000 records ≈ 5 MB).
  MAX_WRITE_BYTES: integer(32 * 1024 * 1024, 16),
  // A SPARQL Update that may touch every graph runs on a copy of the whole store: refused past this many quads.
  UPDATE_MAX_COPY_QUADS: integer(2_000_000, 0),
  SERVICE_ALLOWLIST: iriList,
  SERVICE_MAX_LOCAL_QUADS: integer(100_000, 1, 10_000_000),
  // Peers whose X-Forwarded-… and Forwarded headers count (src/proxy-trust.ts): off unless set.
  TRUST_PROXY: z.string().default('').refine((value) => { try { parseTrustProxy(value); return true } catch { return false } }, 'expected a hop count, true, or addresses and CIDR ranges (or loopback, linklocal, uniquelocal) separated by commas'),
  LOG_LEVEL: z.enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent']).default('info'),
})

export interface Config {
  port: number
  host: string
  /** Base of every IRI we mint and serve, without a trailing slash. */
  baseIri: string
  snapshotDir: string
  queriesDir: string
  queryTimeoutMs: number
  queryConcurrency: number
  queryStandbyReplicas: number
  /** Restore replicas from the engine image beside the snapshot, writing it on the first load (QUERY_ENGINE_IMAGE, default on). */
  queryEngineImage?: boolean
  queryQueue: number
  /** The longest a /sparql query waits in the queue for a slot before it is answered 503 and dropped. */
  queryQueueTimeoutMs: number
  /** Bytes of query results kept for repeated queries (0: no cache). */
  queryCacheBytes: number
  /** Queries of one client stopped at the deadline or by the engine's limit, within the window, before its queries are refused (0: never). */
  queryStrikeLimit: number
  queryStrikeWindowMs: number
  maxQueryBytes: number
  maxQueryDepth: number
  maxBodyBytes: number
  /** Largest body of a write (PUT of a record, POST /admin/sync, SPARQL Update, Graph Store PUT/POST). */
  maxWriteBytes: number
  /** Largest store an update on every graph (GRAPH ?g, CLEAR ALL…) may copy (src/update/run-update.ts). */
  updateMaxCopyQuads: number
  /** Endpoints a SERVICE clause may call; empty refuses every SERVICE. */
  serviceAllowlist: string[]
  /** Most local quads a federated query may draw from our store (past it the query is refused, never cut). */
  serviceMaxLocalQuads: number
  /**
   * Let federated queries reach loopback addresses (never through a redirect, never private or link-local ones).
   * Never read from the environment: only tests set it, to stand a second local server in for a remote endpoint.
   */
  allowLoopbackForTests?: boolean
  /** TRUST_PROXY as written (src/proxy-trust.ts); absent or empty: no peer's forwarded headers are trusted. */
  trustProxy?: string
  /** Tokens a query may have outside VALUES (the guard's default when absent). Not read from the environment. */
  maxQueryTokens?: number
  logLevel: z.infer<typeof envSchema>['LOG_LEVEL']
}

/** Read the configuration from `env` (process.env by default); throws AppError('invalid_config') naming each bad variable. */
export function loadConfig(env: Record<string, string | undefined> = process.env): Config {
  const present = Object.fromEntries(Object.entries(env).filter(([, value]) => value !== undefined && value !== ''))
  const parsed = envSchema.safeParse(present)
  if (!parsed.success) {
    const problems = parsed.error.issues.map((issue) => `${issue.path.join('.')}: ${issue.message} (got ${JSON.stringify(present[String(issue.path[0])])})`)
    throw new AppError('invalid_config', `invalid configuration: ${problems.join('; ')}`, { problems })
  }
  const e = parsed.data
  return {
    port: e.PORT,
    host: e.HOST,
    baseIri: e.BASE_IRI ?? defaultBaseIri(e.HOST, e.PORT),
    snapshotDir: e.SNAPSHOT_DIR,
    queriesDir: e.QUERIES_DIR,
    queryTimeoutMs: e.QUERY_TIMEOUT_MS,
    queryConcurrency: e.QUERY_CONCURRENCY,
    queryStandbyReplicas: e.QUERY_STANDBY_REPLICAS,
    queryEngineImage: e.QUERY_ENGINE_IMAGE === 'on',
    queryQueue: e.QUERY_QUEUE,
    queryQueueTimeoutMs: e.QUERY_QUEUE_TIMEOUT_MS,
    queryCacheBytes: e.QUERY_CACHE_BYTES,
    queryStrikeLimit: e.QUERY_STRIKE_LIMIT,
    queryStrikeWindowMs: e.QUERY_STRIKE_WINDOW_MS,
    maxQueryBytes: e.MAX_QUERY_BYTES,
    maxQueryDepth: e.MAX_QUERY_DEPTH,
    maxBodyBytes: e.MAX_BODY_BYTES,
    maxWriteBytes: e.MAX_WRITE_BYTES,
    updateMaxCopyQuads: e.UPDATE_MAX_COPY_QUADS,
    serviceAllowlist: e.SERVICE_ALLOWLIST,
    serviceMaxLocalQuads: e.SERVICE_MAX_LOCAL_QUADS,
    logLevel: e.LOG_LEVEL,
    trustProxy: e.TRUST_PROXY,
  }
}
