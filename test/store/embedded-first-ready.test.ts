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

describe('embedded store: a standby replica', () => {
  const RUNAWAY = 'SELECT (COUNT(*) AS ?c) WHERE { ?a ?b ?c . ?d ?e ?f . ?g ?h ?i . ?j ?k ?l }'
  const until = async (isDone: () => boolean) => { while (!isDone()) await new Promise((resolve) => setTimeout(resolve, 20)) }

  it('takes a killed replica_s place at once, with the changes written before, while another standby loads', async () => {
    const store = createEmbeddedStore({ nquads: NQUADS, replicas: 1, standby: 1, defaultTimeoutMs: 20_000 })
    open.push(store)
    await store.allReady
    expect(store.stats()).toMatchObject({ replicas: 1, ready: 1, standby: 1 })
    await store.replaceGraphs([GRAPH_0], `<http://kg.example.tw/dataset/0> <http://purl.org/dc/terms/identifier> "changed" <${GRAPH_0}> .\n`)
    await expect(store.query({ query: RUNAWAY, mediaType: 'text/csv', timeoutMs: 300 })).rejects.toMatchObject({ code: 'timeout' })
    // No load in between: the standby serves now, and the replacement loads as the new standby.
    expect(store.stats()).toMatchObject({ ready: 1, standby: 0, killed: 1, replaced: 1 })
    expect((await store.query({ query: IN_GRAPH_0, mediaType: 'text/csv' })).body).toBe('o\r\nchanged\r\n')
    await until(() => store.stats().standby === 1)
  })

  it('is not given queries while the serving replicas are busy', async () => {
    const store = createEmbeddedStore({ nquads: NQUADS, replicas: 1, standby: 1, defaultTimeoutMs: 20_000 })
    open.push(store)
    await store.allReady
    const slow = store.query({ query: RUNAWAY, mediaType: 'text/csv', timeoutMs: 1500 }).catch(() => undefined)
    await new Promise((resolve) => setTimeout(resolve, 100))
    expect(store.stats()).toMatchObject({ running: 1, standby: 1 })
    const next = store.query({ query: COUNT, mediaType: 'text/csv' })
    await new Promise((resolve) => setTimeout(resolve, 100))
    expect(store.stats().queued).toBe(1)
    await slow
    expect((await next).body).toBe(`n\r\n${QUADS}\r\n`)
  })

  it('a negative number of standbys is a configuration error', () => {
    expect(() => createEmbeddedStore({ nquads: '', standby: -1 })).toThrow(/standby/)
  })
})

