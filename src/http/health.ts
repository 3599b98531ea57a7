/** GET /health: 503 while the store is loading, 200 once it answers (with the query engine's replicas, when it has them). */
import { Hono } from 'hono'
import type { RouteDeps } from './deps.ts'
import { unavailable } from './errors.ts'
import { readStoreStats } from './metrics.ts'
import { readParameters } from './search-request.ts'

export const healthRoutes = ({ isReady, store }: RouteDeps) =>
  new Hono().get('/health', (c) => {
    readParameters(c, []) // no parameters: a probe's typo is refused (400), not ignored
    if (isReady && !isReady()) throw unavailable('the store is still loading the current snapshot')
    const stats = readStoreStats(store)
    const replicas = stats ? { replicas: { total: stats.replicas, ready: stats.ready } } : {}
    return c.json({ status: 'ok', ...replicas }, 200, { 'Cache-Control': 'no-store' })
  })
