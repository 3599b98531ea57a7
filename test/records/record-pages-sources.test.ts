/** Record pages show what the record is about, labelled, with its source and the source's date. */
import { beforeAll, describe, expect, it } from 'vitest'
import { createRecordsApp, type TestApp } from './records-app.ts'

let records: TestApp
beforeAll(async () => {
  records = await createRecordsApp()
})

const page = async (path: string, language = 'zh-TW') =>
  (await records.app.request(path, { headers: { accept: 'text/html', 'accept-language': language } })).text()
/** Each fact row as "label => value markup". */
const facts = (html: string) => new Map([...html.matchAll(/<dt>([^<]*)<\/dt><dd>([\s\S]*?)<\/dd>/g)].map((m) => [m[1]!, m[2]!]))

describe('agency pages', () => {
  it('say_they_come_from_the_2016_dgpa_code_list_with_its_date', async () => {
    const html = await page('/agency/A41000000G')
    expect(html).toContain('來源：行政院人事行政總處「行政院所屬中央及地方機關代碼」，2016-01-14 的版本')
    expect(await page('/agency/A41000000G', 'en')).toContain('the DGPA code list of central and local agencies (行政院所屬中央及地方機關代碼) as of 2016-01-14')
  })

  it('state_abolition_as_the_2016_list_does_not_as_a_bare_false', async () => {
    const rows = facts(await page('/agency/A41000000G'))
    expect(rows.get('已裁撤（依 2016 年代碼表）')).toBe('<span>否</span>')
    expect([...rows.values()].join(' ')).not.toContain('>false<')
  })

  it('a_planned_placeholder_says_the_list_records_no_predecessor_for_it', async () => {
    const html = await page('/agency/A19000000G')
    expect(html).toContain('規劃中的組織改造預留的代碼')
  })

  it('show_the_fax_as_fax_not_under_telephone', async () => {
    const rows = facts(await page('/agency/A41000000G'))
    expect(rows.get('電話')).toContain('tel:+886-2-23165300')
    expect(rows.get('電話')).not.toContain('23700415')
    expect(rows.get('傳真')).toContain('tel:+886-2-23700415')
  })

  it('label_standard_properties_instead_of_compact_iris', async () => {
    const labels = [...facts(await page('/agency/A41000000G')).keys()]
    expect(labels).toContain('地址')
    expect(labels.filter((label) => /^[a-z]+:/.test(label))).toEqual([])
  })

  it('list_the_agency_s_own_laws_with_their_count_and_a_link_to_all', async () => {
    const html = await page('/agency/A41000000G')
    const section = html.slice(html.indexOf('id="laws"'), html.indexOf('</section>', html.indexOf('id="laws"')))
    expect(section).toMatch(/主管之法規，共 \d+ 部/)
    expect(section).toContain('國家發展委員會組織法')
  })
})

describe('dataset pages', () => {
  it('list_the_laws_of_the_publisher_s_own_agency_not_its_parent_s', async () => {
    const html = await page('/dataset/6564')
    const section = html.slice(html.indexOf('id="administered"'), html.indexOf('</section>', html.indexOf('id="administered"')))
    expect(section).toContain('<a href="http://localhost/agency/A41000000G">國家發展委員會</a>主管之法規')
    expect(section).toContain('國家發展委員會組織法')
    // The laws of 行政院 (the publisher's parent) are not listed as the publisher's.
    const parentLaws = await records.store.query({ query: 'SELECT ?law WHERE { ?law <http://data.europa.eu/eli/ontology#responsibility_of> <http://localhost:8080/agency/A00000000A> }', mediaType: 'text/csv' })
    const iris = parentLaws.body.split('\r\n').slice(1).filter(Boolean)
    expect(iris.length).toBeGreaterThan(0)
    for (const law of iris) expect(section).not.toContain(law.replace('http://localhost:8080', 'http://localhost'))
  })
})

describe('law pages', () => {
  it('label_the_eli_in_force_concept', async () => {
    const rows = facts(await page('/law/J0070017'))
    expect(rows.get('效力')).toContain('>現行有效</a>')
    expect((await page('/law/J0070017', 'en'))).toContain('>in force</a>')
  })

  it('label_our_own_terms_from_the_ontology', async () => {
    const rows = facts(await page('/law/J0070017'))
    expect(rows.get('條文數')).toBe('<span>158</span>')
    expect([...rows.keys()].filter((label) => label.startsWith('ogd:'))).toEqual([])
  })

  it('tell_the_chinese_and_english_source_pages_apart_and_name_the_source', async () => {
    const html = await page('/law/J0070017')
    const links = facts(html).get('相關網頁') ?? ''
    const texts = [...links.matchAll(/>([^<]+)<\/a>/g)].map((m) => m[1])
    expect(new Set(texts).size).toBe(texts.length)
    expect(html).toContain('來源：法務部全國法規資料庫')
  })
})
