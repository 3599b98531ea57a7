import { readFileSync } from 'node:fs'
import { DataFactory, Store, type NamedNode, type Term } from 'n3'
import { describe, expect, it } from 'vitest'
import { createIris } from '../../src/model/iris.ts'
import { importDataGovTwExport } from '../../src/sources/datagovtw-export.ts'
import { CNT, DCAT, DCT, DQV, EU, FOAF, IANA_MEDIA, OA, RDF, VCARD, XSD } from '../../src/vocab/index.ts'

const { namedNode } = DataFactory
const iris = createIris('http://example.org')
const FIXTURE = 'test/fixtures/catalog/datagovtw_export_fixture.csv'
const bytes = (path: string) => new Uint8Array(readFileSync(path))
const importFile = (path: string, options = {}) => importDataGovTwExport(bytes(path), { iris, file: path }, options)

const result = importFile(FIXTURE)
const store = new Store(result.quads)
const values = (s: Term, p: NamedNode) => store.getObjects(s, p, null).map((o) => o.value)
const one = (s: Term, p: NamedNode) => store.getObjects(s, p, null)[0]
const lineOf = (id: string) => readFileSync(FIXTURE, 'utf8').split('\n').findIndex((l) => l.replace(/^\uFEFF/, '').startsWith(`${id},`)) + 1

