import { afterEach, describe, expect, it } from 'vitest'
import { AppError } from '../../src/errors.ts'
import { createEmbeddedStore, type EmbeddedStore, type EmbeddedStoreOptions } from '../../src/store/embedded.ts'
import { ENGINE_LIMIT_MESSAGE } from '../../src/store/embedded-engine.ts'
import { generateNQuads } from '../fixtures/store/synthetic.ts'

// 150 records ≈ 3,000 quads: four independent patterns are 8·10^13 rows, a query that never ends by itself.
const NQUADS = generateNQuads(150)
const QUADS = NQUADS.split('\n').length - 1
const RUNAWAY = 'SELECT (COUNT(*) AS ?c) WHERE { ?a ?b ?c . ?d ?e ?f . ?g ?h ?i . ?j ?k ?l }'
const COUNT = 'SELECT (COUNT(*) AS ?n) WHERE { ?s ?p ?o }'
const NESTING_ATTACK = 'SELECT * WHERE { FILTER' + '('.repeat(5000) + '1' + ')'.repeat(5000) + ' }'
const GRAPH_0 = 'http://kg.example.tw/record/0'
// 16 characters doubled 32 times would be 64 GiB: past the engine's 4 GiB of WebAssembly memory within seconds,
// from a 1 KB query that every guard lets through.
const MEMORY_BOMB = `SELECT (STRLEN(?v32) AS ?n) WHERE { BIND("0123456789abcdef" AS ?v0) ${Array.from({ length: 32 }, (_, i) => `BIND(CONCAT(?v${i}, ?v${i}) AS ?v${i + 1})`).join(' ')} }`

const open: EmbeddedStore[] = []
async function storeOf(options: Partial<EmbeddedStoreOptions> = {}): Promise<EmbeddedStore> {
  const store = createEmbeddedStore({ nquads: NQUADS, replicas: 2, defaultTimeoutMs: 20_000, ...options })
  open.push(store)
  await store.allReady // these tests need every replica serving; test/store/embedded-first-ready.test.ts covers `ready`
  return store
}
afterEach(async () => { await Promise.all(open.splice(0).map((store) => store.close())) })

const count = async (store: EmbeddedStore) => (await store.query({ query: COUNT, mediaType: 'text/csv' })).body
const settle = (promise: Promise<unknown>) => promise.then((value) => ({ value, error: undefined }), (error: AppError) => ({ value: undefined, error }))
const until = async (isDone: () => boolean) => { while (!isDone()) await new Promise((resolve) => setTimeout(resolve, 20)) }

describe('embedded store: deadlines', () => {
  it('runaway_is_stopped_at_its_deadline_while_another_replica_answers', async () => {
    const store = await storeOf()
    const events: string[] = []
    const started = performance.now()
    const runaway = settle(store.query({ query: RUNAWAY, mediaType: 'text/csv', timeoutMs: 1500 }).finally(() => events.push('runaway')))
    const simple = await count(store).finally(() => events.push('simple'))
    const simpleMs = performance.now() - started
    const { error } = await runaway
    const runawayMs = performance.now() - started

    expect(simple).toBe(`n\r\n${QUADS}\r\n`)
    expect(events).toEqual(['simple', 'runaway'])
    expect(error).toMatchObject({ code: 'timeout', message: 'query exceeded the 1.5 s deadline and was stopped' })
    expect(runawayMs).toBeLessThan(15_000) // generous: stopped, not finished
    expect(store.stats()).toMatchObject({ killed: 1, replaced: 1, crashed: 0 })
    console.info(`simple query answered after ${simpleMs.toFixed(0)} ms; runaway stopped after ${runawayMs.toFixed(0)} ms (deadline 1500 ms)`)
  })

  it('next_query_after_a_kill_works_with_a_single_replica', async () => {
    const store = await storeOf({ replicas: 1 })
    const { error } = await settle(store.query({ query: RUNAWAY, mediaType: 'text/csv', timeoutMs: 500 }))
    expect(error?.code).toBe('timeout')
    expect(await count(store)).toBe(`n\r\n${QUADS}\r\n`)
    expect(store.stats()).toMatchObject({ replicas: 1, ready: 1, killed: 1, replaced: 1 })
  })

  it('default_deadline_applies_when_the_request_brings_none', async () => {
    const store = await storeOf({ replicas: 1, defaultTimeoutMs: 300 })
    await expect(store.query({ query: RUNAWAY, mediaType: 'text/csv' })).rejects.toMatchObject({ code: 'timeout' })
  })
})

describe('embedded store: engine crashes', () => {
  it('twenty_nesting_attacks_in_a_row_are_refused_by_the_guard', async () => {
    const store = await storeOf()
    for (let i = 0; i < 20; i += 1) {
      await expect(store.query({ query: NESTING_ATTACK, mediaType: 'text/csv' })).rejects.toMatchObject({ code: 'bad_query' })
    }
    expect(await count(store)).toBe(`n\r\n${QUADS}\r\n`)
    expect(store.stats()).toMatchObject({ crashed: 0, replaced: 0 })
  })

  it('nesting_attack_past_a_disabled_guard_retires_its_replica_and_the_store_recovers', async () => {
    const store = await storeOf({ limits: { maxBytes: 10_000_000, maxDepth: 1_000_000, maxTokens: 10_000_000 } })
    const { error } = await settle(store.query({ query: NESTING_ATTACK, mediaType: 'text/csv' }))
    expect(error).toMatchObject({ code: 'engine_limit', message: ENGINE_LIMIT_MESSAGE })
    expect(store.stats()).toMatchObject({ crashed: 1, replaced: 1 })
    // Two at once reach both replicas: the survivor and (once loaded) the fresh one.
    await until(() => store.stats().ready === 2)
    expect(await Promise.all([count(store), count(store)])).toEqual([`n\r\n${QUADS}\r\n`, `n\r\n${QUADS}\r\n`])
  })
})

