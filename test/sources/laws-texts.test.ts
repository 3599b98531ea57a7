// importMojLawTexts on real MOJ full texts (FalVMingLing zh, Eng_FalVMingLing en) copied into test/fixtures/laws.
import { readFileSync } from 'node:fs'
import { DataFactory, Store, type Term } from 'n3'
import { describe, expect, it } from 'vitest'
import { createIris } from '../../src/model/iris.ts'
import { importMojLawTexts } from '../../src/sources/moj-law-texts.ts'
import { ELI, RDF, SKOS, XSD } from '../../src/vocab/index.ts'

const { literal } = DataFactory
const iris = createIris('http://example.org')
const read = (path: string) => readFileSync(new URL(`../fixtures/laws/${path}`, import.meta.url), 'utf8')
const importLaw = (pcode: string, withEnglish = true) =>
  importMojLawTexts(read(`FalVMingLing/${pcode}.json`), withEnglish ? read(`Eng_FalVMingLing/${pcode}.json`) : undefined, {
    iris, file: `laws/FalVMingLing/${pcode}.json`,
  })

const gil = importLaw('I0020026')
const store = new Store(gil.quads)
const law = iris.law('I0020026')
const objects = (subject: Term, predicate: Term) => store.getObjects(subject, predicate, null)

describe('importMojLawTexts', () => {
  it('gives 政府資訊公開法 I0020026 exactly 24 articles, linked both ways, in the law graph', () => {
    const parts = store.getObjects(law, ELI.has_part, law)
    expect(parts).toHaveLength(24)
    expect(store.getSubjects(RDF.type, ELI.LegalResourceSubdivision, law)).toHaveLength(24)
    for (const part of parts) expect(objects(part, ELI.is_part_of)).toEqual([law])
    expect(gil.quads.every((q) => q.graph.equals(law))).toBe(true)
    expect(gil.warnings).toEqual([])
  })

  it('holds article 1 in zh and en, with its number and chapter', () => {
    const first = iris.lawArticle('I0020026', '1')
    expect(objects(first, ELI.number)).toEqual([literal('1')])
    const texts = objects(first, iris.ogd.articleText)
    expect(texts.find((t) => t.id.endsWith('@zh-hant'))?.value).toMatch(/^為建立政府資訊公開制度，便利人民共享及公平利用政府資訊/)
    expect(texts.find((t) => t.id.endsWith('@en'))?.value).toMatch(/^This Law is enacted to establish the institution for the publication of government information/)
    expect(objects(first, iris.ogd.chapterTitle)).toEqual(expect.arrayContaining([literal('第 一 章 總則', 'zh-Hant'), literal('Chapter 1 General Principles', 'en')]))
  })

  it('keeps the history and reads the first promulgation date from it', () => {
    expect(objects(law, SKOS.historyNote).map((h) => h.value)).toEqual(expect.arrayContaining([expect.stringMatching(/^1\.中華民國九十四年十二月二十八日/), '1.Announced on December 28, 2005']))
    expect(objects(law, ELI.date_document)).toEqual([literal('2005-12-28', XSD.date)])
  })

  it('gives article numbers like 第 98-1 條 a clean segment and nests 章 > 節 > 款 headings (著作權法 J0070017)', () => {
    const copyright = new Store(importLaw('J0070017').quads)
    const article = iris.lawArticle('J0070017', '98-1')
    expect(article.value).toBe('http://example.org/law/J0070017/article/98-1')
    expect(copyright.getObjects(article, ELI.number, null)).toEqual([literal('98-1')])
    expect(copyright.getObjects(iris.lawArticle('J0070017', '22'), iris.ogd.chapterTitle, null)).toContainEqual(
      literal('第 三 章 著作人及著作權＞第 四 節 著作財產權＞第 一 款 著作財產權之種類', 'zh-Hant'),
    )
    expect(copyright.getObjects(iris.ogd.articleText, null, null)).toEqual([])
    expect(copyright.getObjects(iris.law('J0070017'), ELI.date_document, null)).toEqual([literal('1928-05-14', XSD.date)])
  })

  it('imports A0020134, which has no English text, in zh only', () => {
    const fees = importLaw('A0020134', false)
    expect(fees.stats).toMatchObject({ articles: 8, englishArticles: 0 })
    expect(fees.quads.some((q) => q.object.termType === 'Literal' && q.object.language === 'en')).toBe(false)
  })

  it('warns about an article present in one language only', () => {
    const en = JSON.parse(read('Eng_FalVMingLing/I0020026.json'))
    en.法規內容 = en.法規內容.filter((item: { 條號?: string }) => item.條號 !== 'Article 24')
    const partial = importMojLawTexts(read('FalVMingLing/I0020026.json'), JSON.stringify(en), { iris, file: 'laws/FalVMingLing/I0020026.json' })
    expect(partial.warnings).toEqual([{ file: 'laws/Eng_FalVMingLing/I0020026.json', problem: 'I0020026: article 24 has no English text' }])
  })

  it('refuses an English text of another law, broken JSON and an unreadable article number', () => {
    const zh = read('FalVMingLing/I0020026.json')
    const ctx = { iris, file: 'laws/FalVMingLing/I0020026.json' }
    expect(() => importMojLawTexts(zh, read('Eng_FalVMingLing/J0070017.json'), ctx)).toThrowError(/^laws\/Eng_FalVMingLing\/I0020026\.json: is the English text of J0070017/)
    expect(() => importMojLawTexts(zh.slice(0, 200), undefined, ctx)).toThrowError(/^laws\/FalVMingLing\/I0020026\.json(:\d+)?: not valid JSON/)
    expect(() => importMojLawTexts(zh.replace('第 5 條', '第五條'), undefined, ctx)).toThrowError(/條號 "第五條" is not an article number/)
    expect(() => importMojLawTexts('[]', undefined, ctx)).toThrowError(/expected a MOJ full-text object/)
  })
})
