/**
 * Nothing unbounded on the event loop (issue 10): a CONSTRUCT answered in JSON-LD is written in a thread of its own,
 * within the query's deadline, so other routes answer meanwhile; past the deadline, or past the size limit, it is a
 * 503 saying so, and the next request is answered.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import type { AppError } from '../../src/errors.ts'
import { createApp } from '../../src/http/app.ts'
import { createJsonLdPool } from '../../src/serialize/jsonld-pool.ts'
import { createEmbeddedStore, type EmbeddedStore } from '../../src/store/embedded.ts'
import type { GraphStore } from '../../src/store/types.ts'
import { generateNQuads } from '../fixtures/store/synthetic.ts'
import { silentLogger, testConfig } from './support.ts'

const NQUADS = generateNQuads(1600) // ≈ 32,000 quads
const CONSTRUCT_30K = 'CONSTRUCT { ?s ?p ?o } WHERE { ?s ?p ?o } LIMIT 30000'
const CONSTRUCT_10 = 'CONSTRUCT { ?s ?p ?o } WHERE { ?s ?p ?o } LIMIT 10'
const JSONLD = { accept: 'application/ld+json' }

let store: EmbeddedStore
beforeAll(async () => {
  store = createEmbeddedStore({ nquads: NQUADS, replicas: 1 })
  await store.ready
})
afterAll(() => store.close())

/** The store, telling when the engine has answered (so the test knows the JSON-LD writing has begun). */
function signallingStore(): { store: GraphStore; engineAnswered: Promise<void> } {
  let signal = () => {}
  const engineAnswered = new Promise<void>((resolve) => { signal = resolve })
  return { engineAnswered, store: { ...store, query: async (request) => { const result = await store.query(request); signal(); return result } } }
}

const appOver = (graphStore: GraphStore, env: Record<string, string> = {}, jsonLd = createJsonLdPool()) =>
  createApp({ store: graphStore, config: testConfig({ QUERY_CACHE_BYTES: '0', ...env }), logger: silentLogger(), jsonLd })
const sparql = (app: ReturnType<typeof createApp>, query: string) => app.request(`/sparql?query=${encodeURIComponent(query)}`, { headers: JSONLD })

describe('JSON-LD answers of CONSTRUCT', () => {
  it('health_is_answered_while_30k_triples_are_written_as_json_ld_and_the_answer_is_complete', async () => {
    const { store: observed, engineAnswered } = signallingStore()
    const app = appOver(observed)
    const events: string[] = []
    const construct = Promise.resolve(sparql(app, CONSTRUCT_30K)).finally(() => events.push('construct'))
    await engineAnswered
    const health = await app.request('/health')
    events.push('health')
    expect(health.status).toBe(200)
    const response = await construct
    expect(events).toEqual(['health', 'construct'])
    expect(response.status).toBe(200)
    expect(response.headers.get('content-type')).toMatch(/^application\/ld\+json/)
    const document = (await response.json()) as { '@graph': { '@id'?: string }[] }
    expect(document['@graph'].length).toBeGreaterThan(1000)
  }, 120_000)

  it('a_result_past_the_size_limit_is_refused_at_once_and_the_next_is_answered', async () => {
    const app = appOver(store, {}, createJsonLdPool({ maxStatements: 100 }))
    const response = await sparql(app, 'CONSTRUCT { ?s ?p ?o } WHERE { ?s ?p ?o } LIMIT 1000')
    expect(response.status).toBe(503)
    expect(((await response.json()) as { detail: string }).detail).toMatch(/^the result has 1000 statements, more than the 100 this endpoint writes as JSON-LD/)
    expect((await sparql(app, CONSTRUCT_10)).status).toBe(200)
    // The same answer in N-Triples, written by the engine, is not limited.
    expect((await app.request(`/sparql?query=${encodeURIComponent('CONSTRUCT { ?s ?p ?o } WHERE { ?s ?p ?o } LIMIT 1000')}`, { headers: { accept: 'application/n-triples' } })).status).toBe(200)
  }, 60_000)
})

describe('the JSON-LD thread', () => {
  it('past_its_deadline_a_job_is_503_timeout_saying_why_and_a_fresh_thread_takes_the_next', async () => {
    const pool = createJsonLdPool()
    try {
      const nquads = (await store.query({ query: CONSTRUCT_30K, mediaType: 'application/n-quads' })).body
      const late = await pool.serialize(nquads, {}, 50).then(() => undefined, (error: AppError) => error)
      expect(late).toMatchObject({ code: 'timeout', details: { statements: expect.any(Number), serialisation: 'jsonld' } })
      expect(late?.message).toMatch(/^the result \(\d+ statements\) could not be written as JSON-LD within the query's deadline of 50 ms/)
      const next = JSON.parse(await pool.serialize('<http://a.example/s> <http://a.example/p> "o" .\n', {}, 30_000))
      expect(next).toMatchObject({ '@id': 'http://a.example/s' })
    } finally {
      await pool.close()
    }
  }, 60_000)
})
