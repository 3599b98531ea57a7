import { Parser } from 'n3'
import { describe, expect, it } from 'vitest'
import { AppError } from '../../src/errors.ts'
import type { GraphStore } from '../../src/store/types.ts'
import { buildApp, createLocalStore } from './support.ts'

const SELECT = 'SELECT ?title WHERE { ?d <http://purl.org/dc/terms/title> ?title } ORDER BY ?title'
const CONSTRUCT = 'CONSTRUCT { ?d <http://purl.org/dc/terms/title> ?t } WHERE { ?d <http://purl.org/dc/terms/title> ?t }'
const FORM = 'application/x-www-form-urlencoded'
const enc = encodeURIComponent

const get = (app: ReturnType<typeof buildApp>, query: string, headers: Record<string, string> = {}, extra = '') =>
  app.request(`/sparql?query=${enc(query)}${extra}`, { headers })

/** A real local store whose queries wait until `release()`: holds the slots so the queue can be exercised. */
function gatedStore(): { store: GraphStore; release(): void; queries: string[] } {
  let release = () => {}
  const gate = new Promise<void>((resolve) => { release = resolve })
  const local = createLocalStore()
  const queries: string[] = []
  const store: GraphStore = { ...local, query: async (request) => { queries.push(request.query); await gate; return local.query(request) } }
  return { store, release: () => release(), queries }
}

async function problem(response: Response) {
  expect(response.headers.get('content-type')).toBe('application/problem+json')
  return (await response.json()) as { status: number; code: string; detail: string; [key: string]: unknown }
}

