/**
 * Federation: SERVICE refused unless allow-listed; with an allow-list, the query runs through Comunica over the
 * local patterns' quads and the endpoint. A second local server stands in for the remote endpoint (a real one
 * cannot be reached in CI), which takes the test-only `allowLoopbackForTests`.
 */
import { QueryEngine } from '@comunica/query-sparql'
import { Parser } from 'n3'
import { afterEach, describe, expect, it } from 'vitest'
import { buildLocalQuery, readLocalQuads } from '../../src/federation/local-data.ts'
import { collectLocalPatterns, type LocalPattern } from '../../src/federation/local-patterns.ts'
import { createInProcessStore } from '../../src/store/in-process.ts'
import { generateNQuads } from '../fixtures/store/synthetic.ts'
import { sparqlGet, startRealServer, type RealServer } from './real-server.ts'
import { fixture } from './support.ts'

const DCT = 'http://purl.org/dc/terms/'
const EX = 'http://remote.example/'
// The remote side: labels for two of our datasets, in its own vocabulary.
const REMOTE_NQUADS = [
  `<http://kg.example.tw/dataset/A1> <${EX}label> "Taipei bus routes" <${EX}g> .`,
  `<http://kg.example.tw/dataset/A2> <${EX}label> "空氣品質" <${EX}g> .`,
  `<http://kg.example.tw/dataset/Z9> <${EX}label> "not ours" <${EX}g> .`,
].join('\n') + '\n'
const PREFIXES = `PREFIX dct: <${DCT}> PREFIX ex: <${EX}>`

const servers: RealServer[] = []
afterEach(async () => { await Promise.all(servers.splice(0).map((s) => s.close())) })

async function startPair(env: Record<string, string> = {}, allowLoopbackForTests = true, remoteNQuads = REMOTE_NQUADS): Promise<{ ours: string; remote: string }> {
  const remote = await startRealServer(remoteNQuads, { QUERY_TIMEOUT_MS: '60000' })
  servers.push(remote)
  const ours = await startRealServer(fixture('graph.nq'), { SERVICE_ALLOWLIST: `${remote.url}/sparql`, ...env }, { allowLoopbackForTests })
  servers.push(ours)
  return { ours: ours.url, remote: `${remote.url}/sparql` }
}

async function problem(response: Response) {
  expect(response.headers.get('content-type')).toBe('application/problem+json')
  return (await response.json()) as { status: number; code: string; detail: string; [key: string]: unknown }
}

const engine = new QueryEngine()
const patternsOf = async (query: string): Promise<LocalPattern[]> =>
  collectLocalPatterns((await engine.explain(`${PREFIXES} ${query}`, { sources: [] as never }, 'parsed')).data)
const iri = (value: string) => ({ termType: 'NamedNode', value })

describe('local patterns of a federated query', () => {
  it.each([
    ['SELECT * { ?d dct:title ?t SERVICE <http://r/sparql> { ?d ex:label ?l } }', [{ predicate: iri(`${DCT}title`), graph: { kind: 'default' } }]],
    ['SELECT * { GRAPH <http://g> { ?d dct:title "x"@en } }', [{ predicate: iri(`${DCT}title`), object: { termType: 'Literal', value: 'x', language: 'en', datatype: { value: 'http://www.w3.org/1999/02/22-rdf-syntax-ns#langString' } }, graph: { kind: 'named', iri: 'http://g' } }]],
    ['SELECT * { GRAPH ?g { <http://d> ?p ?o } }', [{ subject: iri('http://d'), graph: { kind: 'named' } }]],
    ['CONSTRUCT { ?d ex:x ?t } WHERE { ?d dct:title ?t }', [{ predicate: iri(`${DCT}title`), graph: { kind: 'default' } }]],
    ['SELECT * { ?d a ?c FILTER NOT EXISTS { ?d dct:title ?t } }', [
      { predicate: iri('http://www.w3.org/1999/02/22-rdf-syntax-ns#type'), graph: { kind: 'default' } },
      { predicate: iri(`${DCT}title`), graph: { kind: 'default' } }]],
    ['SELECT * { <http://d> dct:isPartOf* ?x }', [{ predicate: iri(`${DCT}isPartOf`), graph: { kind: 'default' } }]],
    ['SELECT * { ?d dct:isPartOf* ?x }', [{ graph: { kind: 'default' } }]],
    ['SELECT * { ?d (dct:a|^dct:b) <http://o> }', [
      { object: iri('http://o'), graph: { kind: 'default' }, predicate: iri(`${DCT}a`) },
      { subject: iri('http://o'), graph: { kind: 'default' }, predicate: iri(`${DCT}b`) }]],
    ['SELECT * { SERVICE <http://r/sparql> { ?s ?p ?o } }', []],
  ])('%s', async (query, expected) => {
    expect(await patternsOf(query)).toEqual(expected)
  })

  it('describe_is_refused', async () => {
    await expect(patternsOf('DESCRIBE ?d WHERE { SERVICE <http://r/sparql> { ?d ?p ?o } }')).rejects.toMatchObject({ code: 'bad_query' })
  })

  it('the_local_query_gathers_exactly_the_matching_quads_and_refuses_more_than_the_limit', async () => {
    const nquads = generateNQuads(3)
    const titles = nquads.split('\n').filter((line) => line.includes(`<${DCT}title>`)).length
    const store = createInProcessStore({ nquads })
    const patterns = await patternsOf('SELECT * { ?d dct:title ?t . GRAPH <http://kg.example.tw/record/1> { ?d dct:identifier ?i } }')
    const json = (await store.query({ query: buildLocalQuery(patterns, 100), mediaType: 'application/sparql-results+json' })).body
    const quads = readLocalQuads(json, 100)
    expect(quads.filter((q) => q.graph.termType === 'DefaultGraph').map((q) => q.predicate.value)).toEqual(Array(titles).fill(`${DCT}title`))
    expect(quads.filter((q) => q.graph.termType === 'NamedNode').map((q) => `${q.predicate.value} ${q.object.value}`)).toEqual([`${DCT}identifier 000001`])
    const capped = (await store.query({ query: buildLocalQuery(patterns, 3), mediaType: 'application/sparql-results+json' })).body
    expect(() => readLocalQuads(capped, 3)).toThrow(/more than 3 quads/)
  })
})

