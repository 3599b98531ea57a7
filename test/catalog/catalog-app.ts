/** The catalogue routes mounted on a bare Hono app, as createApp mounts them, over a test store. */
import { Hono } from 'hono'
import { pino } from 'pino'
import type { CatalogOptions } from '../../src/catalog/catalog-options.ts'
import { catalogRoutes } from '../../src/http/catalog.ts'
import { forwarding } from '../../src/http/forwarding.ts'
import type { GraphStore } from '../../src/store/types.ts'

export const BASE = 'http://localhost:8080'

export function createCatalogApp(store: GraphStore, options: Partial<CatalogOptions> = {}): Hono {
  const app = new Hono()
  // These route tests stand behind a trusted proxy (TRUST_PROXY=true); createApp trusts none by default.
  app.use('*', forwarding({ trustProxy: 'true' }))
  app.route('/', catalogRoutes({ store, config: { baseIri: BASE, queryTimeoutMs: 30_000 }, logger: pino({ level: 'silent' }), options }))
  return app
}
