import { gunzipSync } from 'node:zlib'
import { Parser, Store } from 'n3'
import { describe, expect, it } from 'vitest'
import { RDF, SD, VOID, W3C_FORMATS } from '../../src/vocab/index.ts'
import { buildApp, fixture } from './support.ts'

const parseTurtle = (text: string, baseIRI?: string) => new Store(new Parser({ baseIRI }).parse(text))

describe('service description', () => {
  it('sd_turtle_states_endpoint_language_formats_union_and_limits', async () => {
    const response = await buildApp({ env: { QUERY_TIMEOUT_MS: '12345', QUERY_QUEUE_TIMEOUT_MS: '6789', QUERY_STRIKE_LIMIT: '5' } }).request('http://kg.example.tw/sparql', { headers: { accept: 'text/turtle' } })
    expect(response.status).toBe(200)
    expect(response.headers.get('content-type')).toBe('text/turtle; charset=utf-8')
    const text = await response.text()
    const graph = parseTurtle(text)
    const [service] = graph.getSubjects(RDF.type, SD.Service, null)
    expect(service).toBeDefined()
    expect(graph.getObjects(service!, SD.endpoint, null).map((t) => t.value)).toEqual(['http://kg.example.tw/sparql'])
    expect(graph.getObjects(service!, SD.supportedLanguage, null)).toContainEqual(SD.SPARQL11Query)
    expect(graph.getObjects(service!, SD.feature, null)).toContainEqual(SD.UnionDefaultGraph)
    const formats = graph.getObjects(service!, SD.resultFormat, null).map((t) => t.value)
    expect(formats).toEqual(expect.arrayContaining([W3C_FORMATS.SPARQL_Results_JSON.value, W3C_FORMATS.SPARQL_Results_CSV.value, W3C_FORMATS.Turtle.value, W3C_FORMATS['JSON-LD'].value]))
    expect(text).toContain('12345')
    const ogd = 'http://kg.example.tw/ontology#'
    expect(graph.getObjects(service!, `${ogd}queryQueueTimeoutMs`, null).map((t) => t.value)).toEqual(['6789'])
    expect(graph.getObjects(service!, `${ogd}queryStrikeLimit`, null).map((t) => t.value)).toEqual(['5'])
    expect(graph.getObjects(service!, `${ogd}queryStrikeWindowMs`, null).map((t) => t.value)).toEqual(['600000'])
    const [dataset] = graph.getObjects(service!, SD.defaultDataset, null)
    expect(graph.getObjects(dataset!, SD.defaultGraph, null)).toHaveLength(1)
  })

  it('sd_is_served_to_clients_without_accept', async () => {
    const response = await buildApp().request('/sparql')
    expect(response.headers.get('content-type')).toBe('text/turtle; charset=utf-8')
  })

  it.each([
    ['application/rdf+xml', 'sparql-service-description#'],
    ['application/ld+json', '"sd:endpoint"'],
    ['application/n-triples', '<http://www.w3.org/ns/sparql-service-description#endpoint>'],
  ])('sd_as %s', async (accept, marker) => {
    const response = await buildApp().request('/sparql', { headers: { accept } })
    expect(response.headers.get('content-type')?.startsWith(accept)).toBe(true)
    expect(await response.text()).toContain(marker)
  })

  it('sd_not_acceptable_lists_graph_types', async () => {
    const response = await buildApp().request('/sparql', { headers: { accept: 'application/sparql-results+json' } })
    expect(response.status).toBe(406)
    expect((await response.json()).offered).toContain('text/turtle')
  })
})

describe('query UI', () => {
  it('browser_get_sparql_gets_yasgui_from_our_assets', async () => {
    const response = await buildApp().request('/sparql', { headers: { accept: 'text/html,application/xhtml+xml,application/xml;q=0.9,*/*;q=0.8' } })
    expect(response.status).toBe(200)
    expect(response.headers.get('content-type')).toBe('text/html; charset=UTF-8')
    const html = await response.text()
    expect(html).toContain('<script src="/assets/yasgui.min.js"></script>')
    expect(html).not.toMatch(/src="https?:|href="https?:/)
    const settings = JSON.parse(/<script type="application\/json" id="ogd-config">(.*?)<\/script>/s.exec(html)![1]!)
    expect(settings.defaultQuery).toContain('PREFIX dcat: <http://www.w3.org/ns/dcat#>')
    expect(settings.defaultQuery).toContain('PREFIX ogd: <http://kg.example.tw/ontology#>')
    expect(settings.examples.map((e: { title: string }) => e.title)).toContain('Datasets by publisher')
    expect(settings.endpoint).toBe('http://localhost/sparql')
  })

  it('browser_get_sparql_with_query_gets_the_ui_and_other_clients_get_results', async () => {
    const url = `/sparql?query=${encodeURIComponent('ASK {}')}`
    const browser = await buildApp().request(url, { headers: { accept: 'text/html,application/xhtml+xml,application/xml;q=0.9,*/*;q=0.8' } })
    expect(browser.headers.get('content-type')).toBe('text/html; charset=UTF-8')
    const client = await buildApp().request(url, { headers: { accept: 'application/sparql-results+json, text/html;q=0.5' } })
    expect(client.headers.get('content-type')).toBe('application/sparql-results+json')
  })

  it('assets_are_served_locally', async () => {
    const app = buildApp()
    const js = await app.request('/assets/yasgui.min.js')
    expect(js.status).toBe(200)
    expect(js.headers.get('content-type')).toBe('text/javascript; charset=utf-8')
    expect((await js.arrayBuffer()).byteLength).toBeGreaterThan(100_000)
    expect((await app.request('/assets/yasgui.min.css')).status).toBe(200)
    expect((await app.request('/assets/..%2Fpackage.json')).status).toBe(404)
  })
})

