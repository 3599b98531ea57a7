/**
 * The query UI in a real browser (Debian's chromium through playwright-core) at 1,300 px: every example query's
 * result table fits the window (no cell wider than the screen, no "2012"^^xsd:integer), the site's header and
 * language switch are there, and a syntax error reads as a sentence with a caret, not raw JSON.
 * Skipped where chromium or playwright-core is missing.
 */
import { existsSync, mkdirSync } from 'node:fs'
import { createRequire } from 'node:module'
import type { AddressInfo } from 'node:net'
import { join } from 'node:path'
import { serve, type ServerType } from '@hono/node-server'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import type { Browser, Page } from 'playwright-core'
import { createApp } from '../../src/http/app.ts'
import { buildFixtureNQuads, FIXTURE_BASE_IRI, REPO_ROOT } from '../queries/fixture-graph.ts'
import { listQueryNames, QUERIES_DIR } from '../queries/query-results.ts'
import { createLocalStore, silentLogger, testConfig } from './support.ts'

const CHROMIUM = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium'
const ARTIFACTS = join(REPO_ROOT, 'test/artifacts/query-ui')
const WIDTH = 1300
const hasPlaywright = (() => {
  try {
    createRequire(import.meta.url).resolve('playwright-core')
    return true
  } catch {
    return false
  }
})()

let server: ServerType
let origin: string
let browser: Browser
let page: Page

/**
 * Run what is in the editor and wait for YASR to draw its answer (a table or an error). The run button of a busy
 * editor aborts its query, so wait until it is idle first; then wait for this run's own response event.
 */
async function runQuery(): Promise<void> {
  await page.waitForFunction(() => !document.querySelector('.yasqe_queryButton.busy'), undefined, { timeout: 90_000 })
  await page.evaluate(() => {
    const state = window as unknown as { ogdAnswered?: boolean; yasgui: { getTab(): { getYasqe(): { on(event: string, listener: () => void): void; off(event: string, listener: () => void): void } } } }
    state.ogdAnswered = false
    const yasqe = state.yasgui.getTab().getYasqe()
    const listener = () => { state.ogdAnswered = true; yasqe.off('queryResponse', listener) }
    yasqe.on('queryResponse', listener)
  })
  await page.locator('.yasqe .yasqe_queryButton').click()
  await page.waitForFunction(() => (window as unknown as { ogdAnswered?: boolean }).ogdAnswered === true, undefined, { timeout: 90_000 })
  await page.locator('.yasr .dataTable, .yasr .errorResult').first().waitFor({ timeout: 30_000 })
}

describe.skipIf(!hasPlaywright || !existsSync(CHROMIUM))('the query UI in a real browser', () => {
  beforeAll(async () => {
    mkdirSync(ARTIFACTS, { recursive: true })
    const store = createLocalStore({ nquads: await buildFixtureNQuads() })
    const app = createApp({ store, config: testConfig({ BASE_IRI: FIXTURE_BASE_IRI, QUERIES_DIR }), logger: silentLogger() })
    server = await new Promise<ServerType>((resolve) => {
      const started = serve({ fetch: app.fetch, port: 0, hostname: '127.0.0.1' }, () => resolve(started))
    })
    origin = `http://127.0.0.1:${(server.address() as AddressInfo).port}`
    const { chromium } = await import('playwright-core')
    browser = await chromium.launch({ executablePath: CHROMIUM, args: ['--no-sandbox', '--disable-gpu'] })
    page = await browser.newPage({ locale: 'en-US', viewport: { width: WIDTH, height: 900 } })
    await page.goto(`${origin}/sparql`)
  }, 120_000)

  afterAll(async () => {
    await browser?.close()
    await new Promise((resolve) => server?.close(resolve))
  })

  it('has_the_site_header_language_switch_and_title_scheme', async () => {
    expect(await page.title()).toBe('SPARQL · Taiwan Open Government Data Knowledge Graph')
    expect(await page.locator('header.site a.brand').count()).toBe(1)
    expect(await page.locator('header.site a[lang="zh-Hant"]').getAttribute('href')).toMatch(/\/sparql\?lang=zh$/)
  })

  for (const name of listQueryNames()) {
    it(`example ${name}: the result table fits ${WIDTH} px and shows plain values`, { timeout: 180_000 }, async () => {
      await page.locator(`#examples button[data-name="${name}"]`).click()
      await runQuery()
      await page.screenshot({ path: join(ARTIFACTS, `${name}.png`), fullPage: true })
      const measured = await page.evaluate(() => {
        const table = document.querySelector('.yasr table.dataTable') as HTMLElement | null
        const cells = [...document.querySelectorAll('.yasr table.dataTable td')].map((cell) => cell.textContent ?? '')
        return { table: table?.getBoundingClientRect().right ?? 0, page: document.documentElement.scrollWidth, typed: cells.filter((text) => text.includes('^^')).length, error: document.querySelector('.yasr .errorResult')?.textContent ?? '' }
      })
      expect(measured.error).toBe('')
      expect(measured.table).toBeGreaterThan(0)
      expect(measured.table).toBeLessThanOrEqual(WIDTH)
      expect(measured.page).toBeLessThanOrEqual(WIDTH)
      expect(measured.typed).toBe(0)
    })
  }

  it('a_syntax_error_is_shown_as_a_sentence_with_a_caret_not_raw_json', { timeout: 180_000 }, async () => {
    await page.evaluate(() => {
      const yasgui = (window as unknown as { yasgui: { getTab(): { setQuery(q: string): void } } }).yasgui
      yasgui.getTab().setQuery('SELECT * WHERE {\n  ?s a dcat:Dataset .\n}')
    })
    await runQuery()
    await page.screenshot({ path: join(ARTIFACTS, 'syntax-error.png') })
    const box = page.locator('.yasr .ogd-problem')
    expect(await box.count()).toBe(1)
    const text = (await box.locator('pre').textContent()) ?? ''
    expect(text).toContain('syntax error at line 2, column 8: the prefix `dcat:` (in `dcat:Dataset`) is not declared')
    expect(text).toContain('  ?s a dcat:Dataset .\n       ^')
    expect(await box.textContent()).not.toContain('"detail"')
    expect(await box.evaluate((el) => el.getBoundingClientRect().right)).toBeLessThanOrEqual(WIDTH)
  })
})
