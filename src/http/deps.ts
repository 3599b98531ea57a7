/** What every route family is given: the store, the configuration, a logger, and the app's shared machinery. */
import type { CatalogOptions } from '../catalog/catalog-options.ts'
import type { Logger } from 'pino'
import type { TokenVerifier } from '../auth/tokens.ts'
import type { Config } from '../config.ts'
import type { GraphStore } from '../store/types.ts'
import type { Metrics } from './metrics.ts'
import type { ClientStrikes } from './client-strikes.ts'
import type { QueryLimiter } from './query-limiter.ts'
import type { ResultCache } from '../query/result-cache.ts'
import type { JsonLdPool } from '../serialize/jsonld-pool.ts'
import type { StartupReport } from './startup-status.ts'

export interface AppDeps {
  store: GraphStore
  config: Config
  logger: Logger
  /** False while the store is still loading (GET /health answers 503 until then). Default: always ready. */
  isReady?: () => boolean
  /** What the server is doing while not ready (building, loading), for GET /health's 503 (src/http/startup-status.ts). */
  startup?: () => StartupReport
  /** Whether the store's default graph is the union of its named graphs (stated in the service description). Default true. */
  isUnionDefaultGraph?: boolean
  /** Catalogue paging and version retention (defaults in src/catalog/catalog-options.ts). */
  catalog?: Partial<CatalogOptions>
  /** Where query answers are written as JSON-LD, off the event loop (default: a pool of its own). */
  jsonLd?: JsonLdPool
  /** Who may write (default: the tokens file beside the snapshot, src/auth/tokens.ts). */
  tokens?: TokenVerifier
}

export interface RouteDeps extends AppDeps {
  limiter: QueryLimiter
  metrics: Metrics
  /** Answers of repeated queries, dropped at every write. */
  resultCache: ResultCache
  /** Queries per client that cost a replica lately. */
  strikes: ClientStrikes
  jsonLd: JsonLdPool
}

/** Per-request values the request log line reads. */
export type AppEnv = {
  Variables: {
    queryHash?: string
    queryForm?: string
    /** Set by src/http/forwarding.ts: whether this peer's forwarded headers count, and the client's address. */
    isForwardingTrusted?: boolean
    clientAddress?: string
  }
}
