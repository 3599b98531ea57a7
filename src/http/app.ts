/** createApp: the Hono application — middleware (limits, CORS, logs, metrics), route families and the one error handler. */
import { join } from 'node:path'
import { Hono, type MiddlewareHandler } from 'hono'
import { bodyLimit } from 'hono/body-limit'
import { cors } from 'hono/cors'
import type { AppDeps, AppEnv, RouteDeps } from './deps.ts'
import { dumpRoutes } from './dump.ts'
import { payloadTooLarge, problemResponse, statusOf, toAppError } from './errors.ts'
import { forwarding } from './forwarding.ts'
import { healthRoutes } from './health.ts'
import { allowOnOptions, answerUnrouted, readMethodTable, refuseUnknownMethods, refuseWritesWhileOff, type MethodTable } from './method-routing.ts'
import { createMetrics, metricsRoutes } from './metrics.ts'
import { queriesRoutes } from './queries.ts'
import { createClientStrikes } from './client-strikes.ts'
import { createQueryLimiter } from './query-limiter.ts'
import { sparqlRoutes } from './sparql.ts'
import { uiRoutes } from './ui.ts'
import { voidRoutes } from './void.ts'
import { observeGraphChanges } from '../records/graph-changes.ts'
import { createRecordsFamily } from './records-family.ts'
import { catalogRoutes } from './catalog.ts'
import { createResultCache } from '../query/result-cache.ts'
import { createJsonLdPool } from '../serialize/jsonld-pool.ts'
import { createTokenVerifier } from '../auth/tokens.ts'
import { readSyncContext, type SyncContext } from '../sync/sync-context.ts'
import { SYNC_CACHE_FILE } from '../sync/validate-records.ts'
import { adminRoutes } from './admin.ts'
import { recordWriteRoutes } from './record-writes.ts'
import { requestReplyRoutes } from './request-replies.ts'
import { graphStoreReadRoutes, graphStoreWriteRoutes } from './graph-store.ts'

export type { AppDeps } from './deps.ts'

/** One log line per request (never the query text: its hash), and the request metrics. */
function observe(deps: RouteDeps): MiddlewareHandler<AppEnv> {
  return async (c, next) => {
    const started = performance.now()
    let status = 500
    try {
      await next()
      status = c.res.status
    } catch (error) {
      status = statusOf(toAppError(error).code)
      throw error
    } finally {
      const seconds = (performance.now() - started) / 1000
      const route = c.req.routePath && c.req.routePath !== '/*' ? c.req.routePath : 'unmatched'
      deps.metrics.observeRequest(route, c.req.method, status, seconds)
      deps.logger.info({ method: c.req.method, path: c.req.path, route, status, ms: Math.round(seconds * 1000), queryHash: c.get('queryHash'), queryForm: c.get('queryForm') }, 'request')
    }
  }
}

/** The app, and what a server does once its store is ready. */
export type App = Hono<AppEnv> & {
  /**
   * Read what writes need of the graph (the sync context: agencies, laws, the validation background; seconds on the
   * default graph) when a write token exists, so that the first sync or PUT after a start does not wait for it.
   */
  warmUp(): Promise<void>
  /**
   * Read the catalogue's member list, so that the first harvester's first page does not wait for it (on a large
   * catalogue that page reads every member: tens of seconds at 500,000 datasets on Virtuoso).
   */
  warmCatalogue(): Promise<void>
}

