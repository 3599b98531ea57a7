/**
 * /health tells a load balancer the truth (issue 10): 503 while no replica can answer, 200 with how many can as
 * soon as one can. Replicas are crashed for real, through HTTP, with the guard disabled (standing for any way it
 * might be fooled): two different crashing queries at once take both, and the endpoint recovers by itself.
 */
import { afterEach, describe, expect, it } from 'vitest'
import { createApp } from '../../src/http/app.ts'
import { createEmbeddedStore, type EmbeddedStore } from '../../src/store/embedded.ts'
import { generateNQuads } from '../fixtures/store/synthetic.ts'
import { silentLogger, testConfig } from './support.ts'

// A replica takes hundreds of ms to come back (a new thread, the WASM engine, the load): "none ready" is seen.
const NQUADS = generateNQuads(1000)
const QUADS = NQUADS.split('\n').length - 1
const COUNT = 'SELECT (COUNT(*) AS ?n) WHERE { ?s ?p ?o }'
const NO_GUARD = { maxBytes: 1e7, maxDepth: 1e7, maxTokens: 1e7 }
const PARENTHESES = `SELECT * WHERE { FILTER${'('.repeat(5000)}1${')'.repeat(5000)} }`
const GROUPS = `SELECT * WHERE ${'{'.repeat(5000)}${'}'.repeat(5000)}`

const stores: EmbeddedStore[] = []
afterEach(async () => { await Promise.all(stores.splice(0).map((store) => store.close())) })

async function appOverReplicas() {
  const store = createEmbeddedStore({ nquads: NQUADS, replicas: 2, limits: NO_GUARD })
  stores.push(store)
  await store.allReady
  const config = { ...testConfig({ QUERY_CACHE_BYTES: '0', QUERY_STRIKE_LIMIT: '0' }), maxQueryBytes: 1e7, maxQueryDepth: 1e7, maxQueryTokens: 1e7 }
  return { store, app: createApp({ store, config, logger: silentLogger() }) }
}

const query = (app: ReturnType<typeof createApp>, text: string) =>
  app.request(`/sparql?query=${encodeURIComponent(text)}`, { headers: { accept: 'text/csv' } })
const until = async (isDone: () => Promise<boolean> | boolean) => { while (!(await isDone())) await new Promise((resolve) => setTimeout(resolve, 20)) }

describe('/health and the replicas', () => {
  it('is_200_with_every_replica_ready', async () => {
    const { app } = await appOverReplicas()
    const response = await app.request('/health')
    expect(response.status).toBe(200)
    expect(response.headers.get('cache-control')).toBe('no-store')
    expect(await response.json()).toEqual({ status: 'ok', replicas: { total: 2, ready: 2 } })
  })

  it('two_different_crashing_queries_at_once_make_it_503_until_a_replica_is_back_then_200_and_queries_are_answered', async () => {
    const { app, store } = await appOverReplicas()
    const crashes = await Promise.all([query(app, PARENTHESES), query(app, GROUPS)])
    expect(crashes.map((r) => r.status)).toEqual([503, 503])
    expect((await Promise.all(crashes.map((r) => r.json()))).map((p) => p.code)).toEqual(['engine_limit', 'engine_limit'])

    const down = await app.request('/health')
    expect(store.stats().ready).toBe(0)
    expect(down.status).toBe(503)
    expect(down.headers.get('content-type')).toBe('application/problem+json')
    expect(down.headers.get('retry-after')).toBe('5')
    expect(await down.json()).toMatchObject({ code: 'unavailable', replicasTotal: 2, replicasReady: 0 })

    await until(async () => (await app.request('/health')).status === 200)
    expect((await (await app.request('/health')).json()).replicas.ready).toBeGreaterThanOrEqual(1)
    const answer = await query(app, COUNT)
    expect(answer.status).toBe(200)
    expect(await answer.text()).toBe(`n\r\n${QUADS}\r\n`)
  }, 60_000)

  it('two_variants_of_one_crashing_query_at_once_cost_one_replica_and_health_stays_200', async () => {
    const { app, store } = await appOverReplicas()
    expect((await query(app, COUNT)).status).toBe(200) // an ordinary query, seen before
    const crashes = await Promise.all([query(app, PARENTHESES), query(app, PARENTHESES.replace('(1)', '(2)').replace('((', '((('))])
    expect(crashes.map((r) => r.status)).toEqual([503, 503])
    expect(store.stats().crashed).toBe(1)
    const health = await app.request('/health')
    expect(health.status).toBe(200)
    expect(await health.json()).toMatchObject({ replicas: { ready: 1 } })
    expect(await (await query(app, COUNT)).text()).toBe(`n\r\n${QUADS}\r\n`)
  }, 60_000)
})

describe('/health while the replicas load one after another', () => {
  it('is_200_as_soon_as_the_first_replica_can_answer_saying_how_many_are_ready', async () => {
    const store = createEmbeddedStore({ nquads: NQUADS, replicas: 2 })
    stores.push(store)
    const app = createApp({ store, config: testConfig(), logger: silentLogger() })
    await store.firstReady
    const response = await app.request('/health')
    expect(response.status).toBe(200)
    // The second may have finished by the time /health is asked (its load overlaps the first's answer): 1 or 2.
    const health = (await response.json()) as { status: string; replicas: { total: number; ready: number } }
    expect(health.status).toBe('ok')
    expect(health.replicas.total).toBe(2)
    expect(health.replicas.ready).toBeGreaterThanOrEqual(1)
    expect((await query(app, COUNT)).status).toBe(200)
    await store.allReady
    expect(await (await app.request('/health')).json()).toEqual({ status: 'ok', replicas: { total: 2, ready: 2 } })
  })
})
