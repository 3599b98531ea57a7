/**
 * Agencies answering the public's dataset requests (POST /request/{id}/replies) over real fixture requests:
 * 98611 (assigned to 內政部 301000000A and 行政院 A00000000A, no reply yet) and 94934 (assigned to 內政部, 法務部 and
 * 司法院, with agencies' answers already). Ownership from the graph's ogd:assignedTo (and the DGPA parent of 內政部,
 * 行政院, with --include-subordinates), If-Match once an answer exists, bad input refused with nothing changed, and
 * the answer live in the record, over SPARQL, in search and on the dashboard right after.
 */
import { mkdtempSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { beforeAll, describe, expect, it } from 'vitest'
import { createToken, createTokenVerifier, type Scope } from '../../src/auth/tokens.ts'
import { createInProcessStore } from '../../src/store/in-process.ts'
import type { GraphStore } from '../../src/store/types.ts'
import { BASE, syncBaseNQuads } from '../sync/sync-graph.ts'
import { buildApp } from './support.ts'

let base: string
beforeAll(async () => { base = await syncBaseNQuads() })

const MOI = '301000000A' // 內政部
const EY = 'A00000000A' // 行政院, 內政部's parent
const NDC = 'A41000000G' // 國家發展委員會, assigned neither
const DATASET = '165115' // a dataset of the fixture catalogue
const LIMIT = 4096

async function world() {
  const dir = mkdtempSync(join(tmpdir(), 'ogd-replies-'))
  const store = createInProcessStore({ nquads: base })
  const app = buildApp({ store, tokens: createTokenVerifier(dir), env: { BASE_IRI: BASE, MAX_WRITE_BYTES: String(LIMIT) } })
  const token = async (agency: string | undefined, includeSubordinates = false, scope: Scope = 'write') => (await createToken(dir, { scope, agency, includeSubordinates })).token
  return { app, store, token }
}
type World = Awaited<ReturnType<typeof world>>

const reply = (app: World['app'], id: string, secret: string, body: unknown, headers: Record<string, string> = {}) =>
  app.request(`/request/${id}/replies`, {
    method: 'POST',
    headers: { authorization: `Bearer ${secret}`, 'content-type': 'application/json', ...headers },
    body: typeof body === 'string' ? body : JSON.stringify(body),
  })
const etagOf = async (app: World['app'], id: string) => (await app.request(`/request/${id}`, { headers: { accept: 'text/turtle' } })).headers.get('etag')!
/** The request's graph as sorted N-Quads lines (no blank nodes in request graphs: equal lines = isomorphic). */
const graphOf = async (store: GraphStore, id: string) => {
  const { body } = await store.query({ query: `CONSTRUCT { ?s ?p ?o } WHERE { GRAPH <${BASE}/request/${id}> { ?s ?p ?o } }`, mediaType: 'application/n-triples' })
  return body.split('\n').filter(Boolean).sort()
}
const select = async (store: GraphStore, query: string) =>
  (JSON.parse((await store.query({ query, mediaType: 'application/sparql-results+json' })).body).results.bindings as Record<string, { value: string }>[])
const ANSWER = { text: { zh: '本部已開放「各縣市兒童安置人數」資料集，請至平臺下載。', en: 'The ministry has opened the dataset; download it from the platform.' }, status: 'answered', dataset: DATASET, date: '2026-05-04' }

describe('an assigned agency answers a request', () => {
  it('appends its reply, sets the status and links the dataset, live in the record, SPARQL, search and the dashboard', async () => {
    const { app, store, token } = await world()
    const secret = await token(MOI)
    const searched = async () => (await (await app.request(`/api/requests?agency=${MOI}&status=answered`, { headers: { accept: 'application/ld+json' } })).json()) as { totalItems: number; member: { identifier: string }[] }
    expect((await searched()).totalItems).toBe(0)
    const dashboard = await (await app.request('/dashboard', { headers: { accept: 'text/html' } })).text()

    const response = await reply(app, '98611', secret, ANSWER)
    expect(response.status).toBe(201)
    expect(response.headers.get('location')).toBe('/request/98611#reply-1')
    const answer = await response.json()
    expect(answer).toMatchObject({ reply: `${BASE}/request/98611#reply-1`, position: 1, status: 'answered', replyDate: '2026-05-04T00:00:00+08:00', answeredBy: [`${BASE}/dataset/${DATASET}`] })

    const turtle = await (await app.request('/request/98611', { headers: { accept: 'text/turtle' } })).text()
    expect(turtle).toContain('本部已開放「各縣市兒童安置人數」資料集')
    const rows = await select(store, `SELECT ?status ?dataset ?text ?author ?date WHERE { GRAPH <${BASE}/request/98611> {
      <${BASE}/request/98611> <http://www.w3.org/ns/adms#status> ?status ; <${BASE}/ontology#answeredBy> ?dataset ; <https://schema.org/suggestedAnswer> ?r .
      ?r <https://schema.org/text> ?text ; <https://schema.org/author> ?author ; <https://schema.org/dateCreated> ?date . FILTER(LANG(?text) = "en") } }`)
    expect(rows).toEqual([expect.objectContaining({ status: { type: 'uri', value: `${BASE}/scheme/request-status/answered` }, dataset: { type: 'uri', value: `${BASE}/dataset/${DATASET}` }, author: { type: 'uri', value: `${BASE}/agency/${MOI}` } })])
    expect(rows[0]!.date!.value).toBe('2026-05-04T00:00:00+08:00')
    const found = await searched()
    expect(found.member.map((m) => m.identifier)).toEqual(['98611'])
    expect(await (await app.request('/dashboard', { headers: { accept: 'text/html' } })).text()).not.toBe(dashboard)
  })

  it('takes the reply as Turtle, with the date defaulting to now', async () => {
    const { app, store, token } = await world()
    const turtle = `@prefix schema: <https://schema.org/> . @prefix adms: <http://www.w3.org/ns/adms#> .
      <> schema:suggestedAnswer [ a schema:Answer ; schema:text "研議中，預計明年開放。"@zh-Hant ] ; adms:status <${BASE}/scheme/request-status/under-study> .`
    const before = Date.now()
    const response = await reply(app, '98611', await token(MOI), turtle, { 'content-type': 'text/turtle' })
    expect(response.status).toBe(201)
    const { replyDate } = await response.json()
    expect(Date.parse(replyDate)).toBeGreaterThanOrEqual(Math.floor(before / 1000) * 1000)
    const rows = await select(store, `SELECT ?s WHERE { <${BASE}/request/98611> <http://www.w3.org/ns/adms#status> ?s }`)
    expect(rows.map((r) => r.s!.value)).toEqual([`${BASE}/scheme/request-status/under-study`])
  })
})

describe('who may answer', () => {
  it('refuses an agency the request is not assigned to (403), changing nothing', async () => {
    const { app, store, token } = await world()
    const before = await graphOf(store, '98611')
    const response = await reply(app, '98611', await token(NDC), ANSWER)
    expect(response.status).toBe(403)
    expect(response.headers.get('content-type')).toBe('application/problem+json')
    expect((await response.json()).detail).toMatch(/assigned to .*301000000A/)
    expect(await graphOf(store, '98611')).toEqual(before)
  })

  it('refuses the parent of the assignee without --include-subordinates, accepts it with', async () => {
    const { app, store, token } = await world()
    const before = await graphOf(store, '94934')
    expect((await reply(app, '94934', await token(EY), ANSWER, { 'if-match': await etagOf(app, '94934') })).status).toBe(403)
    expect(await graphOf(store, '94934')).toEqual(before)
    const response = await reply(app, '94934', await token(EY, true), ANSWER, { 'if-match': await etagOf(app, '94934') })
    expect(response.status).toBe(201)
    // 94934 had four replies: this is the fifth, signed by the token's agency.
    expect((await response.json()).position).toBe(5)
    const authors = await select(store, `SELECT ?a WHERE { <${BASE}/request/94934#reply-5> <https://schema.org/author> ?a }`)
    expect(authors.map((r) => r.a!.value)).toEqual([`${BASE}/agency/${EY}`])
  })
})

describe('conditional replies', () => {
  it('needs If-Match once the request holds an answer (428), refuses a stale one (412), takes the current one', async () => {
    const { app, store, token } = await world()
    const secret = await token(MOI)
    const stale = await etagOf(app, '98611')
    expect((await reply(app, '98611', secret, ANSWER)).status).toBe(201)
    const before = await graphOf(store, '98611')
    const missing = await reply(app, '98611', secret, { ...ANSWER, status: 'under-study' })
    expect(missing.status).toBe(428)
    expect((await missing.json()).detail).toMatch(/If-Match/)
    const replayed = await reply(app, '98611', secret, { ...ANSWER, status: 'under-study' }, { 'if-match': stale })
    expect(replayed.status).toBe(412)
    expect(await graphOf(store, '98611')).toEqual(before)
    const current = await reply(app, '98611', secret, { text: '補充說明：資料每月更新。' }, { 'if-match': await etagOf(app, '98611') })
    expect(current.status).toBe(201)
    expect((await current.json()).position).toBe(2)
  })
})

describe('bad replies change nothing', () => {
  it.each([
    ['an unknown dataset', 422, '/dataset', { ...ANSWER, dataset: '999999999' }],
    ['a dataset IRI the graph does not hold', 422, '/dataset/1', { ...ANSWER, dataset: [DATASET, `${BASE}/dataset/0`] }],
    ['a status outside the list', 422, '/status', { ...ANSWER, status: 'refused' }],
    ['"unanswered" as a reply status', 422, '/status', { ...ANSWER, status: '未回復' }],
    ['an empty text', 422, '/text', { ...ANSWER, text: '  ' }],
    ['an unknown field', 422, '/agency', { ...ANSWER, agency: MOI }],
    ['a date that is no date', 422, '/date', { ...ANSWER, date: '2026-02-30' }],
    ['a date in the future', 422, '/date', { ...ANSWER, date: '2999-01-01' }],
    ['a time without its zone', 422, '/date', { ...ANSWER, date: '2026-05-04T10:00' }],
    ['malformed JSON', 400, '', '{"text": '],
  ] as const)('refuses %s (%i, naming %s)', async (_what, status, pointer, body) => {
    const { app, store, token } = await world()
    const before = await graphOf(store, '98611')
    const response = await reply(app, '98611', await token(MOI), body)
    expect(response.status).toBe(status)
    expect(response.headers.get('content-type')).toBe('application/problem+json')
    expect((await response.json()).pointer).toBe(pointer)
    expect(await graphOf(store, '98611')).toEqual(before)
  })

  it('refuses a body over the limit (413) and takes the next reply', async () => {
    const { app, store, token } = await world()
    const secret = await token(MOI)
    const before = await graphOf(store, '98611')
    const response = await reply(app, '98611', secret, { ...ANSWER, text: '很長的回復'.repeat(LIMIT) })
    expect(response.status).toBe(413)
    expect((await response.json()).detail).toMatch(/limit of 4096 bytes/)
    expect(await graphOf(store, '98611')).toEqual(before)
    expect((await reply(app, '98611', secret, ANSWER)).status).toBe(201)
  })

  it('answers 404 for a request the graph does not hold, 415 for another body type', async () => {
    const { app, token } = await world()
    const secret = await token(MOI)
    expect((await reply(app, '12345678', secret, ANSWER)).status).toBe(404)
    expect((await reply(app, '98611', secret, 'text', { 'content-type': 'text/plain' })).status).toBe(415)
  })

  it('refuses RDF that says more than a reply', async () => {
    const { app, store, token } = await world()
    const before = await graphOf(store, '98611')
    const turtle = `@prefix schema: <https://schema.org/> . @prefix dct: <http://purl.org/dc/terms/> .
      <> schema:suggestedAnswer [ a schema:Answer ; schema:text "好"@zh-Hant ] ; dct:title "改了標題"@zh-Hant .`
    const response = await reply(app, '98611', await token(MOI), turtle, { 'content-type': 'text/turtle' })
    expect(response.status).toBe(422)
    expect((await response.json()).pointer).toMatch(/dc\/terms\/title/)
    expect(await graphOf(store, '98611')).toEqual(before)
  })
})

describe('the gates before the write', () => {
  it('refuses a dataset withdrawn since (422): its IRI answers 410, it opened nothing', async () => {
    const { app, store, token } = await world()
    const admin = await token(undefined, false, 'admin')
    const etag = (await app.request(`/dataset/${DATASET}`, { headers: { accept: 'text/turtle' } })).headers.get('etag')!
    expect((await app.request(`/dataset/${DATASET}`, { method: 'DELETE', headers: { authorization: `Bearer ${admin}`, 'if-match': etag } })).status).toBe(204)
    expect((await app.request(`/dataset/${DATASET}`, { headers: { accept: 'text/turtle' } })).status).toBe(410)
    const before = await graphOf(store, '98611')
    const response = await reply(app, '98611', await token(MOI), ANSWER)
    expect(response.status).toBe(422)
    expect((await response.json()).detail).toMatch(/165115.*not in the graph/)
    expect(await graphOf(store, '98611')).toEqual(before)
  })

  it('writes nothing when the request with the reply fails the request shapes (SHACL, 422 with the violations)', async () => {
    const { app, store, token } = await world()
    // A second identifier slipped into the stored request: the reply must not be written over a graph that fails.
    const iri = `${BASE}/request/98611`
    const current = (await store.query({ query: `CONSTRUCT { ?s ?p ?o } WHERE { GRAPH <${iri}> { ?s ?p ?o } }`, mediaType: 'application/n-triples' })).body
    const broken = `${current.trim().split('\n').map((line) => `${line.replace(/ \.$/, '')} <${iri}> .`).join('\n')}\n<${iri}> <http://purl.org/dc/terms/identifier> "98611-bis" <${iri}> .\n`
    await store.replaceGraphs([iri], broken)
    const before = await graphOf(store, '98611')
    const response = await reply(app, '98611', await token(MOI), ANSWER)
    expect(response.status).toBe(422)
    const problem = await response.json()
    expect(problem.detail).toMatch(/fails SHACL/)
    expect(problem.violations.join('\n')).toMatch(/identifier.*識別碼/)
    expect(await graphOf(store, '98611')).toEqual(before)
  })

  it('is described in /openapi.json, and off (403, saying how to turn writes on) until a token exists', async () => {
    const { app, token } = await world()
    const off = await app.request('/request/98611/replies', { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(ANSWER) })
    expect(off.status).toBe(403)
    expect((await off.json()).detail).toMatch(/writes are off.*ogd token create/)
    await token(MOI)
    const document = await (await app.request('/openapi.json')).json()
    expect(document.paths['/request/{id}/replies'].post.security).toEqual([{ bearer: [] }])
    expect(Object.keys(document.paths['/request/{id}/replies'].post.responses)).toEqual(expect.arrayContaining(['201', '403', '412', '413', '422', '428']))
  })
})
