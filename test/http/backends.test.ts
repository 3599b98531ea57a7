/**
 * The routes that matter, on every backend: the same app (createApp) over the embedded engine and over a real
 * Virtuoso 7 holding the same graph, and the same answers from both — SPARQL protocol, records, catalogue paging
 * and modified_since, the change feed, search, and every example query's rows. The embedded answers are checked
 * against expectations by the routes' own suites; equality here carries those checks over to Virtuoso.
 */
import { join } from 'node:path'
import oxigraph from 'oxigraph'
import pino from 'pino'
import { afterAll, beforeAll, expect } from 'vitest'
import { loadConfig } from '../../src/config.ts'
import { createApp } from '../../src/http/app.ts'
import { createInProcessStore } from '../../src/store/in-process.ts'
import type { GraphStore } from '../../src/store/types.ts'
import { buildFixtureNQuads, FIXTURE_BASE_IRI, REPO_ROOT } from '../queries/fixture-graph.ts'
import { listQueryNames, selectRows } from '../queries/query-results.ts'
import { describeVirtuoso, it, useVirtuoso } from '../store/virtuoso-support.ts'

type Backend = { name: string; store: GraphStore; app: ReturnType<typeof createApp> }

/** The app as `ogd serve` builds it, over `store` (result cache off: every answer comes from the store). */
const appOver = (store: GraphStore) => createApp({ store, config: loadConfig({ BASE_IRI: FIXTURE_BASE_IRI, QUERIES_DIR: join(REPO_ROOT, 'queries'), QUERY_CACHE_BYTES: '0' }), logger: pino({ level: 'silent' }) })

const sortedQuads = (text: string, format: string) => oxigraph.parse(text, { format, base_iri: FIXTURE_BASE_IRI }).map((quad) => quad.toString().replace(/_:[A-Za-z0-9]+/g, '_:b')).sort()

