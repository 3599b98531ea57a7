/**
 * A sync over HTTP is live everywhere at once: right after POST /admin/sync answers, SPARQL, the record (its cache
 * primed before), search, /catalog/changes (a withdrawal as Delete) and the 410 tombstone all show it, while a
 * harvester that started walking /catalog before the sync finishes on the version it started with.
 */
import { mkdtempSync, readFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { beforeAll, describe, expect, it } from 'vitest'
import { createToken, createTokenVerifier } from '../../src/auth/tokens.ts'
import { createInProcessStore } from '../../src/store/in-process.ts'
import type { CatalogOptions } from '../../src/catalog/catalog-options.ts'
import { DCT } from '../../src/vocab/index.ts'
import { getPage, nextOf, pathOf, walk, type WalkedPage } from '../catalog/walk.ts'
import { BASE, SYNC_FIXTURES, syncBaseNQuads } from '../sync/sync-graph.ts'
import { buildApp } from './support.ts'
import { BASE as FIXTURE_BASE, fixtureNQuads } from '../records/fixture-graph.ts'

let base: string
beforeAll(async () => { base = await syncBaseNQuads() })

const file = (name: string) => readFileSync(join(SYNC_FIXTURES, name))

async function world(catalog: Partial<CatalogOptions> = {}) {
  const dir = mkdtempSync(join(tmpdir(), 'ogd-live-sync-'))
  const store = createInProcessStore({ nquads: base })
  const app = buildApp({ store, tokens: createTokenVerifier(dir), env: { BASE_IRI: BASE }, catalog })
  const { token } = await createToken(dir, { scope: 'sync' })
  const sync = async (name: string, body: Buffer = file(name)) => {
    const response = await app.request(`/admin/sync?name=${name}`, { method: 'POST', headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json' }, body: new Uint8Array(body) })
    expect(response.status).toBe(200)
    return response.json()
  }
  return { app, store, sync }
}

/** The June records again with new titles (and a later metadata date: the new version of each record). */
const retitled = (): Buffer => Buffer.from(JSON.stringify((JSON.parse(file('changed_2026-06_modify.json').toString('utf8')) as Record<string, string>[])
  .map((row) => ({ ...row, 資料集名稱: `${row.資料集名稱}（修訂版）`, 詮釋資料更新時間: '2026-07-01 09:00:00' }))))

const titlesOf = (page: WalkedPage): string[] => page.listed.map((d) =>
  page.quads.find((q) => q.subject.value === d && q.predicate.equals(DCT.title) && q.object.termType === 'Literal' && q.object.language.startsWith('zh'))?.object.value ?? '(no title)')

const ask = async (app: ReturnType<typeof buildApp>, query: string) =>
  (await (await app.request(`/sparql?query=${encodeURIComponent(query)}`, { headers: { accept: 'application/sparql-results+json' } })).json()).boolean

const searchIds = async (app: ReturnType<typeof buildApp>, q: string) =>
  ((await (await app.request(`/api/datasets?q=${encodeURIComponent(q)}`)).json()) as { member: { id: string }[] }).member.map((m) => m.id.replace(`${BASE}/dataset/`, ''))

describe('POST /admin/sync', () => {
  it('answers_the_report', async () => {
    const { sync } = await world()
    const report = await sync('changed_2026-06_modify.json')
    expect(report.modified).toHaveLength(25)
    expect(report.files).toEqual(['changed_2026-06_modify.json'])
  })

  it('is_seen_by_sparql_right_after', async () => {
    const { app, sync } = await world()
    await sync('changed_2026-06_create.json')
    expect(await ask(app, `ASK { <${BASE}/dataset/177644> a <http://www.w3.org/ns/dcat#Dataset> }`)).toBe(true)
  })

  it('is_seen_by_a_record_whose_cache_was_primed_before', async () => {
    const { app, sync } = await world()
    const before = await (await app.request('/dataset/165115', { headers: { accept: 'text/turtle' } })).text()
    await sync('changed_2026-06_modify.json')
    const after = await (await app.request('/dataset/165115', { headers: { accept: 'text/turtle' } })).text()
    expect(after).not.toBe(before)
    expect(after).toContain('description')
  })

  it('is_seen_by_search_right_after', async () => {
    const { app, sync } = await world()
    expect(await searchIds(app, '桃園國際機場即時航班')).not.toContain('177644')
    await sync('changed_2026-06_create.json')
    expect(await searchIds(app, '桃園國際機場即時航班')).toContain('177644')
  })

  it('reports_a_withdrawal_as_a_delete_event_in_the_change_feed', async () => {
    const { app, sync } = await world()
    await sync('changed_2026-06_modify.json') // the March records were partial: now they are in the catalogue
    await app.request('/catalog/changes?page=1&page_size=1000', { headers: { accept: 'application/activity+json' } })
    await sync('changed_2026-06_withdraw.json')
    const feed = await (await app.request('/catalog/changes?page=1&page_size=1000', { headers: { accept: 'application/activity+json' } })).json() as { orderedItems: { type: string; object: string; published: string }[] }
    const deletes = feed.orderedItems.filter((a) => a.type === 'Delete').map((a) => a.object)
    expect(deletes).toEqual(['174853', '174854', '174855'].map((id) => `${BASE}/dataset/${id}`))
    expect(feed.orderedItems.find((a) => a.type === 'Delete')!.published).toMatch(/^\d{4}-\d\d-\d\dT/)
  })

  it('answers_410_with_a_tombstone_for_a_withdrawn_dataset', async () => {
    const { app, sync } = await world()
    await sync('changed_2026-06_withdraw.json')
    const response = await app.request('/dataset/174854')
    expect(response.status).toBe(410)
    const body = await response.json()
    expect(body).toMatchObject({ identifier: '174854', title: '觀光政策' })
    expect(body.reasonZh).toMatch(/下架/)
  })

  // The catalogue pins a walk to its version (src/catalog/version-*, prior-graphs.ts): nothing created mid-walk
  // appears, no page shifts, and a record withdrawn mid-walk is still presented as it was.
  it('leaves_a_harvest_in_progress_on_its_member_list', async () => {
    const { app, sync } = await world()
    await sync('changed_2026-06_modify.json')
    const before = (await walk(app, '/catalog?page_size=5')).flatMap((p) => p.listed)
    const during = (await walk(app, '/catalog?page_size=5', { between: async (n) => { if (n === 1) { await sync('changed_2026-06_withdraw.json'); await sync('changed_2026-06_create.json') } } })).flatMap((p) => p.listed)
    expect(during).toEqual(before)
    const after = (await walk(app, '/catalog?page_size=5')).flatMap((p) => p.listed)
    expect(after).not.toEqual(before)
    const withdrawn = ['174853', '174854', '174855'].map((id) => `${BASE}/dataset/${id}`)
    expect(after.filter((d) => withdrawn.includes(d))).toEqual([])
  })

  it('shows_a_harvest_in_progress_the_records_as_they_were_when_it_started', async () => {
    const { app, sync } = await world()
    await sync('changed_2026-06_modify.json')
    const before = await walk(app, '/catalog?page_size=5')
    expect(before.length).toBeGreaterThan(2)
    // After page 1, a sync retitles every record, those of the pages still to come included.
    const during = await walk(app, '/catalog?page_size=5', { between: async (n) => { if (n === 1) expect((await sync('retitled.json', retitled())).modified).toHaveLength(25) } })
    expect(during.map(titlesOf)).toEqual(before.map(titlesOf))
    expect(during.flatMap(titlesOf).some((t) => t.includes('修訂版'))).toBe(false)
    const after = await walk(app, '/catalog?page_size=5')
    expect(after.flatMap(titlesOf).every((t) => t.endsWith('（修訂版）'))).toBe(true)
  })

  it('answers_410_for_a_pinned_version_whose_earlier_records_outgrew_their_memory_then_serves_the_next_harvest', async () => {
    const { app, sync } = await world({ priorMaxBytes: 1000 }) // far less than one page's five records
    await sync('changed_2026-06_modify.json')
    const first = await getPage(app, '/catalog?page_size=5')
    await sync('retitled.json', retitled())
    const response = await app.request(pathOf(nextOf(first)!), { headers: { accept: 'application/n-triples' } })
    expect(response.status).toBe(410)
    const problem = await response.json()
    expect(problem.detail).toMatch(/earlier content was not kept/)
    const restarted = await walk(app, problem.restart ? pathOf(problem.restart) : '/catalog?page_size=5')
    expect(restarted.flatMap(titlesOf).every((t) => t.endsWith('（修訂版）'))).toBe(true)
  })
})

describe('the write context read ahead (App.warmUp, called by the server once it is ready)', () => {
  /** The store's queries, counted. */
  const counted = () => {
    const store = createInProcessStore({ nquads: base })
    let queries = 0
    const query = store.query.bind(store)
    store.query = (request) => { queries += 1; return query(request) }
    return { store, queries: () => queries }
  }

  it('reads nothing while no write token exists (writes are off)', async () => {
    const { store, queries } = counted()
    const app = buildApp({ store, tokens: createTokenVerifier(mkdtempSync(join(tmpdir(), 'ogd-warm-'))), env: { BASE_IRI: BASE } })
    await app.warmUp()
    expect(queries()).toBe(0)
  })

  it('reads the context once a token exists, and the first sync then reads only its records', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'ogd-warm-'))
    const { store, queries } = counted()
    const app = buildApp({ store, tokens: createTokenVerifier(dir), env: { BASE_IRI: BASE } })
    const { token } = await createToken(dir, { scope: 'sync' })
    await app.warmUp()
    const read = queries()
    expect(read).toBeGreaterThan(0)
    const sync = async () => app.request('/admin/sync?name=changed_2026-06_modify.json', { method: 'POST', headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json' }, body: new Uint8Array(file('changed_2026-06_modify.json')) })
    expect((await sync()).status).toBe(200)
    const first = queries() - read
    // A cold app pays the context on its first sync: more queries than the warmed one's.
    const cold = counted()
    const coldApp = buildApp({ store: cold.store, tokens: createTokenVerifier(dir), env: { BASE_IRI: BASE } })
    const coldSync = await coldApp.request('/admin/sync?name=changed_2026-06_modify.json', { method: 'POST', headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json' }, body: new Uint8Array(file('changed_2026-06_modify.json')) })
    expect(coldSync.status).toBe(200)
    expect(cold.queries()).toBeGreaterThan(first)
  })
})

describe('the catalogue member list read ahead (App.warmCatalogue, called by the server once it is ready)', () => {
  /** The store's queries that read the member list (membersQuery and its keyset pages select ?recordModified). */
  // The records fixture (built by the pipeline): complete records to list, unlike the sync base before a sync.
  let records: string
  beforeAll(async () => { records = await fixtureNQuads() })
  const counted = () => {
    const store = createInProcessStore({ nquads: records })
    let memberReads = 0
    const query = store.query.bind(store)
    store.query = (request) => { if (request.query.includes('?recordModified')) memberReads += 1; return query(request) }
    return { store, memberReads: () => memberReads }
  }

  it('reads the member list once, and the first harvester page then reads none of it, with the same page as a cold app', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'ogd-warm-catalogue-'))
    const warm = counted()
    const app = buildApp({ store: warm.store, tokens: createTokenVerifier(dir), env: { BASE_IRI: FIXTURE_BASE } })
    await app.warmCatalogue()
    expect(warm.memberReads()).toBeGreaterThan(0)
    const read = warm.memberReads()
    const page = await getPage(app, '/catalog?page_size=5')
    expect(warm.memberReads()).toBe(read)
    const cold = counted()
    const coldApp = buildApp({ store: cold.store, tokens: createTokenVerifier(dir), env: { BASE_IRI: FIXTURE_BASE } })
    const coldPage = await getPage(coldApp, '/catalog?page_size=5')
    expect(cold.memberReads()).toBeGreaterThan(0)
    expect(titlesOf(page)).toEqual(titlesOf(coldPage))
    expect(titlesOf(page).length).toBe(5)
  })
})
