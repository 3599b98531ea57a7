/** The change feed: creations, updates and deletions between catalogue versions, as ActivityStreams 2.0. */
import { readDump } from '../store/read-dump.ts'
import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterEach, describe, expect, it } from 'vitest'
import jsonld from 'jsonld'
import rdfCanonize from 'rdf-canonize'
import { createIris } from '../../src/model/iris.ts'
import { contextTables } from '../../src/serialize/context.ts'
import { createPublishedContextLoader } from '../../src/serialize/published-contexts.ts'
import { AS, RDF } from '../../src/vocab/index.ts'
import { BASE, createCatalogApp } from './catalog-app.ts'
import { createFixtureStore } from './memory-store.ts'
import { getPage, nextOf, parseNTriples, pathOf } from './walk.ts'

const ds = (id: string) => `${BASE}/dataset/${id}`

interface Activity {
  type: string
  object: string
  published: string
  updated?: string
}

async function activities(app: ReturnType<typeof createCatalogApp>, query = ''): Promise<Activity[]> {
  const response = await app.request(`/catalog/changes?page=1&page_size=1000${query}`, { headers: { accept: 'application/activity+json' } })
  expect(response.status).toBe(200)
  return ((await response.json()) as { orderedItems: Activity[] }).orderedItems
}

const partialRecord = (id: string) =>
  `<${ds(id)}> <http://localhost:8080/ontology#metadataStatus> <http://localhost:8080/scheme/metadata-status/partial> <${ds(id)}> .`

