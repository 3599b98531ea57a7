/** `ogd serve` (what `npm start` runs): listen at once, build the default snapshot (in a child) when there is none, then serve it. */
import pino, { type Logger } from 'pino'
import { findSnapshot } from '../store/snapshot.ts'
import { join } from 'node:path'
import { loadCatalogOptions } from '../catalog/catalog-options.ts'
import { loadConfig, type Config } from '../config.ts'
import { openRemoteStore } from '../store/remote-open.ts'
import { loadStoreConfig } from '../store/store-config.ts'
import type { RunningServer } from '../server.ts'
import { createStartupTracker } from '../http/startup-status.ts'
import { runChildBuild } from './child-build.ts'
import { resolveSnapshotDir } from './paths.ts'

export async function runServeCommand(opts: { snapshot: string; quiet?: boolean }): Promise<number> {
  const config = loadConfig(process.env)
  const logger = pino({ level: config.logLevel })
  // SNAPSHOT_DIR (server config) wins over the CLI default; both resolve from the repository root.
  const snapshotDir = resolveSnapshotDir(process.env.SNAPSHOT_DIR ?? opts.snapshot)
  const startup = createStartupTracker()
  // A snapshot built for another base is served under BASE_IRI as it loads (src/store/base-remap.ts): no rebuild.
  const prepare = async () => {
    if (await findSnapshot(snapshotDir)) return
    logger.info({ snapshotDir }, 'no snapshot yet: building the embedded default first, in a child process (/health answers 503 with its progress)')
    await runChildBuild({ snapshotDir, baseIri: config.baseIri, tracker: startup, logger })
  }
  const { startServer } = await import('../server.ts')
  // A failed journal fsync is fatal, not retried (the kernel may have dropped the pages): stop, and let a restart replay.
  const onFatal = (error: Error) => {
    logger.fatal({ err: error }, 'the journal could not be written: stopping')
    process.exit(70)
  }
  // The change feed's versions live beside the snapshot unless CATALOG_STATE_DIR says otherwise: withdrawals stay reported after a restart.
  const catalog = { stateDir: join(snapshotDir, 'catalog-state'), ...loadCatalogOptions(process.env) }
  const store = loadStoreConfig(process.env)
  // STORE=virtuoso: the remote holds the graph (loaded by `ogd load --store virtuoso`); no snapshot is read or built.
  const remote = store.kind === 'virtuoso' ? { openRemoteStore: () => openRemoteStore(store, config, logger) } : { prepare }
  const server = await startServer({ ...config, snapshotDir }, { ...remote, logger, startup, onFatal, catalog })
  stopOnSignals(server, config, logger)
  // A failed first build leaves nothing to serve: say so and stop, rather than answer 503 for ever.
  await server.ready.catch(async (error: unknown) => {
    await server.close()
    throw error
  })
  return 0
}

/**
 * SIGTERM (systemd, Kubernetes, `docker stop`) and SIGINT (Ctrl-C) stop the server cleanly: it takes no new
 * connection, answers the requests it holds, ends the replicas and exits 0. Draining is bounded by the longest a
 * request can take here (queue wait + deadline + 1 s); past that, or on a second signal, it exits 1 at once.
 */
function stopOnSignals(server: RunningServer, config: Config, logger: Logger): void {
  let stopping = false
  const stop = (signal: NodeJS.Signals) => {
    if (stopping) {
      logger.warn({ signal }, 'second signal: exiting without waiting for requests in flight')
      process.exit(1)
    }
    stopping = true
    const boundMs = config.queryQueueTimeoutMs + config.queryTimeoutMs + 1000
    logger.info({ signal, boundMs }, 'stopping: no new connections; answering requests in flight')
    const overdue = setTimeout(() => {
      logger.error({ boundMs }, 'requests still in flight after the bound: exiting anyway')
      process.exit(1)
    }, boundMs)
    overdue.unref()
    server.close().then(
      () => { logger.info('stopped'); process.exit(0) },
      (error: unknown) => { logger.error({ err: error }, 'stopping failed'); process.exit(1) },
    )
  }
  process.on('SIGTERM', stop)
  process.on('SIGINT', stop)
}
