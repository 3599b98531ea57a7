/** The SPARQL endpoint's result cache, end to end: reused answers say so (RFC 9211), and a write drops them. */
import { describe, expect, it } from 'vitest'
import { observeGraphChanges } from '../../src/records/graph-changes.ts'
import { createInProcessStore } from '../../src/store/in-process.ts'
import { buildApp, fixture } from './support.ts'

const TITLES = 'SELECT ?title WHERE { ?d <http://purl.org/dc/terms/title> ?title } ORDER BY ?title'
const enc = encodeURIComponent
const G = 'http://kg.example.tw/dataset/cache-test'

async function titles(app: ReturnType<typeof buildApp>, accept = 'application/sparql-results+json') {
  const response = await app.request(`/sparql?query=${enc(TITLES)}`, { headers: { accept } })
  expect(response.status).toBe(200)
  return { cacheStatus: response.headers.get('cache-status'), body: await response.text() }
}

describe('SPARQL result cache', () => {
  it('answers a repeated query from the cache, per format, and forgets everything at a write', async () => {
    const store = createInProcessStore({ nquads: fixture('graph.nq') })
    let evaluations = 0
    const counted = { ...store, query: (request: Parameters<typeof store.query>[0]) => { evaluations++; return store.query(request) }, replaceGraphs: store.replaceGraphs.bind(store) }
    // Writes reach the app through the observed store it is given (as the server's write path does).
    const observed = observeGraphChanges(counted)
    const app = buildApp({ store: observed })

    const first = await titles(app)
    expect(first.cacheStatus).toBe('ogd-sparql; fwd=miss')
    const second = await titles(app)
    expect(second).toEqual({ cacheStatus: 'ogd-sparql; hit', body: first.body })
    expect(evaluations).toBe(1)
    // Another format is another answer.
    expect((await titles(app, 'text/csv')).cacheStatus).toBe('ogd-sparql; fwd=miss')
    expect(evaluations).toBe(2)

    // A write through the app's store: the next answer is evaluated again and includes the new title.
    await observed.replaceGraphs([G], `<${G}> <http://purl.org/dc/terms/title> "Cache test" <${G}> .\n`)
    const after = await titles(app)
    expect(after.cacheStatus).toBe('ogd-sparql; fwd=miss')
    expect(after.body).toContain('Cache test')
    expect(evaluations).toBe(3)
  })

  it('never reuses a volatile query, and is off with QUERY_CACHE_BYTES=0', async () => {
    const app = buildApp()
    const now = 'SELECT (NOW() AS ?t) WHERE {}'
    for (let i = 0; i < 2; i++) {
      const response = await app.request(`/sparql?query=${enc(now)}`)
      expect(response.headers.get('cache-status')).toBe('ogd-sparql; fwd=miss')
    }
    const off = buildApp({ env: { QUERY_CACHE_BYTES: '0' } })
    expect((await titles(off)).cacheStatus).toBe('ogd-sparql; fwd=miss')
    expect((await titles(off)).cacheStatus).toBe('ogd-sparql; fwd=miss')
  })

  it('reports its counters in /metrics', async () => {
    const app = buildApp()
    await titles(app)
    await titles(app)
    const metrics = await (await app.request('/metrics')).text()
    expect(metrics).toMatch(/^sparql_result_cache_hits_total 1$/m)
    expect(metrics).toMatch(/^sparql_result_cache_misses_total 1$/m)
    expect(metrics).toMatch(/^sparql_result_cache_entries 1$/m)
  })
})