describe('importDataGovTwExport: the fixture', () => {
  it('imports every row, with counts in the stats', () => {
    expect(result.stats).toMatchObject({ rows: 15, datasets: 15, distributions: 19, dataServices: 1 })
    expect(result.stats['warnings']).toBe(result.warnings.length)
  })

  it('puts each dataset in the graph named by its IRI, and nothing elsewhere', () => {
    const graphs = new Set(result.quads.map((q) => q.graph.value))
    expect(graphs.size).toBe(15)
    for (const q of result.quads) expect(q.graph.value.startsWith('http://example.org/dataset/')).toBe(true)
  })

  it('38129 阿里山林業鐵路 has a JSON distribution downloadable from data.moa.gov.tw', () => {
    const dist = iris.distribution('38129', 1)
    expect(values(iris.dataset('38129'), DCAT.distribution)).toEqual([dist.value])
    expect(new URL(one(dist, DCAT.downloadURL)!.value).host).toBe('data.moa.gov.tw')
    expect(one(dist, DCAT.accessURL)).toEqual(one(dist, DCAT.downloadURL))
    expect(one(dist, DCT.format)).toEqual(EU.fileType.$term('JSON'))
    expect(one(dist, DCAT.mediaType)).toEqual(IANA_MEDIA.$term('application/json'))
    expect(values(dist, CNT.characterEncoding)).toEqual(['UTF-8'])
  })

  it('38129: title, themes (ours and EU), frequency, +08:00 dates, landing page, access rights', () => {
    const ds = iris.dataset('38129')
    expect(one(ds, DCT.identifier)).toEqual(DataFactory.literal('38129'))
    expect(one(ds, DCT.title)).toEqual(DataFactory.literal('阿里山林業鐵路', 'zh-Hant'))
    expect(values(ds, DCAT.theme).sort()).toEqual([EU.dataTheme.$term('TRAN').value, iris.concept('service-category', 'transport-communications').value].sort())
    expect(one(ds, DCT.accrualPeriodicity)).toEqual(EU.frequency.$term('IRREG'))
    expect(one(ds, DCT.issued)).toEqual(DataFactory.literal('2016-10-31T00:00:00+08:00', XSD.dateTime))
    expect(one(ds, DCT.modified)).toEqual(DataFactory.literal('2024-08-27T16:49:30+08:00', XSD.dateTime))
    expect(values(ds, DCAT.landingPage)).toEqual(['https://data.gov.tw/dataset/38129'])
    expect(store.has(DataFactory.quad(namedNode('https://data.gov.tw/dataset/38129'), RDF.type, FOAF.Document, ds))).toBe(true)
    expect(one(ds, DCT.accessRights)).toEqual(EU.accessRight.PUBLIC)
    expect(one(ds, iris.ogd.metadataStatus)).toEqual(iris.concept('metadata-status', 'complete'))
  })

  it('38129: the 品質檢測 badge is a dqv:QualityAnnotation on the dataset', () => {
    const ds = iris.dataset('38129')
    const annotation = one(ds, DQV.hasQualityAnnotation)!
    expect(values(annotation, RDF.type)).toEqual([DQV.QualityAnnotation.value])
    expect(one(annotation, OA.hasBody)).toEqual(iris.concept('quality-badge', 'platinum'))
    expect(one(annotation, OA.hasTarget)).toEqual(ds)
    expect(one(annotation, OA.motivatedBy)).toEqual(DQV.qualityAssessment)
  })

  it('38129: an empty 授權方式 gives the platform licence (OGDL), which every distribution inherits', () => {
    const ds = iris.dataset('38129')
    expect(one(ds, DCT.license)).toEqual(iris.license('OGDL-Taiwan-1.0'))
    const distributions = store.getObjects(ds, DCAT.distribution, ds)
    expect(distributions.length).toBeGreaterThan(0)
    for (const distribution of distributions) expect(store.getObjects(distribution, DCT.license, ds)).toEqual([iris.license('OGDL-Taiwan-1.0')])
  })

  it('every distribution of every record carries its dataset\'s licence', () => {
    const distributions = store.getQuads(null, DCAT.distribution, null, null)
    expect(distributions.length).toBeGreaterThan(5)
    for (const q of distributions) {
      expect(store.getObjects(q.object, DCT.license, null), q.object.value).toEqual(store.getObjects(q.subject, DCT.license, null))
      expect(store.getObjects(q.object, DCT.license, null)).toHaveLength(1)
    }
  })

  it('38129: a CatalogRecord with the metadata update time', () => {
    const record = iris.catalogRecord('38129')
    expect(one(record, RDF.type)).toEqual(DCAT.CatalogRecord)
    expect(one(record, FOAF.primaryTopic)).toEqual(iris.dataset('38129'))
    expect(one(record, DCT.modified)!.value).toBe('2024-08-27T16:49:30+08:00')
    expect(store.getQuads(record, null, null, iris.dataset('38129')).length).toBeGreaterThan(0)
  })

  it('contact point: the agency only, no person name or phone by default', () => {
    const contact = one(iris.dataset('38129'), DCAT.contactPoint)!
    expect(values(contact, RDF.type).sort()).toEqual([VCARD.Kind.value, VCARD.Organization.value])
    expect(values(contact, VCARD.fn)).toEqual(['農業部'])
    const text = result.quads.map((q) => q.object.value).join('\n')
    expect(text).not.toContain('林宜靜')
    expect(text).not.toContain('05-2779843')
  })

  it('contact point: person and phone with includePersonalContacts', () => {
    const personal = new Store(importFile(FIXTURE, { includePersonalContacts: true }).quads)
    const points = personal.getObjects(iris.dataset('38129'), DCAT.contactPoint, null)
    const person = points.find((p) => personal.has(DataFactory.quad(p as NamedNode, RDF.type, VCARD.Individual, iris.dataset('38129'))))!
    expect(personal.getObjects(person, VCARD.fn, null).map((o) => o.value)).toEqual(['林宜靜'])
    expect(personal.getObjects(person, VCARD.hasTelephone, null).map((o) => o.value)).toEqual(['05-2779843#339'])
  })

  it('the publisher is a name reference, not a link', () => {
    expect(store.getQuads(null, DCT.publisher, null, null)).toEqual([])
    const ref = result.references.find((r) => r.subject.equals(iris.dataset('38129')))
    expect(ref).toMatchObject({ kind: 'publisher', text: '農業部', file: FIXTURE, line: 2 })
    expect(result.references).toHaveLength(15)
  })

  it('6564: CSV;JSON;XML with aligned URLs, encodings and 資料量 → three distributions', () => {
    const formats = [1, 2, 3].map((n) => one(iris.distribution('6564', n), DCT.format)?.value.split('/').pop())
    expect(formats).toEqual(['CSV', 'JSON', 'XML'])
    const urls = [1, 2, 3].map((n) => one(iris.distribution('6564', n), DCAT.downloadURL)?.value)
    expect(urls.map((u) => new URL(u!).searchParams.get('format'))).toEqual(['csv', 'json', 'xml'])
    for (const n of [1, 2, 3]) {
      expect(one(iris.distribution('6564', n), iris.ogd.recordCount)).toEqual(DataFactory.literal('28000', XSD.nonNegativeInteger))
      expect(one(iris.distribution('6564', n), DCT.license)).toEqual(iris.license('OGDL-Taiwan-1.0'))
    }
  })

  it('6564: licence, 計費方式, 相關網址, 備註, and the 主要欄位說明 schema', () => {
    const ds = iris.dataset('6564')
    expect(one(ds, DCT.license)).toEqual(iris.license('OGDL-Taiwan-1.0'))
    expect(values(ds, iris.ogd.feeNote)).toEqual(['免費'])
    expect(values(ds, FOAF.page)).toEqual(['http://data.gov.tw/data_list'])
    expect(values(ds, iris.ogd.remark)).toEqual(['103年01月01日開始收錄'])
    const schema = one(iris.distribution('6564', 1), DCT.conformsTo)!
    expect(store.getObjects(schema, namedNode('http://www.w3.org/ns/csvw#column'), null)).toHaveLength(15)
  })

  it('34013: a URL with a space and Chinese becomes a percent-encoded IRI', () => {
    const url = one(iris.distribution('34013', 1), DCAT.downloadURL)!.value
    expect(url).toContain('&n=APEC%20EoDB%E7%A0%94%E8%A8%8E%E6%9C%83')
    expect(url).not.toMatch(/[\s\u4e00-\u9fff]/)
  })

  it('137307: a URL with Chinese in the path is percent-encoded', () => {
    expect(one(iris.distribution('137307', 1), DCAT.downloadURL)!.value).toMatch(/^https:\/\/www\.mnd\.gov\.tw\/NewUpload\/202103\/%E9%99%B8/)
  })

  it('A17030000J-000020 (API服務): a DataService with the endpoint, serving the dataset, reached from every distribution', () => {
    const service = iris.dataService('A17030000J-000020')
    expect(one(service, RDF.type)).toEqual(DCAT.DataService)
    expect(values(service, DCAT.endpointURL)).toEqual(['https://apiservice.mol.gov.tw/OdService/rest/datastore/A17030000J-000020-8xn'])
    expect(one(service, DCAT.servesDataset)).toEqual(iris.dataset('A17030000J-000020'))
    expect(one(service, DCT.title)!.value).toBe('新制勞工退休基金社會責任投資（SRI）比例')
    for (const n of [1, 2, 3]) expect(one(iris.distribution('A17030000J-000020', n), DCAT.accessService)).toEqual(service)
    expect(one(iris.distribution('A17030000J-000020', 3), DCAT.downloadURL)).toBeUndefined()
    expect(one(iris.distribution('A17030000J-000020', 3), DCAT.accessURL)).toBeDefined()
  })

  it('108354 and 22375: multi-line quoted descriptions survive, and later rows keep their true line numbers', () => {
    expect(one(iris.dataset('108354'), DCT.description)!.value).toContain('資料集，\n資料集內容包含統一編號')
    const ref = result.references.find((r) => r.subject.equals(iris.dataset('137307')))
    expect(ref?.line).toBe(lineOf('137307'))
  })

  it('資料量: a count when given, nothing for "0" (a placeholder) or ""', () => {
    expect(one(iris.distribution('22175', 1), iris.ogd.recordCount)?.value).toBe('27460')
    expect(one(iris.distribution('38129', 1), iris.ogd.recordCount)).toBeUndefined()
    expect(one(iris.distribution('146731', 1), iris.ogd.recordCount)).toBeUndefined()
  })

  it('159479: the compatibility ideograph U+F9C1 in 早期療育 is normalised (NFC)', () => {
    expect(one(iris.dataset('159479'), DCT.title)!.value).toBe('早期\u7642育服務通報轉介中心')
    expect(one(iris.dataset('159479'), DCT.accrualPeriodicity)).toEqual(EU.frequency.$term('NEVER'))
  })

  it('7550: a YYYY/MM/DD 上架日期 becomes xsd:date', () => {
    expect(one(iris.dataset('7550'), DCT.issued)).toEqual(DataFactory.literal('2013-12-27', XSD.date))
  })

  it('87371: a misaligned 檔案格式 is warned about with file and line', () => {
    const warning = result.warnings.find((w) => w.problem.includes('87371'))
    expect(warning).toMatchObject({ file: FIXTURE, line: lineOf('87371') })
    expect(warning?.problem).toContain('misaligned multi-values (檔案格式 2, 資料下載網址 1, 編碼格式 1, 資料量 1)')
    expect(one(iris.distribution('87371', 2), DCAT.accessURL)).toBeUndefined()
  })

  it('a missing BOM makes no difference', () => {
    const withBom = bytes(FIXTURE)
    const withoutBom = importDataGovTwExport(withBom.subarray(3), { iris, file: FIXTURE })
    expect(withoutBom.quads.length).toBe(result.quads.length)
  })

  it('the real 24-row sample imports without a warning', () => {
    const sample = importFile('data/sources/catalog/datagovtw_export_2026_sample.csv')
    expect(sample.stats).toMatchObject({ rows: 24, datasets: 24, distributions: 24, dataServices: 0, warnings: 0 })
  })
})

