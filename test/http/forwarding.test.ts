/**
 * Forwarded headers only from configured proxies (TRUST_PROXY; issue 10): ignored by default on records,
 * /api/datasets and HTML pages, honoured from a trusted peer with Vary naming them, and the parsing of the setting.
 */
import { beforeAll, describe, expect, it } from 'vitest'
import { loadConfig } from '../../src/config.ts'
import { createApp } from '../../src/http/app.ts'
import { parseTrustProxy, resolveForwarding } from '../../src/proxy-trust.ts'
import { createInProcessStore } from '../../src/store/in-process.ts'
import { BASE, fixtureNQuads } from '../records/fixture-graph.ts'
import { silentLogger } from './support.ts'

let nquads: string
beforeAll(async () => { nquads = await fixtureNQuads() })

const appWith = (env: Record<string, string> = {}) =>
  createApp({ store: createInProcessStore({ nquads }), config: loadConfig({ BASE_IRI: BASE, ...env }), logger: silentLogger() })

const EVIL = { 'x-forwarded-host': 'evil.example', 'x-forwarded-proto': 'https', forwarded: 'host=evil.example;proto=https' }

describe('forwarded headers from an untrusted peer (the default)', () => {
  it.each([
    ['a record as JSON-LD', '/dataset/87371', 'application/ld+json'],
    ['a record as Turtle', '/dataset/87371', 'text/turtle'],
    ['the search API', '/api/datasets', 'application/ld+json'],
    ['an HTML record page', '/dataset/87371', 'text/html'],
    ['the home page', '/', 'text/html'],
  ])('are_ignored_on_%s', async (_what, path, accept) => {
    const app = appWith()
    const response = await app.request(path, { headers: { accept, ...EVIL } })
    expect(response.status).toBe(200)
    const text = [...response.headers.entries()].map(([k, v]) => `${k}: ${v}`).join('\n') + (await response.text())
    expect(text).not.toContain('evil.example')
    // And the next ordinary request is answered the same.
    expect((await app.request(path, { headers: { accept } })).status).toBe(200)
  })

  it('x_forwarded_for_does_not_change_who_the_client_is', () => {
    expect(resolveForwarding(parseTrustProxy(''), '203.0.113.9', '198.51.100.1')).toEqual({ client: '203.0.113.9', isPeerTrusted: false })
  })
})

describe('forwarded headers from a trusted proxy', () => {
  it('shape_the_links_and_vary_names_them', async () => {
    const response = await appWith({ TRUST_PROXY: '1' }).request('/dataset/87371', { headers: { accept: 'application/ld+json', 'x-forwarded-host': 'data.example.tw', 'x-forwarded-proto': 'https' } })
    expect(response.headers.get('content-location')).toBe('https://data.example.tw/dataset/87371.jsonld')
    expect(response.headers.get('vary')).toMatch(/X-Forwarded-Host/)
    expect(response.headers.get('vary')).toMatch(/X-Forwarded-Proto/)
    expect(response.headers.get('vary')).toMatch(/Forwarded/)
    expect(response.headers.get('vary')).toMatch(/Accept/)
  })

  it('the_search_api_uses_them_and_says_so_in_vary', async () => {
    const response = await appWith({ TRUST_PROXY: 'true' }).request('/api/datasets', { headers: { accept: 'application/ld+json', 'x-forwarded-host': 'data.example.tw' } })
    expect(await response.text()).toContain('http://data.example.tw/api/datasets')
    expect(response.headers.get('vary')).toMatch(/X-Forwarded-Host/)
  })

  it('a_peer_outside_the_list_is_not_trusted', async () => {
    // In-process requests have no socket: they count as loopback, which this list does not name.
    const response = await appWith({ TRUST_PROXY: '10.0.0.0/8' }).request('/dataset/87371', { headers: { accept: 'application/ld+json', ...EVIL } })
    expect(response.headers.get('content-location')).not.toContain('evil.example')
    expect(response.headers.get('vary') ?? '').not.toMatch(/Forwarded/)
  })
})

describe('TRUST_PROXY naming loopback', () => {
  it('trusts_a_request_made_in_process_and_the_client_is_the_forwarded_one', async () => {
    const response = await appWith({ TRUST_PROXY: 'loopback' }).request('/dataset/87371', { headers: { accept: 'text/turtle', 'x-forwarded-host': 'data.example.tw', 'x-forwarded-proto': 'https' } })
    expect(response.headers.get('content-location')).toBe('https://data.example.tw/dataset/87371.ttl')
    expect(response.headers.get('vary')).toMatch(/X-Forwarded-Host/)
  })
})

describe('TRUST_PROXY', () => {
  it.each([
    ['loopback', '127.0.0.1', true],
    ['loopback', '::ffff:127.0.0.1', true],
    ['loopback', '::1', true],
    ['loopback', '10.0.0.1', false],
    ['10.0.0.0/8, 192.168.1.7', '10.200.3.4', true],
    ['10.0.0.0/8, 192.168.1.7', '192.168.1.7', true],
    ['10.0.0.0/8, 192.168.1.7', '192.168.1.8', false],
    ['uniquelocal', 'fd00::1', true],
    ['2001:db8::/32', '2001:db8::5', true],
    ['', '127.0.0.1', false],
    ['false', '127.0.0.1', false],
  ])('%j trusts %s: %s', (spec, address, isTrusted) => {
    expect(parseTrustProxy(spec).isTrusted(address, 0)).toBe(isTrusted)
  })

  it('a_hop_count_trusts_that_many_nearest_hops', () => {
    const trust = parseTrustProxy('2')
    expect(resolveForwarding(trust, '10.0.0.2', '203.0.113.5, 10.0.0.7, 10.0.0.1')).toEqual({ client: '10.0.0.7', isPeerTrusted: true })
  })

  it('the_client_is_the_first_untrusted_address_from_the_nearest_hop', () => {
    const trust = parseTrustProxy('loopback, 10.0.0.0/8')
    expect(resolveForwarding(trust, '127.0.0.1', '198.51.100.4, 203.0.113.5, 10.1.1.1').client).toBe('203.0.113.5')
  })

  it.each(['yes', '10.0.0.0/33', '300.1.1.1', '-1'])('a_bad_value_%j_stops_the_start_naming_TRUST_PROXY', (value) => {
    expect(() => loadConfig({ TRUST_PROXY: value })).toThrow(/TRUST_PROXY/)
  })
})