describe('example queries', () => {
  it('queries_are_listed_with_title_and_description', async () => {
    const response = await buildApp().request('/queries')
    const list = await response.json()
    expect(list.map((q: { name: string }) => q.name)).toEqual(['agency-graph', 'datasets-by-publisher'])
    expect(list[1]).toMatchObject({ title: 'Datasets by publisher', description: 'How many datasets each agency publishes.', url: '/queries/datasets-by-publisher' })
  })

  it('a_query_runs_by_name_with_negotiation', async () => {
    const app = buildApp()
    const csv = await app.request('/queries/datasets-by-publisher', { headers: { accept: 'text/csv' } })
    expect(await csv.text()).toBe('publisher,datasets\r\nhttp://kg.example.tw/agency/379000000G,2\r\n')
    const graph = await app.request('/queries/agency-graph?format=nt')
    expect(await graph.text()).toContain('"臺北市政府"@zh-Hant')
  })

  it('unknown_query_is_404', async () => {
    expect((await buildApp().request('/queries/nope')).status).toBe(404)
    expect((await buildApp().request('/queries/..%2F..%2Fpackage')).status).toBe(404)
  })
})

describe('VoID', () => {
  it('void_has_triples_and_class_and_property_partitions', async () => {
    const response = await buildApp().request('/.well-known/void', { headers: { accept: 'text/turtle' } })
    expect(response.status).toBe(200)
    const graph = parseTurtle(await response.text())
    const [dataset] = graph.getSubjects(RDF.type, VOID.Dataset, null)
    expect(graph.getObjects(dataset!, VOID.triples, null)[0]?.value).toBe('8')
    const classes = Object.fromEntries(graph.getObjects(dataset!, VOID.classPartition, null).map((p) => [
      graph.getObjects(p, VOID.class, null)[0]!.value, graph.getObjects(p, VOID.entities, null)[0]!.value]))
    expect(classes).toEqual({ 'http://www.w3.org/ns/dcat#Dataset': '2', 'http://xmlns.com/foaf/0.1/Agent': '1' })
    const properties = Object.fromEntries(graph.getObjects(dataset!, VOID.propertyPartition, null).map((p) => [
      graph.getObjects(p, VOID.property, null)[0]!.value, graph.getObjects(p, VOID.triples, null)[0]!.value]))
    expect(properties['http://purl.org/dc/terms/title']).toBe('2')
    expect(graph.getObjects(dataset!, VOID.sparqlEndpoint, null)[0]?.value).toBe('http://kg.example.tw/sparql')
  })

  it('void_is_computed_once_and_cached', async () => {
    let queries = 0
    const { createLocalStore } = await import('./support.ts')
    const local = createLocalStore({ nquads: fixture('graph.nq') })
    const app = buildApp({ store: { ...local, query: (request) => { queries += 1; return local.query(request) } } })
    await app.request('/.well-known/void')
    const first = queries
    await app.request('/.well-known/void', { headers: { accept: 'application/ld+json' } })
    expect(queries).toBe(first)
  })
})

describe('dump, health, metrics', () => {
  it('dump_streams_the_whole_graph_gzipped', async () => {
    const response = await buildApp().request('/dump.nq.gz')
    expect(response.status).toBe(200)
    expect(response.headers.get('content-type')).toBe('application/gzip')
    const nquads = gunzipSync(Buffer.from(await response.arrayBuffer())).toString('utf8')
    expect(new Parser({ format: 'N-Quads' }).parse(nquads)).toHaveLength(8)
  })

  it('health_is_503_while_loading_then_200', async () => {
    let ready = false
    const app = buildApp({ isReady: () => ready })
    const loading = await app.request('/health')
    expect(loading.status).toBe(503)
    expect(loading.headers.get('retry-after')).toBe('5')
    ready = true
    expect((await app.request('/health')).status).toBe(200)
  })

  it('metrics_count_requests_by_route_and_status', async () => {
    const app = buildApp()
    await app.request(`/sparql?query=${encodeURIComponent('ASK {}')}`)
    await app.request('/sparql?query=ASK')
    const text = await (await app.request('/metrics')).text()
    expect(text).toContain('http_requests_total{route="/sparql",method="GET",status="200"} 1')
    expect(text).toContain('http_requests_total{route="/sparql",method="GET",status="400"} 1')
    expect(text).toContain('http_request_duration_seconds_bucket{route="/sparql",le="+Inf"} 2')
    expect(text).toContain('sparql_queries_running 0')
    expect(text).toContain('sparql_queries_queued 0')
  })

  it('unknown_path_is_404_problem', async () => {
    const response = await buildApp().request('/nowhere')
    expect(response.status).toBe(404)
    expect(response.headers.get('content-type')).toBe('application/problem+json')
  })
})
