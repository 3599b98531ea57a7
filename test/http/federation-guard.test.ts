/** The federation fetch guard: address classes, allow-list, DNS answers and redirects, against a loopback server. */
import { createServer, type Server } from 'node:http'
import type { AddressInfo } from 'node:net'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { AppError } from '../../src/errors.ts'
import { classifyAddress } from '../../src/federation/address-ranges.ts'
import { createGuardedFetch, type FetchGuardOptions } from '../../src/federation/fetch-guard.ts'

describe('classifyAddress', () => {
  it.each([
    ['127.0.0.1', 'loopback'], ['127.255.0.9', 'loopback'], ['::1', 'loopback'], ['::ffff:127.0.0.1', 'loopback'],
    ['10.1.2.3', 'private'], ['172.16.5.4', 'private'], ['172.31.255.255', 'private'], ['192.168.1.1', 'private'], ['100.64.0.1', 'private'],
    ['::ffff:10.0.0.1', 'private'], ['::ffff:a00:1', 'private'],
    ['169.254.169.254', 'link-local'], ['fe80::1', 'link-local'],
    ['fc00::1', 'unique-local'], ['fd12:3456::1', 'unique-local'],
    ['0.0.0.0', 'reserved'], ['::', 'reserved'], ['224.0.0.1', 'reserved'], ['255.255.255.255', 'reserved'], ['192.0.2.7', 'reserved'],
    ['64:ff9b::a00:1', 'reserved'], ['2002:a00:1::', 'reserved'], ['ff02::1', 'reserved'], ['not-an-address', 'reserved'],
    ['8.8.8.8', 'public'], ['172.32.0.1', 'public'], ['2001:4860:4860::8888', 'public'], ['::ffff:8.8.8.8', 'public'],
  ])('%s is %s', (address, kind) => {
    expect(classifyAddress(address)).toBe(kind)
  })
})

// A loopback server standing in for an endpoint: it answers, or redirects to where the path says.
let server: Server
let origin: string
let hits: string[] = []
beforeAll(async () => {
  server = createServer((request, response) => {
    hits.push(request.url!)
    const redirect = /^\/redirect\?to=(.*)$/.exec(request.url!)
    if (redirect) {
      response.writeHead(request.method === 'POST' ? 307 : 302, { location: decodeURIComponent(redirect[1]!) }).end()
      return
    }
    let body = ''
    request.on('data', (chunk) => { body += chunk })
    request.on('end', () => response.writeHead(200, { 'content-type': 'text/plain' }).end(`${request.method} ${request.url} ${body}`))
  })
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve))
  origin = `http://127.0.0.1:${(server.address() as AddressInfo).port}`
})
afterAll(async () => { await new Promise((resolve) => server.close(resolve)) })

const guarded = (options: Partial<FetchGuardOptions> = {}) => createGuardedFetch({ allowlist: [`${origin}/sparql`], ...options })
const redirectTo = (target: string) => `${origin}/redirect?to=${encodeURIComponent(target)}`

async function refusal(promise: Promise<unknown>): Promise<AppError> {
  const error = await promise.then(() => undefined, (e: unknown) => e)
  expect(error).toBeInstanceOf(AppError)
  expect((error as AppError).code).toBe('forbidden')
  return error as AppError
}

describe('createGuardedFetch', () => {
  it('loopback_is_refused_without_the_test_exemption_and_never_contacted', async () => {
    hits = []
    const port = new URL(origin).port
    const fetchGuarded = createGuardedFetch({ allowlist: [`${origin}/sparql`, `http://[::1]:${port}/sparql`] })
    expect((await refusal(fetchGuarded(`${origin}/sparql`))).message).toContain('127.0.0.1, a loopback address')
    expect((await refusal(fetchGuarded(`http://[::1]:${port}/sparql`))).message).toContain('a loopback address')
    expect(hits).toEqual([])
  })

  it('a_host_name_resolving_to_a_forbidden_address_is_refused', async () => {
    for (const address of ['127.0.0.1', '10.0.0.8', '169.254.169.254', '::1', 'fd00::5']) {
      const fetchGuarded = createGuardedFetch({ allowlist: ['http://endpoint.example/sparql'], resolve: async () => [{ address: '93.184.216.34', family: 4 }, { address, family: address.includes(':') ? 6 : 4 }] })
      const error = await refusal(fetchGuarded('http://endpoint.example/sparql'))
      expect(error.message).toContain(address)
    }
  })

  it('an_origin_not_in_the_allowlist_is_refused', async () => {
    const error = await refusal(guarded({ allowLoopbackForTests: true })('http://127.0.0.1:1/sparql'))
    expect(error.message).toContain('not in SERVICE_ALLOWLIST')
  })

  it('the_test_exemption_reaches_the_allow_listed_loopback_server_with_method_and_body', async () => {
    const response = await guarded({ allowLoopbackForTests: true })(`${origin}/sparql?x=1`, { method: 'POST', body: 'query=ASK%7B%7D', headers: { 'content-type': 'application/x-www-form-urlencoded' } })
    expect(response.status).toBe(200)
    expect(response.url).toBe(`${origin}/sparql?x=1`)
    expect(await response.text()).toBe('POST /sparql?x=1 query=ASK%7B%7D')
  })

  it.each([
    ['10.0.0.1', 'http://10.0.0.1/sparql'],
    ['169.254.169.254', 'http://169.254.169.254/latest/meta-data/'],
    ['fc00::1', 'http://[fc00::1]/sparql'],
    ['::1', 'http://[::1]:PORT/sparql'],
    ['127.0.0.1', 'ORIGIN/sparql'],
  ])('a_redirect_to_%s_is_refused_even_with_the_test_exemption', async (address, target) => {
    const url = target.replace('PORT', new URL(origin).port).replace('ORIGIN', origin)
    // Every target's origin is allow-listed, so what refuses it is its address.
    const fetchGuarded = guarded({ allowLoopbackForTests: true, allowlist: [`${origin}/sparql`, url] })
    hits = []
    const error = await refusal(fetchGuarded(redirectTo(url)))
    expect(error.message).toContain(`${address}`)
    expect(error.message).toContain('redirect 1')
    expect(hits).toHaveLength(1)
  })

  it('refusals_are_reported_to_onRefused', async () => {
    const refused: AppError[] = []
    await refusal(guarded({ onRefused: (error) => refused.push(error) })(`${origin}/sparql`))
    expect(refused).toHaveLength(1)
  })

  it('redirects_past_maxRedirects_are_not_followed', async () => {
    hits = []
    const error = await refusal(guarded({ allowLoopbackForTests: true, maxRedirects: 0 })(redirectTo(`${origin}/sparql`)))
    expect(error.message).toContain('more than 0 redirects')
    expect(hits).toHaveLength(1)
  })
})
