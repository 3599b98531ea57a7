/**
 * Where Virtuoso 7 departs from SPARQL 1.1, each difference named, and what our backend does about it (hides it or
 * answers an error that says so); and its limits: the row cap, "anytime" partial answers, the deadline, atomic
 * replacement under concurrent readers, the loading state, and start-up checks.
 */
import { expect } from 'vitest'
import { AppError } from '../../src/errors.ts'
import { createDigestFetch } from '../../src/store/digest-auth.ts'
import { launchVirtuoso } from '../../src/store/virtuoso-launch.ts'
import { openVirtuosoStore } from '../../src/store/virtuoso-store.ts'
import { isServingCatalogue } from '../../src/store/virtuoso-load.ts'
import { GRAPH_NQ } from './contract.ts'
import { describeVirtuoso, it, useVirtuoso } from './virtuoso-support.ts'

const BASE = 'http://kg.example.tw/'
const JSON_RESULTS = 'application/sparql-results+json'

async function failure(promise: Promise<unknown>): Promise<AppError> {
  const error = await promise.then(() => undefined, (e: unknown) => e)
  expect(error).toBeInstanceOf(AppError)
  return error as AppError
}

const rows = (body: string) => (JSON.parse(body) as { results: { bindings: Record<string, { value: string; datatype?: string; type: string }>[] } }).results.bindings

/** N-Quads of `count` subjects × 10 values in one graph: enough rows for a cross join that runs for minutes. */
function bigGraph(count: number): string {
  const lines: string[] = []
  for (let i = 0; i < count; i++) for (let j = 0; j < 10; j++) lines.push(`<${BASE}s/${i}> <${BASE}p/${j}> "v ${i} ${j}" <${BASE}big> .`)
  return lines.join('\n') + '\n'
}