describeVirtuoso('the same answers on the embedded store and on Virtuoso', () => {
  const virtuoso = useVirtuoso()
  let backends: Backend[] = []
  const [embedded, remote] = [() => backends[0]!, () => backends[1]!]

  beforeAll(async () => {
    const nquads = await buildFixtureNQuads(FIXTURE_BASE_IRI)
    await virtuoso().load(nquads)
    const local = createInProcessStore({ nquads })
    const onVirtuoso = await virtuoso().open()
    backends = [{ name: 'embedded', store: local, app: appOver(local) }, { name: 'virtuoso', store: onVirtuoso, app: appOver(onVirtuoso) }]
  })
  afterAll(async () => { await Promise.all(backends.map((b) => b.store.close())) })

  const get = async (path: string, accept: string) => Promise.all(backends.map(async (b) => {
    const response = await b.app.request(path, { headers: { accept } })
    return { status: response.status, type: response.headers.get('content-type'), body: await response.text() }
  }))

  /**
   * Example queries whose answers differ on Virtuoso, each for a named reason (stated in the service description,
   * ogd:storeDifference): the columns it touches are compared without their values; an engine limit must be the
   * clear 503 problem, never rows. Every other query must give exactly the embedded store's rows.
   */
  const DIFFERENCES: Record<string, { reason: string; columns?: string[] }> = {
    'active-agencies-without-datasets': { reason: 'Virtuoso SQ200 (compiler stack) → engine_limit' },
    'executive-yuan-sub-organisations': { reason: 'Virtuoso SQ156 (internal compiler error) → engine_limit' },
    'catalogue-growth-per-year': { reason: 'integer ÷ integer is an integer in Virtuoso (SPARQL: xsd:decimal)', columns: ['growthPercent'] },
    'laws-of-an-agency': { reason: 'GROUP_CONCAT over no values: "" in Virtuoso, unbound here', columns: ['datasetTitles'] },
    'licences-and-permissions': { reason: 'GROUP_CONCAT over no values: "" in Virtuoso; its order is not defined by SPARQL', columns: ['ccPermits', 'ccRequires'] },
    'organic-laws-of-ministries': { reason: 'a boolean computed in a sub-SELECT comes back as the integer 1/0', columns: ['isInForce'] },
    'unresolved-publishers': { reason: 'SAMPLE picks any value (SPARQL leaves it open)', columns: ['exampleTitle'] },
  }

  it.each(listQueryNames())('example_query_%s_answers_the_same_or_a_named_difference', async (name) => {
    const difference = DIFFERENCES[name]
    const drop = (rows: Record<string, string>[]) => rows.map((row) => JSON.stringify(Object.entries(row).filter(([key]) => !difference?.columns?.includes(key)).sort())).sort()
    const expected = drop(await selectRows(embedded().store, name, FIXTURE_BASE_IRI))
    if (difference && !difference.columns) {
      // Whether Virtuoso's compiler reaches its limit depends on its plan (seen both ways on one fixture): either the
      // clear engine_limit refusal or exactly our rows, never other rows.
      const answer = await selectRows(remote().store, name, FIXTURE_BASE_IRI).then((rows) => ({ rows }), (error: unknown) => ({ error }))
      if ('error' in answer) expect(answer.error).toMatchObject({ code: 'engine_limit' })
      else expect(drop(answer.rows)).toEqual(expected)
      return
    }
    expect(drop(await selectRows(remote().store, name, FIXTURE_BASE_IRI))).toEqual(expected)
  })

  it('sparql_protocol_get_and_post_in_json_csv_and_turtle', async () => {
    const select = encodeURIComponent('SELECT ?d ?t WHERE { ?d a <http://www.w3.org/ns/dcat#Dataset> ; <http://purl.org/dc/terms/title> ?t } ORDER BY ?d ?t LIMIT 20')
    const [a, b] = await get(`/sparql?query=${select}`, 'text/csv')
    expect(a!.status).toBe(200)
    expect(b).toEqual(a)
    const construct = 'CONSTRUCT { ?d <http://purl.org/dc/terms/title> ?t } WHERE { ?d a <http://www.w3.org/ns/dcat#Dataset> ; <http://purl.org/dc/terms/title> ?t }'
    const posted = await Promise.all(backends.map(async (backend) => {
      const response = await backend.app.request('/sparql', { method: 'POST', headers: { 'content-type': 'application/sparql-query', accept: 'text/turtle' }, body: construct })
      return sortedQuads(await response.text(), 'text/turtle')
    }))
    expect(posted[0]!.length).toBeGreaterThan(0)
    expect(posted[1]).toEqual(posted[0])
  })

  it('sparql_protocol_errors_are_the_same_problems', async () => {
    const [a, b] = await get(`/sparql?query=${encodeURIComponent('SELECT * WHERE { ?s ?p }')}`, 'application/sparql-results+json')
    expect([a!.status, b!.status]).toEqual([400, 400])
  })

  it('catalogue_pages_and_modified_since_list_the_same_members', async () => {
    const members = async (path: string) => (await get(path, 'application/n-triples')).map((r) => {
      expect(r.status).toBe(200)
      return sortedQuads(r.body, 'application/n-triples').filter((line) => line.includes('<http://www.w3.org/ns/dcat#dataset>') || line.includes('totalItems'))
    })
    const [first, second] = await members('/catalog?page_size=3')
    expect(first!.length).toBeGreaterThan(0)
    expect(second).toEqual(first)
    const [since, sinceOnVirtuoso] = await members('/catalog?page_size=50&modified_since=2020-01-01T00:00:00Z')
    expect(sinceOnVirtuoso).toEqual(since)
  })

  it('change_feed_is_the_same', async () => {
    const [a, b] = await get('/catalog/changes', 'application/n-triples')
    expect(a!.status).toBe(200)
    const strip = (body: string) => sortedQuads(body, 'application/n-triples').filter((line) => !/published|updated|Time|modified/i.test(line))
    expect(strip(b!.body)).toEqual(strip(a!.body))
  })

  it('records_are_the_same_graphs_in_json_ld_and_n_triples', async () => {
    const rows = await selectRows(embedded().store, 'datasets-per-agency', FIXTURE_BASE_IRI)
    expect(rows.length).toBeGreaterThan(0)
    const datasets = JSON.parse((await embedded().store.query({ query: 'SELECT ?d WHERE { ?d a <http://www.w3.org/ns/dcat#Dataset> } ORDER BY ?d LIMIT 3', mediaType: 'application/sparql-results+json' })).body).results.bindings.map((b: { d: { value: string } }) => b.d.value as string)
    for (const iri of datasets) {
      const path = new URL(iri).pathname.replace(new URL(FIXTURE_BASE_IRI).pathname, '')
      const [a, b] = await get(path, 'application/n-triples')
      expect(a!.status).toBe(200)
      expect(sortedQuads(b!.body, 'application/n-triples')).toEqual(sortedQuads(a!.body, 'application/n-triples'))
      const [ja, jb] = await get(path, 'application/ld+json')
      expect(JSON.parse(jb!.body)).toEqual(JSON.parse(ja!.body))
    }
  })

  it('search_finds_the_same_datasets_agencies_and_laws', async () => {
    for (const path of ['/api/datasets?q=%E8%B3%87%E6%96%99', '/api/datasets?page_size=5', '/api/agencies?q=%E9%83%A8', '/api/laws?page_size=5']) {
      const [a, b] = await get(path, 'application/json')
      expect(a!.status, path).toBe(200)
      expect(JSON.parse(b!.body), path).toEqual(JSON.parse(a!.body))
    }
  })

  it('service_description_states_the_store_and_its_differences', async () => {
    expect(remote().name).toBe('virtuoso')
    const described = async (backend: Backend) => sortedQuads(await (await backend.app.request('/sparql', { headers: { accept: 'application/n-triples' } })).text(), 'application/n-triples').filter((line) => /store(Engine|MaxRows|Difference)/.test(line))
    expect(await described(embedded())).toEqual([])
    const onVirtuoso = await described(remote())
    expect(onVirtuoso.some((line) => /storeEngine> "Virtuoso 7/.test(line))).toBe(true)
    expect(onVirtuoso.some((line) => /storeMaxRows> "1000000"/.test(line))).toBe(true)
    for (const named of ['union default graph', 'integer divided by an integer', 'unbound value', 'GROUP_CONCAT', 'boolean', 'SQ156']) {
      expect(onVirtuoso.some((line) => line.includes('storeDifference') && line.includes(named)), named).toBe(true)
    }
  })
})
