/**
 * Operator routes: POST /admin/sync applies a data.gov.tw change export (JSON or CSV body; src/sync) and answers its
 * report; POST /admin/compact folds the journal into a new snapshot. Both need a token (sync, or admin).
 */
import { Hono } from 'hono'
import { bodyLimit } from 'hono/body-limit'
import type { TokenVerifier } from '../auth/tokens.ts'
import { AppError } from '../errors.ts'
import type { JournaledStore } from '../store/journaled-store.ts'
import type { GraphStore } from '../store/types.ts'
import { applySync } from '../sync/apply-sync.ts'
import { readChangeExport } from '../sync/change-export.ts'
import type { SyncContext } from '../sync/sync-context.ts'
import { requireToken, type WriteEnv } from './auth.ts'
import { payloadTooLarge, unsupportedMediaType } from './errors.ts'

export interface AdminDeps {
  store: GraphStore
  verifier: TokenVerifier
  context: () => Promise<SyncContext>
  maxWriteBytes: number
}

const SYNC_TYPES = ['application/json', 'text/csv'] as const

const isJournaled = (store: GraphStore): store is JournaledStore => typeof (store as Partial<JournaledStore>).compact === 'function'

export function adminRoutes(deps: AdminDeps): Hono<WriteEnv> {
  const app = new Hono<WriteEnv>()
  const limit = bodyLimit({ maxSize: deps.maxWriteBytes, onError: () => { throw payloadTooLarge('the change export', deps.maxWriteBytes) } })
  app.post('/admin/sync', requireToken(deps.verifier, ['sync']), limit, async (c) => {
    const mediaType = c.req.header('content-type')?.split(';')[0]?.trim().toLowerCase()
    if (!mediaType || !(SYNC_TYPES as readonly string[]).includes(mediaType)) throw unsupportedMediaType(mediaType, SYNC_TYPES)
    const name = c.req.query('name') ?? 'request body'
    const exported = readChangeExport(new Uint8Array(await c.req.arrayBuffer()), name)
    const report = await applySync(deps.store, [exported], await deps.context())
    return c.json(report)
  })
  app.post('/admin/compact', requireToken(deps.verifier, ['admin']), async (c) => {
    if (!isJournaled(deps.store)) throw new AppError('bad_request', 'this store keeps no journal (it commits durably itself): nothing to compact')
    return c.json(await deps.store.compact())
  })
  return app
}
