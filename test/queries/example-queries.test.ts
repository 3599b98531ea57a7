/**
 * The example queries of queries/: each parses, has a bilingual title and description, is listed at /queries and
 * runs there by name, and gives the expected answer on a fixture graph built by the real pipeline from cuts of the
 * real sources (test/fixtures/queries, README there). The fixture's base IRI differs from the default, with a path,
 * so a query that hard-coded BASE_IRI would find nothing.
 */
import { join } from 'node:path'
import pino from 'pino'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { loadConfig } from '../../src/config.ts'
import { createApp } from '../../src/http/app.ts'
import { parseExampleQuery } from '../../src/http/queries.ts'
import { createInProcessStore } from '../../src/store/in-process.ts'
import type { GraphStore } from '../../src/store/types.ts'
import { buildFixtureNQuads, FIXTURE_BASE_IRI, REPO_ROOT } from './fixture-graph.ts'
import { listQueryNames, readQuery, selectRows, type Row } from './query-results.ts'

const B = FIXTURE_BASE_IRI
const ODRL = 'http://www.w3.org/ns/odrl/2/'
let store: GraphStore

beforeAll(async () => {
  store = createInProcessStore({ nquads: await buildFixtureNQuads(B) })
})
afterAll(() => store.close())

const run = (name: string) => selectRows(store, name, B)
const rowWhere = (rows: Row[], key: string, value: string) => rows.find((row) => row[key] === value)

/** The queries this file tests, one `it` each below; a new .rq without a test fails the first check. */
const TESTED = [
  'abolished-agencies-successors', 'active-agencies-without-datasets', 'catalogue-growth-per-year', 'datasets-per-agency',
  'datasets-per-category', 'datasets-per-eu-theme', 'datasets-per-year', 'distribution-formats',
  'executive-yuan-sub-organisations', 'laws-of-an-agency', 'laws-per-competent-agency', 'licences-and-permissions',
  'metadata-completeness', 'most-downloaded-datasets-2018', 'most-viewed-datasets-2018', 'organic-laws-of-ministries',
  'quality-badges', 'quality-scores-per-agency', 'unresolved-publishers',
  // today's catalogue against 2018: tested in catalogue-2026-queries.test.ts
  'catalogue-size-per-publisher-2018-2026', 'popular-2018-still-listed',
  // tested in request-queries.test.ts
  'most-requested-agencies', 'requests-answered-by-datasets', 'requests-refusals-by-reason-and-law', 'requests-reply-rate-per-agency',
]

describe('queries/*.rq', () => {
  it('holds at least 12 kebab-case queries, every one of them tested here', () => {
    const names = listQueryNames()
    expect(names.length).toBeGreaterThanOrEqual(12)
    expect(names).toEqual([...TESTED].sort())
    for (const name of names) expect(name).toMatch(/^[a-z0-9]+(-[a-z0-9]+)*$/)
  })

  it.each(listQueryNames())('%s has a zh · en title and description, parses, and writes no base IRI', async (name) => {
    const text = readQuery(name)
    const { title, description } = parseExampleQuery(name, text)
    expect(title).not.toBe(name)
    expect(title).toMatch(/\p{Script=Han}.* · [A-Za-z]/u)
    expect(description).toMatch(/\p{Script=Han}.* · [A-Za-z]/u)
    expect(text).not.toMatch(/localhost|kg\.example/)
    await expect(run(name)).resolves.toBeInstanceOf(Array)
  })

  it('lists every query at /queries and runs each by name', async () => {
    const app = createApp({
      store,
      config: loadConfig({ BASE_IRI: B, QUERIES_DIR: join(REPO_ROOT, 'queries') }),
      logger: pino({ level: 'silent' }),
    })
    const listed = (await (await app.request('/queries')).json()) as { name: string; title: string; url: string }[]
    expect(listed.map((query) => query.name)).toEqual(listQueryNames())
    for (const { url } of listed) {
      const response = await app.request(`${url}?format=json`)
      expect(response.status, url).toBe(200)
    }
    const byName = (await (await app.request('/queries/datasets-per-agency?format=json')).json()) as { results: { bindings: unknown[] } }
    expect(byName.results.bindings.length).toBeGreaterThan(0)
  })
})

