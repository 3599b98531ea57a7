// importLicences on the real OGDL-Taiwan-1.0 text and the 2013 usage-rules excerpt (test/fixtures/licences).
import { readFileSync } from 'node:fs'
import { DataFactory, Store, type Term } from 'n3'
import { describe, expect, it } from 'vitest'
import { createIris } from '../../src/model/iris.ts'
import { importLicences } from '../../src/sources/licences.ts'
import { CC, DCT, EU, FOAF, ODRL, OWL, RDF, SPDX_LICENSES, XSD } from '../../src/vocab/index.ts'

const { literal, namedNode } = DataFactory
const iris = createIris('http://example.org')
const read = (name: string) => readFileSync(new URL(`../fixtures/licences/${name}`, import.meta.url), 'utf8')
const ogdlText = read('OGDL-Taiwan-1.0.txt')
const rulesText = read('data-gov-tw-usage-rules-2013-excerpt.txt')
const ctx = { iris, file: 'license/OGDL-Taiwan-1.0.txt' }
const result = importLicences(ogdlText, rulesText, ctx)
const store = new Store(result.quads)
const ogdl = iris.license('OGDL-Taiwan-1.0')
const rules = iris.license('data-gov-tw-usage-rules-2013')
const objects = (subject: Term, predicate: Term) => store.getObjects(subject, predicate, null)

describe('importLicences', () => {
  it('describes OGDL-Taiwan-1.0 in its own graph, owl:sameAs its SPDX IRI', () => {
    expect(store.getQuads(ogdl, RDF.type, DCT.LicenseDocument, ogdl)).toHaveLength(1)
    expect(objects(ogdl, RDF.type)).toContainEqual(CC.License)
    expect(objects(ogdl, OWL.sameAs)).toEqual([namedNode('http://spdx.org/licenses/OGDL-Taiwan-1.0')])
    expect(objects(ogdl, DCT.identifier)).toEqual([literal('OGDL-Taiwan-1.0')])
    expect(objects(ogdl, DCT.issued)).toEqual([literal('2015-07-27', XSD.date)])
    expect(objects(ogdl, DCT.title)).toEqual(expect.arrayContaining([literal('政府資料開放授權條款－第1版', 'zh-Hant'), literal('Open Government Data License, version 1.0', 'en')]))
    expect(objects(ogdl, FOAF.page).map((p) => p.value).sort()).toEqual(['http://data.gov.tw/license', 'https://data.gov.tw/en/license', 'https://data.gov.tw/license'])
  })

  it('states the CC permissions and requirements', () => {
    expect(objects(ogdl, CC.permits)).toEqual(expect.arrayContaining([CC.Reproduction, CC.Distribution, CC.DerivativeWorks]))
    expect(objects(ogdl, CC.requires)).toEqual(expect.arrayContaining([CC.Attribution, CC.Notice]))
  })

  it('renders the licence as an ODRL Set whose every permission carries the attribute duty', () => {
    const policy = iris.policy('OGDL-Taiwan-1.0')
    expect(objects(policy, RDF.type)).toContainEqual(ODRL.Set)
    const permissions = objects(policy, ODRL.permission)
    const actions = permissions.flatMap((p) => objects(p, ODRL.action))
    expect(actions).toEqual(expect.arrayContaining([ODRL.reproduce, ODRL.distribute, ODRL.modify, ODRL.derive, ODRL.commercialize]))
    for (const permission of permissions) {
      const duties = objects(permission, ODRL.duty)
      expect(duties).toHaveLength(1)
      expect(objects(duties[0]!, ODRL.action)).toEqual([ODRL.attribute])
    }
  })

  it('declares compatibility with CC BY 4.0 (§4.2) and describes CC BY 4.0 minimally', () => {
    const ccBy = SPDX_LICENSES['CC-BY-4.0']
    expect(objects(ogdl, iris.ogd.compatibleWith)).toEqual([namedNode('http://spdx.org/licenses/CC-BY-4.0')])
    expect(objects(ccBy, OWL.sameAs)).toEqual([EU.licence.CC_BY_4_0])
    expect(objects(ccBy, DCT.title)).toContainEqual(literal('Creative Commons Attribution 4.0 International', 'en'))
    expect(objects(ccBy, FOAF.page)).toEqual([namedNode('https://creativecommons.org/licenses/by/4.0/')])
  })

  it('records the 2013 usage rules as replaced by OGDL and says the text in hand is an excerpt', () => {
    expect(store.getQuads(rules, DCT.isReplacedBy, ogdl, rules)).toHaveLength(1)
    expect(objects(ogdl, DCT.replaces)).toEqual([rules])
    expect(objects(rules, DCT.issued)).toEqual([literal('2013-04-26', XSD.date)])
    expect(objects(rules, FOAF.page)).toEqual([namedNode('http://data.gov.tw/opendata/principle')])
    expect(objects(rules, DCT.description).map((d) => d.value)).toContainEqual(expect.stringMatching(/excerpt only/))
  })

  it('skips the compatibility, with a warning, when §4.2 is not in the text', () => {
    const without = importLicences(ogdlText.replace('本條款與「創用CC授權', '本條款與「其他授權'), rulesText, ctx)
    expect(without.quads.some((q) => q.predicate.equals(iris.ogd.compatibleWith))).toBe(false)
    expect(without.warnings).toHaveLength(1)
  })

  it('refuses texts given in the wrong order or truncated', () => {
    expect(() => importLicences(rulesText, ogdlText, ctx)).toThrowError(/^license\/OGDL-Taiwan-1\.0\.txt:1: .* is not the OGDL-Taiwan-1\.0 text/)
    expect(() => importLicences(ogdlText.split('Open Government Data License, version 1.0')[0]!, rulesText, ctx)).toThrowError(/no English part/)
    expect(() => importLicences(ogdlText, ogdlText, ctx)).toThrowError(/^license\/data-gov-tw-usage-rules-2013-excerpt\.txt: .* is not 政府資料開放平臺資料使用規範/)
  })
})
