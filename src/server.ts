/**
 * startServer: listen at once (GET /health answers 503), load the current snapshot into the embedded store —
 * worker replicas, so that no query blocks the event loop — then serve it.
 */
import { readFile } from 'node:fs/promises'
import { dirname } from 'node:path'
import type { AddressInfo } from 'node:net'
import { serve, type ServerType } from '@hono/node-server'
import pino, { type Logger } from 'pino'
import type { Config } from './config.ts'
import type { CatalogOptions } from './catalog/catalog-options.ts'
import { AppError } from './errors.ts'
import { createApp } from './http/app.ts'
import { createEmbeddedStore, type EmbeddedStoreStats } from './store/embedded.ts'
import { requireSnapshot } from './store/snapshot.ts'
import { remapBaseIriText } from './store/base-remap.ts'
import { describeBaseMismatch } from './base-address.ts'
import { createStartupTracker, type StartupTracker } from './http/startup-status.ts'
import type { GraphStore } from './store/types.ts'
import type { StoreDescription } from './store/virtuoso-differences.ts'
import { isObservedStore, runIntercepted, type GraphChangeListener, type GraphWriteInterceptor, type ObservedStore } from './records/graph-changes.ts'
import type { GraphChange } from './store/embedded-engine.ts'
import { createJournaledStore, openJournal, replayChanges, type JournaledStore } from './store/journaled-store.ts'

/** Where the store comes from: the snapshot's N-Quads file, and the server's configuration and logger. */
export interface StoreSource {
  nquadsPath: string
  /** The base the snapshot was built for, when it is not config.baseIri: its IRIs are rewritten as they load. */
  snapshotBaseIri?: string
  config: Config
  logger: Logger
  /** The journal's changes since the snapshot, replayed over it (src/store/journal.ts). */
  changes?: GraphChange[]
  /** The snapshot's version folder, where the engine image of its graph is kept (src/store/engine-image.ts). */
  versionDir?: string
}

/** A custom store opener is given the snapshot's N-Quads as text (read for it), and where they come from. */
export type OpenStore = (nquads: string, source: StoreSource) => Promise<GraphStore>

export interface StartOptions {
  /** How to make the store from the snapshot (default: openEmbeddedStore, the worker-replica store). */
  openStore?: OpenStore
  logger?: Logger
  /** Work to finish before the snapshot is read (e.g. building it on first start); /health is 503 meanwhile. */
  prepare?: () => Promise<void>
  /** A store that needs no snapshot (a remote one, STORE=virtuoso): opened instead of reading the snapshot. */
  openRemoteStore?: () => Promise<GraphStore>
  /** Where the start is (building, loading), for /health; `prepare` may report into it too. Default: a new one. */
  startup?: StartupTracker
  /** Called once when the journal cannot be written (a failed fsync): the process should stop (the CLI exits). */
  onFatal?: (error: Error) => void
  /** Catalogue paging and the change feed's state directory (a Delete event must outlive a restart). */
  catalog?: Partial<CatalogOptions>
}

export interface RunningServer {
  port: number
  /** Settles when the store is loaded (or rejects when loading failed; the server keeps answering 503). */
  ready: Promise<void>
  close(): Promise<void>
}

/**
 * The embedded store with the configured deadline, replicas, queue and guard limits; resolves as soon as its first
 * replica has loaded (the others join as they load: /health says how many are ready).
 */
