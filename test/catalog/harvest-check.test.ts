/** `ogd harvest-check`: walks catalogues over HTTP (ours in-process and over a socket, someone else's from files). */
import { readFileSync } from 'node:fs'
import type { AddressInfo } from 'node:net'
import { serve } from '@hono/node-server'
import { describe, expect, it } from 'vitest'
import { runHarvestCheckCommand, type HarvestCheckOptions } from '../../src/cli/harvest-check.ts'
import { createCatalogApp } from './catalog-app.ts'
import { createFixtureStore } from './memory-store.ts'

/** A fetch that answers from an app in-process, whatever the host (loopback included). */
const fetchFrom = (app: ReturnType<typeof createCatalogApp>): typeof fetch => (async (input: RequestInfo | URL, init?: RequestInit) => {
  const url = new URL(String(input))
  return app.request(url.pathname + url.search, { headers: { ...(init?.headers as Record<string, string>), host: url.host } })
}) as typeof fetch

/** A fetch over static Turtle pages of someone else's catalogue. */
function fetchPages(pages: Record<string, string | number>): typeof fetch {
  return (async (input: RequestInfo | URL) => {
    const page = pages[String(input)]
    if (typeof page === 'number') return new Response('{"detail":"boom"}', { status: page, headers: { 'content-type': 'application/problem+json' } })
    if (page === undefined) return new Response('not found', { status: 404 })
    return new Response(page, { headers: { 'content-type': 'text/turtle' } })
  }) as typeof fetch
}

const fixture = (name: string) => readFileSync(new URL(`../fixtures/catalog-http/${name}`, import.meta.url), 'utf8')
const OTHER = { 'https://other.example/catalog?page=1': fixture('other-page-1.ttl'), 'https://other.example/catalog?page=2': fixture('other-page-2.ttl') }

async function check(options: Partial<HarvestCheckOptions> & { url: string }) {
  let out = ''
  const code = await runHarvestCheckCommand({ quiet: true, background: false, out: (text) => void (out += text), ...options })
  return { code, out }
}

describe('harvest-check on our catalogue', () => {
  it('walks every page over loopback and finds nothing to reject (exit 0)', async () => {
    const app = createCatalogApp(createFixtureStore(), { pageSize: 2 })
    const { code, out } = await check({ url: 'http://127.0.0.1:8080/catalog', fetch: fetchFrom(app) })
    expect(out).toContain('pages: 3')
    expect(out).toContain('records: 6, of which 0 with violations and 0 listed more than once')
    expect(out).toContain('violations: 0')
    expect(code).toBe(0)
  })

  it('asks for and validates the 2.1.1 profile', async () => {
    const app = createCatalogApp(createFixtureStore(), { pageSize: 4 })
    const { code, out } = await check({ url: 'http://127.0.0.1:8080/catalog', profile: '2.1.1', fetch: fetchFrom(app), all: true })
    expect(out).toContain('(dcat-ap-2.1.1)')
    expect(out).toMatch(/dataset\/1001 \(page 1\): ok/)
    expect(code).toBe(0)
  })

  it('walks a real socket with the platform fetch', async () => {
    const app = createCatalogApp(createFixtureStore(), { pageSize: 3 })
    const server = serve({ fetch: app.fetch, port: 0, hostname: '127.0.0.1' })
    await new Promise((resolve) => server.once('listening', resolve))
    try {
      const { port } = server.address() as AddressInfo
      const { code, out } = await check({ url: `http://127.0.0.1:${port}/catalog`, json: true })
      const report = JSON.parse(out)
      expect(report.pages.map((p: { records: number }) => p.records)).toEqual([3, 3])
      expect(code).toBe(0)
    } finally {
      server.close()
    }
  })

  it('stops at --max-pages and says where the catalogue goes on (exit 2)', async () => {
    const app = createCatalogApp(createFixtureStore(), { pageSize: 2 })
    const { code, out } = await check({ url: 'http://127.0.0.1:8080/catalog', fetch: fetchFrom(app), maxPages: 2 })
    expect(out).toMatch(/stopped early: stopped after 2 pages .* goes on at http:\/\/127\.0\.0\.1:8080\/catalog\?page=3/)
    expect(code).toBe(2)
  })
})

