/** HTTP behaviour of record reads: validators and 304, Vary, compression, CORS, HEAD, and freshness after writes. */
import { gunzipSync, brotliDecompressSync } from 'node:zlib'
import { beforeEach, describe, expect, it } from 'vitest'
import { Writer } from 'n3'
import { BASE } from './fixture-graph.ts'
import { createRecordsApp, type TestApp } from './records-app.ts'

let records: TestApp
beforeEach(async () => {
  records = await createRecordsApp()
})

const get = (path: string, headers: Record<string, string> = {}) => records.app.request(path, { headers })

describe('conditional requests', () => {
  it('If-None-Match with the ETag gives 304 without a body, with the validators', async () => {
    const first = await get('/dataset/87371.ttl')
    const etag = first.headers.get('etag')!
    expect(etag).toMatch(/^"[\w-]+"$/)
    const again = await get('/dataset/87371.ttl', { 'if-none-match': etag })
    expect(again.status).toBe(304)
    expect(await again.text()).toBe('')
    expect(again.headers.get('etag')).toBe(etag)
  })

  it('a weak or listed validator matches too (weak comparison, RFC 9110 §13.1.2)', async () => {
    const etag = (await get('/dataset/87371.ttl')).headers.get('etag')!
    expect((await get('/dataset/87371.ttl', { 'if-none-match': `"other", W/${etag}` })).status).toBe(304)
    expect((await get('/dataset/87371.ttl', { 'if-none-match': '*' })).status).toBe(304)
  })

  it('a stale validator gives 200 with the body', async () => {
    const response = await get('/dataset/87371.ttl', { 'if-none-match': '"stale"' })
    expect(response.status).toBe(200)
    expect((await response.text()).length).toBeGreaterThan(100)
  })

  it('each format has its own validator', async () => {
    const ttl = (await get('/dataset/87371.ttl')).headers.get('etag')
    const jsonld = (await get('/dataset/87371.jsonld')).headers.get('etag')
    expect(ttl).not.toBe(jsonld)
  })

  it('Last-Modified is the dataset\'s dct:modified; If-Modified-Since at or after it gives 304', async () => {
    const response = await get('/dataset/87371.ttl')
    expect(response.headers.get('last-modified')).toBe(new Date('2025-11-13T15:37:05+08:00').toUTCString())
    expect((await get('/dataset/87371.ttl', { 'if-modified-since': 'Thu, 13 Nov 2025 07:37:05 GMT' })).status).toBe(304)
    expect((await get('/dataset/87371.ttl', { 'if-modified-since': 'Thu, 13 Nov 2025 07:37:04 GMT' })).status).toBe(200)
  })

  it('If-None-Match wins over If-Modified-Since (RFC 9110 §13.1.3)', async () => {
    const response = await get('/dataset/87371.ttl', { 'if-none-match': '"stale"', 'if-modified-since': 'Thu, 13 Nov 2030 00:00:00 GMT' })
    expect(response.status).toBe(200)
  })

  it('a record without dct:modified sends no Last-Modified', async () => {
    expect((await get('/law/J0070017.ttl')).headers.get('last-modified')).toBeNull()
  })
})

describe('Vary', () => {
  it('a negotiated record varies on Accept; HTML also on Accept-Language (JSON-LD has one shape)', async () => {
    expect((await get('/dataset/87371', { accept: 'text/turtle' })).headers.get('vary')).toBe('Accept, Accept-Encoding')
    expect((await get('/dataset/87371', { accept: 'application/ld+json' })).headers.get('vary')).toBe('Accept, Accept-Encoding')
  })

  it('a suffixed Turtle URL does not vary on Accept', async () => {
    expect((await get('/dataset/87371.ttl')).headers.get('vary')).not.toContain('Accept,')
  })
})

