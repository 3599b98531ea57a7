/** Hydra paging: links, limits, proxies, modified_since, and one catalogue version per harvest. */
import { describe, expect, it } from 'vitest'
import { pino } from 'pino'
import { loadConfig } from '../../src/config.ts'
import { createApp } from '../../src/http/app.ts'
import { catalogRoutes } from '../../src/http/catalog.ts'
import { observeGraphChanges } from '../../src/records/graph-changes.ts'
import { DCT, HYDRA } from '../../src/vocab/index.ts'
import { BASE, createCatalogApp } from './catalog-app.ts'
import { createFixtureStore, type TestStore } from './memory-store.ts'
import { getPage, nextOf, pathOf, walk } from './walk.ts'

const ds = (id: string) => `${BASE}/dataset/${id}`
const COMPLETE = ['1001', '1002', '1003', '1004', '1005', '1006'].map(ds)
const linkOf = (quads: Awaited<ReturnType<typeof getPage>>['quads'], predicate: { value: string }) =>
  quads.find((q) => q.predicate.value === predicate.value && q.predicate.value.startsWith(HYDRA.$iri) && q.subject.termType === 'NamedNode' && q.subject.value.includes('page='))?.object.value

/** A record's graph as N-Quads, with a new title and modification date (what `ogd import` would write). */
function revisedRecord(id: string, title: string, modified: string): string {
  const g = `<${ds(id)}>`
  return [
    `${g} <http://www.w3.org/1999/02/22-rdf-syntax-ns#type> <http://www.w3.org/ns/dcat#Dataset> ${g} .`,
    `${g} <http://purl.org/dc/terms/title> "${title}"@zh-hant ${g} .`,
    `${g} <http://purl.org/dc/terms/description> "revised"@zh-hant ${g} .`,
    `${g} <http://purl.org/dc/terms/modified> "${modified}"^^<http://www.w3.org/2001/XMLSchema#dateTime> ${g} .`,
    `${g} <http://localhost:8080/ontology#metadataStatus> <http://localhost:8080/scheme/metadata-status/complete> ${g} .`,
  ].join('\n')
}

const problem = async (response: Response) => ({ status: response.status, type: response.headers.get('content-type'), body: await response.json() })

describe('walking hydra:next', () => {
  it('visits every complete record exactly once, in dataset IRI order', async () => {
    const pages = await walk(createCatalogApp(createFixtureStore(), { pageSize: 4 }), '/catalog')
    expect(pages.flatMap((p) => p.listed)).toEqual(COMPLETE)
  })

  it('gives first, previous, next, last and totalItems with absolute, version-pinned URLs', async () => {
    const page = await getPage(createCatalogApp(createFixtureStore(), { pageSize: 2 }), '/catalog?page=2')
    const version = new URL(linkOf(page.quads, HYDRA.first)!).searchParams.get('version')
    expect(version).toMatch(/^[0-9a-f]{16}$/)
    expect(linkOf(page.quads, HYDRA.first)).toBe(`http://localhost/catalog?page=1&page_size=2&version=${version}`)
    expect(linkOf(page.quads, HYDRA.previous)).toBe(`http://localhost/catalog?page=1&page_size=2&version=${version}`)
    expect(linkOf(page.quads, HYDRA.next)).toBe(`http://localhost/catalog?page=3&page_size=2&version=${version}`)
    expect(linkOf(page.quads, HYDRA.last)).toBe(`http://localhost/catalog?page=3&page_size=2&version=${version}`)
    expect(page.quads.find((q) => q.predicate.equals(HYDRA.totalItems))?.object.value).toBe('6')
  })

  it('builds links from X-Forwarded-Proto, -Host and -Prefix', async () => {
    const headers = { 'x-forwarded-proto': 'https', 'x-forwarded-host': 'data.example.tw', 'x-forwarded-prefix': '/kg' }
    const page = await getPage(createCatalogApp(createFixtureStore(), { pageSize: 2 }), '/catalog', { headers })
    expect(nextOf(page)).toMatch(/^https:\/\/data\.example\.tw\/kg\/catalog\?page=2&/)
  })

  it('builds links from Forwarded (RFC 7239) and ignores a Host that is not a host', async () => {
    const app = createCatalogApp(createFixtureStore(), { pageSize: 2 })
    expect(nextOf(await getPage(app, '/catalog', { headers: { forwarded: 'for=1.2.3.4;proto=https;host=kg.example.tw' } }))).toMatch(/^https:\/\/kg\.example\.tw\/catalog\?/)
    expect(nextOf(await getPage(app, '/catalog', { headers: { 'x-forwarded-host': 'evil.example/"><x' } }))).toMatch(/^http:\/\/localhost\/catalog\?/)
  })

  it('keeps the format, profile and filter of the first request in every link', async () => {
    const page = await getPage(createCatalogApp(createFixtureStore(), { pageSize: 1 }), '/catalog.nt?profile=2.1.1&modified_since=2020-01-01')
    expect(nextOf(page)).toMatch(/^http:\/\/localhost\/catalog\.nt\?page=2&page_size=1&modified_since=2020-01-01&profile=2.1.1&version=/)
  })
})