export async function openEmbeddedStore({ nquadsPath, snapshotBaseIri, config, logger, changes, versionDir }: StoreSource): Promise<GraphStore> {
  const store = createEmbeddedStore({
    nquadsPath,
    changes,
    // Keyed by the base served: a snapshot remapped to another base is imaged as loaded, under that base.
    ...(versionDir && config.queryEngineImage !== false ? { image: { dir: versionDir, baseKey: config.baseIri } } : {}),
    ...(snapshotBaseIri ? { remapBase: { from: snapshotBaseIri, to: config.baseIri } } : {}),
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
    await store.firstReady
  } catch (error) {
    await store.close()
    throw error
  }
  return store
}

/** A store that answers 503 until the real one is set, so routes can be mounted before loading finishes. */
function createPendingStore(): { store: ObservedStore & { stats(): EmbeddedStoreStats | undefined; describeStore(): StoreDescription | undefined; compact(): Promise<unknown> }; set(store: GraphStore): void; isReady(): boolean } {
  let target: (GraphStore & { stats?: () => EmbeddedStoreStats; isAvailable?: () => boolean }) | undefined
  // Writes are told to the caches through this wrapper; a store that learns of other servers' writes (a remote one
  // shared by several servers) tells them too.
  const listeners = new Set<GraphChangeListener>()
  const tell = (graphs: readonly string[]) => { for (const listener of listeners) listener(graphs) }
  const interceptors: GraphWriteInterceptor[] = []
  const current = () => {
    if (!target) throw new AppError('unavailable', 'the store is still loading the current snapshot', { retryAfterSeconds: 5 })
    return target
  }
  return {
    store: {
      query: async (request) => current().query(request),
      replaceGraphs: async (graphs, nquads) => {
        const store = current()
        const write = () => store.replaceGraphs(graphs, nquads)
        await runIntercepted(interceptors, graphs, write)
        if (!isObservedStore(store)) tell(graphs)
      },
      interceptWrites: (next) => {
        interceptors.push(next)
        return () => { if (interceptors.includes(next)) interceptors.splice(interceptors.indexOf(next), 1) }
      },
      onGraphsReplaced: (listener) => {
        listeners.add(listener)
        return () => listeners.delete(listener)
      },
      size: async () => current().size(),
      readGraphs: async (graphs) => current().readGraphs(graphs),
      dumpNQuads: () => current().dumpNQuads(),
      close: async () => { await target?.close() },
      // Running, queued and killed queries for /metrics, when the store keeps them (the embedded one does).
      stats: () => target?.stats?.(),
      // What a remote store says of itself in the service description (engine, row cap, differences).
      describeStore: () => (target as { describeStore?: () => StoreDescription } | undefined)?.describeStore?.(),
      // The journal's compaction (POST /admin/compact), when the store keeps one.
      compact: async () => {
        const store = current() as Partial<JournaledStore>
        if (!store.compact) throw new AppError('bad_request', 'this store keeps no journal: nothing to compact')
        return store.compact()
      },
    },
    set: (store) => {
      target = store
      if (isObservedStore(store)) store.onGraphsReplaced(tell)
    },
    // A remote store can be unavailable after it opened (a load under way, the remote gone): /health says so.
    isReady: () => target !== undefined && (target.isAvailable?.() ?? true),
  }
}

/** The snapshot as text for a custom store opener, under the configured base. */
async function readSnapshotText(path: string, from: string | undefined, to: string): Promise<string> {
  const text = await readFile(path, 'utf8')
  return from ? remapBaseIriText(text, from, to) : text
}

function listen(app: ReturnType<typeof createApp>, config: Config): Promise<ServerType> {
  return new Promise((resolve) => {
    const server = serve({ fetch: app.fetch, port: config.port, hostname: config.host }, () => resolve(server))
    // Node hands CONNECT to this event, not to the app: answer it 501 like every method we do not implement.
    server.on('connect', (_request: unknown, socket: import('node:net').Socket) => {
      const body = JSON.stringify({ type: 'about:blank', title: 'Not Implemented', status: 501, code: 'not_implemented', detail: 'method CONNECT is not implemented by this server' })
      socket.end(`HTTP/1.1 501 Not Implemented\r\nContent-Type: application/problem+json\r\nContent-Length: ${Buffer.byteLength(body)}\r\nConnection: close\r\n\r\n${body}`)
    })
  })
}

/** Start serving `config.snapshotDir`'s current snapshot; GET /health is 503 until it is loaded, then 200. */
export async function startServer(config: Config, options: StartOptions = {}): Promise<RunningServer> {
  const logger = options.logger ?? pino({ level: config.logLevel })
  const pending = createPendingStore()
  const startup = options.startup ?? createStartupTracker()
  const app = createApp({ store: pending.store, config, logger, isReady: pending.isReady, startup: startup.report, ...(options.catalog ? { catalog: options.catalog } : {}) })
  const server = await listen(app, config)
  const port = (server.address() as AddressInfo).port
  logger.info({ host: config.host, port, baseIri: config.baseIri }, 'listening; loading the store')
  const mismatch = describeBaseMismatch(config.baseIri, config.host, port)
  if (mismatch) logger.warn({ baseIri: config.baseIri, host: config.host, port }, mismatch)

  const ready = (async () => {
    const started = performance.now()
    if (options.openRemoteStore) {
      const store = await options.openRemoteStore()
      pending.set(store)
      await app.request('/.well-known/void')
      logger.info({ quads: await store.size(), ms: Math.round(performance.now() - started) }, 'remote store answers; ready')
      warmInBackground()
      return
    }
    await options.prepare?.()
    startup.phase('loading')
    const snapshot = await requireSnapshot(config.snapshotDir)
    const snapshotBaseIri = snapshot.meta.baseIri !== config.baseIri ? snapshot.meta.baseIri : undefined
    if (snapshotBaseIri) logger.info({ snapshotBaseIri, baseIri: config.baseIri }, `the snapshot was built for ${snapshotBaseIri}: its IRIs are served under ${config.baseIri} (rewritten as they load, no rebuild)`)
    const onFatal = options.onFatal ?? ((error: Error) => logger.fatal({ err: error }, 'the journal could not be written: no write is accepted'))
    const journal = await openJournal(config.snapshotDir, snapshot, { logger, onFatal })
    const source: StoreSource = { nquadsPath: snapshot.nquadsPath, versionDir: dirname(snapshot.nquadsPath), config, logger, changes: journal.changes, ...(snapshotBaseIri ? { snapshotBaseIri } : {}) }
    let inner: GraphStore
    try {
      // The embedded store reads the file itself, once, into memory its replicas share, and replays the journal on load.
      inner = options.openStore ? await replayChanges(await options.openStore(await readSnapshotText(snapshot.nquadsPath, snapshotBaseIri, config.baseIri), source), journal.changes) : await openEmbeddedStore(source)
    } catch (error) {
      journal.release()
      throw error
    }
    if (journal.pending > 0) logger.info({ entries: journal.pending, lastSeq: journal.writer.lastSeq }, 'journal replayed over the snapshot')
    const store = createJournaledStore(inner, config.snapshotDir, journal)
    pending.set(store)
    startup.phase('ready')
    // Warm the VoID statistics now rather than on the first visitor's request.
    await app.request('/.well-known/void')
    logger.info({ snapshot: snapshot.version, quads: await store.size(), ms: Math.round(performance.now() - started) }, 'store loaded; ready')
    warmInBackground()
  })()
  /**
   * Once ready, and not delaying it: what writes read of the graph (when writes are on), then the catalogue's member
   * list (the first harvester's first page would wait for it). A failure is the first write's or page's to report.
   */
  function warmInBackground() {
    void (async () => {
      const warming = performance.now()
      await app.warmUp().then(
        () => logger.debug({ ms: Math.round(performance.now() - warming) }, 'write context read'),
        (error: unknown) => logger.warn({ err: error }, 'the write context could not be read ahead; the first write reads it'),
      )
      const catalogue = performance.now()
      await app.warmCatalogue().then(
        () => logger.info({ ms: Math.round(performance.now() - catalogue) }, 'catalogue member list read'),
        (error: unknown) => logger.warn({ err: error }, 'the catalogue member list could not be read ahead; the first page reads it'),
      )
    })()
  }
  ready.catch((error: unknown) => {
    startup.phase('failed', error instanceof Error ? error.message : String(error))
    logger.error({ err: error }, 'loading the store failed; /health stays 503')
  })

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
