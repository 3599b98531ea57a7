/** GET /health: 503 while the store is loading, 200 once it answers. */
import { Hono } from 'hono'
import type { RouteDeps } from './deps.ts'
import { unavailable } from './errors.ts'

export const healthRoutes = ({ isReady }: RouteDeps) =>
  new Hono().get('/health', (c) => {
    if (isReady && !isReady()) throw unavailable('the store is still loading the current snapshot')
    return c.json({ status: 'ok' }, 200, { 'Cache-Control': 'no-store' })
  })