describe('page limits', () => {
  const app = () => createCatalogApp(createFixtureStore(), { pageSize: 2, maxPageSize: 50 })

  it('refuses page_size above the maximum with 400 naming the maximum', async () => {
    const { status, type, body } = await problem(await app().request('/catalog?page_size=51'))
    expect([status, type, body.maximum]).toEqual([400, 'application/problem+json', 50])
    expect(body.detail).toContain('50')
  })

  it.each(['0', '-1', 'abc', '1.5', ''])('refuses page_size=%j with 400', async (value) => {
    expect((await app().request(`/catalog?page_size=${value}`)).status).toBe(400)
  })

  it.each(['0', 'x', '-2'])('refuses page=%j with 400', async (value) => {
    expect((await app().request(`/catalog?page=${value}`)).status).toBe(400)
  })

  it('answers 404 for a page past the last', async () => {
    expect((await app().request('/catalog?page=4')).status).toBe(404)
  })

  it('refuses a parameter given twice', async () => {
    const { status, body } = await problem(await app().request('/catalog?page=1&page=2'))
    expect([status, body.parameter]).toEqual([400, 'page'])
  })

  it('serves the next request normally after a refused one', async () => {
    const a = app()
    await a.request('/catalog?page_size=9999')
    expect((await a.request('/catalog')).status).toBe(200)
  })
})

describe('modified_since', () => {
  const listed = async (query: string) => (await getPage(createCatalogApp(createFixtureStore()), `/catalog?modified_since=${query}`)).listed

  it('keeps records whose catalogue record (else dataset) was modified at or after the instant', async () => {
    expect(await listed('2025-01-01T00:00:00Z')).toEqual([ds('1001'), ds('1003'), ds('1005')])
  })

  it('reads a date alone as 00:00 Taiwan time', async () => {
    expect(await listed('2025-12-31')).toEqual([ds('1003')])
  })

  it('accepts an offset whose + arrived as a space', async () => {
    expect(await listed('2025-12-31T23:00:00 08:00')).toEqual([ds('1003')])
  })

  it('counts only matching records in totalItems', async () => {
    const page = await getPage(createCatalogApp(createFixtureStore()), '/catalog?modified_since=2025-01-01T00:00:00Z')
    expect(page.quads.find((q) => q.predicate.equals(HYDRA.totalItems))?.object.value).toBe('3')
  })

  it.each(['yesterday', '2025-02-30', '2025-01-01T00:00:00', '2025-13-01T00:00:00Z'])('refuses %j with 400', async (value) => {
    const { status, body } = await problem(await createCatalogApp(createFixtureStore()).request(`/catalog?modified_since=${encodeURIComponent(value)}`))
    expect([status, body.parameter]).toEqual([400, 'modified_since'])
  })
})

