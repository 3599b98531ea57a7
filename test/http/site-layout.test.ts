/** One layout for every page a person sees: /sparql, /queries, 404s, /search and /api-docs share the header, the language switch and the title scheme. */
import { describe, expect, it } from 'vitest'
import { createRecordsApp } from '../records/records-app.ts'
import { buildApp } from './support.ts'

const BROWSER = { accept: 'text/html,application/xhtml+xml,application/xml;q=0.9,*/*;q=0.8' }
const SITE_NAME_ZH = '臺灣政府開放資料知識圖譜'

/** The parts every page shares: the site header's brand link, the language switch, "title · site name". */
function expectSiteLayout(html: string, switchTo: RegExp) {
  expect(html).toContain('<header class="site">')
  expect(html).toMatch(/<a class="brand" href="[^"]*\/">/)
  expect(html).toMatch(new RegExp(`<title>[^<]+ · ${SITE_NAME_ZH}</title>`))
  const languageLink = /<a href="([^"]+)" lang="en">English<\/a>/.exec(html)
  expect(languageLink?.[1]).toMatch(switchTo)
}

describe('the pages people see share one layout', () => {
  it('sparql_ui_has_the_site_header_language_switch_and_title', async () => {
    const response = await buildApp().request('/sparql', { headers: BROWSER })
    expect(response.status).toBe(200)
    expectSiteLayout(await response.text(), /\/sparql\?lang=en$/)
  })

  it('sparql_ui_in_english_when_asked', async () => {
    const html = await (await buildApp().request('/sparql?lang=en', { headers: BROWSER })).text()
    expect(html).toMatch(/<html lang="en">/)
    expect(html).toContain('<title>SPARQL · Taiwan Open Government Data Knowledge Graph</title>')
  })

  it('queries_in_a_browser_is_a_page_listing_each_example_with_a_link_into_the_ui', async () => {
    const response = await buildApp().request('/queries', { headers: BROWSER })
    expect(response.headers.get('content-type')).toMatch(/^text\/html/)
    const html = await response.text()
    expectSiteLayout(html, /\/queries\?lang=en$/)
    expect(html).toMatch(/href="[^"]*\/sparql\?query=[^"]+"/)
  })

  it('queries_for_an_api_client_stays_json', async () => {
    for (const accept of ['application/json', '*/*', undefined]) {
      const response = await buildApp().request('/queries', { headers: accept ? { accept } : {} })
      expect(response.headers.get('content-type'), String(accept)).toMatch(/^application\/json/)
      expect(Array.isArray(await response.json())).toBe(true)
    }
  })

  it('a_404_in_a_browser_is_a_page_and_for_an_api_client_problem_json', async () => {
    const app = buildApp()
    const page = await app.request('/no/such/page', { headers: BROWSER })
    expect(page.status).toBe(404)
    expect(page.headers.get('content-type')).toMatch(/^text\/html/)
    const html = await page.text()
    expectSiteLayout(html, /\/no\/such\/page\?lang=en$/)
    expect(html).toContain('/no/such/page was not found')
    const api = await app.request('/no/such/page', { headers: { accept: 'application/json' } })
    expect(api.status).toBe(404)
    expect(api.headers.get('content-type')).toBe('application/problem+json')
  })

  it('a_missing_record_in_a_browser_is_a_404_page', async () => {
    const { app } = await createRecordsApp()
    const response = await app.request('/dataset/999999999', { headers: BROWSER })
    expect(response.status).toBe(404)
    expect(response.headers.get('content-type')).toMatch(/^text\/html/)
  })

  it('search_and_api_docs_have_the_language_switch', async () => {
    const { app } = await createRecordsApp()
    const search = await (await app.request('/search?q=x', { headers: BROWSER })).text()
    expectSiteLayout(search, /\/search\?q=x&(amp;)?lang=en$/)
    const docs = await (await app.request('/api-docs', { headers: BROWSER })).text()
    expectSiteLayout(docs, /\/api-docs\?lang=en$/)
  })
})
