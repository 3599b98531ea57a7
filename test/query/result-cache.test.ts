import { describe, expect, it } from 'vitest'
import { cacheKeyOf, createResultCache, isCacheable } from '../../src/query/result-cache.ts'
import type { QueryRequest, QueryResult } from '../../src/store/types.ts'

const request = (query: string, extra: Partial<QueryRequest> = {}): QueryRequest => ({ query, mediaType: 'application/sparql-results+json', ...extra })
const answer = (body: string): QueryResult => ({ form: 'SELECT', mediaType: 'application/sparql-results+json', body })

/** A compute function that counts its calls and answers `body`. */
function counting(body: string) {
  const fn = async () => {
    fn.calls++
    return answer(body)
  }
  fn.calls = 0
  return fn
}

describe('result cache', () => {
  it('answers a repeated query from the cache until the graph changes', async () => {
    const cache = createResultCache({ maxBytes: 1 << 20 })
    const compute = counting('{"n":1}')
    expect((await cache.run(request('SELECT * {?s ?p ?o}'), compute)).cached).toBe(false)
    const second = await cache.run(request('SELECT * {?s ?p ?o}'), compute)
    expect(second).toEqual({ result: answer('{"n":1}'), cached: true })
    expect(compute.calls).toBe(1)
    cache.invalidate()
    expect((await cache.run(request('SELECT * {?s ?p ?o}'), compute)).cached).toBe(false)
    expect(compute.calls).toBe(2)
    expect(cache.stats()).toMatchObject({ hits: 1, misses: 2, entries: 1 })
  })

  it('keys on the format, the dataset and the base as well as the text', () => {
    const base = request('SELECT * {?s ?p ?o}')
    const keys = new Set([
      cacheKeyOf(base),
      cacheKeyOf({ ...base, mediaType: 'text/csv' }),
      cacheKeyOf({ ...base, defaultGraphUris: ['http://example.org/g'] }),
      cacheKeyOf({ ...base, namedGraphUris: ['http://example.org/g'] }),
      cacheKeyOf({ ...base, baseIri: 'http://example.org/' }),
    ])
    expect(keys.size).toBe(5)
  })

  it('never reuses answers meant to differ between runs, nor federated ones', async () => {
    for (const query of ['SELECT (NOW() AS ?t) {}', 'SELECT (rand () AS ?r) {}', 'SELECT (UUID() AS ?u) {}', 'SELECT (STRUUID() AS ?u) {}', 'SELECT * { SERVICE <http://example.org/sparql> { ?s ?p ?o } }']) {
      expect(isCacheable(query), query).toBe(false)
      const cache = createResultCache({ maxBytes: 1 << 20 })
      const compute = counting('{}')
      await cache.run(request(query), compute)
      await cache.run(request(query), compute)
      expect(compute.calls, query).toBe(2)
    }
    expect(isCacheable('SELECT ?now { ?s <http://example.org/rand> ?now }')).toBe(true)
  })

  it('does not keep a result computed while the graph changed', async () => {
    const cache = createResultCache({ maxBytes: 1 << 20 })
    let release!: () => void
    const slow = async () => {
      await new Promise<void>((resolve) => { release = resolve })
      return answer('old')
    }
    const pending = cache.run(request('ASK {}'), slow)
    await Promise.resolve()
    cache.invalidate()
    release()
    expect((await pending).result.body).toBe('old')
    const compute = counting('new')
    expect((await cache.run(request('ASK {}'), compute)).result.body).toBe('new')
    expect(compute.calls).toBe(1)
  })

  it('lets identical queries in flight share one evaluation', async () => {
    const cache = createResultCache({ maxBytes: 1 << 20 })
    let calls = 0
    const compute = async () => {
      calls++
      await new Promise((resolve) => setTimeout(resolve, 20))
      return answer('shared')
    }
    const results = await Promise.all(Array.from({ length: 5 }, () => cache.run(request('SELECT * {}'), compute)))
    expect(calls).toBe(1)
    expect(results.map((r) => r.result.body)).toEqual(Array(5).fill('shared'))
    expect(cache.stats().coalesced).toBe(4)
  })

  it('shares a failure with the requests that waited for it, and keeps nothing', async () => {
    const cache = createResultCache({ maxBytes: 1 << 20 })
    const failing = async () => {
      await new Promise((resolve) => setTimeout(resolve, 10))
      throw new Error('deadline')
    }
    const outcomes = await Promise.allSettled([cache.run(request('ASK {}'), failing), cache.run(request('ASK {}'), failing)])
    expect(outcomes.map((o) => o.status)).toEqual(['rejected', 'rejected'])
    expect(cache.stats().entries).toBe(0)
    const compute = counting('true')
    expect((await cache.run(request('ASK {}'), compute)).cached).toBe(false)
  })

  it('stays within its byte bound, evicting the least recently used, and skips oversized results', async () => {
    const cache = createResultCache({ maxBytes: 400, maxEntryBytes: 250 })
    const body = 'x'.repeat(50) // 100 bytes as counted
    for (const n of [1, 2, 3]) await cache.run(request(`ASK { ${n} }`), counting(body))
    await cache.run(request('ASK { 1 }'), counting(body)) // touch 1: 2 is now the oldest
    await cache.run(request('ASK { 4 }'), counting(body))
    await cache.run(request('ASK { 5 }'), counting(body))
    expect(cache.stats().bytes).toBeLessThanOrEqual(400)
    const probe = counting(body)
    await cache.run(request('ASK { 2 }'), probe)
    expect(probe.calls).toBe(1)
    const kept = counting(body)
    await cache.run(request('ASK { 1 }'), kept)
    expect(kept.calls).toBe(0)
    const big = counting('y'.repeat(200))
    await cache.run(request('ASK { big }'), big)
    await cache.run(request('ASK { big }'), big)
    expect(big.calls).toBe(2)
  })

  it('is off at 0 bytes', async () => {
    const cache = createResultCache({ maxBytes: 0 })
    const compute = counting('{}')
    await cache.run(request('ASK {}'), compute)
    await cache.run(request('ASK {}'), compute)
    expect(compute.calls).toBe(2)
  })
})