describe('consistent paging', () => {
  async function walkWhileChanging(store: TestStore, change: (n: number) => Promise<void>) {
    const app = createCatalogApp(store, { pageSize: 2 })
    return walk(app, '/catalog', { between: change })
  }

  it('visits every record of the version it started on exactly once while records are replaced', async () => {
    const store = createFixtureStore()
    const pages = await walkWhileChanging(store, async (n) => {
      // Replace a record on a later page and one on an earlier page after every page.
      await store.replaceGraphs([ds('1006')], revisedRecord('1006', `修訂 ${n}`, `2026-02-0${n}T00:00:00+08:00`))
      await store.replaceGraphs([ds('1001')], revisedRecord('1001', `修訂 ${n}`, `2026-02-0${n}T00:00:00+08:00`))
    })
    expect(pages.flatMap((p) => p.listed)).toEqual(COMPLETE)
    // The replaced record is served as it is now, on the page the pinned version gives it.
    expect(pages[2]!.quads.some((q) => q.subject.value === ds('1006') && q.predicate.equals(DCT.title) && q.object.value === '修訂 2')).toBe(true)
  })

  it('leaves out records deleted during the walk and adds none created during it', async () => {
    const store = createFixtureStore()
    const pages = await walkWhileChanging(store, async (n) => {
      if (n === 1) await store.replaceGraphs([ds('1004')], '')
      if (n === 1) await store.replaceGraphs([ds('1000')], revisedRecord('1000', '新資料集', '2026-03-01T00:00:00+08:00'))
      if (n === 1) await store.replaceGraphs([ds('1009')], revisedRecord('1009', '新資料集', '2026-03-01T00:00:00+08:00'))
    })
    expect(pages.flatMap((p) => p.listed)).toEqual(COMPLETE.filter((d) => d !== ds('1004')))
    expect(pages.length).toBe(3)
  })

  it('starts a new walk on the new version', async () => {
    const store = createFixtureStore()
    const app = createCatalogApp(store, { pageSize: 2 })
    await store.replaceGraphs([ds('1004')], '')
    expect((await walk(app, '/catalog')).flatMap((p) => p.listed)).toEqual(COMPLETE.filter((d) => d !== ds('1004')))
  })

  it('answers 410 problem+json with a restart link for a version no longer kept', async () => {
    const store = createFixtureStore()
    const app = createCatalogApp(store, { pageSize: 2, maxVersions: 1 })
    const next = nextOf(await getPage(app, '/catalog?modified_since=2000-01-01'))!
    await store.replaceGraphs([ds('1004')], '')
    await app.request('/catalog')
    const response = await app.request(pathOf(next), { headers: { 'x-forwarded-proto': 'https', 'x-forwarded-host': 'kg.example.tw' } })
    const { status, type, body } = await problem(response)
    expect([status, type, body.code]).toEqual([410, 'application/problem+json', 'gone'])
    expect(body.detail).toMatch(/restart the harvest from the first page/)
    expect(body.restart).toBe('https://kg.example.tw/catalog?page_size=2&modified_since=2000-01-01')
  })

  it('keeps a replaced version while it is young enough, and drops it after retainMs', async () => {
    const store = createFixtureStore()
    const app = createCatalogApp(store, { pageSize: 2, retainMs: 60_000 })
    const next = nextOf(await getPage(app, '/catalog'))!
    await store.replaceGraphs([ds('1004')], '')
    expect((await app.request(pathOf(next))).status).toBe(200)
    const expiring = createCatalogApp(store, { pageSize: 2, retainMs: 0 })
    const old = nextOf(await getPage(expiring, '/catalog'))!
    await store.replaceGraphs([ds('1005')], '')
    await expiring.request('/catalog')
    await new Promise((resolve) => setTimeout(resolve, 5))
    expect((await expiring.request(pathOf(old))).status).toBe(410)
  })

  it('refuses a malformed version token with 400', async () => {
    expect((await createCatalogApp(createFixtureStore()).request('/catalog?version=../../etc')).status).toBe(400)
  })

  it('notices changes of a store without a generation number after refreshMs, reading in the background', async () => {
    const store = createFixtureStore()
    const plain = { ...store, generation: undefined } as unknown as TestStore
    const app = createCatalogApp(plain, { refreshMs: 0 })
    expect((await getPage(app, '/catalog')).listed).toHaveLength(6)
    await store.replaceGraphs([ds('1004')], '')
    // The first request after the change may still be answered from the previous read; a later one is not.
    let listed = 6
    for (let attempt = 0; attempt < 5 && listed === 6; attempt++) listed = (await getPage(app, '/catalog')).listed.length
    expect(listed).toBe(5)
  })
})

describe('mounted on the project app', () => {
  it('keeps its 410 and 400 answers when mounted with app.route on createApp', async () => {
    const store = createFixtureStore()
    const logger = pino({ level: 'silent' })
    const config = loadConfig({})
    const app = createApp({ store, config, logger, catalog: { pageSize: 2, maxVersions: 1 } })
    const next = nextOf(await getPage(app, '/catalog'))!
    await store.replaceGraphs([ds('1004')], '')
    await app.request('/catalog')
    expect((await app.request(pathOf(next))).status).toBe(410)
    expect((await app.request('/catalog?page_size=5000')).status).toBe(400)
    expect((await app.request('/catalog', { method: 'OPTIONS', headers: { origin: 'https://harvester.example', 'access-control-request-method': 'GET' } })).headers.get('access-control-allow-origin')).toBe('*')
  })
})

describe('stores that only report their writes', () => {
  it('follows the writes an observed store reports (as createApp wraps every store)', async () => {
    const inner = createFixtureStore()
    const store = observeGraphChanges({ ...inner, generation: undefined } as unknown as TestStore)
    const app = createCatalogApp(store, { refreshMs: 3_600_000 })
    expect((await getPage(app, '/catalog')).listed).toHaveLength(6)
    await store.replaceGraphs([ds('1004')], '')
    expect((await getPage(app, '/catalog')).listed).toHaveLength(5)
  })
})