describe('SERVICE through HTTP', () => {
  it('service_without_allowlist_is_400', async () => {
    const ours = await startRealServer(fixture('graph.nq'))
    servers.push(ours)
    const response = await sparqlGet(ours.url, 'SELECT * { SERVICE <https://query.wikidata.org/sparql> { ?s ?p ?o } }')
    expect(response.status).toBe(400)
    expect((await problem(response)).detail).toContain('SERVICE (federated query) is disabled')
  })

  it('service_to_a_host_not_in_the_allowlist_is_400', async () => {
    const { ours, remote } = await startPair()
    const response = await sparqlGet(ours, 'SELECT * { SERVICE <http://169.254.169.254/sparql> { ?s ?p ?o } }')
    expect(response.status).toBe(400)
    const body = await problem(response)
    expect(body.detail).toContain('is not allowed')
    expect(body.detail).toContain(remote)
  })

  it('federated_select_joins_local_and_remote_data', async () => {
    const { ours, remote } = await startPair()
    const query = `${PREFIXES} SELECT ?d ?title ?label WHERE { ?d dct:title ?title . SERVICE <${remote}> { ?d ex:label ?label } } ORDER BY ?d`
    const response = await sparqlGet(ours, query)
    expect(response.status).toBe(200)
    expect(response.headers.get('content-type')).toBe('application/sparql-results+json')
    const rows = ((await response.json()) as { results: { bindings: Record<string, { value: string }>[] } }).results.bindings
    expect(rows.map((row) => [row.d!.value, row.title!.value, row.label!.value])).toEqual([
      ['http://kg.example.tw/dataset/A1', '臺北市公車路線', 'Taipei bus routes'],
      ['http://kg.example.tw/dataset/A2', 'Air quality', '空氣品質'],
    ])
  })

  it('federated_construct_as_turtle_and_select_as_csv', async () => {
    const { ours, remote } = await startPair()
    const construct = `${PREFIXES} CONSTRUCT { ?d ex:label ?label } WHERE { ?d a <http://www.w3.org/ns/dcat#Dataset> . SERVICE <${remote}> { ?d ex:label ?label } }`
    const turtle = await sparqlGet(ours, construct, 'text/turtle')
    expect(turtle.status).toBe(200)
    const quads = new Parser({ format: 'Turtle' }).parse(await turtle.text())
    expect(quads.map((q) => q.object.value).sort()).toEqual(['Taipei bus routes', '空氣品質'])
    const csv = await sparqlGet(ours, `${PREFIXES} SELECT ?label WHERE { <http://kg.example.tw/dataset/A1> dct:publisher ?p . SERVICE <${remote}> { <http://kg.example.tw/dataset/A1> ex:label ?label } }`, 'text/csv')
    expect(await csv.text()).toBe('label\r\nTaipei bus routes\r\n')
  })

  it('an_allow_listed_loopback_endpoint_is_refused_without_the_test_exemption', async () => {
    const { ours, remote } = await startPair({}, false)
    const response = await sparqlGet(ours, `SELECT * { SERVICE <${remote}> { ?s ?p ?o } }`)
    expect(response.status).toBe(403)
    expect((await problem(response)).detail).toContain('a loopback address')
  })

  it('a_local_part_matching_too_many_quads_is_400_not_cut', async () => {
    const { ours, remote } = await startPair({ SERVICE_MAX_LOCAL_QUADS: '3' })
    const response = await sparqlGet(ours, `SELECT * { ?s ?p ?o SERVICE <${remote}> { ?s ?q ?x } }`)
    expect(response.status).toBe(400)
    expect((await problem(response)).detail).toContain('SERVICE_MAX_LOCAL_QUADS')
  })

  it('a_federated_query_past_the_deadline_is_503_and_its_thread_stopped', async () => {
    const deadlineMs = 6000
    const { ours, remote } = await startPair({ QUERY_TIMEOUT_MS: String(deadlineMs) }, true, generateNQuads(150))
    const started = performance.now()
    const response = await sparqlGet(ours, `SELECT * { SERVICE <${remote}> { SELECT (COUNT(*) AS ?n) { ?a ?b ?c . ?d ?e ?f . ?g ?h ?i . ?j ?k ?l } } }`)
    const elapsedMs = performance.now() - started
    expect(response.status).toBe(503)
    const body = await problem(response)
    expect(body.code).toBe('timeout')
    expect(body.detail).toContain('stopped')
    expect(elapsedMs).toBeLessThan(deadlineMs + 8000)
    expect((await sparqlGet(ours, 'ASK { ?s ?p ?o }')).status).toBe(200)
  })
})
