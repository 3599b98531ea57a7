// importMojLaws on 22 real rows of the MOJ metadata CSV (test/fixtures/moj_laws_fixture.csv) and on broken inputs.
import { readFileSync } from 'node:fs'
import { DataFactory, Store, type Term } from 'n3'
import { describe, expect, it } from 'vitest'
import { SourceError } from '../../src/errors.ts'
import { createIris } from '../../src/model/iris.ts'
import { importMojLaws, nameCompetentAgency } from '../../src/sources/moj-laws.ts'
import { ELI, ELI_IN_FORCE, FOAF, RDF, SKOS, XSD } from '../../src/vocab/index.ts'

const { literal, namedNode } = DataFactory
const iris = createIris('http://example.org')
const read = (path: string) => readFileSync(new URL(`../fixtures/${path}`, import.meta.url), 'utf8')
const CSV_FILE = 'test/fixtures/moj_laws_fixture.csv'
const csv = read('moj_laws_fixture.csv')
const index = read('laws/index_fixture.json')
const aliasesJson = read('laws/aliases_fixture.json')
const result = importMojLaws(csv, index, { iris, file: CSV_FILE }, aliasesJson)
const store = new Store(result.quads)

const objects = (subject: Term, predicate: Term, graph: Term | null = null) => store.getObjects(subject, predicate, graph)
const values = (subject: Term, predicate: Term) => objects(subject, predicate).map((o) => o.value).sort()
const importCsv = (text: string, file = 'bad.csv') => () => importMojLaws(text, index, { iris, file })
const law = (pcode: string) => iris.law(pcode)

describe('importMojLaws on real rows', () => {
  it('imports every fixture row as an eli:LegalResource in its own named graph', () => {
    expect(result.stats.laws).toBe(22)
    const laws = store.getSubjects(RDF.type, ELI.LegalResource, null)
    expect(laws).toHaveLength(22)
    for (const subject of laws) expect(store.getQuads(subject, RDF.type, ELI.LegalResource, subject)).toHaveLength(1)
  })

  it('describes I0020026 政府資訊公開法: act, in force, zh and en title, 24 articles, MOJ pages', () => {
    const gil = law('I0020026')
    expect(objects(gil, ELI.id_local)).toEqual([literal('I0020026')])
    expect(objects(gil, ELI.title)).toEqual(expect.arrayContaining([literal('政府資訊公開法', 'zh-Hant'), literal('The Freedom of Government Information Law', 'en')]))
    expect(objects(gil, ELI.type_document)).toEqual([iris.concept('law-kind', 'act')])
    expect(objects(gil, ELI.in_force)).toEqual([ELI_IN_FORCE.inForce])
    expect(objects(gil, ELI.version_date)).toEqual([literal('2005-12-28', XSD.date)])
    expect(objects(gil, iris.ogd.articleCount)).toEqual([literal('24', XSD.integer)])
    expect(values(gil, FOAF.page)).toEqual([
      'https://law.moj.gov.tw/ENG/LawClass/LawAll.aspx?pcode=I0020026',
      'https://law.moj.gov.tw/LawClass/LawAll.aspx?pcode=I0020026',
    ])
  })

  it('files I0020026 under 行政＞法務部＞法律事務目 with a skos:broader chain in the vocab graph', () => {
    const leaf = iris.concept('law-category', '行政＞法務部＞法律事務目')
    expect(objects(law('I0020026'), ELI.is_about)).toEqual([leaf])
    const moj = iris.concept('law-category', '行政＞法務部')
    const top = iris.concept('law-category', '行政')
    expect(store.getObjects(leaf, SKOS.broader, iris.graph('vocab'))).toEqual([moj])
    expect(objects(moj, SKOS.broader)).toEqual([top])
    expect(objects(top, SKOS.topConceptOf)).toEqual([iris.scheme('law-category')])
    expect(objects(leaf, SKOS.altLabel)).toEqual([literal('法律事務目', 'zh-Hant')])
  })

  it('mints each category concept once, even when several laws share it', () => {
    const leaf = iris.concept('law-category', '行政＞法務部＞法律事務目')
    expect(store.getSubjects(ELI.is_about, leaf, null)).toHaveLength(2) // I0020026 and A0030055
    expect(store.getQuads(leaf, RDF.type, SKOS.Concept, null)).toHaveLength(1)
  })

  it('hands the competent agency to the linker as a name reference', () => {
    const ref = result.references.find((r) => r.subject.equals(law('I0020026')))
    expect(ref).toMatchObject({ kind: 'competent-agency', text: '法務部', file: CSV_FILE, line: 9 })
    expect(ref?.graph.equals(law('I0020026'))).toBe(true)
  })

  it('keeps 99991231 out of the dates of I0050021 and keeps its multi-line 生效內容 as a note', () => {
    const pdpa = law('I0050021')
    expect(objects(pdpa, ELI.date_applicability)).toEqual([])
    expect(objects(pdpa, ELI.first_date_entry_in_force)).toEqual([])
    expect(objects(pdpa, iris.ogd.effectiveNote)).toEqual([literal('一百十二年五月三十一日增訂之第 1-1  條條文，施行日期，由行政院定\n之。', 'zh-Hant')])
    expect(objects(pdpa, ELI.title_alternative)).toEqual(expect.arrayContaining([literal('個資法', 'zh-Hant')]))
  })

  it('marks abolished A0010013 not in force, under 廢止法規＞總統府, agency 總統府', () => {
    const abolished = law('A0010013')
    expect(objects(abolished, ELI.in_force)).toEqual([ELI_IN_FORCE.notInForce])
    const category = iris.concept('law-category', '廢止法規＞總統府')
    expect(objects(abolished, ELI.is_about)).toEqual([category])
    expect(objects(category, SKOS.broader)).toEqual([iris.concept('law-category', '廢止法規')])
    expect(result.references.find((r) => r.subject.equals(abolished))?.text).toBe('總統府')
    expect(result.stats.abolished).toBe(4)
  })

  it('types the order A0020134 as 命令, a concept of the law-kind scheme with zh and en labels', () => {
    const order = iris.concept('law-kind', 'order')
    expect(objects(law('A0020134'), ELI.type_document)).toEqual([order])
    expect(values(order, SKOS.prefLabel)).toEqual(['Regulation', '命令'])
    expect(objects(order, RDF.type)).toEqual(expect.arrayContaining([SKOS.Concept, ELI.ResourceType]))
    expect(result.stats.orders).toBe(7)
  })

  it('gives no competent agency for the constitution and reads 院本部 / 國民大會 categories', () => {
    expect(result.references.some((r) => r.subject.equals(law('A0000001')))).toBe(false)
    expect(result.references.find((r) => r.subject.equals(law('A0010002')))?.text).toBe('國民大會')
    expect(nameCompetentAgency('行政＞院本部＞組織目')).toBe('行政院')
    expect(nameCompetentAgency('廢止法規＞行政院衛生署')).toBe('行政院衛生署')
    expect(nameCompetentAgency('廢止法規＞憲法')).toBeUndefined()
    expect(nameCompetentAgency('')).toBeUndefined()
  })

  it('writes no English page for laws without an English version', () => {
    expect(values(law('A0010013'), FOAF.page)).toEqual(['https://law.moj.gov.tw/LawClass/LawAll.aspx?pcode=A0010013'])
    expect(result.warnings).toEqual([])
  })

  it('puts both schemes in the vocab graph', () => {
    const vocab = iris.graph('vocab')
    expect(store.getQuads(iris.scheme('law-kind'), RDF.type, SKOS.ConceptScheme, vocab)).toHaveLength(1)
    expect(store.getQuads(iris.scheme('law-category'), RDF.type, SKOS.ConceptScheme, vocab)).toHaveLength(1)
    expect(store.getQuads(null, SKOS.inScheme, iris.scheme('law-kind'), vocab)).toHaveLength(3)
  })
})