/** Build the application around a store; nothing global, so every test builds its own. */
export function createApp(appDeps: AppDeps): App {
  const { config } = appDeps
  // Every route family and every write goes through this wrapper, so record caches and the search index follow changes.
  const store = observeGraphChanges(appDeps.store)
  const metrics = createMetrics()
  const limiter = createQueryLimiter({
    concurrency: config.queryConcurrency,
    queue: config.queryQueue,
    queueTimeoutMs: config.queryQueueTimeoutMs,
    onLeftQueue: (outcome, ms) => metrics.observeQueueWait(outcome, ms),
  })
  const resultCache = createResultCache({ maxBytes: config.queryCacheBytes })
  // Any write may change any answer: the whole cache goes (writes are rare, queries many).
  store.onGraphsReplaced(() => resultCache.invalidate())
  const strikes = createClientStrikes({ limit: config.queryStrikeLimit, windowMs: config.queryStrikeWindowMs })
  const jsonLd = appDeps.jsonLd ?? createJsonLdPool()
  const deps: RouteDeps = { ...appDeps, store, limiter, metrics, resultCache, strikes, jsonLd }
  const app = new Hono<AppEnv>()
  app.use('*', observe(deps))
  // Allow is read from the routes below, once, on the first request that needs it (src/http/method-routing.ts).
  let methods: MethodTable | undefined
  let readMethods: MethodTable | undefined
  const writeApps: Hono<any>[] = []
  // Writes are off until a write token exists (src/http/auth.ts): Allow then names only what is served without them.
  const verifier = appDeps.tokens ?? createTokenVerifier(config.snapshotDir)
  const readTable = () => (readMethods ??= readMethodTable(app, writeApps))
  const methodTable = () => (verifier.hasActiveTokens() ? (methods ??= readMethodTable(app)) : readTable())
  app.use('*', refuseUnknownMethods)
  app.use('*', allowOnOptions(methodTable))
  app.use('*', forwarding(config))
  // Reads are public: any origin may query (SPARQL 1.1 Protocol is a read API here).
  app.use('*', cors({
    origin: '*',
    allowMethods: ['GET', 'HEAD', 'POST', 'OPTIONS', 'PUT', 'DELETE'],
    allowHeaders: ['Content-Type', 'Accept', 'Accept-Language', 'Accept-Profile', 'If-None-Match', 'If-Modified-Since', 'Authorization', 'If-Match'],
    exposeHeaders: ['ETag', 'Link', 'Vary', 'Content-Location', 'Content-Language', 'Content-Profile', 'Retry-After', 'Cache-Status'],
    maxAge: 86400,
  }))
  app.use('/sparql', bodyLimit({ maxSize: config.maxBodyBytes, onError: () => { throw payloadTooLarge('the request body', config.maxBodyBytes) } }))
  app.route('/', sparqlRoutes(deps))
  app.route('/', queriesRoutes(deps))
  app.route('/', uiRoutes())
  app.route('/', voidRoutes(deps))
  app.route('/', dumpRoutes(deps))
  app.route('/', healthRoutes(deps))
  app.route('/', metricsRoutes(deps))
  const catalog = catalogRoutes({ store, config, logger: deps.logger, options: appDeps.catalog })
  app.route('/', catalog)
  const records = createRecordsFamily({ store, config, logger: deps.logger })
  // Writes (src/http/admin.ts, record-writes.ts): off until a token exists; mounted before the GET-only record routes.
  app.use('*', refuseWritesWhileOff(() => verifier.hasActiveTokens(), readTable))
  let syncContext: Promise<SyncContext> | undefined
  // A journaled store has a snapshot directory of its own: the syncs' validation cache lives there.
  const validationCachePath = typeof (store as { compact?: unknown }).compact === 'function' ? join(config.snapshotDir, SYNC_CACHE_FILE) : undefined
  const context = () => (syncContext ??= readSyncContext(store, { baseIri: config.baseIri, validationCachePath }).catch((error: unknown) => { syncContext = undefined; throw error }))
  writeApps.push(adminRoutes({ store, verifier, context, maxWriteBytes: config.maxWriteBytes }), recordWriteRoutes({ store, service: records.service, verifier, context, maxWriteBytes: config.maxWriteBytes }))
  writeApps.push(graphStoreWriteRoutes({ store, verifier, context, maxWriteBytes: config.maxWriteBytes, maxCopyQuads: config.updateMaxCopyQuads }))
  writeApps.push(requestReplyRoutes({ store, service: records.service, verifier, context, maxWriteBytes: config.maxWriteBytes }))
  for (const writes of writeApps) app.route('/', writes)
  app.route('/', graphStoreReadRoutes({ store }))
  app.route('/', records.app)
  app.notFound(answerUnrouted(methodTable, (c, error) => problemResponse(c, error, deps.logger)))
  app.onError((error, c) => problemResponse(c, error, deps.logger))
  return Object.assign(app, { warmUp: async () => { if (verifier.hasActiveTokens()) await context() }, warmCatalogue: () => catalog.warm() })
}