describe('answers on the fixture graph', () => {
  it('datasets-per-agency: 國家發展委員會 leads with 7; units count for their agency; unresolved publishers have no code', async () => {
    const rows = await run('datasets-per-agency')
    expect(rows[0]).toMatchObject({ agency: `${B}/agency/A41000000G`, code: 'A41000000G', name: '國家發展委員會', nameEn: 'National Development Council', datasets: '7' })
    // 法務部: 法務部統計處, 法務部法律事務司 (2) and 法務部保護司 are its units; 法務部調查局 is an agency of its own.
    expect(rowWhere(rows, 'code', 'A11000000F')?.datasets).toBe('6')
    expect(rowWhere(rows, 'code', 'A11010000F')?.datasets).toBe('1')
    expect(rows.some((row) => row.agency!.includes('/unit/'))).toBe(false)
    expect(rowWhere(rows, 'name', '臺灣省諮議會')).toMatchObject({ datasets: '5' })
    expect(rowWhere(rows, 'name', '臺灣省諮議會')?.code).toBeUndefined()
    // 118 records of the export and 2018 fixtures, and 17 only in today's listing (37 rows: 14 merge with the export's, 6 with 2018 rows)
    expect(rows.reduce((sum, row) => sum + Number(row.datasets), 0)).toBe(135)
  })

  it('datasets-per-year: both date types counted by year, undated datasets in a row of their own', async () => {
    const rows = await run('datasets-per-year')
    const byYear = Object.fromEntries(rows.map((row) => [row.year ?? 'none', Number(row.datasets)]))
    // the 17 records only in today's listing have no dates (the listing has none)
    expect(byYear).toMatchObject({ none: 19, 2012: 2, 2013: 16, 2015: 33, 2018: 11, 2026: 1 })
    expect(Object.values(byYear).reduce((a, b) => a + b, 0)).toBe(135)
  })

  it('catalogue-growth-per-year: added, cumulative total and growth % of the 2018 listing', async () => {
    const rows = await run('catalogue-growth-per-year')
    expect(rows.map((row) => row.year)).toEqual(['2012', '2013', '2014', '2015', '2016', '2017', '2018'])
    expect(rows[0]).toEqual({ year: '2012', added: '1', total: '1' })
    expect(rows[1]).toMatchObject({ year: '2013', added: '14', total: '15' })
    expect(Number(rows[1]!.growthPercent)).toBe(1400)
    expect(rows[3]).toMatchObject({ year: '2015', added: '30', total: '48' })
    expect(Number(rows[3]!.growthPercent)).toBe(166.7)
    expect(rows[6]).toMatchObject({ year: '2018', added: '10', total: '101' })
  })

  it('active-agencies-without-datasets: only 蒙藏委員會 and 檔案管理局; placeholders, fund units and agencies with units publishing are out', async () => {
    const rows = await run('active-agencies-without-datasets')
    expect(rows).toEqual([
      { agency: `${B}/agency/317000000A`, code: '317000000A', name: '蒙藏委員會', level: '2', parentName: '行政院' },
      { agency: `${B}/agency/A41010000A`, code: 'A41010000A', name: '國家發展委員會檔案管理局', level: '3', parentName: '國家發展委員會' },
    ])
  })

  it('datasets-per-category: every service category, empty ones with 0, with its EU themes', async () => {
    const rows = await run('datasets-per-category')
    expect(rows).toHaveLength(18)
    expect(rows[0]).toMatchObject({ category: `${B}/scheme/service-category/public-information`, notation: 'I00', name: '公共資訊', euThemes: 'GOVE', datasets: '7' })
    expect(rowWhere(rows, 'notation', 'A00')).toMatchObject({ name: '交通及通訊', euThemes: 'TRAN', datasets: '3' })
    expect(rowWhere(rows, 'notation', '100')).toMatchObject({ name: '生育保健', datasets: '0' })
  })

  it('datasets-per-eu-theme: GOVE 8, ECON 3, TRAN 3, JUST 1', async () => {
    const rows = await run('datasets-per-eu-theme')
    expect(rows.map(({ code, datasets }) => [code, datasets])).toEqual([['GOVE', '8'], ['ECON', '3'], ['TRAN', '3'], ['JUST', '1']])
    expect(rows[0]!.label).toBe('Government and public sector')
  })

  it('laws-of-an-agency: the six laws of 法務部, 政府資訊公開法 cited by 政府資料開放平臺資料集清單', async () => {
    const rows = await run('laws-of-an-agency')
    expect(rows.map((row) => row.pcode)).toEqual(['I0020026', 'A0030023', 'A0030055', 'I0000001', 'A0030124', 'B0010019'])
    expect(rows[0]).toMatchObject({ title: '政府資訊公開法', isInForce: 'true', citingDatasets: '1', datasetTitles: '政府資料開放平臺資料集清單' })
    expect(rowWhere(rows, 'pcode', 'A0030124')).toMatchObject({ title: '行政資訊公開辦法', isInForce: 'false', citingDatasets: '0' })
  })

  it('abolished-agencies-successors: one-step and three-step successions, to the active end only', async () => {
    const rows = await run('abolished-agencies-successors')
    const pairs = rows.map((row) => `${row.abolishedCode}→${row.successorCode}`)
    expect(rowWhere(rows, 'abolishedCode', '341000000A')).toMatchObject({ abolishedName: '行政院研究發展考核委員會', dissolved: '2014-01-22', successorCode: 'A41000000G', successorName: '國家發展委員會', successorDatasets: '7' })
    // 內政部警政署空中警察隊 → 內政部空中勤務總隊籌備處 → 內政部空中勤務總隊 (301130000A, abolished 2014) → A01060000A.
    expect(pairs).toEqual(expect.arrayContaining(['301010500C→A01060000A', '301120000A→A01060000A', '301130000A→A01060000A']))
    expect(pairs.filter((pair) => pair.startsWith('301010500C'))).toEqual(['301010500C→A01060000A'])
    expect(rowWhere(rows, 'abolishedCode', '301010500C')?.successorDatasets).toBe('2')
    expect(rowWhere(rows, 'abolishedCode', '341020000A')).toMatchObject({ successorCode: 'A41010000A', successorDatasets: '0' })
    expect(rows).toHaveLength(15)
  })

  it('most-viewed-datasets-2018: 全字庫 first, with its downloads and publisher', async () => {
    const rows = await run('most-viewed-datasets-2018')
    expect(rows).toHaveLength(20)
    expect(rows[0]).toMatchObject({ title: 'CNS11643中文標準交換碼全字庫(簡稱全字庫)', publisher: '國家發展委員會', views: '157985', downloads: '14464' })
    expect(rows[1]!.title).toBe('iTaiwan中央行政機關室內公共區域免費無線上網熱點查詢服務')
    expect(rows.map((row) => Number(row.views))).toEqual(rows.map((row) => Number(row.views)).sort((a, b) => b - a))
  })

  it('most-downloaded-datasets-2018: 顯著有感地震報告 first with 1,155,002 downloads', async () => {
    const rows = await run('most-downloaded-datasets-2018')
    expect(rows).toHaveLength(20)
    expect(rows[0]).toMatchObject({ title: '顯著有感地震報告資料-顯著有感地震報告', publisher: '交通部中央氣象局', views: '117228', downloads: '1155002' })
    expect(rows[1]).toMatchObject({ title: '縣市鄉鎮中英對照檔', downloads: '29258' })
  })

  it('licences-and-permissions: OGDL permits reproduce, distribute, modify, derive, commercialize and sublicensing, each with an attribution duty', async () => {
    const rows = await run('licences-and-permissions')
    const ogdl = rows.filter((row) => row.identifier === 'OGDL-Taiwan-1.0')
    expect(ogdl.map((row) => row.action).sort()).toEqual(['commercialize', 'derive', 'distribute', 'grantUse', 'modify', 'reproduce'].map((a) => ODRL + a))
    // Every complete record's dataset, distributions and data service: the platform licence, inherited (src/sources/catalog-values.ts).
    for (const row of ogdl) expect(row).toMatchObject({ duties: 'attribute', title: '政府資料開放授權條款－第1版', usedBy: '36' })
    expect(ogdl[0]!.ccPermits!.split(' ').sort()).toEqual(['DerivativeWorks', 'Distribution', 'Reproduction'])
    expect(ogdl[0]!.ccRequires!.split(' ').sort()).toEqual(['Attribution', 'Notice'])
    expect(rowWhere(rows, 'identifier', 'CC-BY-4.0')?.action).toBeUndefined()
    expect(rowWhere(rows, 'identifier', 'data-gov-tw-usage-rules-2013')).toBeDefined()
  })

  it('distribution-formats: CSV 24, JSON 5, XML 5, XLSX 4, PDF 1, XLS 1', async () => {
    const rows = await run('distribution-formats')
    // the export's 18 (CSV 13, JSON 4, XML 1) and the first format of each dataset only in today's listing
    expect(rows.map(({ code, distributions, datasets }) => [code, distributions, datasets])).toEqual([
      ['CSV', '24', '24'], ['JSON', '5', '5'], ['XML', '5', '5'], ['XLSX', '4', '4'], ['PDF', '1', '1'], ['XLS', '1', '1'],
    ])
  })

  it('quality-badges: every badge of the scheme, then the datasets with none', async () => {
    const rows = await run('quality-badges')
    const byBadge = Object.fromEntries(rows.map((row) => [row.badge?.slice(`${B}/scheme/quality-badge/`.length) ?? 'none', row.datasets]))
    expect(byBadge).toEqual({ platinum: '7', gold: '2', silver: '1', bronze: '0', 'none-allowlisted': '2', 'not-checked': '1', none: '25' })
    expect(rows[0]).toMatchObject({ name: '白金', nameEn: 'Platinum' })
    expect(rows.at(-1)!.badge).toBeUndefined()
  })

  it('quality-scores-per-agency: every dataset scored once, lowest mean first; 國家發展委員會 7 datasets, 25 to 245', async () => {
    const rows = await run('quality-scores-per-agency')
    expect(rows.reduce((sum, row) => sum + Number(row.datasets), 0)).toBe(135)
    expect(rows.map((row) => Number(row.meanScore))).toEqual(rows.map((row) => Number(row.meanScore)).sort((a, b) => a - b))
    // The 2018 listing's partial records score 25 or 30 (a publisher and dates; no DCAT-AP compliance), complete ones 211 to 245.
    expect(rows[0]).toMatchObject({ name: '臺灣省諮議會', datasets: '5', meanScore: '30', minScore: '30', maxScore: '30' })
    expect(rowWhere(rows, 'code', 'A41000000G')).toMatchObject({ name: '國家發展委員會', nameEn: 'National Development Council', datasets: '7', minScore: '25', maxScore: '245' })
    expect(Number(rowWhere(rows, 'code', 'A41000000G')!.meanScore)).toBe(90)
    // 法務部: its units' datasets counted with it, as in datasets-per-agency.
    expect(rowWhere(rows, 'code', 'A11000000F')).toMatchObject({ datasets: '6', minScore: '30', maxScore: '245' })
  })

  it('unresolved-publishers: source texts that reached no code, and units with their agency', async () => {
    const rows = await run('unresolved-publishers')
    expect(rows[0]).toMatchObject({ sourceText: '臺灣省諮議會', method: 'unresolved', datasets: '5' })
    expect(rowWhere(rows, 'sourceText', '法務部法律事務司')).toMatchObject({ method: 'unit-of', parentAgency: '法務部', datasets: '2' })
    expect(rowWhere(rows, 'sourceText', '國家發展委員會')).toBeUndefined()
    expect(new Set(rows.map((row) => row.method))).toEqual(new Set(['unresolved', 'unit-of', 'host-qualified-unit', 'uncoded-agency']))
    // today's listing: agencies created after the 2016 code list, by name; a bare unit label qualified by its host
    expect(rowWhere(rows, 'sourceText', '環境部')).toMatchObject({ method: 'uncoded-agency', datasets: '1' })
    expect(rows.filter((row) => row.method === 'host-qualified-unit').map((row) => row.sourceText)).toContain('統計處')
  })

  it('executive-yuan-sub-organisations: each ministry with the datasets and active agencies of its subtree', async () => {
    const rows = await run('executive-yuan-sub-organisations')
    expect(rows).toHaveLength(11)
    expect(rows[0]).toMatchObject({ code: 'A11000000F', name: '法務部', datasets: '9', activeAgencies: '3' })
    // 國發會: its own 7 and 國家發展基金管理會's 1; 檔案管理局 counts as an agency, the fund unit does not.
    expect(rowWhere(rows, 'code', 'A41000000G')).toMatchObject({ datasets: '8', activeAgencies: '1' })
    expect(rowWhere(rows, 'code', '317000000A')).toMatchObject({ datasets: '0', activeAgencies: '0' })
    expect(rowWhere(rows, 'code', '300000000A')).toBeUndefined()
  })

  it('laws-per-competent-agency: 法務部 first with 4 laws in force and 2 not', async () => {
    const rows = await run('laws-per-competent-agency')
    expect(rows[0]).toMatchObject({ code: 'A11000000F', name: '法務部', laws: '6', inForce: '4', notInForce: '2' })
    expect(rowWhere(rows, 'name', '個人資料保護委員會籌備處')).toMatchObject({ laws: '2', inForce: '2' })
    expect(rows.reduce((sum, row) => sum + Number(row.laws), 0)).toBe(17)
  })

  it('organic-laws-of-ministries: each level-2 agency with its organic law, gaps left empty', async () => {
    const rows = await run('organic-laws-of-ministries')
    expect(rows).toHaveLength(11)
    expect(rowWhere(rows, 'code', 'A41000000G')).toMatchObject({ law: `${B}/law/A0010106`, pcode: 'A0010106', lawTitle: '國家發展委員會組織法', isInForce: 'true' })
    expect(rowWhere(rows, 'code', '317000000A')).toMatchObject({ pcode: 'D0000044', isInForce: 'false' })
    expect(rowWhere(rows, 'code', '313000000G')?.law).toBeUndefined()
  })

  it('metadata-completeness: 15 complete records, 120 partial ones missing a description', async () => {
    const rows = await run('metadata-completeness')
    expect(rows).toEqual([
      { status: `${B}/scheme/metadata-status/complete`, statusLabel: 'Complete', datasets: '15' },
      { status: `${B}/scheme/metadata-status/partial`, statusLabel: 'Partial', missingProperty: 'http://purl.org/dc/terms/description', datasets: '120' },
    ])
  })
})