describeVirtuoso('Virtuoso 7: differences from SPARQL 1.1, and limits', () => {
  const virtuoso = useVirtuoso()

  it('difference_operations_of_one_update_request_commit_separately_so_replace_graphs_is_one_statement', async () => {
    await virtuoso().load(GRAPH_NQ)
    const update = createDigestFetch({ user: 'dba', password: 'dba' })
    // Two operations in one request, the second failing at run time: Virtuoso keeps the first (not SPARQL 1.1 §3's
    // "all or nothing" for a request), which is why replaceGraphs sends one DELETE/INSERT statement.
    const text = `INSERT DATA { GRAPH <${BASE}record/1> { <${BASE}x> <${BASE}p> "kept" } } ; INSERT { GRAPH <${BASE}record/1> { <${BASE}x> <${BASE}p> ?y } } WHERE { BIND(YEAR(?unbound) AS ?y) }`
    const response = await update(`${virtuoso().endpoint}-auth`, { method: 'POST', headers: { 'content-type': 'application/x-www-form-urlencoded' }, body: new URLSearchParams({ update: text }).toString() })
    expect(response.status).toBe(500)
    const store = await virtuoso().open()
    const result = await store.query({ query: `ASK { <${BASE}x> <${BASE}p> "kept" }`, mediaType: JSON_RESULTS })
    expect(JSON.parse(result.body).boolean).toBe(true)
    await store.close()
  })

  it('replace_graphs_readers_see_the_old_or_the_new_graph_never_half', async () => {
    await virtuoso().load(GRAPH_NQ)
    const store = await virtuoso().open()
    const version = (v: string) => Array.from({ length: 40 }, (_, i) => `<${BASE}dataset/1> <${BASE}p/${i}> "${v}" <${BASE}record/1> .`).join('\n') + '\n'
    await store.replaceGraphs([`${BASE}record/1`], version('A'))
    let isWriting = true
    const seen: string[] = []
    const reader = (async () => {
      while (isWriting) {
        const result = await store.query({ query: `SELECT ?o WHERE { GRAPH <${BASE}record/1> { ?s ?p ?o } }`, mediaType: JSON_RESULTS })
        const values = rows(result.body).map((row) => row.o!.value)
        seen.push(`${values.length}:${[...new Set(values)].join('')}`)
      }
    })()
    for (let i = 0; i < 12; i++) await store.replaceGraphs([`${BASE}record/1`], version(i % 2 ? 'A' : 'B'))
    isWriting = false
    await reader
    expect(seen.length).toBeGreaterThan(0)
    expect(new Set(seen.map((s) => (s === '40:A' || s === '40:B' ? 'whole' : s)))).toEqual(new Set(['whole']))
    await store.close()
  })

  it('difference_xsd_string_constant_is_the_plain_literal_as_in_rdf_1_1', async () => {
    await virtuoso().load(GRAPH_NQ)
    const store = await virtuoso().open()
    // Virtuoso alone: "002"^^xsd:string does not match the stored "002". Ours writes the constant plain.
    const query = `SELECT ?d ?id WHERE { ?d <http://purl.org/dc/terms/identifier> ?id FILTER(?id = "002"^^<http://www.w3.org/2001/XMLSchema#string>) }`
    const direct = await fetch(virtuoso().endpoint, { method: 'POST', headers: { 'content-type': 'application/x-www-form-urlencoded', accept: JSON_RESULTS }, body: new URLSearchParams({ query }).toString() })
    expect(rows(await direct.text())).toHaveLength(0)
    const ours = rows((await store.query({ query, mediaType: JSON_RESULTS })).body)
    expect(ours.map((row) => [row.d!.value, row.id!.value, row.id!.datatype])).toEqual([[`${BASE}dataset/2`, '002', undefined]])
    await store.close()
  })

  it('difference_a_triple_in_two_graphs_is_two_rows_of_the_union_default_graph', async () => {
    // Named in the service description (ogd:storeDifference); the embedded store's union is a set: one row.
    await virtuoso().load(`<${BASE}a> <${BASE}p> "o" <${BASE}g1> .\n<${BASE}a> <${BASE}p> "o" <${BASE}g2> .\n`)
    const store = await virtuoso().open()
    const result = await store.query({ query: `SELECT ?o WHERE { <${BASE}a> <${BASE}p> ?o }`, mediaType: 'text/csv' })
    expect(result.body).toBe('o\r\no\r\no\r\n')
    const distinct = await store.query({ query: `SELECT DISTINCT ?o WHERE { <${BASE}a> <${BASE}p> ?o }`, mediaType: 'text/csv' })
    expect(distinct.body).toBe('o\r\no\r\n')
    await store.close()
  })

  it('difference_a_function_of_an_unbound_variable_is_an_error_that_says_so_not_an_unbound_value', async () => {
    await virtuoso().load(GRAPH_NQ)
    const store = await virtuoso().open()
    const error = await failure(store.query({ query: 'SELECT (YEAR(?nothing) AS ?y) WHERE { ?s ?p ?o }', mediaType: JSON_RESULTS }))
    expect(error.code).toBe('bad_query')
    expect(error.message).toMatch(/SPARQL 1\.1 would leave the value unbound/)
    expect(error.message).toMatch(/BOUND\(\)/)
    expect(JSON.parse((await store.query({ query: 'ASK { ?s ?p ?o }', mediaType: JSON_RESULTS })).body).boolean).toBe(true)
    await store.close()
  })

  it('difference_virtuoso_pragmas_are_not_sparql_and_are_refused', async () => {
    await virtuoso().load(GRAPH_NQ)
    const store = await virtuoso().open()
    // `define input:…` would let a client see Virtuoso's own graphs again.
    const error = await failure(store.query({ query: 'define input:default-graph-uri <http://www.openlinksw.com/schemas/virtrdf#> SELECT * WHERE { ?s ?p ?o }', mediaType: JSON_RESULTS }))
    expect(error.code).toBe('bad_query')
    await store.close()
  })

  it('difference_a_second_base_is_refused_by_virtuoso_so_a_query_with_its_own_base_goes_without_the_requests', async () => {
    await virtuoso().load(GRAPH_NQ)
    const store = await virtuoso().open()
    const result = await store.query({ query: `BASE <${BASE}> SELECT ?t WHERE { <dataset/1> a ?t }`, mediaType: 'text/csv', baseIri: 'http://elsewhere.example/' })
    expect(result.body).toBe('t\r\nhttp://www.w3.org/ns/dcat#Dataset\r\n')
    await store.close()
  })

  it('virtuosos_own_graphs_are_outside_the_dataset', async () => {
    await virtuoso().load(GRAPH_NQ)
    const store = await virtuoso().open()
    const count = await store.query({ query: 'SELECT (COUNT(*) AS ?n) WHERE { ?s ?p ?o }', mediaType: 'text/csv' })
    expect(count.body).toBe('n\r\n11\r\n')
    await store.close()
  })

  it('deadline_partial_anytime_answer_is_a_timeout_and_the_next_query_works', async () => {
    await virtuoso().load(bigGraph(300))
    const store = await virtuoso().open()
    const error = await failure(store.query({ query: 'SELECT (COUNT(*) AS ?n) WHERE { ?a ?b ?c . ?d ?e ?f . ?g ?h ?i }', mediaType: JSON_RESULTS, timeoutMs: 300 }))
    expect(error.code, error.message).toBe('timeout')
    const next = await store.query({ query: `SELECT (COUNT(*) AS ?n) WHERE { ?s ?p ?o }`, mediaType: 'text/csv' })
    expect(next.body).toBe('n\r\n3000\r\n')
    await store.close()
  })

  it('order_by_past_virtuosos_sort_limit_is_engine_limit_and_the_next_query_works', async () => {
    await virtuoso().load(GRAPH_NQ)
    const store = await virtuoso().open()
    const error = await failure(store.query({ query: 'SELECT ?s WHERE { ?s ?p ?o } ORDER BY ?s LIMIT 10 OFFSET 20000', mediaType: JSON_RESULTS }))
    expect(error.code).toBe('engine_limit')
    expect(error.message).toMatch(/MaxSortedTopRows/)
    expect((await store.query({ query: 'SELECT ?s WHERE { ?s ?p ?o } ORDER BY ?s LIMIT 1', mediaType: 'text/csv' })).body).toMatch(/^s\r\n/)
    await store.close()
  })

  it('loading_state_answers_unavailable_until_the_load_is_complete', async () => {
    await virtuoso().load(GRAPH_NQ)
    const store = await virtuoso().open()
    await virtuoso().sql('SPARQL DELETE { GRAPH <urn:x-ogd:store:state> { <urn:x-ogd:store:state> <urn:x-ogd:store:status> ?s } } INSERT { GRAPH <urn:x-ogd:store:state> { <urn:x-ogd:store:state> <urn:x-ogd:store:status> "loading" } } WHERE { OPTIONAL { GRAPH <urn:x-ogd:store:state> { <urn:x-ogd:store:state> <urn:x-ogd:store:status> ?s } } };')
    await store.sync()
    expect(store.isAvailable()).toBe(false)
    expect((await failure(store.query({ query: 'ASK {}', mediaType: JSON_RESULTS }))).code).toBe('unavailable')
    await virtuoso().load(GRAPH_NQ)
    await store.sync()
    expect(store.isAvailable()).toBe(true)
    expect(await store.size()).toBe(11)
    await store.close()
  })

  it('a_write_through_one_store_reaches_the_listeners_of_another_on_the_same_virtuoso', async () => {
    await virtuoso().load(GRAPH_NQ)
    const [one, other] = [await virtuoso().open(), await virtuoso().open()]
    const heardByOne: string[][] = []
    const heardByOther: string[][] = []
    one.onGraphsReplaced((graphs) => heardByOne.push([...graphs]))
    other.onGraphsReplaced((graphs) => heardByOther.push([...graphs]))
    const before = other.generation()
    await one.replaceGraphs([`${BASE}record/2`], `<${BASE}dataset/2> <http://purl.org/dc/terms/identifier> "002-b" <${BASE}record/2> .\n`)
    await Promise.all([one.sync(), other.sync()])
    expect(heardByOne).toEqual([[`${BASE}record/2`]])
    expect(heardByOther).toEqual([[`${BASE}record/2`]])
    expect(other.generation()).toBe(before + 1)
    await Promise.all([one.close(), other.close()])
  })

  it('start_check_names_an_endpoint_that_does_not_answer', async () => {
    const error = await failure(openVirtuosoStore({ queryUrl: 'http://127.0.0.1:9/sparql', defaultTimeoutMs: 1000, pollMs: 0 }))
    expect(error.code).toBe('unavailable')
    expect(error.message).toMatch(/STORE_URL http:\/\/127\.0\.0\.1:9\/sparql/)
  })

  it('start_check_names_credentials_that_are_refused', async () => {
    const error = await failure(virtuoso().open({ user: 'dba', password: 'wrong' }))
    expect(error.code).toBe('invalid_config')
    expect(error.message).toMatch(/STORE_USER\/STORE_PASSWORD/)
  })

  it('durability_our_ini_fsyncs_the_log_at_each_commit_and_every_file_at_checkpoints', async () => {
    // __dbf_set returns the value before: 1 means the ini's [Flags] dbf_log_fsync = 1 took effect.
    expect(await virtuoso().sql("select __dbf_set('dbf_log_fsync', 1);")).toMatch(/^\s*1\s*$/m)
    expect(await virtuoso().sql("select virtuoso_ini_item_value('Parameters', 'CheckpointSyncMode');")).toMatch(/^\s*2\s*$/m)
  })

  /** `count` record graphs of 7 quads: 2,100 quads at 300, past what one Virtuoso statement with constants holds. */
  const many = (count: number, v: string) => {
    const graphs = Array.from({ length: count }, (_, i) => `${BASE}record/many-${i}`)
    const nquads = graphs.map((g, i) => Array.from({ length: 7 }, (_, j) => `<${BASE}dataset/many-${i}> <${BASE}p/${j}> "${v} 值 ${j}"@zh-tw <${g}> .\n`).join('')).join('')
    return { graphs, nquads }
  }
  const stagingQuads = async () => Number((await virtuoso().sql("SPARQL SELECT COUNT(*) WHERE { GRAPH <urn:x-ogd:store:staging> { ?s ?p ?o } };")).match(/^\s*(\d+)\s*$/m)?.[1])

  it('limit_a_write_past_virtuosos_statement_size_is_staged_then_switched_and_leaves_nothing_staged', async () => {
    await virtuoso().load(GRAPH_NQ)
    const store = await virtuoso().open()
    const change = many(300, 'a')
    await store.replaceGraphs(change.graphs, change.nquads)
    expect(await store.size()).toBe(11 + 2100)
    expect(await stagingQuads()).toBe(0)
    // The staging graph is the store's own: no query of a client's reaches it, no write may name it.
    const seen = await store.query({ query: 'SELECT ?g WHERE { GRAPH ?g { ?s <urn:x-ogd:store:stagedBy> ?w } } LIMIT 1', mediaType: JSON_RESULTS })
    expect(rows(seen.body)).toEqual([])
    const reserved = `<${BASE}dataset/many-0> <urn:x-ogd:store:stagedBy> <${BASE}x> <${BASE}record/many-0> .\n`
    expect((await failure(store.replaceGraphs(change.graphs, change.nquads + reserved))).code).toBe('bad_request')
    expect((await failure(store.replaceGraphs([`${BASE}record/many-0`], reserved))).code).toBe('bad_request')
    expect(await store.size()).toBe(11 + 2100)
    await store.close()
  })

  it('limit_a_staged_write_left_behind_by_a_writer_that_died_is_removed_by_a_later_write', async () => {
    await virtuoso().load(GRAPH_NQ)
    const w = '<urn:x-ogd:store:write:dead>'
    await virtuoso().sql(`SPARQL INSERT DATA { GRAPH <urn:x-ogd:store:staging> { ${w} <urn:x-ogd:store:stagedAt> "2026-01-01T00:00:00Z"^^<http://www.w3.org/2001/XMLSchema#dateTime> . ${w} <urn:x-ogd:store:target> <${BASE}record/1> . <urn:x-ogd:store:write:dead/0> <urn:x-ogd:store:stagedBy> ${w} ; <${BASE}p> "left" } };`)
    expect(await stagingQuads()).toBe(4)
    const store = await virtuoso().open()
    await store.replaceGraphs([`${BASE}record/1`], `<${BASE}dataset/1> <http://purl.org/dc/terms/identifier> "001-d" <${BASE}record/1> .\n`)
    expect(await stagingQuads()).toBe(0)
    await store.close()
  })

  it('limit_a_staged_write_that_cannot_stage_changes_nothing_says_why_and_the_next_write_works', async () => {
    await virtuoso().load(GRAPH_NQ)
    const broken = await virtuoso().open({ graphCrudUrl: `${virtuoso().endpoint.replace('/sparql', '/no-such-endpoint')}` })
    const change = many(300, 'b')
    const error = await failure(broken.replaceGraphs(change.graphs, change.nquads))
    expect(error.code).toBe('invalid_config')
    expect(error.message).toMatch(/STORE_GRAPH_CRUD_URL/)
    expect(await broken.size()).toBe(11)
    await broken.close()
    const store = await virtuoso().open()
    await store.replaceGraphs(change.graphs, change.nquads)
    expect(await store.size()).toBe(11 + 2100)
    await store.close()
  })

  it('limit_staged_and_direct_writes_of_two_servers_at_once_both_apply_and_each_hears_the_other', async () => {
    await virtuoso().load(GRAPH_NQ)
    const [one, other] = [await virtuoso().open(), await virtuoso().open()]
    const heard: string[][] = []
    other.onGraphsReplaced((graphs) => heard.push([...graphs]))
    const before = other.generation()
    const change = many(300, 'c')
    await Promise.all([
      one.replaceGraphs(change.graphs, change.nquads),
      other.replaceGraphs([`${BASE}record/2`], `<${BASE}dataset/2> <http://purl.org/dc/terms/identifier> "002-c" <${BASE}record/2> .\n`),
    ])
    await other.sync()
    expect(other.generation()).toBe(before + 2)
    expect(heard.flat()).toEqual(expect.arrayContaining(change.graphs))
    const ids = await other.query({ query: `SELECT ?id WHERE { <${BASE}dataset/2> <http://purl.org/dc/terms/identifier> ?id }`, mediaType: JSON_RESULTS })
    expect(rows(ids.body).map((row) => row.id!.value)).toEqual(['002-c'])
    expect(await other.size()).toBe(11 - 4 + 1 + 2100)
    await Promise.all([one.close(), other.close()])
  })

  it('a_fresh_database_with_only_virtuosos_own_samples_is_not_a_served_catalogue_so_ogd_load_bulk_loads_it', async () => {
    await virtuoso().load('')
    // What a fresh Debian database holds of its own (measured: 3 quads in ldp#, 14 in localuriqaserver/sparql).
    await virtuoso().sql("SPARQL INSERT DATA { GRAPH <http://www.w3.org/ns/ldp#> { <http://www.w3.org/ns/ldp#Resource> a <http://www.w3.org/2000/01/rdf-schema#Class> } };")
    expect(await isServingCatalogue(virtuoso().sql)).toBe(false)
    await virtuoso().load(GRAPH_NQ)
    expect(await isServingCatalogue(virtuoso().sql)).toBe(true)
  })

  it('writes_without_credentials_are_refused_and_change_nothing', async () => {
    await virtuoso().load(GRAPH_NQ)
    const store = await virtuoso().open({ user: undefined, password: undefined })
    expect((await failure(store.replaceGraphs([`${BASE}record/1`], ''))).code).toBe('invalid_config')
    expect(await store.size()).toBe(11)
    await store.close()
  })
})