describe('embedded store: a query past the engine memory', () => {
  it('memory_bomb_is_engine_limit_its_repeat_is_refused_without_a_crash_and_a_write_forgets_it', async () => {
    const store = await storeOf()
    const first = await settle(store.query({ query: MEMORY_BOMB, mediaType: 'text/csv' }))
    expect(first.error).toMatchObject({ code: 'engine_limit', message: ENGINE_LIMIT_MESSAGE })
    expect(store.stats()).toMatchObject({ crashed: 1, replaced: 1, crashRepeatsRefused: 0 })

    // The same query again costs no replica: refused at once, saying why and for how long.
    const again = await settle(store.query({ query: MEMORY_BOMB, mediaType: 'text/csv' }))
    expect(again.error).toMatchObject({ code: 'engine_limit', details: { repeated: true } })
    expect(again.error?.message).toMatch(/^this query crashed the query engine \d+ s ago: .* It is refused for \d+ s more/)
    expect(store.stats()).toMatchObject({ crashed: 1, crashRepeatsRefused: 1 })
    // Ordinary queries are answered meanwhile.
    expect(await count(store)).toBe(`n\r\n${QUADS}\r\n`)

    // A write changes the graph the query failed on: it is run again (and fails again, a second crash).
    await store.replaceGraphs([GRAPH_0], '')
    const afterWrite = await settle(store.query({ query: MEMORY_BOMB, mediaType: 'text/csv' }))
    expect(afterWrite.error).toMatchObject({ code: 'engine_limit', message: ENGINE_LIMIT_MESSAGE })
    expect(store.stats()).toMatchObject({ crashed: 2, crashRepeatsRefused: 1 })
    await until(() => store.stats().ready === 2)
    expect(await count(store)).toMatch(/^n\r\n\d+\r\n$/)
  }, 60_000)
})

describe('embedded store: queue', () => {
  it('full_queue_is_overloaded_with_a_retry_after', async () => {
    const store = await storeOf({ replicas: 1, maxQueued: 1, defaultTimeoutMs: 4000 })
    const running = settle(store.query({ query: RUNAWAY, mediaType: 'text/csv' }))
    const waiting = settle(count(store))
    expect(store.stats()).toMatchObject({ running: 1, queued: 1 })
    const { error } = await settle(count(store))
    expect(error).toMatchObject({ code: 'overloaded', details: { retryAfterSeconds: 4 } })
    expect((await running).error?.code).toBe('timeout')
    expect((await waiting).value).toBe(`n\r\n${QUADS}\r\n`)
  })

  it('queries_sent_before_the_load_finished_wait_for_it', async () => {
    const store = createEmbeddedStore({ nquads: NQUADS, replicas: 1 })
    open.push(store)
    expect(store.stats().ready).toBe(0)
    expect(await count(store)).toBe(`n\r\n${QUADS}\r\n`)
  })

  it('close_fails_the_waiting_queries', async () => {
    const store = await storeOf({ replicas: 1 })
    const running = settle(store.query({ query: RUNAWAY, mediaType: 'text/csv' }))
    const waiting = settle(count(store))
    await store.close()
    expect((await waiting).error?.code).toBe('unavailable')
    expect((await running).error?.code).toBe('unavailable')
    await expect(count(store)).rejects.toMatchObject({ code: 'unavailable' })
  })
})

describe('embedded store: changes reach every replica', () => {
  const replacement = `<http://kg.example.tw/dataset/0> <http://purl.org/dc/terms/identifier> "changed" <${GRAPH_0}> .\n`
  const inGraph0 = `SELECT (COUNT(*) AS ?n) WHERE { GRAPH <${GRAPH_0}> { ?s ?p ?o } }`
  const countGraph0 = async (store: EmbeddedStore) => (await store.query({ query: inGraph0, mediaType: 'text/csv' })).body

  it('a_replica_started_after_a_change_replays_it', async () => {
    const store = await storeOf({ replicas: 1 })
    await store.replaceGraphs([GRAPH_0], replacement)
    await settle(store.query({ query: RUNAWAY, mediaType: 'text/csv', timeoutMs: 300 }))
    expect(await countGraph0(store)).toBe('n\r\n1\r\n')
    expect(store.stats().replaced).toBe(1)
  })

  it('a_change_made_while_a_replica_reloads_reaches_it', async () => {
    const store = await storeOf()
    await settle(store.query({ query: RUNAWAY, mediaType: 'text/csv', timeoutMs: 300 }))
    expect(store.stats().ready).toBe(1) // the replacement is loading
    await store.replaceGraphs([GRAPH_0], replacement)
    await until(() => store.stats().ready === 2)
    expect(await Promise.all([countGraph0(store), countGraph0(store)])).toEqual(['n\r\n1\r\n', 'n\r\n1\r\n'])
  })
})

describe('embedded store: a graph that cannot be loaded', () => {
  it('ready_rejects_and_queries_are_unavailable_without_restart_loops', async () => {
    const store = createEmbeddedStore({ nquads: '<http://x/s> <http://x/p> "o" .\nnot n-quads\n', replicas: 2 })
    open.push(store)
    await expect(store.ready).rejects.toMatchObject({ code: 'internal' })
    await until(() => store.stats().replicas === 0)
    await expect(count(store)).rejects.toMatchObject({ code: 'unavailable' })
    expect(store.stats()).toMatchObject({ replaced: 0 })
  })

  it('zero_replicas_is_a_configuration_error', () => {
    expect(() => createEmbeddedStore({ nquads: '', replicas: 0 })).toThrow(AppError)
  })
})
