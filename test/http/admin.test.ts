/** POST /admin/sync and /admin/compact: scopes, bad bodies changing nothing, limits, compaction through the journal. */
import { mkdtempSync, readFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { beforeAll, describe, expect, it } from 'vitest'
import { createToken, createTokenVerifier, type Scope } from '../../src/auth/tokens.ts'
import { createInProcessStore } from '../../src/store/in-process.ts'
import { readJournal } from '../../src/store/journal.ts'
import { createJournaledStore, openJournal } from '../../src/store/journaled-store.ts'
import { requireSnapshot, writeSnapshot } from '../../src/store/snapshot.ts'
import { BASE, SYNC_FIXTURES, syncBaseNQuads } from '../sync/sync-graph.ts'
import { buildApp } from './support.ts'

let base: string
beforeAll(async () => { base = await syncBaseNQuads() })

async function world() {
  const dir = join(mkdtempSync(join(tmpdir(), 'ogd-admin-')), 'snapshot')
  await writeSnapshot(dir, base, { baseIri: BASE, createdAt: '2026-03-23T00:00:00.000Z', quads: 0, stats: {}, inputs: [] })
  const snapshot = await requireSnapshot(dir)
  const journal = await openJournal(dir, snapshot, { onFatal: () => undefined })
  const store = createJournaledStore(createInProcessStore({ nquads: readFileSync(snapshot.nquadsPath) }), dir, journal)
  const app = buildApp({ store, tokens: createTokenVerifier(dir), env: { BASE_IRI: BASE, MAX_WRITE_BYTES: '20000' } })
  const token = async (scope: Scope) => (await createToken(dir, { scope, ...(scope === 'write' ? { agency: 'A41000000G' } : {}) })).token
  const post = (path: string, secret: string, body: string, type = 'application/json') =>
    app.request(path, { method: 'POST', headers: { authorization: `Bearer ${secret}`, 'content-type': type }, body })
  return { dir, store, app, token, post }
}

const withdrawals = readFileSync(join(SYNC_FIXTURES, 'changed_2026-06_withdraw.json'), 'utf8')

describe('admin routes', () => {
  it('refuses_a_sync_with_a_write_token', async () => {
    const { post, token } = await world()
    expect((await post('/admin/sync', await token('write'), withdrawals)).status).toBe(403)
  })

  it('refuses_a_malformed_export_and_journals_nothing', async () => {
    const { post, token, dir } = await world()
    const response = await post('/admin/sync', await token('sync'), '[{"資料集識別碼": ')
    expect(response.status).toBe(400)
    expect((await response.json()).detail).toMatch(/request body: not JSON/)
    expect((await readJournal(dir)).entries).toEqual([])
  })

  it('refuses_an_export_over_the_size_limit_then_takes_the_next', async () => {
    const { post, token } = await world()
    const secret = await token('sync')
    const big = JSON.stringify(Array.from({ length: 200 }, () => JSON.parse(withdrawals)[0]))
    expect((await post('/admin/sync', secret, big)).status).toBe(413)
    const next = await post('/admin/sync', secret, withdrawals)
    expect(next.status).toBe(200)
    expect((await next.json()).withdrawn).toHaveLength(3)
  })

  it('refuses_an_unsupported_content_type', async () => {
    const { post, token } = await world()
    expect((await post('/admin/sync', await token('sync'), withdrawals, 'text/plain')).status).toBe(415)
  })

  it('accepts_a_csv_change_export', async () => {
    const { post, token } = await world()
    const rows = JSON.parse(withdrawals) as Record<string, string>[]
    const keys = Object.keys(rows[0]!)
    const csv = [keys.join(','), ...rows.map((r) => keys.map((k) => `"${String(r[k] ?? '').replaceAll('"', '""')}"`).join(','))].join('\n')
    const response = await post('/admin/sync', await token('sync'), csv, 'text/csv')
    expect(response.status).toBe(200)
    expect((await response.json()).withdrawn).toHaveLength(3)
  })

  it('compacts_the_journal_into_a_new_snapshot_with_an_admin_token_only', async () => {
    const { post, token, dir } = await world()
    await post('/admin/sync', await token('sync'), withdrawals)
    expect((await post('/admin/compact', await token('sync'), '')).status).toBe(403)
    const response = await post('/admin/compact', await token('admin'), '')
    expect(response.status).toBe(200)
    const { journalSeq } = await response.json()
    expect((await requireSnapshot(dir)).meta.journalSeq).toBe(journalSeq)
    expect((await readJournal(dir)).entries.map((e) => e.seq)).toEqual([journalSeq])
  })
})
