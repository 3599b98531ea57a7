/**
 * startServer: listen at once (GET /health answers 503), load the current snapshot into the embedded store —
 * worker replicas, so that no query blocks the event loop — then serve it.
 */
import { readFile } from 'node:fs/promises'
import type { AddressInfo } from 'node:net'
import { serve, type ServerType } from '@hono/node-server'
import pino, { type Logger } from 'pino'
import type { Config } from './config.ts'
import { AppError } from './errors.ts'
import { createApp } from './http/app.ts'
import { createEmbeddedStore, type EmbeddedStoreStats } from './store/embedded.ts'
import { requireSnapshot } from './store/snapshot.ts'
import type { GraphStore } from './store/types.ts'

/** Where the store comes from: the snapshot's N-Quads file, and the server's configuration and logger. */
export interface StoreSource {
  nquadsPath: string
  config: Config
  logger: Logger
}

/** A custom store opener is given the snapshot's N-Quads as text (read for it), and where they come from. */
export type OpenStore = (nquads: string, source: StoreSource) => Promise<GraphStore>

export interface StartOptions {
  /** How to make the store from the snapshot (default: openEmbeddedStore, the worker-replica store). */
  openStore?: OpenStore
  logger?: Logger
  /** Work to finish before the snapshot is read (e.g. building it on first start); /health is 503 meanwhile. */
  prepare?: () => Promise<void>
}

export interface RunningServer {
  port: number
  /** Settles when the store is loaded (or rejects when loading failed; the server keeps answering 503). */
  ready: Promise<void>
  close(): Promise<void>
}

/** The embedded store with the configured deadline, replicas, queue and guard limits; resolves once one replica has loaded (the others join as they load). */
export async function openEmbeddedStore({ nquadsPath, config, logger }: StoreSource): Promise<GraphStore> {
  const store = createEmbeddedStore({
    nquadsPath,
    defaultTimeoutMs: config.queryTimeoutMs,
    replicas: config.queryConcurrency,
    standby: config.queryStandbyReplicas,
    // /sparql is admitted by the HTTP limiter (QUERY_QUEUE waiting there); the store's own queue holds what is
    // admitted while a replica is being replaced, plus the other routes' queries. A queue of 0 here would refuse all.
    maxQueued: config.queryQueue + config.queryConcurrency,
    limits: { maxBytes: config.maxQueryBytes, maxDepth: config.maxQueryDepth },
    logger,
  })
  try {
    await store.ready
  } catch (error) {
    await store.close()
    throw error
  }
  return store
}

/** A store that answers 503 until the real one is set, so routes can be mounted before loading finishes. */
function createPendingStore(): { store: GraphStore & { stats(): EmbeddedStoreStats | undefined }; set(store: GraphStore): void; isReady(): boolean } {
  let target: (GraphStore & { stats?: () => EmbeddedStoreStats }) | undefined
  const current = () => {
    if (!target) throw new AppError('unavailable', 'the store is still loading the current snapshot', { retryAfterSeconds: 5 })
    return target
  }
  return {
    store: {
      query: async (request) => current().query(request),
      replaceGraphs: async (graphs, nquads) => current().replaceGraphs(graphs, nquads),
      size: async () => current().size(),
      dumpNQuads: () => current().dumpNQuads(),
      close: async () => { await target?.close() },
      // Running, queued and killed queries for /metrics, when the store keeps them (the embedded one does).
      stats: () => target?.stats?.(),
    },
    set: (store) => { target = store },
    isReady: () => target !== undefined,
  }
}

function listen(app: ReturnType<typeof createApp>, config: Config): Promise<ServerType> {
  return new Promise((resolve) => {
    const server = serve({ fetch: app.fetch, port: config.port, hostname: config.host }, () => resolve(server))
  })
}

/** Start serving `config.snapshotDir`'s current snapshot; GET /health is 503 until it is loaded, then 200. */
export async function startServer(config: Config, options: StartOptions = {}): Promise<RunningServer> {
  const logger = options.logger ?? pino({ level: config.logLevel })
  const pending = createPendingStore()
  const app = createApp({ store: pending.store, config, logger, isReady: pending.isReady })
  const server = await listen(app, config)
  const port = (server.address() as AddressInfo).port
  logger.info({ host: config.host, port, baseIri: config.baseIri }, 'listening; loading the store')

  const ready = (async () => {
    const started = performance.now()
    await options.prepare?.()
    const snapshot = await requireSnapshot(config.snapshotDir)
    const source: StoreSource = { nquadsPath: snapshot.nquadsPath, config, logger }
    // The embedded store reads the file itself, once, into memory its replicas share.
    const store = options.openStore ? await options.openStore(await readFile(snapshot.nquadsPath, 'utf8'), source) : await openEmbeddedStore(source)
    pending.set(store)
    // Warm the VoID statistics now rather than on the first visitor's request.
    await app.request('/.well-known/void')
    logger.info({ snapshot: snapshot.version, quads: await store.size(), ms: Math.round(performance.now() - started) }, 'store loaded; ready')
  })()
  ready.catch((error) => logger.error({ err: error }, 'loading the store failed; /health stays 503'))

  return {
    port,
    ready,
    close: async () => {
      // No new connections; requests in flight are answered first. Keep-alive connections are closed as soon as
      // they are idle (a client holding one open would otherwise delay the end by the keep-alive timeout).
      const closed = new Promise<void>((resolve) => server.close(() => resolve()))
      const closeIdle = () => { if ('closeIdleConnections' in server) server.closeIdleConnections() }
      closeIdle()
      const sweeper = setInterval(closeIdle, 50)
      await closed.finally(() => clearInterval(sweeper))
      await pending.store.close()
    },
  }
}