describe('query forms and result formats', () => {
  it('get_query_select_defaults_to_json', async () => {
    const response = await get(buildApp(), SELECT)
    expect(response.status).toBe(200)
    expect(response.headers.get('content-type')).toBe('application/sparql-results+json')
    const body = await response.json()
    expect(body.results.bindings.map((b: { title: { value: string } }) => b.title.value)).toEqual(['Air quality', '臺北市公車路線'])
  })

  it.each([
    ['application/sparql-results+xml', 'application/sparql-results+xml; charset=utf-8', '<sparql'],
    ['text/csv', 'text/csv; charset=utf-8', 'title\r\n'],
    ['text/tab-separated-values', 'text/tab-separated-values; charset=utf-8', '?title\n'],
  ])('get_query_select_accept %s', async (accept, contentType, start) => {
    const response = await get(buildApp(), SELECT, { accept })
    expect(response.status).toBe(200)
    expect(response.headers.get('content-type')).toBe(contentType)
    expect(await response.text()).toContain(start)
  })

  it('get_query_accept_substar', async () => {
    const response = await get(buildApp(), SELECT, { accept: 'text/*' })
    expect(response.headers.get('content-type')).toBe('text/csv; charset=utf-8')
  })

  it('get_query_accept_star_star_with_q', async () => {
    const response = await get(buildApp(), SELECT, { accept: 'text/csv;q=0.1, */*;q=0.5' })
    expect(response.headers.get('content-type')).toBe('application/sparql-results+json')
  })

  it('ask_in_json_and_xml', async () => {
    const json = await get(buildApp(), 'ASK { ?s a <http://www.w3.org/ns/dcat#Dataset> }')
    expect(await json.json()).toEqual({ head: {}, boolean: true })
    const xml = await get(buildApp(), 'ASK { ?s a <http://example.org/Nothing> }', { accept: 'application/sparql-results+xml' })
    expect(await xml.text()).toContain('<boolean>false</boolean>')
  })

  it.each([
    ['text/turtle', 'Turtle'], ['application/n-triples', 'N-Triples'], ['application/n-quads', 'N-Quads'],
    ['application/trig', 'TriG'],
  ])('construct_as %s', async (accept, parserFormat) => {
    const response = await get(buildApp(), CONSTRUCT, { accept })
    expect(response.status).toBe(200)
    expect(response.headers.get('content-type')).toBe(`${accept}; charset=utf-8`)
    const quads = new Parser({ format: parserFormat }).parse(await response.text())
    expect(quads.map((q) => q.object.value).sort()).toEqual(['Air quality', '臺北市公車路線'])
  })

  it('construct_as_rdfxml', async () => {
    const response = await get(buildApp(), CONSTRUCT, { accept: 'application/rdf+xml' })
    expect(response.headers.get('content-type')).toBe('application/rdf+xml; charset=utf-8')
    expect(await response.text()).toContain('臺北市公車路線')
  })

  it('construct_as_jsonld_with_inline_context', async () => {
    const response = await get(buildApp(), CONSTRUCT, { accept: 'application/ld+json' })
    expect(response.headers.get('content-type')).toBe('application/ld+json')
    const body = await response.json()
    expect(body['@context']).toEqual({ dct: 'http://purl.org/dc/terms/' })
    expect(JSON.stringify(body['@graph'])).toContain('臺北市公車路線')
  })

  it('describe_defaults_to_turtle', async () => {
    const response = await get(buildApp(), 'DESCRIBE <http://kg.example.tw/agency/379000000G>')
    expect(response.headers.get('content-type')).toBe('text/turtle; charset=utf-8')
    expect(await response.text()).toContain('臺北市政府')
  })

  it('format_parameter_overrides_accept', async () => {
    const response = await get(buildApp(), SELECT, { accept: 'application/sparql-results+json' }, '&format=tsv')
    expect(response.headers.get('content-type')).toBe('text/tab-separated-values; charset=utf-8')
    const graph = await get(buildApp(), CONSTRUCT, {}, '&format=nt')
    expect(graph.headers.get('content-type')).toBe('application/n-triples; charset=utf-8')
  })

  it('format_parameter_repeated_with_one_meaning_is_accepted (SPARQLWrapper)', async () => {
    const response = await get(buildApp(), SELECT, {}, '&format=tsv&format=text%2Ftab-separated-values&output=tsv&results=tsv')
    expect(response.status).toBe(200)
    expect(response.headers.get('content-type')).toBe('text/tab-separated-values; charset=utf-8')
  })

  it('format_parameter_repeated_with_two_meanings_is_400', async () => {
    const response = await get(buildApp(), SELECT, {}, '&format=tsv&format=json')
    expect(response.status).toBe(400)
    expect((await problem(response)).parameter).toBe('format')
  })

  it.each([
    ['turtle', 'text/turtle; charset=utf-8'], ['rdf+xml', 'application/rdf+xml; charset=utf-8'], ['json-ld', 'application/ld+json'],
    ['xml', 'application/rdf+xml; charset=utf-8'], ['json', 'application/ld+json'],
  ])('format_parameter_%s_for_a_construct', async (format, contentType) => {
    const response = await get(buildApp(), CONSTRUCT, {}, `&format=${encodeURIComponent(format)}`)
    expect(response.status).toBe(200)
    expect(response.headers.get('content-type')).toBe(contentType)
  })

  it('format_parameter_of_wrong_kind_is_406', async () => {
    expect((await get(buildApp(), SELECT, {}, '&format=ttl')).status).toBe(406)
  })

  it('not_acceptable_406_lists_offered_types', async () => {
    const response = await get(buildApp(), SELECT, { accept: 'image/png' })
    expect(response.status).toBe(406)
    const body = await problem(response)
    expect(body.offered).toEqual(['application/sparql-results+json', 'application/sparql-results+xml', 'text/csv', 'text/tab-separated-values'])
    expect(body.detail).toContain('text/csv')
  })
})

