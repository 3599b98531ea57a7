import { readFileSync } from 'node:fs'
import { DataFactory, Store, type NamedNode, type Term } from 'n3'
import { describe, expect, it } from 'vitest'
import { createIris } from '../../src/model/iris.ts'
import { importDataGovTwApiV1 } from '../../src/sources/datagovtw-api-v1.ts'
import { importDataGovTwExport } from '../../src/sources/datagovtw-export.ts'
import { DCAT, DCT, EU, RDF, SCHEMA, VCARD, XSD } from '../../src/vocab/index.ts'

const iris = createIris('http://example.org')
const pathOf = (id: string) => `data/sources/catalog/${id}.json`
const importRecord = (id: string, options = {}) => importDataGovTwApiV1(readFileSync(pathOf(id), 'utf8'), { iris, file: pathOf(id) }, options)
const valuesIn = (store: Store) => (s: Term, p: NamedNode) => store.getObjects(s, p, null).map((o) => o.value).sort()

describe('importDataGovTwApiV1', () => {
  const ndc = importRecord('A41000000G-000001')
  const ndcStore = new Store(ndc.quads)
  const values = valuesIn(ndcStore)
  const ds = iris.dataset('A41000000G-000001')

  it('A41000000G-000001: the catalogue dataset itself, in its own graph, with its three distributions', () => {
    expect(ndc.stats).toMatchObject({ rows: 1, datasets: 1, distributions: 3, dataServices: 0, warnings: 0 })
    expect(new Set(ndc.quads.map((q) => q.graph.value))).toEqual(new Set([ds.value]))
    expect(values(ds, DCT.identifier)).toEqual(['A41000000G-000001'])
    expect(values(ds, DCT.title)).toEqual(['政府資料開放平臺資料集清單'])
    expect([1, 2, 3].map((n) => values(iris.distribution('A41000000G-000001', n), DCT.format)[0]?.split('/').pop())).toEqual(['CSV', 'JSON', 'XML'])
  })

  it('maps categoryCode, accrualPeriodicity, keywords, spatial and temporal coverage', () => {
    expect(values(ds, DCAT.theme)).toEqual([iris.concept('service-category', 'public-information').value, EU.dataTheme.$term('GOVE').value].sort())
    expect(values(ds, DCT.accrualPeriodicity)).toEqual([EU.frequency.$term('DAILY').value])
    expect(values(ds, DCAT.keyword)).toEqual(['OpenData', '全部資料集', '本站清單'])
    expect(values(ds, DCT.spatial)).toEqual([EU.country.TWN.value])
    const period = ndcStore.getObjects(ds, DCT.temporal, null)[0]!
    expect(ndcStore.getObjects(period, DCAT.startDate, null)).toEqual([DataFactory.literal('2014-01-01T00:00:00+08:00', XSD.dateTime)])
    expect(ndcStore.getObjects(period, DCAT.endDate, null)).toEqual([])
  })

  it('publisherOrgCode comes back with the publisher name reference', () => {
    expect(ndc.references).toEqual([expect.objectContaining({ kind: 'publisher', text: '國家發展委員會', code: 'A41000000G', subject: ds, graph: ds })])
  })

  it('drops Comments (personal data): no commenter name, e-mail or account survives', () => {
    expect(ndc.stats['droppedComments']).toBe(24)
    const text = ndc.quads.map((q) => q.object.value).join('\n')
    for (const personal of ['劉康民', 'gugod@gugod.org', 'F126227294', 'complicated465@hotmail.com']) expect(text).not.toContain(personal)
  })

  it('contact persons only with includePersonalContacts', () => {
    const text = ndc.quads.map((q) => q.object.value).join('\n')
    expect(text).not.toContain('鄭立源')
    expect(text).not.toContain('lycheng@ndc.gov.tw')
    const personal = new Store(importRecord('A41000000G-000001', { includePersonalContacts: true }).quads)
    const emails = personal.getObjects(null, VCARD.hasEmail, null).map((o) => o.value)
    expect(emails).toEqual(['mailto:lycheng@ndc.gov.tw'])
  })

  it('numberOfData as an int (28000) and as a string ("47869") give the same kind of literal', () => {
    expect(ndcStore.getObjects(ds, iris.ogd.recordCount, null)).toEqual([DataFactory.literal('28000', XSD.nonNegativeInteger)])
    const nbinet = new Store(importRecord('A09050000E-000002').quads)
    expect(nbinet.getObjects(iris.dataset('A09050000E-000002'), iris.ogd.recordCount, null)).toEqual([DataFactory.literal('47869', XSD.nonNegativeInteger)])
    const sri = new Store(importRecord('A17030000J-000020').quads)
    expect(sri.getObjects(iris.dataset('A17030000J-000020'), iris.ogd.recordCount, null)).toEqual([])
  })

  it('A09050000E-000002: 19 quarterly CSV distributions, 每季 → QUARTERLY, 中文 → ZHO', () => {
    const nbinet = importRecord('A09050000E-000002')
    const store = new Store(nbinet.quads)
    const ds2 = iris.dataset('A09050000E-000002')
    expect(nbinet.stats['distributions']).toBe(19)
    expect(valuesIn(store)(ds2, DCT.accrualPeriodicity)).toEqual([EU.frequency.$term('QUARTERLY').value])
    expect(valuesIn(store)(ds2, DCT.language)).toEqual([EU.language.ZHO.value])
    expect(valuesIn(store)(iris.distribution('A09050000E-000002', 19), DCT.title)).toEqual(['NBINet圖書聯合目錄(107年第3季)'])
  })

  it('viewCount/downloadCount: counters like the 2018 listing, dated only when the fetch date is given', () => {
    const undated = new Store(importRecord('A09050000E-000002').quads)
    const views = undated.getObjects(iris.dataset('A09050000E-000002'), SCHEMA.interactionStatistic, null)
    expect(views).toHaveLength(2)
    expect(undated.getObjects(null, SCHEMA.observationDate, null)).toEqual([])
    const dated = new Store(importRecord('A09050000E-000002', { observedOn: '2018-10-26' }).quads)
    const counts = dated.getSubjects(SCHEMA.interactionType, SCHEMA.ViewAction, null).flatMap((c) => dated.getObjects(c, SCHEMA.userInteractionCount, null))
    expect(counts.map((c) => c.value)).toEqual(['8437'])
    expect(dated.getQuads(null, SCHEMA.observationDate, null, null).map((q) => q.object.value)).toEqual(['2018-10-26', '2018-10-26'])
    expect(ndcStore.getSubjects(SCHEMA.interactionType, SCHEMA.DownloadAction, null)).toEqual([]) // downloadCount "" is unknown
  })

  it('A17030000J-000020 (SERVICES): a DataService, and keywords written "a,b,c" split', () => {
    const sri = importRecord('A17030000J-000020')
    const store = new Store(sri.quads)
    const service = iris.dataService('A17030000J-000020')
    expect(sri.stats['dataServices']).toBe(1)
    expect(valuesIn(store)(service, RDF.type)).toEqual([DCAT.DataService.value])
    expect(valuesIn(store)(iris.dataset('A17030000J-000020'), DCAT.keyword)).toEqual(['SRI', '新制勞工退休基金', '社會責任投資'])
  })

  it('agrees with the export for the same record (A17030000J-000020 in the export fixture)', () => {
    const file = 'test/fixtures/catalog/datagovtw_export_fixture.csv'
    const exported = new Store(importDataGovTwExport(new Uint8Array(readFileSync(file)), { iris, file }).quads)
    const api = new Store(importRecord('A17030000J-000020').quads)
    const id = 'A17030000J-000020'
    const shared: [Term, NamedNode][] = [
      [iris.dataset(id), DCT.title], [iris.dataset(id), DCT.description], [iris.dataset(id), DCAT.theme],
      [iris.dataset(id), DCT.accrualPeriodicity], [iris.dataset(id), DCT.license], [iris.dataset(id), DCT.issued],
      [iris.dataset(id), DCT.modified], [iris.dataset(id), DCT.accessRights], [iris.dataset(id), DCAT.distribution],
      [iris.dataset(id), iris.ogd.metadataStatus], [iris.dataset(id), iris.ogd.feeNote],
      [iris.dataService(id), DCAT.endpointURL], [iris.dataService(id), DCAT.servesDataset],
      ...[1, 2, 3].flatMap((n): [Term, NamedNode][] =>
        [DCAT.accessURL, DCAT.downloadURL, DCT.format, DCAT.mediaType, DCAT.accessService].map((p) => [iris.distribution(id, n), p])),
    ]
    for (const [s, p] of shared) expect(valuesIn(api)(s, p), `${s.value} ${p.value}`).toEqual(valuesIn(exported)(s, p))
  })
})

