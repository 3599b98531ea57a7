/** Pages for people: each kind renders, links across domains, embeds its JSON-LD, is accessible and self-contained. */
import { beforeAll, describe, expect, it } from 'vitest'
import { BASE } from './fixture-graph.ts'
import { createRecordsApp, type TestApp } from './records-app.ts'

let records: TestApp
beforeAll(async () => {
  records = await createRecordsApp()
})

const page = async (path: string, headers: Record<string, string> = {}) => {
  const response = await records.app.request(path, { headers: { accept: 'text/html', ...headers } })
  expect(response.status, path).toBe(200)
  expect(response.headers.get('content-type')).toBe('text/html; charset=utf-8')
  return response.text()
}
const hrefs = (html: string) => [...html.matchAll(/href="([^"]+)"/g)].map((m) => m[1]!)

const PAGES = ['/', '/search?q=%E8%87%BA%E4%B8%AD', '/dashboard', '/dataset/87371', '/agency/A41000000G', '/law/J0070017', '/license/OGDL-Taiwan-1.0', '/dataset/87371/validation', '/scheme/data-level', '/api-docs']

describe('every page', () => {
  it.each(PAGES)('%s: html lang, a skip link, one h1, labelled search, nothing from another site', async (path) => {
    const html = await page(path)
    expect(html).toMatch(/<html lang="zh-Hant">/)
    expect(html).toContain('<a class="skip" href="#main">')
    expect(html.match(/<h1[ >]/g)?.length).toBe(1)
    expect(html).not.toMatch(/<script[^>]+src=/)
    expect(html).not.toMatch(/<link[^>]+rel="stylesheet"/)
    for (const match of html.matchAll(/<input[^>]+id="([^"]+)"/g)) expect(html).toContain(`for="${match[1]}"`)
  })

  it('English when asked', async () => {
    const html = await page('/dataset/87371', { 'accept-language': 'en' })
    expect(html).toMatch(/<html lang="en">/)
    expect(html).toContain('Distributions')
  })
})

describe('record pages link across domains', () => {
  it('a dataset links its publisher, the publisher\'s parent, the laws they administer and its validation', async () => {
    const html = await page('/dataset/87371')
    const links = hrefs(html)
    expect(links).toContain('http://localhost/agency/A19000000G')
    expect(links).toContain('http://localhost/agency/A00000000A')
    expect(links.some((href) => href.startsWith('http://localhost/law/'))).toBe(true)
    expect(links).toContain('http://localhost/dataset/87371/validation')
  })

  it('an agency shows its predecessors and sub-organisations', async () => {
    const html = await page('/agency/A41000000G')
    expect(hrefs(html)).toContain('http://localhost/agency/329000000G')
    expect(html).toContain('檔案管理局')
  })

  it('a law shows its articles in order and its competent agency', async () => {
    const html = await page('/law/J0070017')
    const articles = html.slice(html.indexOf('id="articles"'))
    expect(articles.indexOf('>第 2 條<')).toBeGreaterThan(0)
    expect(articles.indexOf('>第 2 條<')).toBeLessThan(articles.indexOf('>第 10 條<'))
    expect(html).toContain('id="competent"')
  })

  it('each record page embeds its JSON-LD, the same data as the .jsonld form', async () => {
    const html = await page('/dataset/87371')
    const embedded = JSON.parse(/<script type="application\/ld\+json">([\s\S]*?)<\/script>/.exec(html)![1]!)
    const served = await (await records.app.request('/dataset/87371.jsonld?lang=all')).json()
    expect(embedded).toEqual(served)
  })

  it('text from the data is escaped, and embedded JSON cannot close its script element', async () => {
    const iri = `${BASE}/dataset/xss`
    await records.store.replaceGraphs([iri], [
      `<${iri}> <http://www.w3.org/1999/02/22-rdf-syntax-ns#type> <http://www.w3.org/ns/dcat#Dataset> <${iri}> .`,
      `<${iri}> <http://purl.org/dc/terms/title> "</script><script>alert(1)</script>" <${iri}> .`,
    ].join('\n') + '\n')
    const html = await page('/dataset/xss')
    expect(html).not.toContain('<script>alert(1)')
    expect(html.match(/<\/script>/g)?.length).toBe(1)
  })
})

describe('home, search and dashboard', () => {
  it('home has a search form and the headline figures', async () => {
    const html = await page('/')
    expect(html).toContain('role="search"')
    expect(html).toMatch(/<strong>\d[\d,]*<\/strong><a href="http:\/\/localhost\/search">資料集<\/a>/)
  })

  it('search shows results and facets that narrow it', async () => {
    const html = await page('/search?q=%E8%87%BA%E4%B8%AD')
    expect(html).toContain('臺中市113各季外送員交通事故統計')
    expect(hrefs(html).some((href) => href.includes('format=http'))).toBe(true)
  })

  it('the dashboard draws its charts as accessible SVG with the numbers as tables', async () => {
    const html = await page('/dashboard')
    const charts = html.match(/<svg [^>]*role="img"/g) ?? []
    expect(charts.length).toBeGreaterThanOrEqual(6)
    expect(html.match(/<table>/g)?.length).toBe(charts.length)
    expect(html).toContain('每年上架資料集數')
  })

  it('search refuses page_size over the maximum, like the API', async () => {
    expect((await records.app.request('/search?page_size=1000')).status).toBe(400)
  })
})