describe('change feed', () => {
  it('records the first catalogue version it sees as one Create per record, published when the record was modified, oldest first', async () => {
    const items = await activities(createCatalogApp(createFixtureStore()))
    expect(items.map((a) => `${a.type} ${a.object}`)).toEqual(['1006', '1004', '1002', '1005', '1001', '1003'].map((id) => `Create ${ds(id)}`))
    expect(items.map((a) => a.published)).toEqual([
      '2018-12-31T16:00:00.000Z', '2020-06-30T16:00:00.000Z', '2024-03-15T00:00:00.000Z', '2025-06-01T04:00:00.000Z', '2025-11-02T02:30:00.000Z', '2025-12-31T15:00:00.000Z',
    ])
  })

  it('reports a withdrawn record as Delete, a new one as Create, a revised one as Update', async () => {
    const store = createFixtureStore()
    const app = createCatalogApp(store)
    await activities(app)
    await store.replaceGraphs([ds('1004')], '')
    await store.replaceGraphs([ds('1002')], (await readDump(store)).split('\n').filter((l) => l.endsWith(`<${ds('1002')}> .`)).join('\n').replaceAll('2024-03-15T08:00:00+08:00', '2026-04-01T08:00:00+08:00'))
    await store.replaceGraphs([ds('1007')], (await readDump(store)).split('\n').filter((l) => l.endsWith(`<${ds('1006')}> .`)).join('\n').replaceAll('1006', '1007'))
    const items = (await activities(app)).slice(6)
    expect(items.map((a) => `${a.type} ${a.object}`)).toEqual([`Update ${ds('1002')}`, `Delete ${ds('1004')}`, `Create ${ds('1007')}`])
    expect(items[0]!.updated).toBe('2026-04-01T08:00:00+08:00')
    // The update at its record's date; the deletion and the arrival (1007 carries 1006's 2019 date) at the catalogue's.
    expect(items.map((a) => a.published)).toEqual(['2026-04-01T00:00:00.000Z', '2026-04-01T00:00:00.000Z', '2026-04-01T00:00:00.000Z'])
  })

  it('reports a record that is no longer complete as Delete (it left the catalogue)', async () => {
    const store = createFixtureStore()
    const app = createCatalogApp(store)
    await activities(app)
    await store.replaceGraphs([ds('1005')], partialRecord('1005'))
    expect((await activities(app)).slice(6).map((a) => `${a.type} ${a.object}`)).toEqual([`Delete ${ds('1005')}`])
  })

  it('keeps only changes to data changed at or after `since`, whenever the server saw them', async () => {
    const store = createFixtureStore()
    const app = createCatalogApp(store)
    expect((await activities(app, '&since=2025-12-01')).map((a) => `${a.type} ${a.object}`)).toEqual([`Create ${ds('1003')}`])
    await store.replaceGraphs([ds('1002')], (await readDump(store)).split('\n').filter((l) => l.endsWith(`<${ds('1002')}> .`)).join('\n').replaceAll('2024-03-15T08:00:00+08:00', '2026-04-01T08:00:00+08:00'))
    expect((await activities(app, '&since=2026-03-01')).map((a) => `${a.type} ${a.object}`)).toEqual([`Update ${ds('1002')}`])
  })

  it('gives the same catalogue date and the same published dates after a restart on the same data', async () => {
    const store = createFixtureStore()
    const read = async (app: ReturnType<typeof createCatalogApp>) => ({
      modified: /dct:modified "([^"]+)"/.exec(await (await app.request('/catalog.ttl')).text())?.[1],
      lastModified: (await app.request('/catalog.ttl')).headers.get('last-modified'),
      published: (await activities(app)).map((a) => `${a.object} ${a.published}`),
    })
    const first = await read(createCatalogApp(store))
    await new Promise((resolve) => setTimeout(resolve, 20)) // a later clock: nothing may follow it
    const second = await read(createCatalogApp(store))
    expect(second).toEqual(first)
    // The catalogue's date is its latest record modification (1003's record, 2025-12-31T23:00+08:00).
    expect(first.modified).toBe('2025-12-31T15:00:00Z')
  })

  it('is an OrderedCollection whose pages link to each other', async () => {
    const app = createCatalogApp(createFixtureStore())
    const collection = await (await app.request('/catalog/changes?page_size=4', { headers: { accept: 'application/activity+json' } })).json()
    expect(collection).toMatchObject({ '@context': 'http://localhost/context/activitystreams.jsonld', type: 'OrderedCollection', totalItems: 6 })
    const second = await (await app.request(pathOf(collection.last), { headers: { accept: 'application/activity+json' } })).json()
    expect(second).toMatchObject({ type: 'OrderedCollectionPage', startIndex: 4, prev: collection.first })
    expect(second.orderedItems).toHaveLength(2)
  })

  it('serves the feed as Turtle-family RDF with orderedItems as an rdf:List', async () => {
    const response = await createCatalogApp(createFixtureStore()).request('/catalog/changes.nt?page=1')
    const quads = parseNTriples(await response.text())
    expect(quads.filter((q) => q.predicate.equals(RDF.type) && q.object.equals(AS.Create))).toHaveLength(6)
    expect(quads.filter((q) => q.predicate.equals(RDF.first))).toHaveLength(6)
    expect(quads.some((q) => q.predicate.equals(AS.items))).toBe(true)
  })

  it('answers JSON-LD requests with AS2 JSON and its profile', async () => {
    const response = await createCatalogApp(createFixtureStore()).request('/catalog/changes.jsonld?page=1')
    expect(response.headers.get('content-type')).toBe('application/ld+json; profile="https://www.w3.org/ns/activitystreams"')
    expect((await response.json()).type).toBe('OrderedCollectionPage')
  })

  it.each(['?page=1', '', '?page=2&page_size=4'])('its JSON (%s) expands with our published contexts alone, to the graph of its N-Triples form', async (query) => {
    const app = createCatalogApp(createFixtureStore())
    const json = await (await app.request(`/catalog/changes${query}`, { headers: { accept: 'application/activity+json' } })).json()
    const refused: string[] = []
    const ours = createPublishedContextLoader(contextTables(createIris(BASE)), ['http://localhost'])
    const loader = async (url: string) => ours(url).catch((error: unknown) => { refused.push(url); throw error })
    const expanded = (await jsonld.toRDF(json, { format: 'application/n-quads', documentLoader: loader as never })) as unknown as string
    expect(refused).toEqual([])
    const nt = await (await app.request(`/catalog/changes${query}`, { headers: { accept: "application/n-triples" } })).text()
    const canonical = (nquads: string) => rdfCanonize.canonize(nquads, { algorithm: 'RDFC-1.0', inputFormat: 'application/n-quads' })
    expect(await canonical(expanded)).toBe(await canonical(nt))
  })

  it('refuses a bad since with 400', async () => {
    expect((await createCatalogApp(createFixtureStore()).request('/catalog/changes?since=soon')).status).toBe(400)
  })
})

describe('versions and changes kept on disk', () => {
  const dirs: string[] = []
  afterEach(() => dirs.splice(0).forEach((dir) => rmSync(dir, { recursive: true, force: true })))

  it('lets a harvest and the change feed continue across a restart of the server', async () => {
    const stateDir = mkdtempSync(join(tmpdir(), 'catalog-state-'))
    dirs.push(stateDir)
    const store = createFixtureStore()
    const before = createCatalogApp(store, { pageSize: 2, stateDir })
    const next = nextOf(await getPage(before, '/catalog'))!
    await store.replaceGraphs([ds('1004')], '')
    await before.request('/catalog')
    const after = createCatalogApp(store, { pageSize: 2, stateDir })
    const page = await getPage(after, pathOf(next))
    expect(page.status).toBe(200)
    // Page 2 of the pinned version holds 1003 and 1004; 1004 is gone from the store, so only 1003 is listed.
    expect(page.listed).toEqual([ds('1003')])
    expect((await activities(after)).map((a) => a.type)).toEqual(['Create', 'Create', 'Create', 'Create', 'Create', 'Create', 'Delete'])
  })
})
