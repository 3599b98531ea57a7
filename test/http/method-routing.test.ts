/**
 * 405 with Allow for every route and method it does not serve, 501 for methods the server does not implement,
 * 404 for paths nothing serves; each followed by an ordinary request that is answered (issue 10).
 */
import { Hono } from 'hono'
import { beforeAll, describe, expect, it } from 'vitest'
import { loadConfig } from '../../src/config.ts'
import { createApp } from '../../src/http/app.ts'
import { readMethodTable } from '../../src/http/method-routing.ts'
import { createInProcessStore } from '../../src/store/in-process.ts'
import { BASE, fixtureNQuads } from '../records/fixture-graph.ts'
import { silentLogger } from './support.ts'

let app: ReturnType<typeof createApp>
beforeAll(async () => {
  app = createApp({ store: createInProcessStore({ nquads: await fixtureNQuads() }), config: loadConfig({ BASE_IRI: BASE }), logger: silentLogger() })
})

async function problemOf(response: Response) {
  expect(response.headers.get('content-type')).toBe('application/problem+json')
  return (await response.json()) as { status: number; code: string; detail: string; allow?: string[] }
}

describe('methods a route does not serve', () => {
  it.each([
    ['PUT', '/dataset/87371'],
    ['DELETE', '/dataset/87371'],
    ['PATCH', '/dataset/87371'],
    ['POST', '/dataset/87371'],
    ['PUT', '/agency/A17000000J'],
    ['DELETE', '/catalog'],
    ['POST', '/api/datasets'],
    ['PUT', '/health'],
    ['POST', '/'],
    ['PATCH', '/context.jsonld'],
  ])('%s %s is 405 with Allow, and GET is still answered', async (method, path) => {
    const response = await app.request(path, { method, body: method === 'DELETE' ? undefined : 'x' })
    expect(response.status).toBe(405)
    expect(response.headers.get('allow')).toBe('GET, HEAD, OPTIONS')
    expect(await problemOf(response)).toMatchObject({ status: 405, code: 'method_not_allowed', allow: ['GET', 'HEAD', 'OPTIONS'] })
    expect((await app.request(path, { method: 'HEAD' })).status).not.toBe(405)
  })

  it('the_sparql_endpoint_allows_get_and_post', async () => {
    const response = await app.request('/sparql', { method: 'DELETE' })
    expect(response.status).toBe(405)
    expect(response.headers.get('allow')).toBe('GET, HEAD, POST, OPTIONS')
  })

  it('options_without_cors_is_204_with_allow', async () => {
    const response = await app.request('/dataset/87371', { method: 'OPTIONS' })
    expect(response.status).toBe(204)
    expect(response.headers.get('allow')).toBe('GET, HEAD, OPTIONS')
  })

  it('a_cors_preflight_is_still_answered_by_cors', async () => {
    const response = await app.request('/dataset/87371', { method: 'OPTIONS', headers: { origin: 'https://app.example', 'access-control-request-method': 'GET' } })
    expect(response.status).toBe(204)
    expect(response.headers.get('access-control-allow-methods')).toContain('GET')
  })

  it('a_known_method_on_a_path_nothing_serves_is_404', async () => {
    expect((await app.request('/no/such/thing', { method: 'PUT', body: 'x' })).status).toBe(404)
  })
})

describe('methods the server does not implement', () => {
  // (TRACE and CONNECT cannot be built as a fetch Request in-process; Node hands them over like any other.)
  it.each(['PROPFIND', 'LINK', 'BREW'])('%s is 501 on a record and on an unknown path, and GET is still answered', async (method) => {
    for (const path of ['/dataset/87371', '/sparql', '/nothing']) {
      const response = await app.request(path, { method })
      expect(response.status).toBe(501)
      expect(await problemOf(response)).toMatchObject({ status: 501, code: 'not_implemented' })
    }
    expect((await app.request('/dataset/87371', { headers: { accept: 'text/turtle' } })).status).toBe(200)
  })
})

describe('Allow follows from the routes a family registers', () => {
  it('a_family_that_adds_put_and_delete_allows_them', () => {
    const family = new Hono().get('/record/:id', (c) => c.text('ok')).put('/record/:id', (c) => c.text('ok')).delete('/record/:id', (c) => c.text('ok'))
    const root = new Hono()
    root.use('*', async (_c, next) => next())
    root.route('/', family)
    const table = readMethodTable(root)
    expect(table.allowedAt('/record/7')).toEqual(['GET', 'HEAD', 'PUT', 'DELETE', 'OPTIONS'])
    expect(table.allowedAt('/elsewhere')).toEqual([])
  })
})
