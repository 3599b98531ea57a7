/**
 * SPARQL 1.1 Update (POST /sparql/update) and the Graph Store HTTP Protocol (/store) for the admin scope: who may
 * write, what an update changes (all of a request or nothing), limits crossed and the next request served, the SHACL
 * gate on dataset records, and reads (SPARQL, GSP GET) seeing each write at once. In-process app, real store, the
 * sync test graph.
 */
import { mkdtempSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { Parser } from 'n3'
import { beforeAll, describe, expect, it } from 'vitest'
import { createToken, createTokenVerifier, type Scope } from '../../src/auth/tokens.ts'
import { createInProcessStore } from '../../src/store/in-process.ts'
import type { GraphStore } from '../../src/store/types.ts'
import { BASE, syncBaseNQuads } from '../sync/sync-graph.ts'
import { buildApp } from './support.ts'

let base: string
beforeAll(async () => { base = await syncBaseNQuads() })

const G1 = 'http://example.org/g1'
const G2 = 'http://example.org/g2'

interface World { app: ReturnType<typeof buildApp>; store: GraphStore; admin: string; token(scope: Scope): Promise<string> }

async function world(env: Record<string, string> = {}, nquads?: string): Promise<World> {
  const dir = mkdtempSync(join(tmpdir(), 'ogd-update-'))
  const store = createInProcessStore({ nquads: nquads ?? base })
  const app = buildApp({ store, tokens: createTokenVerifier(dir), env: { BASE_IRI: BASE, MAX_WRITE_BYTES: '65536', ...env } })
  const token = async (scope: Scope) => (await createToken(dir, { scope, agency: scope === 'admin' ? undefined : 'A15000000I' })).token
  return { app, store, admin: await token('admin'), token }
}

const update = (w: World, text: string, headers: Record<string, string> = {}) =>
  w.app.request('/sparql/update', { method: 'POST', headers: { authorization: `Bearer ${w.admin}`, 'content-type': 'application/sparql-update', ...headers }, body: text })

const ask = async (w: World, query: string) => {
  const response = await w.app.request('/sparql', { method: 'POST', headers: { 'content-type': 'application/sparql-query', accept: 'application/sparql-results+json' }, body: query })
  expect(response.status).toBe(200)
  return ((await response.json()) as { boolean: boolean }).boolean
}

const graphTriples = async (w: World, graph: string | null) => {
  const response = await w.app.request(`/store?${graph === null ? 'default' : `graph=${encodeURIComponent(graph)}`}`, { headers: { accept: 'application/n-triples' } })
  return { status: response.status, triples: response.status === 200 ? new Parser({ format: 'N-Triples' }).parse(await response.text()) : [] }
}

describe('SPARQL 1.1 Update at /sparql/update', () => {
  it('needs_an_admin_token', async () => {
    const w = await world()
    const text = `INSERT DATA { GRAPH <${G1}> { <http://example.org/s> <http://example.org/p> "o" } }`
    const none = await w.app.request('/sparql/update', { method: 'POST', headers: { 'content-type': 'application/sparql-update' }, body: text })
    expect(none.status).toBe(401)
    expect(none.headers.get('content-type')).toBe('application/problem+json')
    const write = await update(w, text, { authorization: `Bearer ${await w.token('write')}` })
    expect(write.status).toBe(403)
    expect(await ask(w, `ASK { GRAPH <${G1}> { ?s ?p ?o } }`)).toBe(false)
    const ok = await update(w, text)
    expect(ok.status).toBe(200)
    expect(await ok.json()).toMatchObject({ operations: 1, changedGraphs: 1, graphs: [G1] })
    expect(await ask(w, `ASK { GRAPH <${G1}> { <http://example.org/s> <http://example.org/p> "o" } }`)).toBe(true)
  })

  it('takes_the_form_encoding_and_the_protocol_dataset', async () => {
    const w = await world()
    await update(w, `INSERT DATA { GRAPH <${G1}> { <http://example.org/s> <http://example.org/p> 1 } }`)
    const form = new URLSearchParams({ update: `INSERT { GRAPH <${G2}> { ?s <http://example.org/copied> ?o } } WHERE { ?s <http://example.org/p> ?o }`, 'using-graph-uri': G1 })
    const response = await w.app.request('/sparql/update', { method: 'POST', headers: { authorization: `Bearer ${w.admin}`, 'content-type': 'application/x-www-form-urlencoded' }, body: form.toString() })
    expect(response.status).toBe(200)
    expect(await ask(w, `ASK { GRAPH <${G2}> { <http://example.org/s> <http://example.org/copied> 1 } }`)).toBe(true)
  })

  it('applies_a_request_of_several_operations_all_or_nothing', async () => {
    const w = await world()
    // The second operation fails (the graph exists once the first has run): the first must not be applied either.
    const response = await update(w, `INSERT DATA { GRAPH <${G1}> { <http://example.org/s> <http://example.org/p> "o" } } ; CREATE GRAPH <${G1}>`)
    expect(response.status).toBe(400)
    expect(((await response.json()) as { detail: string }).detail).toMatch(/nothing was changed/)
    expect(await ask(w, `ASK { GRAPH <${G1}> { ?s ?p ?o } }`)).toBe(false)
    const both = await update(w, `INSERT DATA { GRAPH <${G1}> { <http://example.org/s> <http://example.org/p> "o" } } ; INSERT { GRAPH <${G2}> { ?s ?p ?o } } WHERE { GRAPH <${G1}> { ?s ?p ?o } }`)
    expect(both.status).toBe(200)
    expect(await ask(w, `ASK { GRAPH <${G2}> { <http://example.org/s> <http://example.org/p> "o" } }`)).toBe(true)
  })

  it('answers_a_syntax_error_with_where_it_is', async () => {
    const w = await world()
    const response = await update(w, 'INSERT DATA { GRAPH <http://example.org/g1> { <http://example.org/s> <http://example.org/p> } }')
    expect(response.status).toBe(400)
    expect(((await response.json()) as { detail: string }).detail).toMatch(/does not parse at line 1/)
    expect((await update(w, 'SELECT * WHERE { ?s ?p ?o }')).status).toBe(400)
  })

  it('refuses_load_since_it_would_fetch_from_outside_and_drops_load_silent', async () => {
    const w = await world()
    const refused = await update(w, 'LOAD <http://example.org/data.ttl> INTO GRAPH <http://example.org/g1>')
    expect(refused.status).toBe(403)
    const silent = await update(w, `LOAD SILENT <http://example.org/data.ttl> ; INSERT DATA { GRAPH <${G1}> { <http://example.org/s> <http://example.org/p> "o" } }`)
    expect(silent.status).toBe(200)
    expect(await ask(w, `ASK { GRAPH <${G1}> { ?s ?p ?o } }`)).toBe(true)
  })

  it('refuses_a_body_over_the_limit_then_serves_the_next_update', async () => {
    const w = await world({ MAX_WRITE_BYTES: '1024' })
    const big = `INSERT DATA { GRAPH <${G1}> { <http://example.org/s> <http://example.org/p> "${'x'.repeat(2000)}" } }`
    const response = await update(w, big)
    expect(response.status).toBe(413)
    expect(await ask(w, `ASK { GRAPH <${G1}> { ?s ?p ?o } }`)).toBe(false)
    expect((await update(w, `INSERT DATA { GRAPH <${G1}> { <http://example.org/s> <http://example.org/p> "o" } }`)).status).toBe(200)
  })

  it('refuses_an_update_on_every_graph_past_the_copy_limit_then_serves_a_named_one', async () => {
    const w = await world({ UPDATE_MAX_COPY_QUADS: '100' })
    const response = await update(w, 'DELETE { GRAPH ?g { ?s <http://example.org/p> ?o } } WHERE { GRAPH ?g { ?s <http://example.org/p> ?o } }')
    expect(response.status).toBe(413)
    expect(((await response.json()) as { detail: string }).detail).toMatch(/name the graphs/)
    expect((await update(w, `INSERT DATA { GRAPH <${G1}> { <http://example.org/s> <http://example.org/p> "o" } }`)).status).toBe(200)
  })

  it('refuses_an_update_leaving_a_dataset_record_invalid_and_changes_nothing', async () => {
    const w = await world()
    const record = await w.app.request(`/store?graph=${encodeURIComponent(`${BASE}/dataset/174821`)}`, { headers: { accept: 'application/n-triples' } })
    expect(record.status).toBe(200)
    const before = await record.text()
    const response = await update(w, `DELETE WHERE { GRAPH <${BASE}/dataset/174821> { <${BASE}/dataset/174821> <http://purl.org/dc/terms/title> ?t } }`)
    // The same answer as an agency's PUT of an invalid record: 400 invalid_data with the violations.
    expect(response.status).toBe(400)
    expect(JSON.stringify(await response.json())).toMatch(/SHACL violation.*title/s)
    const after = await w.app.request(`/store?graph=${encodeURIComponent(`${BASE}/dataset/174821`)}`, { headers: { accept: 'application/n-triples' } })
    expect((await after.text()).split('\n').length).toBe(before.split('\n').length)
  })

  it('is_seen_by_the_next_query_through_the_result_cache', async () => {
    const w = await world()
    const query = `ASK { GRAPH <${G1}> { ?s ?p ?o } }`
    expect(await ask(w, query)).toBe(false)
    await update(w, `INSERT DATA { GRAPH <${G1}> { <http://example.org/s> <http://example.org/p> "o" } }`)
    expect(await ask(w, query)).toBe(true)
    await update(w, `DROP GRAPH <${G1}>`)
    expect(await ask(w, query)).toBe(false)
  })
})

describe('Graph Store HTTP Protocol at /store', () => {
  const put = (w: World, target: string, body: string, method = 'PUT', type = 'text/turtle') =>
    w.app.request(`/store?${target}`, { method, headers: { authorization: `Bearer ${w.admin}`, 'content-type': type }, body })

  it('creates_replaces_merges_and_deletes_a_graph', async () => {
    const w = await world()
    const target = `graph=${encodeURIComponent(G1)}`
    expect((await graphTriples(w, G1)).status).toBe(404)
    expect((await put(w, target, '<http://example.org/s> <http://example.org/p> "one" .')).status).toBe(201)
    expect((await put(w, target, '<http://example.org/s> <http://example.org/p> "two" .')).status).toBe(204)
    expect((await graphTriples(w, G1)).triples.map((t) => t.object.value)).toEqual(['two'])
    expect((await put(w, target, '<http://example.org/s> <http://example.org/p> [ <http://example.org/q> 3 ] .', 'POST')).status).toBe(204)
    expect((await graphTriples(w, G1)).triples).toHaveLength(3)
    // A second POST of the same text adds a second blank node: blank nodes of separate requests never merge.
    await put(w, target, '<http://example.org/s> <http://example.org/p> [ <http://example.org/q> 3 ] .', 'POST')
    expect((await graphTriples(w, G1)).triples).toHaveLength(5)
    expect(await ask(w, `ASK { <http://example.org/s> <http://example.org/p> "two" }`)).toBe(true)
    const del = await w.app.request(`/store?${target}`, { method: 'DELETE', headers: { authorization: `Bearer ${w.admin}` } })
    expect(del.status).toBe(204)
    expect((await graphTriples(w, G1)).status).toBe(404)
    expect((await w.app.request(`/store?${target}`, { method: 'DELETE', headers: { authorization: `Bearer ${w.admin}` } })).status).toBe(404)
  })

  it('writes_the_default_graph_apart_from_the_named_ones', async () => {
    const w = await world({}, '')
    expect((await graphTriples(w, null))).toEqual({ status: 200, triples: [] })
    expect((await put(w, 'default', '<http://example.org/s> <http://example.org/p> "d" .', 'PUT', 'application/n-triples')).status).toBe(204)
    expect((await graphTriples(w, null)).triples).toHaveLength(1)
    const named = await update(w, 'INSERT { GRAPH <http://example.org/g1> { ?s ?p ?o } } WHERE { ?s ?p ?o }')
    expect(await named.json()).toMatchObject({ graphs: [G1] })
    expect((await graphTriples(w, G1)).triples).toHaveLength(1)
  })

  it('refuses_what_is_not_one_graph_or_not_rdf_and_keeps_writes_to_the_admin', async () => {
    const w = await world()
    expect((await w.app.request(`/store?default&graph=${encodeURIComponent(G1)}`)).status).toBe(400)
    expect((await w.app.request('/store?graph=relative')).status).toBe(400)
    expect((await put(w, `graph=${encodeURIComponent(G1)}`, '{}', 'PUT', 'application/json')).status).toBe(415)
    expect((await put(w, `graph=${encodeURIComponent(G1)}`, '<http://example.org/s> <http://example.org/p> .')).status).toBe(400)
    const write = await w.app.request(`/store?graph=${encodeURIComponent(G1)}`, { method: 'PUT', headers: { authorization: `Bearer ${await w.token('write')}`, 'content-type': 'text/turtle' }, body: '<http://example.org/s> <http://example.org/p> 1 .' })
    expect(write.status).toBe(403)
    expect((await graphTriples(w, G1)).status).toBe(404)
    expect((await put(w, `graph=${encodeURIComponent(G1)}`, '<http://example.org/s> <http://example.org/p> 1 .')).status).toBe(201)
  })

  it('names_a_graph_directly_by_the_request_iri_and_never_mixes_the_two_ways', async () => {
    const w = await world()
    const direct = 'http://localhost/store/people/1.ttl'
    const created = await w.app.request('http://localhost/store/people/1.ttl', { method: 'PUT', headers: { authorization: `Bearer ${w.admin}`, 'content-type': 'text/turtle' }, body: '<#me> <http://example.org/p> "d" .' })
    expect(created.status).toBe(201)
    // The same graph, read indirectly; a relative IRI in the body resolved against the graph's name.
    const read = await graphTriples(w, direct)
    expect(read.triples.map((t) => t.subject.value)).toEqual([`${direct}#me`])
    expect((await w.app.request('http://localhost/store/people/1.ttl', { method: 'HEAD' })).status).toBe(200)
    expect((await w.app.request('http://localhost/store/people/2.ttl', { method: 'HEAD' })).status).toBe(404)
    const mixed = await w.app.request(`http://localhost/store/people/1.ttl?graph=${encodeURIComponent(G1)}`)
    expect(mixed.status).toBe(400)
    expect(((await mixed.json()) as { detail: string }).detail).toMatch(/names its graph directly/)
    const anonymous = await w.app.request('http://localhost/store/people/1.ttl', { method: 'DELETE' })
    expect(anonymous.status).toBe(401)
    expect((await w.app.request('http://localhost/store/people/1.ttl', { method: 'DELETE', headers: { authorization: `Bearer ${w.admin}` } })).status).toBe(204)
    expect((await graphTriples(w, direct)).status).toBe(404)
  })

  it('creates_a_graph_under_a_fresh_name_for_a_post_to_the_store_itself', async () => {
    const w = await world()
    const body = '[] <http://example.org/p> "new" .'
    expect((await w.app.request('/store', { method: 'POST', headers: { 'content-type': 'text/turtle' }, body })).status).toBe(401)
    const first = await put(w, '', body, 'POST')
    const second = await put(w, '', body, 'POST')
    expect([first.status, second.status]).toEqual([201, 201])
    const [a, b] = [first.headers.get('location')!, second.headers.get('location')!]
    expect(a).toMatch(/^http:\/\/localhost\/store\/[0-9a-f-]{36}$/)
    expect(b).not.toBe(a)
    expect((await graphTriples(w, a)).triples.map((t) => t.object.value)).toEqual(['new'])
    expect((await w.app.request(a, { headers: { accept: 'application/n-triples' } })).status).toBe(200)
    // A GET or PUT of the store itself still has to name its graph.
    expect((await w.app.request('/store')).status).toBe(400)
    expect((await put(w, '', body)).status).toBe(400)
  })

  it('merges_every_part_of_a_multipart_post_or_none_of_them', async () => {
    const w = await world()
    const target = `graph=${encodeURIComponent(G1)}`
    const form = (parts: [string, string, string][]) => {
      const data = new FormData()
      for (const [name, type, text] of parts) data.append(name, new Blob([text], { type }), name)
      return data
    }
    const post = (data: FormData) => w.app.request(`/store?${target}`, { method: 'POST', headers: { authorization: `Bearer ${w.admin}` }, body: data })
    const ok = await post(form([['a.ttl', 'text/turtle', '<http://example.org/s> <http://example.org/p> "a" .'], ['b.nt', '', '<http://example.org/s> <http://example.org/p> "b" .']]))
    expect(ok.status).toBe(201)
    expect((await graphTriples(w, G1)).triples.map((t) => t.object.value).sort()).toEqual(['a', 'b'])
    const untyped = await post(form([['c.ttl', 'text/turtle', '<http://example.org/s> <http://example.org/p> "c" .'], ['d.json', 'application/json', '{}']]))
    expect(untyped.status).toBe(415)
    expect(((await untyped.json()) as { detail: string }).detail).toMatch(/part "d.json"/)
    const broken = await post(form([['c.ttl', 'text/turtle', '<http://example.org/s> <http://example.org/p> "c" .'], ['e.ttl', 'text/turtle', '<http://example.org/s> <http://example.org/p> .']]))
    expect(broken.status).toBe(400)
    expect(((await broken.json()) as { detail: string }).detail).toMatch(/part "e.ttl" is not valid Turtle/)
    // Neither refused request added its good part.
    expect((await graphTriples(w, G1)).triples.map((t) => t.object.value).sort()).toEqual(['a', 'b'])
    // A multipart PUT is not a Graph Store request (GSP allows it for POST only).
    const putForm = await w.app.request(`/store?${target}`, { method: 'PUT', headers: { authorization: `Bearer ${w.admin}` }, body: form([['a.ttl', 'text/turtle', '<http://example.org/s> <http://example.org/p> "x" .']]) })
    expect(putForm.status).toBe(415)
  })

  it('refuses_a_multipart_body_over_the_limit_then_takes_the_next_post', async () => {
    const w = await world()
    const target = `graph=${encodeURIComponent(G1)}`
    const data = new FormData()
    data.append('big.ttl', new Blob([`<http://example.org/s> <http://example.org/p> "${'x'.repeat(70_000)}" .`], { type: 'text/turtle' }), 'big.ttl')
    const big = await w.app.request(`/store?${target}`, { method: 'POST', headers: { authorization: `Bearer ${w.admin}` }, body: data })
    expect(big.status).toBe(413)
    expect((await graphTriples(w, G1)).status).toBe(404)
    expect((await put(w, target, '<http://example.org/s> <http://example.org/p> "small" .', 'POST')).status).toBe(201)
  })
})
