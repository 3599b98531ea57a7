/**
 * Language tags in BCP 47 canonical case (zh-Hant, en) in every document we serve — SPARQL results of every format,
 * graphs, records (JSON-LD language maps, Turtle), the search API, the dump — although the engine lower-cases them.
 */
import { gunzipSync } from 'node:zlib'
import { beforeAll, describe, expect, it } from 'vitest'
import type { Hono } from 'hono'
import { createInProcessStore } from '../../src/store/in-process.ts'
import { BASE, fixtureNQuads } from '../records/fixture-graph.ts'
import { buildApp } from './support.ts'

let app: Hono
beforeAll(async () => {
  app = buildApp({ store: createInProcessStore({ nquads: await fixtureNQuads() }), env: { BASE_IRI: BASE } }) as unknown as Hono
})

const TITLE_QUERY = `PREFIX dct: <http://purl.org/dc/terms/>
SELECT ?title WHERE { <${BASE}/dataset/87371> dct:title ?title }`
const sparql = (query: string, accept: string) => app.request(`/sparql?query=${encodeURIComponent(query)}`, { headers: { accept } })
/** No lower-cased script subtag anywhere in the body. */
const hasLowerCasedTag = (text: string) => /(@|lang"\s*:\s*"|lang=")zh-hant/.test(text)

describe('SPARQL results', () => {
  it('JSON: xml:lang is zh-Hant', async () => {
    const body = await (await sparql(TITLE_QUERY, 'application/sparql-results+json')).json()
    expect(body.results.bindings.map((b: { title: { 'xml:lang': string } }) => b.title['xml:lang'])).toContain('zh-Hant')
  })

  it.each([
    ['application/sparql-results+xml', 'xml:lang="zh-Hant"'],
    ['text/tab-separated-values', '@zh-Hant'],
  ])('%s carries %s', async (accept, expected) => {
    const text = await (await sparql(TITLE_QUERY, accept)).text()
    expect(text).toContain(expected)
    expect(hasLowerCasedTag(text)).toBe(false)
  })

  it.each([['text/turtle', '@zh-Hant'], ['application/n-triples', '@zh-Hant'], ['application/rdf+xml', 'xml:lang="zh-Hant"'], ['application/ld+json', '"@language": "zh-Hant"']])(
    'CONSTRUCT as %s carries %s', async (accept, expected) => {
      const text = await (await sparql(`DESCRIBE <${BASE}/dataset/87371>`, accept)).text()
      expect(text).toContain(expected)
      expect(hasLowerCasedTag(text)).toBe(false)
    })

  it('langMatches is case-insensitive: a filter on "zh-Hant" finds the Chinese title', async () => {
    const query = TITLE_QUERY.replace('?title }', '?title FILTER(langMatches(lang(?title), "zh-Hant")) }')
    const body = await (await sparql(query, 'application/sparql-results+json')).json()
    expect(body.results.bindings).toHaveLength(1)
  })

  it('a literal written @zh-Hant in a query matches the data', async () => {
    const title = (await (await sparql(TITLE_QUERY, 'application/sparql-results+json')).json()).results.bindings.find((b: { title: { 'xml:lang'?: string } }) => b.title['xml:lang'] === 'zh-Hant').title.value
    const ask = `PREFIX dct: <http://purl.org/dc/terms/> ASK { <${BASE}/dataset/87371> dct:title ${JSON.stringify(title)}@zh-Hant }`
    expect((await (await sparql(ask, 'application/sparql-results+json')).json()).boolean).toBe(true)
  })
})

describe('records and search', () => {
  it('a JSON-LD language map is keyed zh-Hant', async () => {
    const document = await (await app.request('/dataset/87371', { headers: { accept: 'application/ld+json' } })).json()
    expect(Object.keys(document.title)).toContain('zh-Hant')
    expect(Object.keys(document.title)).not.toContain('zh-hant')
  })

  it('Turtle of a record carries @zh-Hant', async () => {
    const text = await (await app.request('/agency/A41000000G.ttl')).text()
    expect(text).toContain('@zh-Hant')
    expect(hasLowerCasedTag(text)).toBe(false)
  })

  it('the search API keys names by zh-Hant', async () => {
    const body = await (await app.request('/api/datasets?q=%E8%B3%87%E6%96%99', { headers: { accept: 'application/ld+json' } })).text()
    expect(body).toContain('"zh-Hant"')
    expect(body).not.toContain('"zh-hant"')
  })

  it('the DCAT-AP catalogue carries @zh-Hant', async () => {
    const text = await (await app.request('/catalog.ttl')).text()
    expect(text).toContain('@zh-Hant')
    expect(hasLowerCasedTag(text)).toBe(false)
  })

  it('the dump carries @zh-Hant', async () => {
    const text = gunzipSync(Buffer.from(await (await app.request('/dump.nq.gz')).arrayBuffer())).toString('utf8')
    expect(text).toContain('@zh-Hant')
    expect(hasLowerCasedTag(text)).toBe(false)
  })
})
