/**
 * /catalog as records and /api are served: ETag, Last-Modified (the catalogue's data date), Cache-Control,
 * compression, 304s; unknown parameters refused naming them; an HTML view for a browser.
 */
import { gunzipSync } from 'node:zlib'
import { describe, expect, it } from 'vitest'
import { BASE, createCatalogApp } from './catalog-app.ts'
import { createFixtureStore } from './memory-store.ts'

const app = () => createCatalogApp(createFixtureStore())

describe('caching and compression', () => {
  it('a page carries ETag, Last-Modified (the catalogue dct:modified) and Cache-Control', async () => {
    const response = await app().request('/catalog.ttl')
    expect(response.headers.get('etag')).toMatch(/^"[\w-]+"$/)
    expect(response.headers.get('last-modified')).toBe(new Date('2025-12-31T15:00:00Z').toUTCString())
    expect(response.headers.get('cache-control')).toContain('max-age=')
    expect(await response.text()).toContain('dct:modified "2025-12-31T15:00:00Z"')
  })

  it('a client holding the page gets 304 by ETag and by date', async () => {
    const catalog = app()
    const first = await catalog.request('/catalog.ttl')
    expect((await catalog.request('/catalog.ttl', { headers: { 'if-none-match': first.headers.get('etag')! } })).status).toBe(304)
    expect((await catalog.request('/catalog.ttl', { headers: { 'if-modified-since': first.headers.get('last-modified')! } })).status).toBe(304)
    expect((await catalog.request('/catalog.ttl', { headers: { 'if-modified-since': 'Tue, 01 Jan 2025 00:00:00 GMT' } })).status).toBe(200)
  })

  it('a page is gzip-compressed when the client accepts it, and varies on Accept-Encoding', async () => {
    const response = await app().request('/catalog.ttl', { headers: { 'accept-encoding': 'gzip' } })
    expect(response.headers.get('content-encoding')).toBe('gzip')
    expect(response.headers.get('vary')).toContain('Accept-Encoding')
    expect(gunzipSync(Buffer.from(await response.arrayBuffer())).toString('utf8')).toContain('dcat:Catalog')
  })

  it('the change feed carries an ETag too', async () => {
    expect((await app().request('/catalog/changes?page=1', { headers: { accept: 'application/activity+json' } })).headers.get('etag')).toBeTruthy()
  })
})

describe('parameters', () => {
  it.each(['/catalog?q=x', '/catalog.ttl?pagesize=5', '/catalog/changes?modified_since=2025-01-01'])('%s is refused with 400 naming the parameter', async (path) => {
    const catalog = app()
    const response = await catalog.request(path)
    expect(response.status).toBe(400)
    const problem = await response.json()
    expect(problem.detail).toContain(`unknown parameter ${new URL(path, BASE).searchParams.keys().next().value}`)
    // The next ordinary request still works.
    expect((await catalog.request('/catalog.ttl?page_size=2')).status).toBe(200)
  })
})

describe('the HTML view', () => {
  it('a browser gets the catalogue page as HTML: what it lists, its datasets, paging and the RDF forms', async () => {
    const response = await app().request('/catalog?page_size=2', { headers: { accept: 'text/html,application/xhtml+xml,application/xml;q=0.9,*/*;q=0.8' } })
    expect(response.status).toBe(200)
    expect(response.headers.get('content-type')).toBe('text/html; charset=utf-8')
    const page = await response.text()
    expect(page).toContain('<html lang="zh-Hant">')
    expect(page).toContain('臺北市公園一覽表')
    expect(page).toMatch(/rel="next" href="http:\/\/localhost\/catalog\?page=2&amp;page_size=2&amp;version=[0-9a-f]{16}/)
    expect(page).toContain('type="text/turtle"')
    expect(page).toContain('6') // the number of complete records the catalogue lists
  })

  it('?lang=en gives the English page', async () => {
    const page = await (await app().request('/catalog?lang=en', { headers: { accept: 'text/html' } })).text()
    expect(page).toContain('lists only the 6 datasets whose metadata is complete')
  })

  it('a harvester asking for RDF still gets Turtle', async () => {
    const response = await app().request('/catalog', { headers: { accept: 'text/turtle' } })
    expect(response.headers.get('content-type')).toContain('text/turtle')
  })
})
