/**
 * The member list at scale: read in keyset pages (as on Virtuoso, where one query for 500,000 members passes the
 * deadline) it is the one-query list; after writes it is patched from the graphs they replaced, and the patched list
 * is the list a fresh read gives.
 */
import { describe, expect, it } from 'vitest'
import { readMembers } from '../../src/catalog/members.ts'
import { createIris } from '../../src/model/iris.ts'
import { observeGraphChanges } from '../../src/records/graph-changes.ts'
import type { GraphStore } from '../../src/store/types.ts'
import { BASE, createCatalogApp } from './catalog-app.ts'
import { createFixtureStore, type TestStore } from './memory-store.ts'
import { getPage, walk } from './walk.ts'

const iris = createIris(BASE)
const ds = (id: string) => `${BASE}/dataset/${id}`
const STATUS = `<${BASE}/ontology#metadataStatus> <${BASE}/scheme/metadata-status/complete>`
const MODIFIED = '<http://purl.org/dc/terms/modified>'
const dateTime = (text: string) => `"${text}"^^<http://www.w3.org/2001/XMLSchema#dateTime>`

/** A complete record of `dataset` in `graph`, with these dct:modified dates. */
const record = (dataset: string, graph: string, dates: string[]) =>
  [`<${dataset}> ${STATUS} <${graph}> .`, ...dates.map((d) => `<${dataset}> ${MODIFIED} ${dateTime(d)} <${graph}> .`)].join('\n')

/** The fixture plus: dataset 1001 again in a second graph (before and after its own by IRI), a record with two dates. */
async function richStore(): Promise<TestStore> {
  const store = createFixtureStore()
  await store.replaceGraphs([`${BASE}/graph/a-copy`], record(ds('1001'), `${BASE}/graph/a-copy`, ['2020-01-01T00:00:00+08:00']))
  await store.replaceGraphs([`${BASE}/zz/late-copy`], record(ds('1002'), `${BASE}/zz/late-copy`, ['2030-01-01T00:00:00+08:00']))
  await store.replaceGraphs([ds('2001')], record(ds('2001'), ds('2001'), ['2024-01-01T00:00:00+08:00', '2025-06-01T00:00:00+08:00']))
  return store
}

/** The store, counting the queries that read the whole member list (one-query or keyset). */
function counting(store: GraphStore) {
  const seen = { fullReads: 0 }
  const query: GraphStore['query'] = (request) => {
    if (/metadataStatus/.test(request.query) && !/VALUES/.test(request.query) && /\?recordModified/.test(request.query)) seen.fullReads += 1
    return store.query(request)
  }
  return { store: Object.assign(Object.create(store) as GraphStore, { query }), seen }
}

describe('the member list in keyset pages', () => {
  it.each([1, 2, 3, 4, 100])('read %i pairs at a time, is the one-query list', async (pageRows) => {
    const store = await richStore()
    const whole = await readMembers(store, iris)
    expect(whole.map((m) => m.dataset)).toContain(ds('2001'))
    expect(await readMembers(store, iris, undefined, pageRows)).toEqual(whole)
  })

  it('takes the first graph of a dataset by IRI and the latest date of a record', async () => {
    const members = await readMembers(await richStore(), iris, undefined, 2)
    expect(members.find((m) => m.dataset === ds('1001'))).toMatchObject({ graph: `${BASE}/dataset/1001`, modified: expect.any(String) })
    expect(members.find((m) => m.dataset === ds('1002'))?.graph).toBe(ds('1002'))
    expect(members.find((m) => m.dataset === ds('2001'))?.modified).toBe('2025-06-01T00:00:00+08:00')
    const sorted = [...members].sort((a, b) => (a.dataset < b.dataset ? -1 : a.dataset > b.dataset ? 1 : 0))
    expect(members).toEqual(sorted)
  })
})

describe('the member list after writes', () => {
  it('is patched from the graphs the writes replaced, and equals a fresh read', async () => {
    const inner = await richStore()
    const { store, seen } = counting(inner)
    const observed = observeGraphChanges(store)
    const app = createCatalogApp(observed, { pageSize: 3 })
    expect((await getPage(app, '/catalog')).status).toBe(200)
    expect(seen.fullReads).toBe(1)
    // A new record, a withdrawn one, a date changed, a dataset moved to another graph, a copy removed.
    await observed.replaceGraphs([ds('3001')], record(ds('3001'), ds('3001'), ['2026-01-01T00:00:00+08:00']))
    await observed.replaceGraphs([ds('1004')], '')
    await observed.replaceGraphs([ds('2001')], record(ds('2001'), ds('2001'), ['2026-02-01T00:00:00+08:00']))
    await observed.replaceGraphs([`${BASE}/graph/a-copy`], '')
    await observed.replaceGraphs([`${BASE}/graph/moved`, ds('1003')], record(ds('1003'), `${BASE}/graph/moved`, ['2026-03-01T00:00:00+08:00']))
    const patched = await walk(app, '/catalog')
    expect(seen.fullReads).toBe(1)
    const fresh = await walk(createCatalogApp(inner, { pageSize: 3 }), '/catalog')
    const listing = (pages: typeof fresh) => pages.map((p) => p.quads.map((q) => `${q.subject.value} ${q.predicate.value} ${q.object.value}`).filter((t) => !t.includes('version=')).sort())
    expect(patched.flatMap((p) => p.listed)).toEqual(fresh.flatMap((p) => p.listed))
    expect(patched.flatMap((p) => p.listed)).toContain(ds('3001'))
    expect(patched.flatMap((p) => p.listed)).not.toContain(ds('1004'))
    expect(listing(patched)).toEqual(listing(fresh))
  })

  it('reads the whole list again when a write was not reported (the generation moved alone)', async () => {
    const inner = await richStore()
    const { store, seen } = counting(inner)
    const app = createCatalogApp(observeGraphChanges(store), { pageSize: 3 })
    await getPage(app, '/catalog')
    await inner.replaceGraphs([ds('1004')], '')
    expect((await walk(app, '/catalog')).flatMap((p) => p.listed)).not.toContain(ds('1004'))
    expect(seen.fullReads).toBe(2)
  })
})