describe('compression', () => {
  it('gzip when asked, with its own validator, and the body inflates to the plain one', async () => {
    const plain = await get('/dataset/87371.ttl')
    const gzip = await get('/dataset/87371.ttl', { 'accept-encoding': 'gzip' })
    expect(gzip.headers.get('content-encoding')).toBe('gzip')
    expect(gzip.headers.get('etag')).toBe(plain.headers.get('etag')!.replace(/"$/, '-gzip"'))
    expect(gunzipSync(Buffer.from(await gzip.arrayBuffer())).toString('utf8')).toBe(await plain.text())
  })

  it('br is preferred when both are accepted', async () => {
    const response = await get('/dataset/87371.jsonld', { 'accept-encoding': 'gzip, deflate, br' })
    expect(response.headers.get('content-encoding')).toBe('br')
    expect(JSON.parse(brotliDecompressSync(Buffer.from(await response.arrayBuffer())).toString('utf8')).id).toBe(`${BASE}/dataset/87371`)
  })

  it('the validator of a compressed copy still matches the resource (304)', async () => {
    const gzip = await get('/dataset/87371.ttl', { 'accept-encoding': 'gzip' })
    expect((await get('/dataset/87371.ttl', { 'if-none-match': gzip.headers.get('etag')! })).status).toBe(304)
  })

  it('identity;q=1, br;q=0 and gzip;q=0 leave the body uncompressed', async () => {
    expect((await get('/dataset/87371.ttl', { 'accept-encoding': 'br;q=0, gzip;q=0' })).headers.get('content-encoding')).toBeNull()
  })
})

describe('CORS and methods', () => {
  it('reads carry Access-Control-Allow-Origin and expose ETag and Link', async () => {
    const response = await get('/dataset/87371.ttl', { origin: 'https://app.example' })
    expect(response.headers.get('access-control-allow-origin')).toBe('*')
    expect(response.headers.get('access-control-expose-headers')).toContain('ETag')
    expect(response.headers.get('access-control-expose-headers')).toContain('Link')
  })

  it('a preflight for a conditional read is allowed', async () => {
    const response = await records.app.request('/dataset/87371', {
      method: 'OPTIONS',
      headers: { origin: 'https://app.example', 'access-control-request-method': 'GET', 'access-control-request-headers': 'if-none-match' },
    })
    expect(response.status).toBe(204)
    expect(response.headers.get('access-control-allow-headers')?.toLowerCase()).toContain('if-none-match')
  })

  it('HEAD answers the headers of GET without a body', async () => {
    const response = await records.app.request('/dataset/87371.ttl', { method: 'HEAD' })
    expect(response.status).toBe(200)
    expect(response.headers.get('etag')).toBeTruthy()
    expect(await response.text()).toBe('')
  })

  it('a dataset links its validation report', async () => {
    expect((await get('/dataset/87371.ttl')).headers.get('link')).toContain('</dataset/87371/validation>; rel="describedby"'.replace('</', '<http://localhost/'))
  })
})

describe('the cache follows the store', () => {
  const titleTriple = (title: string) =>
    `<${BASE}/dataset/87371> <http://purl.org/dc/terms/title> ${JSON.stringify(title)}@zh-hant <${BASE}/dataset/87371> .\n`

  it('replacing a record\'s graph changes its document and validator at once', async () => {
    const before = await get('/dataset/87371.ttl')
    await records.store.replaceGraphs([`${BASE}/dataset/87371`], titleTriple('新標題'))
    const after = await get('/dataset/87371.ttl', { 'if-none-match': before.headers.get('etag')! })
    expect(after.status).toBe(200)
    expect(await after.text()).toContain('新標題')
  })

  it('replacing the publisher\'s graph refreshes the summary in the datasets that cite it', async () => {
    const document = await (await get('/dataset/87371.jsonld')).json()
    const publisher = document.publisher.id as string
    const renamed = new Writer({ format: 'N-Quads' }).quadsToString([])
      + `<${publisher}> <http://xmlns.com/foaf/0.1/name> "改名後的機關"@zh-hant <${publisher}> .\n`
    await records.store.replaceGraphs([publisher], renamed)
    const after = await (await get('/dataset/87371.jsonld')).json()
    expect(after.publisher.name['zh-Hant']).toBe('改名後的機關')
  })

  it('a record added after a 404 is found', async () => {
    expect((await get('/dataset/new-one.ttl')).status).toBe(404)
    await records.store.replaceGraphs([`${BASE}/dataset/new-one`], `<${BASE}/dataset/new-one> <http://purl.org/dc/terms/title> "新" <${BASE}/dataset/new-one> .\n`)
    expect((await get('/dataset/new-one.ttl')).status).toBe(200)
  })

  it('a deleted record is described no more at once (what still points to it remains, as for any dangling IRI)', async () => {
    await records.store.replaceGraphs([`${BASE}/dataset/87371`], '')
    const text = await (await get('/dataset/87371.ttl')).text()
    expect(text).not.toContain('歷年編制人數')
    // The record's quality graph (the build's {dataset}/validation) goes with it: it too states the dataset's measurements.
    await records.store.replaceGraphs([`${BASE}/dataset/87371`, `${BASE}/dataset/87371/validation`, `${BASE}/graph/catalog`], '')
    expect((await get('/dataset/87371.ttl')).status).toBe(404)
  })
})
