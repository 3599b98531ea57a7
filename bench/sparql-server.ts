/**
 * Child process of bench/sparql.ts: our server as `npm start` runs it (default config and store: the embedded
 * worker replicas) but on 127.0.0.1, a free port and the given snapshot. Tells the parent {port, loadMs, replicas}
 * over IPC once every replica has loaded.
 */
import pino from 'pino'
import { loadConfig } from '../src/config.ts'
import { startServer } from '../src/server.ts'

const [snapshotDir, logFile, cacheBytes = '0'] = process.argv.slice(2)
if (!snapshotDir || !logFile || !process.send) {
  console.error('usage: forked by bench/sparql.ts with SNAPSHOT_DIR LOG_FILE')
  process.exit(2)
}

// Defaults for everything but where to listen and what to serve; the bench owns the port and the address. The result
// cache is off unless the bench asks for it: the bench repeats each query, so with it on it measures the cache.
// Per-client strikes are off: every request comes from the bench's one address, and a query that times out three
// times would otherwise have the rest refused (Virtuoso has no such rule either).
const config = loadConfig({ PORT: '0', HOST: '127.0.0.1', SNAPSHOT_DIR: snapshotDir, QUERY_CACHE_BYTES: cacheBytes, QUERY_STRIKE_LIMIT: '0' })
// One log line per request, as in production, but into a file rather than the bench's terminal.
const logger = pino({ level: config.logLevel }, pino.destination({ dest: logFile, sync: false }))
const started = performance.now()
const server = await startServer(config, { logger })
await server.ready
process.send({ port: server.port, loadMs: performance.now() - started, replicas: config.queryConcurrency })

const stop = async () => {
  await server.close().catch(() => undefined)
  logger.flush()
  process.exit(0)
}
process.on('disconnect', stop)
process.on('SIGTERM', stop)
