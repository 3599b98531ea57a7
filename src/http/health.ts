/**
 * GET /health, for load balancers: 503 while no query engine replica can answer (the store still loading, or every
 * replica lost and reloading), 200 as soon as one can, with how many are ready (the others join as they load).
 */
import { Hono } from 'hono'
import { AppError } from '../errors.ts'
import type { RouteDeps } from './deps.ts'
import { readStoreStats } from './metrics.ts'
import { startupUnavailable } from './startup-status.ts'
import { readParameters } from './search-request.ts'

export const healthRoutes = ({ isReady, store, startup }: RouteDeps) =>
  new Hono().get('/health', (c) => {
    c.header('Cache-Control', 'no-store')
    readParameters(c, []) // no parameters: a probe's typo is refused (400), not ignored
    // While starting: what the server is doing and how far (src/http/startup-status.ts).
    if (isReady && !isReady()) throw startupUnavailable(startup?.())
    const stats = readStoreStats(store)
    if (stats && stats.ready === 0) {
      throw new AppError('unavailable', `no query engine replica can answer now: 0 of ${stats.replicas} ready, the others loading the graph (after a crash, a deadline or at start)`, { replicasTotal: stats.replicas, replicasReady: 0, retryAfterSeconds: 5 })
    }
    const replicas = stats ? { replicas: { total: stats.replicas, ready: stats.ready } } : {}
    return c.json({ status: 'ok', ...replicas }, 200)
  })