describe('protocol operations', () => {
  it('post_direct_query', async () => {
    const response = await buildApp().request('/sparql', { method: 'POST', headers: { 'content-type': 'application/sparql-query' }, body: SELECT })
    expect(response.status).toBe(200)
  })

  it('post_direct_query_with_utf8_charset', async () => {
    const response = await buildApp().request('/sparql', { method: 'POST', headers: { 'content-type': 'application/sparql-query; charset=UTF-8' }, body: SELECT })
    expect(response.status).toBe(200)
  })

  it('post_form_query', async () => {
    const response = await buildApp().request('/sparql', { method: 'POST', headers: { 'content-type': FORM }, body: `query=${enc(SELECT)}` })
    expect(response.status).toBe(200)
    expect((await response.json()).results.bindings).toHaveLength(2)
  })

  it('default_graph_uri_restricts_the_default_graph', async () => {
    const query = 'SELECT ?t WHERE { ?d <http://purl.org/dc/terms/title> ?t }'
    const response = await get(buildApp(), query, {}, `&default-graph-uri=${enc('http://kg.example.tw/dataset/A2')}`)
    expect((await response.json()).results.bindings.map((b: { t: { value: string } }) => b.t.value)).toEqual(['Air quality'])
  })

  it('named_graph_uri_limits_graph_patterns', async () => {
    const query = 'SELECT ?g WHERE { GRAPH ?g { ?s ?p ?o } } GROUP BY ?g'
    const response = await get(buildApp(), query, {}, `&named-graph-uri=${enc('http://kg.example.tw/dataset/A1')}`)
    expect((await response.json()).results.bindings.map((b: { g: { value: string } }) => b.g.value)).toEqual(['http://kg.example.tw/dataset/A1'])
  })

  it('union_default_graph_by_default', async () => {
    const response = await get(buildApp(), 'SELECT (COUNT(*) AS ?n) WHERE { ?s ?p ?o }')
    expect((await response.json()).results.bindings[0].n.value).toBe('8')
  })

  it('duplicate_query_parameter_is_400', async () => {
    const response = await buildApp().request(`/sparql?query=${enc(SELECT)}&query=${enc('ASK {}')}`)
    expect(response.status).toBe(400)
    expect((await problem(response)).detail).toContain('query parameter is given 2 times')
  })

  it('query_in_url_and_form_body_is_400', async () => {
    const response = await buildApp().request(`/sparql?query=${enc(SELECT)}`, { method: 'POST', headers: { 'content-type': FORM }, body: `query=${enc(SELECT)}` })
    expect(response.status).toBe(400)
    expect((await problem(response)).detail).toContain('both in the URL and in the body')
  })

  it('query_in_url_and_direct_body_is_400', async () => {
    const response = await buildApp().request(`/sparql?query=${enc(SELECT)}`, { method: 'POST', headers: { 'content-type': 'application/sparql-query' }, body: SELECT })
    expect(response.status).toBe(400)
  })

  it('graph_uri_in_url_and_body_is_400', async () => {
    const response = await buildApp().request(`/sparql?default-graph-uri=${enc('http://a/')}`, { method: 'POST', headers: { 'content-type': FORM }, body: `query=${enc(SELECT)}&default-graph-uri=${enc('http://b/')}` })
    expect(response.status).toBe(400)
  })

  it('post_without_query_is_400', async () => {
    const response = await buildApp().request('/sparql', { method: 'POST', headers: { 'content-type': FORM }, body: 'default-graph-uri=x' })
    expect(response.status).toBe(400)
  })
})

