/** GET /health: 503 while the store is loading, 200 once it answers (with the query engine's replicas, when it has them). */
import { Hono } from 'hono'
import type { RouteDeps } from './deps.ts'
import { readStoreStats } from './metrics.ts'
import { startupUnavailable } from './startup-status.ts'

export const healthRoutes = ({ isReady, store, startup }: RouteDeps) =>
  new Hono().get('/health', (c) => {
    // While starting: what the server is doing and how far (src/http/startup-status.ts).
    if (isReady && !isReady()) throw startupUnavailable(startup?.())
    const stats = readStoreStats(store)
    const replicas = stats ? { replicas: { total: stats.replicas, ready: stats.ready } } : {}
    return c.json({ status: 'ok', ...replicas }, 200, { 'Cache-Control': 'no-store' })
  })