describe('harvest-check on someone else\'s catalogue', () => {
  it('reports violations per record, records listed twice, and exits 1', async () => {
    const { code, out } = await check({ url: 'https://other.example/catalog?page=1', fetch: fetchPages(OTHER) })
    expect(out).toMatch(/dataset\/a \(page 1\): \d violation\(s\)/)
    expect(out).toContain('dct:description')
    expect(out).toMatch(/dataset\/b \(page 1, listed on pages 1 and 2\): ok/)
    expect(out).toMatch(/dataset\/c \(page 2\): 1 violation\(s\)/)
    expect(out).toContain('records: 3, of which 2 with violations and 1 listed more than once')
    expect(code).toBe(1)
  })

  it('gives SHACL the EU vocabularies as background data when asked', async () => {
    const without = await check({ url: 'https://other.example/catalog?page=1', fetch: fetchPages(OTHER), json: true })
    const withEu = await check({ url: 'https://other.example/catalog?page=1', fetch: fetchPages(OTHER), json: true, background: true })
    const violationsOfA = (out: string) => JSON.parse(out).records.find((r: { dataset: string }) => r.dataset.endsWith('/a')).violations.length
    expect(violationsOfA(withEu.out)).toBe(violationsOfA(without.out) - 1)
  })

  it('stops on a loop in the next links (exit 2)', async () => {
    const looping = { ...OTHER, 'https://other.example/catalog?page=2': fixture('other-page-1.ttl').replace('hydra:nextPage <https://other.example/catalog?page=2>', 'hydra:nextPage <https://other.example/catalog?page=1>').replace('<https://other.example/catalog?page=1> a', '<https://other.example/catalog?page=2> a') }
    const { code, out } = await check({ url: 'https://other.example/catalog?page=1', fetch: fetchPages(looping) })
    expect(out).toMatch(/stopped early: hydra:next loops back to https:\/\/other\.example\/catalog\?page=1/)
    expect(code).toBe(1)
  })

  it('stops when a page answers an HTTP error, and when next leaves the origin', async () => {
    const failing = await check({ url: 'https://other.example/catalog?page=1', fetch: fetchPages({ ...OTHER, 'https://other.example/catalog?page=2': 500 }) })
    expect(failing.out).toMatch(/stopped early: page 2: GET https:\/\/other\.example\/catalog\?page=2 answered 500/)
    const away = { 'https://other.example/catalog?page=1': fixture('other-page-1.ttl').replace('<https://other.example/catalog?page=2>', '<https://elsewhere.example/catalog?page=2>') }
    expect((await check({ url: 'https://other.example/catalog?page=1', fetch: fetchPages(away) })).out).toMatch(/leaves https:\/\/other\.example for https:\/\/elsewhere\.example/)
  })

  it('refuses a profile it does not know', async () => {
    await expect(check({ url: 'https://other.example/catalog?page=1', profile: '9.9', fetch: fetchPages(OTHER) })).rejects.toThrow(/3\.0\.1 or 2\.1\.1/)
  })
})

describe('harvest-check report: language and warnings', () => {
  it('--lang zh prints the report in Chinese', async () => {
    const app = createCatalogApp(createFixtureStore(), { pageSize: 2 })
    const { out } = await check({ url: 'http://127.0.0.1:8080/catalog', fetch: fetchFrom(app), lang: 'zh' })
    expect(out).toContain('頁數：3')
    expect(out).toContain('紀錄：6 筆，其中 0 筆有違規')
    expect(out).toMatch(/違規：0，警告：\d+/)
    expect(out).not.toContain('records:')
  })

  it('lists every warning it counts, in the text and in --json', async () => {
    const app = createCatalogApp(createFixtureStore(), { pageSize: 2 })
    const text = (await check({ url: 'http://127.0.0.1:8080/catalog', fetch: fetchFrom(app), lang: 'en', limit: 1000 })).out
    const counted = Number(/warnings: (\d+)/.exec(text)![1])
    expect(counted).toBeGreaterThan(0)
    // Each warning is one "    - " line under the warnings sections.
    const listed = text.slice(text.indexOf('warnings (not rejected')).split('\n').filter((line) => line.startsWith('    - ')).length
    expect(listed).toBe(counted)
    const report = JSON.parse((await check({ url: 'http://127.0.0.1:8080/catalog', fetch: fetchFrom(app), json: true })).out)
    const inJson = report.records.reduce((n: number, r: { warnings: unknown[] }) => n + r.warnings.length, 0) + report.sharedWarnings.length
    expect(inJson).toBe(counted)
    expect(report.totals.warnings).toBe(counted)
    expect(report.records.find((r: { warnings: unknown[] }) => r.warnings.length > 0).warnings[0]).toMatchObject({ message: { zh: expect.any(String), en: expect.any(String) } })
  })
})
