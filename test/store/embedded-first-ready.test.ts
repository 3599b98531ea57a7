import { afterEach, describe, expect, it } from 'vitest'
import { createEmbeddedStore, type EmbeddedStore } from '../../src/store/embedded.ts'
import { generateNQuads } from '../fixtures/store/synthetic.ts'

const NQUADS = generateNQuads(150)
const QUADS = NQUADS.split('\n').length - 1
const GRAPH_0 = 'http://kg.example.tw/record/0'
const COUNT = 'SELECT (COUNT(*) AS ?n) WHERE { ?s ?p ?o }'
const IN_GRAPH_0 = `SELECT ?o WHERE { GRAPH <${GRAPH_0}> { ?s <http://purl.org/dc/terms/identifier> ?o } }`

const open: EmbeddedStore[] = []
afterEach(async () => { await Promise.all(open.splice(0).map((store) => store.close())) })
const storeOf = (replicas: number) => {
  const store = createEmbeddedStore({ nquads: NQUADS, replicas, defaultTimeoutMs: 20_000 })
  open.push(store)
  return store
}

describe('embedded store: serving from the first replica', () => {
  it('ready_settles_when_one_replica_has_loaded_while_the_others_still_load', async () => {
    const store = storeOf(3)
    await store.ready
    expect(store.stats()).toMatchObject({ ready: 1 })
    expect((await store.query({ query: COUNT, mediaType: 'text/csv' })).body).toBe(`n\r\n${QUADS}\r\n`)
  })

  it('the_others_join_as_they_load', async () => {
    const store = storeOf(3)
    await store.allReady
    expect(store.stats()).toMatchObject({ replicas: 3, ready: 3 })
  })

  it('a_change_written_while_replicas_still_load_reaches_every_one_before_it_answers', async () => {
    const store = storeOf(3)
    await store.ready
    await store.replaceGraphs([GRAPH_0], `<http://kg.example.tw/dataset/0> <http://purl.org/dc/terms/identifier> "changed" <${GRAPH_0}> .\n`)
    await store.allReady
    // Three at once: one on each replica, the two that joined after the change included.
    const answers = await Promise.all([1, 2, 3].map(() => store.query({ query: IN_GRAPH_0, mediaType: 'text/csv' })))
    expect(answers.map((a) => a.body)).toEqual(Array(3).fill('o\r\nchanged\r\n'))
  })

  it('ready_rejects_when_no_replica_can_load', async () => {
    const store = createEmbeddedStore({ nquads: 'not n-quads\n', replicas: 2 })
    open.push(store)
    await expect(store.ready).rejects.toMatchObject({ code: 'internal' })
    await expect(store.allReady).rejects.toBeDefined()
  })
})
