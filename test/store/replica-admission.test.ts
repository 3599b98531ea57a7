/**
 * Replicas cannot all be lost to cheap requests (issue 10): a crashing query's variants are refused, copies of one
 * arriving together cost one replica, and while a replica reloads the last free one is kept for ordinary queries.
 * The guard is disabled here, standing for any way it might be fooled in future.
 */
import { afterEach, describe, expect, it } from 'vitest'
import type { AppError } from '../../src/errors.ts'
import { createEmbeddedStore, type EmbeddedStore, type EmbeddedStoreOptions } from '../../src/store/embedded.ts'
import { generateNQuads } from '../fixtures/store/synthetic.ts'

const NQUADS = generateNQuads(150)
const QUADS = NQUADS.split('\n').length - 1
const COUNT = 'SELECT (COUNT(*) AS ?n) WHERE { ?s ?p ?o }'
const NOVEL = 'SELECT (COUNT(*) AS ?n) WHERE { ?s a ?type }'
const NO_GUARD = { maxBytes: 10_000_000, maxDepth: 10_000_000, maxTokens: 10_000_000 }
const nested = (n: number) => `SELECT * WHERE { FILTER${'('.repeat(n)}1${')'.repeat(n)} }`

const open: EmbeddedStore[] = []
async function storeOf(options: Partial<EmbeddedStoreOptions> = {}): Promise<EmbeddedStore> {
  const store = createEmbeddedStore({ nquads: NQUADS, replicas: 2, defaultTimeoutMs: 20_000, limits: NO_GUARD, ...options })
  open.push(store)
  await store.allReady
  return store
}
afterEach(async () => { await Promise.all(open.splice(0).map((store) => store.close())) })

const csv = (store: EmbeddedStore, query: string) => store.query({ query, mediaType: 'text/csv' }).then((r) => r.body)
const settle = (promise: Promise<unknown>) => promise.then((value) => ({ value, error: undefined }), (error: AppError) => ({ value: undefined, error }))
const until = async (isDone: () => boolean) => { while (!isDone()) await new Promise((resolve) => setTimeout(resolve, 20)) }

describe('crash memory by shape', () => {
  it('a_variant_of_a_crashing_query_is_refused_without_costing_a_replica', async () => {
    const store = await storeOf()
    expect((await settle(store.query({ query: nested(5000), mediaType: 'text/csv' }))).error).toMatchObject({ code: 'engine_limit' })
    const variant = await settle(store.query({ query: nested(6123).replace('(1)', '(2)'), mediaType: 'application/sparql-results+json' }))
    expect(variant.error).toMatchObject({ code: 'engine_limit', details: { repeated: true } })
    expect(variant.error?.message).toMatch(/so is every query of the same shape/)
    expect(store.stats()).toMatchObject({ crashed: 1, crashRepeatsRefused: 1 })
    expect(await csv(store, COUNT)).toBe(`n\r\n${QUADS}\r\n`)
  })

  it('copies_of_a_crashing_query_sent_together_cost_one_replica', async () => {
    const store = await storeOf()
    const results = await Promise.all([5000, 5200, 5400].map((n) => settle(store.query({ query: nested(n), mediaType: 'text/csv' }))))
    expect(results.map((r) => r.error?.code)).toEqual(['engine_limit', 'engine_limit', 'engine_limit'])
    expect(results.filter((r) => r.error?.details.repeated === true)).toHaveLength(2)
    expect(store.stats()).toMatchObject({ crashed: 1 })
    expect(await csv(store, COUNT)).toBe(`n\r\n${QUADS}\r\n`)
  })
})

describe('the last free replica while another reloads', () => {
  it('an_ordinary_query_is_answered_at_once_and_a_never_seen_one_waits_for_the_reload', async () => {
    const store = await storeOf()
    expect(await csv(store, COUNT)).toBe(`n\r\n${QUADS}\r\n`) // COUNT's shape has now completed: ordinary
    await settle(store.query({ query: nested(5000), mediaType: 'text/csv' }))
    expect(store.stats()).toMatchObject({ ready: 1, crashed: 1 })
    const events: string[] = []
    const novel = csv(store, NOVEL).then((body) => { events.push(`novel after reload: ${store.stats().ready === 2}`); return body })
    const ordinary = await csv(store, COUNT).finally(() => events.push('ordinary'))
    expect(ordinary).toBe(`n\r\n${QUADS}\r\n`)
    expect(await novel).toMatch(/^n\r\n\d+\r\n$/)
    expect(events).toEqual(['ordinary', 'novel after reload: true'])
  })

  it('a_never_seen_query_that_waits_too_long_is_503_and_the_next_ordinary_query_is_answered', async () => {
    const store = await storeOf({ maxReservedWaitMs: 1 })
    await csv(store, COUNT)
    await settle(store.query({ query: nested(5000), mediaType: 'text/csv' }))
    const { error } = await settle(csv(store, NOVEL))
    expect(error).toMatchObject({ code: 'unavailable', details: { reserved: true, retryAfterSeconds: 5 } })
    expect(store.stats().reservedWaitsRefused).toBe(1)
    expect(await csv(store, COUNT)).toBe(`n\r\n${QUADS}\r\n`)
    await until(() => store.stats().ready === 2)
    expect(await csv(store, NOVEL)).toMatch(/^n\r\n\d+\r\n$/)
  })

  it('with_one_replica_nothing_is_reserved', async () => {
    const store = await storeOf({ replicas: 1 })
    await settle(store.query({ query: nested(5000), mediaType: 'text/csv' }))
    expect(await csv(store, NOVEL)).toMatch(/^n\r\n\d+\r\n$/)
  })
})