describe('importMojLaws on bad input', () => {
  it('refuses an unknown column, naming it and line 1', () => {
    expect(importCsv(read('laws/bad_unknown_column.csv'))).toThrowError(/^bad\.csv:1: unknown column "備註"/)
  })

  it('refuses a row with a missing field, naming its line', () => {
    const run = importCsv(read('laws/bad_short_row.csv'))
    expect(run).toThrowError(SourceError)
    expect(run).toThrowError(/^bad\.csv:3: malformed CSV/)
  })

  it('refuses an unclosed quote in 生效內容', () => {
    expect(importCsv(read('laws/bad_unclosed_quote.csv'))).toThrowError(/malformed CSV: .*Quote Not Closed/)
  })

  it('refuses JSON given as the CSV', () => {
    expect(importCsv(index, 'laws/index.json')).toThrowError(/^laws\/index\.json:1: this is JSON, not the MOJ law metadata CSV/)
  })

  it('refuses a bad value with its line and column', () => {
    const text = csv.replace('I0020026,政府資訊公開法,法律', 'I0020026,政府資訊公開法,法令')
    expect(importCsv(text)).toThrowError(/^bad\.csv:9: 法規性質: "法令" is not one of/)
    expect(importCsv(csv.replace('A0030297,', 'A003029,'))).toThrowError(/^bad\.csv:8: PCode: "A003029"/)
  })

  it('names the right line across CRLF (as the fixture is written), LF, multi-line fields and blank lines', () => {
    const text = csv.replace('\r\nA0000001', '\r\n\r\nA0000001').replace('T0040001,統計法,法律', 'T0040001,統計法,法典')
    expect(importCsv(text)).toThrowError(/^bad\.csv:18: 法規性質: "法典"/)
    const lf = importMojLaws(csv.replace(/\r\n/g, '\n') + '\n', index, { iris, file: 'lf.csv' })
    expect(lf.references.find((r) => r.subject.equals(law('J0080037')))?.line).toBe(15)
    expect(new Store(lf.quads).getObjects(law('I0050021'), iris.ogd.effectiveNote, null)[0]?.value).toContain('行政院定\n之。')
  })

  it('refuses an index that is not JSON, and an empty CSV', () => {
    expect(() => importMojLaws(csv, csv, { iris, file: 'laws/x.csv' })).toThrowError(/^laws\/index\.json(:\d+)?: not valid JSON/)
    expect(importCsv('')).toThrowError(/^bad\.csv: empty file/)
  })

  it('warns (does not fail) on a law missing from the index and on a page URL of another law', () => {
    const text = csv.replace('LawAll.aspx?pcode=T0040001', 'LawAll.aspx?PCode=T0040002')
    const partial = importMojLaws(text, '[]', { iris, file: 'x.csv' })
    expect(partial.warnings.filter((w) => /not in index\.json/.test(w.problem))).toHaveLength(22)
    expect(partial.warnings.some((w) => w.line === 17 && /T0040001: 法規網址/.test(w.problem))).toBe(true)
    expect(new Store(partial.quads).getObjects(law('T0040001'), FOAF.page, null)).toContainEqual(namedNode('https://law.moj.gov.tw/LawClass/LawAll.aspx?pcode=T0040001'))
  })
})
