/**
 * The two guard bypasses of issue 10, through HTTP onto real worker replicas: each is refused 400 before the engine,
 * no replica is lost, and the next ordinary query is answered.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { createApp } from '../../src/http/app.ts'
import { createEmbeddedStore, type EmbeddedStore } from '../../src/store/embedded.ts'
import { generateNQuads } from '../fixtures/store/synthetic.ts'
import { silentLogger, testConfig } from './support.ts'

const NQUADS = generateNQuads(150)
const QUADS = NQUADS.split('\n').length - 1
const COUNT = 'SELECT (COUNT(*) AS ?n) WHERE { ?s ?p ?o }'
const deep = (n: number) => '('.repeat(n) + '1' + ')'.repeat(n)
const BYPASSES = {
  'an IRI with a \\u escape and #': `SELECT * WHERE { BIND(<http://x.example/\\u0041#> AS ?x) FILTER${deep(3000)} }`,
  'less-than before brackets': `SELECT * WHERE { ?s ?p ?o FILTER(?s<${deep(3000)}&&?p>?o) }`,
}

let store: EmbeddedStore
let app: ReturnType<typeof createApp>
beforeAll(async () => {
  store = createEmbeddedStore({ nquads: NQUADS, replicas: 2 })
  await store.allReady
  app = createApp({ store, config: testConfig({ QUERY_CACHE_BYTES: '0' }), logger: silentLogger() })
})
afterAll(() => store.close())

describe('the guard bypasses of issue 10', () => {
  it.each(Object.entries(BYPASSES))('%s is 400 before the engine, and the next query is answered', async (_name, query) => {
    const response = await app.request('/sparql', { method: 'POST', headers: { 'content-type': 'application/sparql-query', accept: 'text/csv' }, body: query })
    expect(response.status).toBe(400)
    expect((await response.json()) as { code: string; detail: string }).toMatchObject({ code: 'bad_query', detail: expect.stringMatching(/nests brackets more than 64 deep/) })
    expect(store.stats()).toMatchObject({ crashed: 0, ready: 2 })
    const next = await app.request(`/sparql?query=${encodeURIComponent(COUNT)}`, { headers: { accept: 'text/csv' } })
    expect(await next.text()).toBe(`n\r\n${QUADS}\r\n`)
  })
})
