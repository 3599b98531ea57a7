/**
 * A real browser (Debian's chromium driven by playwright-core) walks home → search → dataset → publisher agency →
 * law → back, and sees the dashboard's charts drawn. Screenshots are kept in test/artifacts/records/.
 * Skipped where chromium or playwright-core is missing.
 */
import { existsSync, mkdirSync } from 'node:fs'
import { createRequire } from 'node:module'
import type { AddressInfo } from 'node:net'
import { join } from 'node:path'
import { serve, type ServerType } from '@hono/node-server'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import type { Browser, Page } from 'playwright-core'
import { ROOT } from './fixture-graph.ts'
import { createRecordsApp } from './records-app.ts'

const CHROMIUM = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium'
const ARTIFACTS = join(ROOT, 'test/artifacts/records')
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

describe.skipIf(!hasPlaywright || !existsSync(CHROMIUM))('in a real browser', () => {
  beforeAll(async () => {
    mkdirSync(ARTIFACTS, { recursive: true })
    const { app } = await createRecordsApp()
    server = await new Promise<ServerType>((resolve) => {
      const started = serve({ fetch: app.fetch, port: 0, hostname: '127.0.0.1' }, () => resolve(started))
    })
    origin = `http://127.0.0.1:${(server.address() as AddressInfo).port}`
    const { chromium } = await import('playwright-core')
    browser = await chromium.launch({ executablePath: CHROMIUM, args: ['--no-sandbox', '--disable-gpu'] })
    page = await browser.newPage({ locale: 'zh-TW', viewport: { width: 1100, height: 900 } })
  })

  afterAll(async () => {
    await browser?.close()
    await new Promise((resolve) => server?.close(resolve))
  })

  const shoot = (name: string) => page.screenshot({ path: join(ARTIFACTS, `${name}.png`), fullPage: true })

  it('home → search → dataset → publisher agency → law → back', async () => {
    await page.goto(`${origin}/`)
    expect(await page.locator('h1').textContent()).toContain('臺灣政府開放資料知識圖譜')
    await shoot('1-home')

    await page.fill('#q', '資料集清單')
    await Promise.all([page.waitForURL(/\/search\?/), page.press('#q', 'Enter')])
    await shoot('2-search')
    const first = page.locator('li.result a').first()
    expect(await first.textContent()).toContain('政府資料開放平臺資料集清單')

    await Promise.all([page.waitForURL(/\/dataset\/6564$/), first.click()])
    expect(await page.locator('h1').textContent()).toBe('政府資料開放平臺資料集清單')
    await shoot('3-dataset')

    await Promise.all([page.waitForURL(/\/agency\/A41000000G$/), page.locator('#publisher + ol a').first().click()])
    expect(await page.locator('h1').textContent()).toBe('國家發展委員會')
    await shoot('4-agency')

    const law = page.locator('section[aria-labelledby="laws"] a[href*="/law/"]').first()
    const lawTitle = await law.textContent()
    await Promise.all([page.waitForURL(/\/law\/[A-Z0-9]+$/), law.click()])
    expect(await page.locator('h1').textContent()).toBe(lawTitle)
    await shoot('5-law')

    await page.goBack()
    expect(page.url()).toMatch(/\/agency\/A41000000G$/)
    await page.goBack()
    expect(page.url()).toMatch(/\/dataset\/6564$/)
  })

  it('the dashboard\'s charts render with size and their text', async () => {
    await page.goto(`${origin}/dashboard`)
    const charts = page.locator('figure.chart svg')
    expect(await charts.count()).toBeGreaterThanOrEqual(6)
    for (let n = 0; n < (await charts.count()); n++) {
      const box = await charts.nth(n).boundingBox()
      expect(box!.width).toBeGreaterThan(100)
      expect(box!.height).toBeGreaterThan(20)
    }
    expect(await page.locator('figure.chart svg rect').count()).toBeGreaterThan(10)
    await shoot('6-dashboard')
  })

  it('record pages: no fact label runs into its value, at a narrow and a wide window', async () => {
    for (const width of [700, 1100]) {
      await page.setViewportSize({ width, height: 900 })
      for (const path of ['/agency/A41000000G', '/law/J0070017', '/dataset/6564']) {
        await page.goto(`${origin}${path}`)
        const overlaps = await page.evaluate(() => [...document.querySelectorAll('dl.facts > dt')].flatMap((dt) => {
          const dd = dt.nextElementSibling
          if (!dd) return []
          const a = dt.getBoundingClientRect()
          const b = dd.getBoundingClientRect()
          // Side by side (wide) the label ends before its value starts; stacked (narrow) it ends above it.
          const apart = a.right <= b.left + 1 || a.bottom <= b.top + 1
          return apart ? [] : [`${dt.textContent} / ${(dd.textContent ?? '').slice(0, 30)}`]
        }))
        expect(overlaps, `${path} at ${width} px`).toEqual([])
      }
    }
    await page.setViewportSize({ width: 1100, height: 900 })
  })

  it('the validation page shows its score chart', async () => {
    await page.goto(`${origin}/dataset/6564/validation`)
    expect(await page.locator('.score').textContent()).toMatch(/^\d+$/)
    await shoot('7-validation')
  })
})