describe('importDataGovTwApiV1: refused input', () => {
  const errorOf = (text: string, file = 'input.json') => {
    try {
      importDataGovTwApiV1(text, { iris, file })
    } catch (error) {
      return (error as Error).message
    }
    throw new Error('accepted')
  }

  it('the dataset list response: says it is a list', () => {
    expect(errorOf(readFileSync('data/sources/catalog/dataid_list_all.json', 'utf8'), 'dataid_list_all.json')).toBe(
      'dataid_list_all.json:1: this is an API v1 dataset list (/rest/dataset), not one dataset (/rest/dataset/{id})',
    )
  })

  it('a "Not found" answer', () => {
    expect(errorOf('{"success": false, "result": "Not found"}')).toMatch(/^input\.json:1: the API answered without a dataset/)
  })

  it('the CSV export passed as JSON: not JSON, with the line', () => {
    const csv = readFileSync('test/fixtures/catalog/datagovtw_export_fixture.csv', 'utf8')
    expect(errorOf(csv, 'export.csv')).toBe('export.csv:1: not JSON: this is the 22-column CSV export: use importDataGovTwExport')
  })

  it('broken JSON: the line where it breaks', () => {
    expect(errorOf('{\n  "result": {\n    "identifier": "x",,\n  }\n}')).toMatch(/^input\.json:3: not JSON/)
  })

  it('a result without an identifier names the field', () => {
    expect(errorOf('{"success": true, "result": {"title": "x"}}')).toMatch(/^input\.json: result\.identifier: /)
  })
})