describe('refusals', () => {
  it('post_update_read_only', async () => {
    const response = await buildApp().request('/sparql', { method: 'POST', headers: { 'content-type': 'application/sparql-update' }, body: 'CLEAR ALL' })
    expect(response.status).toBe(403)
    expect((await problem(response)).detail).toContain('read-only')
  })

  it('update_parameter_read_only', async () => {
    const response = await buildApp().request('/sparql', { method: 'POST', headers: { 'content-type': FORM }, body: 'update=CLEAR%20ALL' })
    expect(response.status).toBe(403)
  })

  it('update_text_as_query_is_400', async () => {
    const response = await get(buildApp(), 'PREFIX ex: <http://ex/> INSERT DATA { ex:a ex:b ex:c }')
    expect(response.status).toBe(400)
    expect((await problem(response)).detail).toContain('SPARQL Update')
  })

  it('malformed_query_is_400_with_position', async () => {
    const response = await get(buildApp(), 'SELECT * WHERE {\n  ?s ?p ')
    expect(response.status).toBe(400)
    const body = await problem(response)
    expect(body.code).toBe('bad_query')
    expect(body.line).toBe(2)
    expect(typeof body.column).toBe('number')
    expect(body.detail).toMatch(/^syntax error at line 2, column \d+/)
  })

  it('undeclared_prefix_is_400_with_a_sentence_and_a_caret_not_the_grammar', async () => {
    const response = await get(buildApp(), 'SELECT * WHERE { ?s a dcat:Dataset }')
    const body = await problem(response)
    expect(response.status).toBe(400)
    expect(body).toMatchObject({ code: 'bad_query', line: 1, column: 23, mistake: 'undeclared_prefix' })
    expect(body.detail).toBe('syntax error at line 1, column 23: the prefix `dcat:` (in `dcat:Dataset`) is not declared: add `PREFIX dcat: <http://www.w3.org/ns/dcat#>` at the top\n\nSELECT * WHERE { ?s a dcat:Dataset }\n                      ^')
    expect(body.excerpt).toBe('SELECT * WHERE { ?s a dcat:Dataset }\n                      ^')
  })

  it('method_not_allowed_405_with_allow', async () => {
    const response = await buildApp().request('/sparql', { method: 'PUT', body: 'x' })
    expect(response.status).toBe(405)
    expect(response.headers.get('allow')).toBe('GET, HEAD, POST, OPTIONS')
    await problem(response)
  })

  it('unsupported_media_type_415_names_supported_types', async () => {
    const response = await buildApp().request('/sparql', { method: 'POST', headers: { 'content-type': 'text/plain' }, body: SELECT })
    expect(response.status).toBe(415)
    const body = await problem(response)
    expect(body.detail).toContain('application/sparql-query')
    expect(body.detail).toContain('application/x-www-form-urlencoded')
  })

  it('post_without_content_type_is_415', async () => {
    const response = await buildApp().request('/sparql', { method: 'POST', body: new Blob([SELECT]) })
    expect(response.status).toBe(415)
  })

  it('non_utf8_charset_is_415', async () => {
    const response = await buildApp().request('/sparql', { method: 'POST', headers: { 'content-type': 'application/sparql-query; charset=UTF-16' }, body: SELECT })
    expect(response.status).toBe(415)
  })

  it('invalid_utf8_body_is_400', async () => {
    const response = await buildApp().request('/sparql', { method: 'POST', headers: { 'content-type': 'application/sparql-query' }, body: new Uint8Array([0x41, 0x53, 0x4b, 0xff, 0xfe]) })
    expect(response.status).toBe(400)
  })

  it('service_is_refused_without_allowlist', async () => {
    const response = await get(buildApp(), 'SELECT * WHERE { SERVICE <https://query.wikidata.org/sparql> { ?s ?p ?o } }')
    expect(response.status).toBe(400)
    expect((await problem(response)).detail).toContain('SERVICE (federated query) is disabled')
  })

  it('service_not_in_allowlist_is_refused', async () => {
    const app = buildApp({ env: { SERVICE_ALLOWLIST: 'https://allowed.example/sparql' } })
    const response = await get(app, 'SELECT * WHERE { SERVICE SILENT <https://other.example/sparql> { ?s ?p ?o } }')
    expect(response.status).toBe(400)
    expect((await problem(response)).detail).toContain('https://allowed.example/sparql')
  })
})

