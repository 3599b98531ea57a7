/**
 * Differential fuzz test of the query guard against the engine (issue 10): seeded hostile queries; whatever the
 * guard passes must run on a real replica (a throwaway worker) without overflowing or poisoning it, and the deep
 * ones it refuses really do crash an unguarded engine. `bench/guard-fuzz.ts` is the long run of the same generator.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { createPrng } from '../../bench/lib/prng.ts'
import { generateFuzzQuery, type FuzzQuery } from '../../bench/lib/guard-fuzz.ts'
import { AppError } from '../../src/errors.ts'
import { DEFAULT_QUERY_LIMITS, guardQueryText } from '../../src/query/guard.ts'
import { createEmbeddedStore, type EmbeddedStore } from '../../src/store/embedded.ts'
import { generateNQuads } from '../fixtures/store/synthetic.ts'

const NQUADS = generateNQuads(20)
const COUNT = 'SELECT (COUNT(*) AS ?n) WHERE { ?s ?p ?o }'
const RUNS = 400

function isPassed(query: string): boolean {
  try {
    guardQueryText(query, DEFAULT_QUERY_LIMITS)
    return true
  } catch (error) {
    if (!(error instanceof AppError) || (error.code !== 'bad_query' && error.code !== 'payload_too_large')) throw error
    return false
  }
}

const rng = createPrng('guard-fuzz-in-test')
const cases: (FuzzQuery & { isPassed: boolean })[] = Array.from({ length: RUNS }, () => {
  const generated = generateFuzzQuery(rng)
  return { ...generated, isPassed: isPassed(generated.query) }
})

describe('guard against the engine, on generated queries', () => {
  let store: EmbeddedStore
  beforeAll(async () => {
    store = createEmbeddedStore({ nquads: NQUADS, replicas: 1, defaultTimeoutMs: 10_000 })
    await store.ready
  })
  afterAll(() => store.close())

  it('generates_both_kinds: deep queries and ones the guard passes', () => {
    expect(cases.filter((c) => c.engineDepth > 1000).length).toBeGreaterThan(RUNS / 10)
    expect(cases.filter((c) => c.isPassed).length).toBeGreaterThan(RUNS / 4)
  })

  it('never_passes_a_query_nested_past_the_limit', () => {
    const passedTooDeep = cases.filter((c) => c.isPassed && c.engineDepth > DEFAULT_QUERY_LIMITS.maxDepth)
    expect(passedTooDeep.map((c) => c.query.slice(0, 200))).toEqual([])
  })

  it('refuses_nothing_within_the_limit_when_the_text_has_one_reading', () => {
    // With a \u escape outside strings and IRIs the spec's reading may differ; the guard then checks both.
    const refused = cases.filter((c) => !c.isPassed && c.engineDepth <= DEFAULT_QUERY_LIMITS.maxDepth && !/\\[uU]/.test(c.query))
    expect(refused.map((c) => c.query.slice(0, 200))).toEqual([])
  })

  it('every_query_it_passes_runs_without_crashing_or_poisoning_the_engine', async () => {
    for (const { query } of cases.filter((c) => c.isPassed)) {
      const error = await store.query({ query, mediaType: 'application/sparql-results+json' }).then(() => undefined, (e: AppError) => e)
      // Syntax errors and unsupported functions are the engine's answer; a crash is not.
      if (error) expect([query.slice(0, 120), error.code]).toEqual([query.slice(0, 120), 'bad_query'])
    }
    expect(store.stats()).toMatchObject({ crashed: 0, replaced: 0 })
    // Not poisoned: the next ordinary query is answered, and right.
    expect((await store.query({ query: COUNT, mediaType: 'text/csv' })).body).toBe(`n\r\n${NQUADS.split('\n').length - 1}\r\n`)
  }, 60_000)

  it('the_deep_queries_it_refuses_do_crash_an_unguarded_engine', async () => {
    const unguarded = createEmbeddedStore({ nquads: NQUADS, replicas: 1, limits: { maxBytes: 1e7, maxDepth: 1e7, maxTokens: 1e7 } })
    try {
      await unguarded.ready
      const deep = cases.filter((c) => !c.isPassed && c.engineDepth > 2000).slice(0, 2)
      expect(deep.length).toBe(2)
      for (const { query } of deep) {
        await expect(unguarded.query({ query, mediaType: 'application/sparql-results+json' })).rejects.toMatchObject({ code: 'engine_limit' })
      }
    } finally {
      await unguarded.close()
    }
  }, 60_000)
})
