/**
 * Writes over HTTP: Bearer tokens (none, bad, revoked, in the URL, wrong scope), agency ownership from the graph
 * (another agency's record; a subordinate's with and without --include-subordinates), If-Match / If-None-Match, and
 * bad writes leaving the graph as it was. In-process app over the real store and the sync test graph.
 */
import { mkdtempSync, readFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { beforeAll, describe, expect, it } from 'vitest'
import { createToken, createTokenVerifier, revokeToken, type Scope } from '../../src/auth/tokens.ts'
import { createInProcessStore } from '../../src/store/in-process.ts'
import type { GraphStore } from '../../src/store/types.ts'
import { BASE, SYNC_FIXTURES, syncBaseNQuads } from '../sync/sync-graph.ts'
import { buildApp } from './support.ts'

let base: string
beforeAll(async () => { base = await syncBaseNQuads() })

const JUNE = JSON.parse(readFileSync(join(SYNC_FIXTURES, 'changed_2026-06_create.json'), 'utf8')) as Record<string, unknown>[]
const row = (id: string, publisher: string, extra: Record<string, unknown> = {}) => {
  const { 資料集變動狀態: _status, ...rest } = JUNE[0]!
  return JSON.stringify({ ...rest, 資料集識別碼: id, 提供機關: publisher, ...extra })
}
const NDC = '國家發展委員會'
const NDC_ARCHIVES = '國家發展委員會檔案管理局'

interface World { app: ReturnType<typeof buildApp>; store: GraphStore; dir: string; token(scope: Scope, agency?: string, includeSubordinates?: boolean): Promise<string> }

async function world(options: { withTokens?: boolean } = {}): Promise<World> {
  const dir = mkdtempSync(join(tmpdir(), 'ogd-writes-'))
  const store = createInProcessStore({ nquads: base })
  const app = buildApp({ store, tokens: createTokenVerifier(dir), env: { BASE_IRI: BASE, MAX_WRITE_BYTES: '65536' } })
  const token = async (scope: Scope, agency?: string, includeSubordinates?: boolean) => (await createToken(dir, { scope, agency, includeSubordinates })).token
  if (options.withTokens !== false) {
    const admin = await token('admin')
    // Two records the graph then holds as 國家發展委員會's and as its subordinate 檔案管理局's.
    for (const [id, publisher] of [['900001', NDC], ['900002', NDC_ARCHIVES]] as const) {
      const response = await app.request(`/dataset/${id}`, { method: 'PUT', headers: { authorization: `Bearer ${admin}`, 'content-type': 'application/json', 'if-none-match': '*' }, body: row(id, publisher) })
      expect(response.status).toBe(201)
    }
  }
  return { app, store, dir, token }
}

const etagOf = async (app: World['app'], id: string) => (await app.request(`/dataset/${id}`, { headers: { accept: 'text/turtle' } })).headers.get('etag')!
const put = (app: World['app'], id: string, headers: Record<string, string>, body = row(id, NDC, { 資料集名稱: '更新後的標題' })) =>
  app.request(`/dataset/${id}`, { method: 'PUT', headers: { 'content-type': 'application/json', ...headers }, body })
const titleOf = async (store: GraphStore, id: string) => {
  const { body } = await store.query({ query: `SELECT ?t WHERE { <${BASE}/dataset/${id}> <http://purl.org/dc/terms/title> ?t }`, mediaType: 'application/sparql-results+json' })
  return JSON.parse(body).results.bindings.map((b: { t: { value: string } }) => b.t.value)
}

describe('write tokens', () => {
  it('keeps_writes_off_until_a_token_exists', async () => {
    const { app } = await world({ withTokens: false })
    const response = await put(app, '900001', { 'if-none-match': '*' })
    // A method the record's IRI does not serve while writes are off: 405 with what it does serve, saying how to turn them on.
    expect(response.status).toBe(405)
    expect(response.headers.get('allow')).toBe('GET, HEAD, OPTIONS')
    expect(response.headers.get('content-type')).toBe('application/problem+json')
    expect((await response.json()).detail).toMatch(/ogd token create/)
  })

  it('answers_401_with_www_authenticate_without_a_token', async () => {
    const { app } = await world()
    const response = await put(app, '900001', { 'if-match': '*' })
    expect(response.status).toBe(401)
    expect(response.headers.get('www-authenticate')).toMatch(/^Bearer/)
  })

  it('answers_401_for_a_bad_token', async () => {
    const { app, token } = await world()
    const good = await token('write', 'A41000000G')
    const response = await put(app, '900001', { authorization: `Bearer ${good.slice(0, -2)}xx`, 'if-match': '*' })
    expect(response.status).toBe(401)
    expect((await response.json()).detail).toMatch(/unknown, wrong or revoked/)
  })

  it('answers_401_for_a_revoked_token', async () => {
    const { app, token, dir } = await world()
    const secret = await token('write', 'A41000000G')
    expect((await put(app, '900001', { authorization: `Bearer ${secret}`, 'if-match': await etagOf(app, '900001') })).status).toBe(204)
    revokeToken(dir, secret.split('_')[1]!)
    expect((await put(app, '900001', { authorization: `Bearer ${secret}`, 'if-match': await etagOf(app, '900001') })).status).toBe(401)
  })

  it('refuses_a_token_in_the_query_string', async () => {
    const { app, token } = await world()
    const secret = await token('write', 'A41000000G')
    const response = await app.request(`/dataset/900001?access_token=${secret}`, { method: 'PUT', headers: { 'content-type': 'application/json', 'if-match': '*' }, body: row('900001', NDC) })
    expect(response.status).toBe(401)
    expect((await response.json()).detail).toMatch(/in the URL is refused/)
  })

  it('answers_403_outside_the_token_scope', async () => {
    const { app, token } = await world()
    const response = await put(app, '900001', { authorization: `Bearer ${await token('sync')}`, 'if-match': '*' })
    expect(response.status).toBe(403)
    expect((await response.json()).detail).toMatch(/scope sync; this needs write or admin/)
  })
})

describe('agency ownership', () => {
  it('refuses_a_record_of_another_agency', async () => {
    const { app, token, store } = await world()
    const before = await titleOf(store, '165115')
    const response = await put(app, '165115', { authorization: `Bearer ${await token('write', 'A41000000G')}`, 'if-match': '*' }, row('165115', NDC))
    expect(response.status).toBe(403)
    expect(await titleOf(store, '165115')).toEqual(before)
  })

  it('refuses_a_subordinates_record_without_include_subordinates', async () => {
    const { app, token } = await world()
    const response = await put(app, '900002', { authorization: `Bearer ${await token('write', 'A41000000G')}`, 'if-match': await etagOf(app, '900002') }, row('900002', NDC_ARCHIVES))
    expect(response.status).toBe(403)
  })

  it('writes_a_subordinates_record_with_include_subordinates', async () => {
    const { app, token, store } = await world()
    const response = await put(app, '900002', { authorization: `Bearer ${await token('write', 'A41000000G', true)}`, 'if-match': await etagOf(app, '900002') }, row('900002', NDC_ARCHIVES, { 資料集名稱: '檔案管理局的新標題' }))
    expect(response.status).toBe(204)
    expect(await titleOf(store, '900002')).toEqual(['檔案管理局的新標題'])
  })

  it('refuses_to_hand_a_record_to_another_agency', async () => {
    const { app, token } = await world()
    const response = await put(app, '900001', { authorization: `Bearer ${await token('write', 'A41000000G')}`, 'if-match': await etagOf(app, '900001') }, row('900001', '外交部領事事務局'))
    expect(response.status).toBe(403)
  })
})

describe('conditional writes', () => {
  it('replaces_with_the_current_etag', async () => {
    const { app, token, store } = await world()
    const response = await put(app, '900001', { authorization: `Bearer ${await token('write', 'A41000000G')}`, 'if-match': await etagOf(app, '900001') })
    expect(response.status).toBe(204)
    expect(await titleOf(store, '900001')).toEqual(['更新後的標題'])
  })

  it('answers_412_for_a_replayed_stale_if_match', async () => {
    const { app, token, store } = await world()
    const secret = await token('write', 'A41000000G')
    const stale = await etagOf(app, '900001')
    expect((await put(app, '900001', { authorization: `Bearer ${secret}`, 'if-match': stale })).status).toBe(204)
    const replay = await put(app, '900001', { authorization: `Bearer ${secret}`, 'if-match': stale }, row('900001', NDC, { 資料集名稱: '遺失的更新' }))
    expect(replay.status).toBe(412)
    expect(await titleOf(store, '900001')).toEqual(['更新後的標題'])
  })

  it('answers_428_for_a_replace_without_if_match', async () => {
    const { app, token } = await world()
    expect((await put(app, '900001', { authorization: `Bearer ${await token('write', 'A41000000G')}` })).status).toBe(428)
  })

  it('answers_412_for_if_none_match_on_an_existing_record', async () => {
    const { app, token } = await world()
    expect((await put(app, '900001', { authorization: `Bearer ${await token('write', 'A41000000G')}`, 'if-none-match': '*' })).status).toBe(412)
  })

  it('creates_a_record_in_turtle_with_if_none_match', async () => {
    const { app, token, store } = await world()
    const d = `<${BASE}/dataset/900003>`
    const turtle = `@prefix dcat: <http://www.w3.org/ns/dcat#> . @prefix dct: <http://purl.org/dc/terms/> .
${d} a dcat:Dataset ; dct:identifier "900003" ; dct:title "以 Turtle 建立"@zh-Hant ; dct:description "說明"@zh-Hant ; dct:publisher <${BASE}/agency/A41000000G> .`
    const response = await app.request('/dataset/900003', { method: 'PUT', headers: { authorization: `Bearer ${await token('write', 'A41000000G')}`, 'content-type': 'text/turtle', 'if-none-match': '*' }, body: turtle })
    expect(response.status).toBe(201)
    expect(await titleOf(store, '900003')).toEqual(['以 Turtle 建立'])
  })

  it('withdraws_with_delete_and_then_answers_410_with_the_tombstone', async () => {
    const { app, token } = await world()
    const response = await app.request('/dataset/900001', { method: 'DELETE', headers: { authorization: `Bearer ${await token('write', 'A41000000G')}`, 'if-match': await etagOf(app, '900001') } })
    expect(response.status).toBe(204)
    const gone = await app.request('/dataset/900001', { headers: { accept: 'application/ld+json' } })
    expect(gone.status).toBe(410)
    const body = await gone.json()
    expect(body.identifier).toBe('900001')
    expect(body.withdrawnAt).toMatch(/^\d{4}-\d\d-\d\dT/)
    expect(body.reasonEn).toMatch(/withdrawn by its agency/)
  })
})

describe('bad writes change nothing', () => {
  async function unchanged(w: World, request: () => Response | Promise<Response>, status: number): Promise<void> {
    const size = await w.store.size()
    const etag = await etagOf(w.app, '900001')
    const response = await request()
    expect(response.status).toBe(status)
    expect(response.headers.get('content-type')).toBe('application/problem+json')
    expect(await w.store.size()).toBe(size)
    expect(await etagOf(w.app, '900001')).toBe(etag)
    // and the next ordinary write still works
    expect((await put(w.app, '900001', { authorization: `Bearer ${await w.token('write', 'A41000000G')}`, 'if-match': etag })).status).toBe(204)
  }

  it('refuses_a_malformed_body', async () => {
    const w = await world()
    const secret = await w.token('write', 'A41000000G')
    await unchanged(w, () => w.app.request('/dataset/900001', { method: 'PUT', headers: { authorization: `Bearer ${secret}`, 'content-type': 'text/turtle', 'if-match': '*' }, body: '<a> <b> "unterminated' }), 400)
  })

  it('refuses_an_invalid_record_naming_the_property', async () => {
    const w = await world()
    const secret = await w.token('write', 'A41000000G')
    let detail: { violations: string[] } | undefined
    await unchanged(w, async () => {
      const response = await put(w.app, '900001', { authorization: `Bearer ${secret}`, 'if-match': '*' }, row('900001', NDC, { 資料集名稱: '' }))
      detail = await response.clone().json()
      return response
    }, 400)
    expect(detail!.violations.some((v) => v.startsWith('dct:title'))).toBe(true)
  })

  it('refuses_a_body_over_the_size_limit', async () => {
    const w = await world()
    const secret = await w.token('write', 'A41000000G')
    await unchanged(w, () => put(w.app, '900001', { authorization: `Bearer ${secret}`, 'if-match': '*' }, row('900001', NDC, { 資料集描述: 'x'.repeat(70_000) })), 413)
  })

  it('refuses_triples_about_another_resource', async () => {
    const w = await world()
    const secret = await w.token('write', 'A41000000G')
    const body = `<${BASE}/dataset/900001> a <http://www.w3.org/ns/dcat#Dataset> . <${BASE}/agency/A41000000G> <http://xmlns.com/foaf/0.1/name> "hijacked" .`
    await unchanged(w, () => w.app.request('/dataset/900001', { method: 'PUT', headers: { authorization: `Bearer ${secret}`, 'content-type': 'application/n-triples', 'if-match': '*' }, body }), 400)
  })

  it('refuses_an_unsupported_content_type', async () => {
    const w = await world()
    const secret = await w.token('write', 'A41000000G')
    await unchanged(w, () => w.app.request('/dataset/900001', { method: 'PUT', headers: { authorization: `Bearer ${secret}`, 'content-type': 'text/plain', 'if-match': '*' }, body: 'hello' }), 415)
  })
})