describeVirtuoso('Virtuoso 7 with a small ResultSetMaxRows', () => {
  it('difference_virtuoso_cuts_at_its_row_cap_silently_and_we_refuse_the_cut_answer_then_answer_the_next', async () => {
    const small = await launchVirtuoso({ resultSetMaxRows: 5 })
    try {
      const update = createDigestFetch({ user: 'dba', password: 'dba' })
      const triples = Array.from({ length: 8 }, (_, i) => `<${BASE}s${i}> <${BASE}p> ${i} .`).join(' ')
      await update(`${small.endpoint}-auth`, { method: 'POST', headers: { 'content-type': 'application/x-www-form-urlencoded' }, body: new URLSearchParams({ update: `INSERT DATA { GRAPH <${BASE}g> { ${triples} } }` }).toString() })
      const query = `SELECT ?s WHERE { ?s <${BASE}p> ?o }`
      // Virtuoso alone: 5 rows, 200, nothing to say that 3 are missing.
      const direct = await fetch(small.endpoint, { method: 'POST', headers: { 'content-type': 'application/x-www-form-urlencoded', accept: JSON_RESULTS }, body: new URLSearchParams({ query }).toString() })
      expect([direct.status, rows(await direct.text()).length]).toEqual([200, 5])
      const store = await openVirtuosoStore({ queryUrl: small.endpoint, defaultTimeoutMs: 10_000, pollMs: 0 })
      expect(store.maxRows).toBe(5)
      const error = await failure(store.query({ query, mediaType: JSON_RESULTS }))
      expect(error.code).toBe('engine_limit')
      expect(error.message).toMatch(/cap of 5 rows/)
      expect(rows((await store.query({ query: `${query} LIMIT 4`, mediaType: JSON_RESULTS })).body)).toHaveLength(4)
      await store.close()
    } finally {
      await small.stop()
    }
  })
})
