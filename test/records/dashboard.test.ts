/** The dashboard says what each chart counts, over which records, from which source and date; its numbers come from SPARQL. */
import { beforeAll, describe, expect, it } from 'vitest'
import { wrapLabel } from '../../src/pages/charts.ts'
import { createDashboardData, fillYears, type DashboardData } from '../../src/records/dashboard-data.ts'
import { buildFixtureNQuads } from '../queries/fixture-graph.ts'
import { BASE } from './fixture-graph.ts'
import { createRecordsApp, type TestApp } from './records-app.ts'

// The example queries' fixture (real source cuts through the real build): 法務部 publishes there through its units.
let fixture: Promise<string> | undefined
const fixtureGraph = () => (fixture ??= buildFixtureNQuads(BASE))
let records: TestApp
let data: DashboardData
let html: string
beforeAll(async () => {
  records = await createRecordsApp({ nquads: await fixtureGraph() })
  data = await createDashboardData(records.store, BASE)()
  html = await (await records.app.request('/dashboard', { headers: { accept: 'text/html' } })).text()
})

const count = async (where: string) => {
  const result = await records.store.query({ query: `PREFIX dcat: <http://www.w3.org/ns/dcat#> PREFIX dct: <http://purl.org/dc/terms/> SELECT (COUNT(DISTINCT ?d) AS ?n) WHERE { ${where} }`, mediaType: 'application/sparql-results+json' })
  return Number(JSON.parse(result.body).results.bindings[0].n.value)
}

describe('dashboard data', () => {
  it('the_yearly_bars_and_the_undated_add_up_to_every_dataset', async () => {
    const datasets = await count('?d a dcat:Dataset')
    expect(data.coverage.datasets).toBe(datasets)
    expect(data.undated).toBe(await count('?d a dcat:Dataset FILTER NOT EXISTS { ?d dct:issued ?i }'))
    expect(data.perYear.reduce((sum, row) => sum + row.issued, 0) + data.undated).toBe(datasets)
  })

  it('no_year_is_skipped_and_the_size_is_the_running_total', () => {
    expect(fillYears([{ year: 2022, issued: 3 }, { year: 2019, issued: 2 }, { year: 2024, issued: 1 }])).toEqual([
      { year: 2019, issued: 2, total: 2 }, { year: 2020, issued: 0, total: 2 }, { year: 2021, issued: 0, total: 2 },
      { year: 2022, issued: 3, total: 5 }, { year: 2023, issued: 0, total: 5 }, { year: 2024, issued: 1, total: 6 },
    ])
    const years = data.perYear.map((row) => row.year)
    expect(years).toEqual(years.map((_, n) => years[0]! + n))
  })

  it('publishers_roll_units_up_to_their_agency_like_the_example_query', async () => {
    const moj = data.perAgency.find((row) => row.zh === '法務部')
    // 法務部 publishes through its units (法務部法律事務司 …): counted for the ministry, not left out.
    expect(moj?.value).toBe(await count(`?d dct:publisher ?p . ?p <http://www.w3.org/ns/org#unitOf>? ?a . ?a <http://purl.org/dc/terms/identifier> ?code ; <http://www.w3.org/2004/02/skos/core#prefLabel> "法務部"@zh-hant`))
    expect(moj!.value).toBeGreaterThan(0)
  })

  it('category_and_format_charts_count_over_the_records_that_have_them', async () => {
    expect(data.coverage.categorised).toBe(await count('?d dcat:theme ?c . ?c <http://www.w3.org/2004/02/skos/core#inScheme> ?s FILTER(STRENDS(STR(?s), "/scheme/service-category"))'))
    expect(data.coverage.withFormat).toBe(await count('?d dcat:distribution/dct:format ?f'))
    expect(data.coverage.categorised).toBeLessThan(data.coverage.datasets)
  })

  it('is_computed_again_after_a_write', async () => {
    const app = await createRecordsApp({ nquads: await fixtureGraph() })
    const dashboard = createDashboardData(app.store, BASE)
    const before = (await dashboard()).coverage.datasets
    const graph = `${BASE}/dataset/dashboard-test`
    await app.store.replaceGraphs([graph], `<${graph}> <http://www.w3.org/1999/02/22-rdf-syntax-ns#type> <http://www.w3.org/ns/dcat#Dataset> <${graph}> .\n`)
    const after = await dashboard()
    expect(after.coverage.datasets).toBe(before + 1)
    expect(after.undated).toBe((await dashboard()).undated)
  })
})

describe('dashboard page', () => {
  it('every_chart_says_what_it_counts_over_which_records_from_which_source_and_links_its_query', () => {
    // The catalogue's charts; the requests' section after them has its own notes (checked below).
    const figures = html.split('<section id="requests"')[0]!.split('<figure class="chart"').slice(1)
    expect(figures.length).toBe(6)
    const requestFigures = (html.split('<section id="requests"')[1] ?? '').split('<figure class="chart"').slice(1)
    for (const figure of requestFigures) expect(/<p class="chart-note">([\s\S]*?)<\/p>/.exec(figure)?.[1] ?? '').toMatch(/涵蓋|計算[\s\S]*來源：政府資料開放平臺/)
    for (const figure of figures) {
      const note = /<p class="chart-note">([\s\S]*?)<\/p>/.exec(figure)?.[1] ?? ''
      expect(note).toMatch(/涵蓋|筆/)
      expect(note).toContain('來源：政府資料開放平臺')
      expect(note).toMatch(/2018 年資料集清單 [\d,]+ 筆/)
      expect(note).toMatch(/href="[^"]*\/sparql\?query=[^"]+">[a-z-]+\.rq<\/a>/)
    }
  })

  it('shows_the_undated_as_a_bar_of_their_own', () => {
    if (data.undated === 0) return expect(html).not.toContain('無日期</text>')
    expect(html).toContain(`無日期: ${data.undated.toLocaleString('en')}`)
  })

  it('names_are_never_cut', () => {
    expect(html).not.toMatch(/…<\/t(span|ext)>/)
  })

  it('in_english_it_says_so_too', async () => {
    const english = await (await records.app.request('/dashboard?lang=en', { headers: { accept: 'text/html' } })).text()
    expect(english).toContain('adding up to the headline')
    expect(english).toContain('Source: data.gov.tw')
  })
})

describe('wrapLabel', () => {
  it('breaks_english_at_spaces_never_inside_a_word', () => {
    expect(wrapLabel('Directorate General of Budget, Accounting and Statistics', 18)).toEqual(['Directorate General of Budget,', 'Accounting and Statistics'])
    expect(wrapLabel('Directorate General of Budget', 8)).toEqual(['Directorate', 'General of', 'Budget'])
  })

  it('breaks_chinese_between_characters_within_the_width', () => {
    const lines = wrapLabel('行政院主計總處行政院主計總處行政院主計總處', 18)
    expect(lines).toEqual(['行政院主計總處行政院主計總處行政院主', '計總處'])
  })
})