describe('importDataGovTwExport: warned about, never guessed', () => {
  const lines = readFileSync('data/sources/catalog/datagovtw_export_2026_sample.csv', 'utf8').split('\r\n')
  const header = lines[0]!
  const row10087 = lines.find((l) => l.startsWith('10087,'))!
  const importRows = (...rows: string[]) => importDataGovTwExport(new TextEncoder().encode([header, ...rows, ''].join('\r\n')), { iris, file: 'rows.csv' })

  it('an unusable URL: a warning with file and line, no distribution', () => {
    const result = importRows(row10087.replace('https://www.moj.gov.tw/2204/2771/2773/177621/', 'www.moj.gov.tw/2204/2771/2773/177621/'))
    expect(result.warnings).toEqual([{ file: 'rows.csv', line: 2, problem: 'dataset 10087: distribution 1: unusable URL "www.moj.gov.tw/2204/2771/2773/177621/": distribution left out' }])
    expect(result.quads.filter((q) => q.predicate.equals(DCAT.distribution))).toEqual([])
  })

  it('unknown 服務分類, 更新頻率, 品質檢測 and 檔案格式: warnings, no triple', () => {
    const row = row10087.replace(',公共資訊,金,CSV,', ',醫療保健,優,ODB,').replace(',不定期更新,', ',每旬,')
    const result = importRows(row)
    expect(result.warnings.map((w) => w.problem.replace(/ \(add it.*/, ''))).toEqual([
      'dataset 10087: unknown 服務分類 "醫療保健"', 'dataset 10087: unknown 更新頻率 "每旬"',
      'dataset 10087: unknown 品質檢測 "優"', 'dataset 10087: distribution 1: unknown 檔案格式 "ODB"',
    ])
    const predicates = new Set(result.quads.map((q) => q.predicate.value))
    for (const p of [DCAT.theme, DCT.accrualPeriodicity, DQV.hasQualityAnnotation, DCT.format]) expect(predicates.has(p.value)).toBe(false)
  })

  it('a repeated 資料集識別碼: the second row is left out with a warning', () => {
    const result = importRows(row10087, row10087)
    expect(result.stats).toMatchObject({ rows: 2, datasets: 1 })
    expect(result.warnings[0]).toMatchObject({ line: 3, problem: 'dataset 10087: 資料集識別碼 repeated (first on line 2): row left out, one record per graph' })
  })
})

describe('importDataGovTwExport: refused input', () => {
  const errorOf = (path: string) => {
    try {
      importFile(path)
    } catch (error) {
      return (error as Error).message
    }
    throw new Error(`${path} was accepted`)
  }

  it('a row with the wrong field count: file and the line it starts on (after a multi-line row)', () => {
    expect(errorOf('test/fixtures/catalog/export_malformed_row.csv')).toBe(
      'test/fixtures/catalog/export_malformed_row.csv:5: 21 fields, expected 22 (a comma or a quote out of place?)',
    )
  })

  it('a Big5 file: not UTF-8, with the line and a hint', () => {
    expect(errorOf('test/fixtures/catalog/export_big5.csv')).toMatch(/^test\/fixtures\/catalog\/export_big5\.csv:1: not UTF-8 \(the bytes look like Big5\/CP950/)
  })

  it('an unknown column: file, line 1 and the column', () => {
    expect(errorOf('test/fixtures/catalog/export_unknown_column.csv')).toMatch(/^test\/fixtures\/catalog\/export_unknown_column\.csv:1: unknown column "識別碼"/)
  })

  it('an API v1 JSON response: says it is JSON', () => {
    expect(errorOf('data/sources/catalog/A41000000G-000001.json')).toMatch(/A41000000G-000001\.json:1: this is JSON \(an API v1/)
  })

  it('the 2018 listing: says it is the listing', () => {
    expect(errorOf('test/fixtures/datagovtw_list_2018_fixture.csv')).toMatch(/:1: this is the 2018 data\.gov\.tw listing/)
  })
})