describe('limits', () => {
  it('body_too_large_413_then_a_normal_request_still_works', async () => {
    const app = buildApp({ env: { MAX_BODY_BYTES: '1024' } })
    const big = await app.request('/sparql', { method: 'POST', headers: { 'content-type': 'application/sparql-query' }, body: `${SELECT} ${'#'.repeat(2000)}` })
    expect(big.status).toBe(413)
    expect((await problem(big)).limitBytes).toBe(1024)
    const normal = await app.request('/sparql', { method: 'POST', headers: { 'content-type': 'application/sparql-query' }, body: SELECT })
    expect(normal.status).toBe(200)
  })

  it('query_too_large_413_then_a_normal_request_still_works', async () => {
    const app = buildApp({ env: { MAX_QUERY_BYTES: '200' } })
    expect((await get(app, `${SELECT} # ${'x'.repeat(300)}`)).status).toBe(413)
    expect((await get(app, SELECT)).status).toBe(200)
  })

  it('query_too_deep_400_then_a_normal_request_still_works', async () => {
    const app = buildApp({ env: { MAX_QUERY_DEPTH: '10' } })
    const deep = `SELECT * WHERE ${'{'.repeat(50)} ?s ?p ?o ${'}'.repeat(50)}`
    const response = await get(app, deep)
    expect(response.status).toBe(400)
    const body = await problem(response)
    expect(body.detail).toContain('more than 10 deep')
    expect(body.maxDepth).toBe(10)
    expect((await get(app, SELECT)).status).toBe(200)
  })

  it('timeout_is_503_saying_the_query_was_stopped', async () => {
    const slow: GraphStore = { ...createLocalStore(), query: () => new Promise(() => {}) }
    const app = buildApp({ store: slow, env: { QUERY_TIMEOUT_MS: '50' } })
    const response = await get(app, SELECT)
    expect(response.status).toBe(503)
    expect((await problem(response)).detail).toContain('stopped after 50 ms')
    const metrics = await (await app.request('/metrics')).text()
    expect(metrics).toContain('sparql_queries_killed_total 1')
  })

  it('store_timeout_error_is_503', async () => {
    const store: GraphStore = { ...createLocalStore(), query: async () => { throw new AppError('timeout', 'the query was stopped after 10 ms') } }
    expect((await get(buildApp({ store }), SELECT)).status).toBe(503)
  })

  it('overloaded_is_429_with_retry_after', async () => {
    const { store, release } = gatedStore()
    const app = buildApp({ store, env: { QUERY_CONCURRENCY: '1', QUERY_QUEUE: '1', QUERY_CACHE_BYTES: '0' } })
    const running = get(app, SELECT)
    const queued = get(app, SELECT)
    const refused = await get(app, SELECT)
    expect(refused.status).toBe(429)
    // Nothing measured yet: a second for each of the two queries ahead, shared by one slot.
    expect(refused.headers.get('retry-after')).toBe('2')
    release()
    expect((await running).status).toBe(200)
    expect((await queued).status).toBe(200)
  })

  it('queue_wait_past_the_bound_is_503_with_retry_after_and_the_query_never_runs', async () => {
    const { store, release, queries } = gatedStore()
    const app = buildApp({ store, env: { QUERY_CONCURRENCY: '1', QUERY_QUEUE_TIMEOUT_MS: '50', QUERY_CACHE_BYTES: '0' } })
    const running = get(app, SELECT)
    const late = await get(app, 'ASK {}')
    expect(late.status).toBe(503)
    expect(Number(late.headers.get('retry-after'))).toBeGreaterThanOrEqual(1)
    const body = await problem(late)
    expect(body).toMatchObject({ code: 'queue_timeout', queueTimeoutMs: 50 })
    expect(body.detail).toContain('waited 50 ms in the queue')
    release()
    expect((await running).status).toBe(200)
    expect((await get(app, SELECT)).status).toBe(200)
    expect(queries).toEqual([SELECT, SELECT])
    const metrics = await (await app.request('/metrics')).text()
    expect(metrics).toContain('sparql_queue_timeouts_total 1')
    expect(metrics).toContain('sparql_queue_wait_seconds_count 3')
    expect(metrics).toContain('sparql_queries_queued 0')
  })

  it('client_leaving_while_queued_is_dropped_from_the_queue', async () => {
    const { store, release, queries } = gatedStore()
    const app = buildApp({ store, env: { QUERY_CONCURRENCY: '1' } })
    const running = get(app, SELECT)
    const client = new AbortController()
    const leaving = app.request(`/sparql?query=${enc('ASK {}')}`, { signal: client.signal })
    const queued = async () => Number((await (await app.request('/metrics')).text()).match(/^sparql_queries_queued (\d+)$/m)![1])
    while ((await queued()) < 1) await new Promise((resolve) => setTimeout(resolve, 5))
    client.abort()
    expect((await leaving).status).toBe(499)
    expect(await queued()).toBe(0)
    release()
    expect((await running).status).toBe(200)
    expect(queries).toEqual([SELECT])
    expect(await (await app.request('/metrics')).text()).toContain('sparql_queue_abandoned_total 1')
  })

  it('internal_error_is_500_without_details', async () => {
    const store: GraphStore = { ...createLocalStore(), query: async () => { throw new Error('secret path /var/lib/x') } }
    const response = await get(buildApp({ store }), SELECT)
    expect(response.status).toBe(500)
    expect(JSON.stringify(await problem(response))).not.toContain('secret')
  })
})

describe('cors', () => {
  it('cors_on_reads', async () => {
    const response = await get(buildApp(), SELECT, { origin: 'https://app.example' })
    expect(response.headers.get('access-control-allow-origin')).toBe('*')
  })

  it('cors_preflight', async () => {
    const response = await buildApp().request('/sparql', { method: 'OPTIONS', headers: { origin: 'https://app.example', 'access-control-request-method': 'POST', 'access-control-request-headers': 'content-type' } })
    expect(response.status).toBe(204)
    expect(response.headers.get('access-control-allow-methods')).toContain('POST')
  })

  it('cors_on_errors', async () => {
    const response = await get(buildApp(), 'SELECT', { origin: 'https://app.example' })
    expect(response.status).toBe(400)
    expect(response.headers.get('access-control-allow-origin')).toBe('*')
  })
})
