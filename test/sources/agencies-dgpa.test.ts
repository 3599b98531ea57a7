// DGPA agency importer on a CP950 fixture cut byte-for-byte from the real list (20 real records on 23 lines).
import { readFileSync } from 'node:fs'
import { DataFactory, type Quad, type Term } from 'n3'
import { describe, expect, it } from 'vitest'
import { createIris } from '../../src/model/iris.ts'
import { importDgpaAgencies } from '../../src/sources/dgpa-agencies.ts'
import { validateQuads } from '../../src/validate/validate.ts'
import { DCT, FOAF, ORG, RDF, SCHEMA, SKOS, VCARD, XSD } from '../../src/vocab/index.ts'

const { literal, namedNode } = DataFactory
const file = 'test/fixtures/agencies/dgpa_orglist_cp950_fixture.csv'
const iris = createIris('http://example.org')
const ogd = iris.ogd
const agency = iris.agency
const result = importDgpaAgencies(readFileSync(file), { iris, file })

const has = (s: Term, p: Term, o: Term, g: Term = s): boolean =>
  result.quads.some((q) => q.subject.equals(s) && q.predicate.equals(p) && q.object.equals(o) && q.graph.equals(g))
const objects = (s: Term, p: Term): Quad['object'][] =>
  result.quads.filter((q) => q.subject.equals(s) && q.predicate.equals(p)).map((q) => q.object)
const zh = (value: string) => literal(value, 'zh-Hant')
const date = (iso: string) => literal(iso, XSD.date)
const bool = (value: boolean) => literal(String(value), XSD.boolean)

describe('importDgpaAgencies: the NDC record', () => {
  const ndc = agency('A41000000G')
  it('types it as agent and formal organisation, in its own graph', () => {
    for (const type of [FOAF.Agent, ORG.Organization, ORG.FormalOrganization]) expect(has(ndc, RDF.type, type)).toBe(true)
    expect(result.quads.filter((q) => q.subject.equals(ndc)).every((q) => q.graph.equals(ndc))).toBe(true)
  })
  it('names it in zh-Hant with foaf:name and skos:prefLabel', () => {
    expect(has(ndc, FOAF.name, zh('國家發展委員會'))).toBe(true)
    expect(has(ndc, SKOS.prefLabel, zh('國家發展委員會'))).toBe(true)
  })
  it('keeps the code as an xsd:string identifier', () => {
    expect(objects(ndc, DCT.identifier)).toEqual([literal('A41000000G', XSD.string)])
  })
  it('classifies its level and links its parent 行政院', () => {
    expect(has(ndc, ORG.classification, iris.concept('agency-level', '2'))).toBe(true)
    expect(objects(ndc, ORG.subOrganizationOf)).toEqual([agency('A00000000A')])
  })
  it('converts the ROC effective date 1030122 to schema:foundingDate 2014-01-22', () => {
    expect(objects(ndc, SCHEMA.foundingDate)).toEqual([date('2014-01-22')])
    expect(has(ndc, ogd.isAbolished, bool(false))).toBe(true)
  })
  it('cleans the trailing "-" of 02-23165300- into a global tel: IRI', () => {
    expect(has(ndc, VCARD.hasTelephone, namedNode('tel:+886-2-23165300'))).toBe(true)
  })
  it('gives the fax as a vcard:Fax node with a tel: value', () => {
    const fax = objects(ndc, VCARD.hasTelephone).find((o) => o.termType === 'BlankNode')!
    expect(has(fax, RDF.type, VCARD.Fax, ndc)).toBe(true)
    expect(has(fax, VCARD.hasValue, namedNode('tel:+886-2-23700415'), ndc)).toBe(true)
  })
  it('gives the address and postcode on a vcard:Address', () => {
    const [address] = objects(ndc, VCARD.hasAddress)
    expect(has(address!, VCARD['street-address'], literal('台北市寶慶路3號', XSD.string), ndc)).toBe(true)
    expect(has(address!, VCARD['postal-code'], literal('100', XSD.string), ndc)).toBe(true)
  })
})

describe('importDgpaAgencies: lineage', () => {
  const ndc = agency('A41000000G')
  const cepd = agency('329000000G')
  const event = iris.changeEvent('329000000G', 'A41000000G')
  it('makes the 經建會 → 國發會 change event in the resulting agency graph', () => {
    expect(has(event, RDF.type, ORG.ChangeEvent, ndc)).toBe(true)
    expect(has(event, ORG.originalOrganization, cepd, ndc)).toBe(true)
    expect(has(event, ORG.resultingOrganization, ndc, ndc)).toBe(true)
    expect(has(event, DCT.date, date('2014-01-22'), ndc)).toBe(true)
  })
  it('states each side in its own graph', () => {
    expect(has(cepd, ORG.changedBy, event, cepd)).toBe(true)
    expect(has(ndc, ORG.resultedFrom, event, ndc)).toBe(true)
  })
  it('merges the event stated by both the old and the new row into one', () => {
    expect(result.quads.filter((q) => q.subject.equals(event) && q.predicate.equals(DCT.date))).toHaveLength(1)
  })
  it('also records 研考會 → 國發會 and marks the old agencies abolished with their date', () => {
    expect(has(ndc, ORG.resultedFrom, iris.changeEvent('341000000A', 'A41000000G'))).toBe(true)
    expect(has(cepd, ogd.isAbolished, bool(true))).toBe(true)
    expect(objects(cepd, SCHEMA.dissolutionDate)).toEqual([date('2014-01-22')])
  })
  it('gives a predecessor missing from the list a minimal unresolved node with the name the row gives', () => {
    const archives = agency('341020000A')
    expect(has(archives, RDF.type, ogd.UnresolvedAgent)).toBe(true)
    expect(has(archives, FOAF.name, zh('檔案管理局'))).toBe(true)
    expect(has(archives, SKOS.prefLabel, zh('檔案管理局'))).toBe(true)
    expect(objects(archives, ogd.isAbolished)).toEqual([])
  })
})

describe('importDgpaAgencies: hierarchy', () => {
  it('gives a root (its own parent) no parent link', () => {
    expect(objects(agency('100000000A'), ORG.subOrganizationOf)).toEqual([])
    expect(objects(agency('A00000000A'), ORG.subOrganizationOf)).toEqual([])
  })
  it('still links a parent missing from the list, to an unresolved node, with a located warning', () => {
    expect(objects(agency('3990099045'), ORG.subOrganizationOf)).toEqual([agency('9999999999')])
    expect(has(agency('9999999999'), RDF.type, ogd.UnresolvedAgent)).toBe(true)
    expect(has(agency('9999999999'), DCT.identifier, literal('9999999999', XSD.string))).toBe(true)
    expect(objects(agency('9999999999'), SKOS.prefLabel)).toEqual([literal('9999999999', XSD.string)])
    expect(result.warnings).toContainEqual({ file, line: 18, problem: expect.stringContaining('9999999999') })
  })
})

describe('importDgpaAgencies: special rows', () => {
  it('types a 1110101 placeholder as ogd:PlannedOrganization, neither formal, active nor founded', () => {
    const planned = agency('A19000000G')
    expect(has(planned, RDF.type, ogd.PlannedOrganization)).toBe(true)
    expect(has(planned, RDF.type, ORG.FormalOrganization)).toBe(false)
    expect(objects(planned, ogd.isAbolished)).toEqual([])
    expect(objects(planned, SCHEMA.foundingDate)).toEqual([])
  })
  it('keeps the placeholder 內政部 A01000000A apart from the real 內政部 301000000A', () => {
    expect(has(agency('A01000000A'), RDF.type, ogd.PlannedOrganization)).toBe(true)
    expect(has(agency('301000000A'), RDF.type, ogd.PlannedOrganization)).toBe(false)
    expect(has(agency('301000000A'), ogd.isAbolished, bool(false))).toBe(true)
  })
  it('types a code ending in a digit as ogd:FundUnit', () => {
    expect(has(agency('3290100005'), RDF.type, ogd.FundUnit)).toBe(true)
    expect(has(agency('A41000000G'), RDF.type, ogd.FundUnit)).toBe(false)
  })
  it('leaves out 0000000 (unknown) dates instead of inventing them', () => {
    const unit = agency('301030000J')
    expect(has(unit, ogd.isAbolished, bool(true))).toBe(true)
    expect(objects(unit, SCHEMA.foundingDate)).toEqual([])
    expect(objects(unit, SCHEMA.dissolutionDate)).toEqual([])
  })
  it('drops phone and fax that are only "--"', () => {
    expect(objects(agency('301030000J'), VCARD.hasTelephone)).toEqual([])
  })
  it('cleans extensions, (03) area codes and local numbers', () => {
    expect(has(agency('315191300M'), VCARD.hasTelephone, namedNode('tel:+886-4-7230212;ext=15'))).toBe(true)
    expect(has(agency('376430100D'), VCARD.hasTelephone, namedNode('tel:+886-3-3326181'))).toBe(true)
    expect(has(agency('376410366I'), VCARD.hasTelephone, namedNode('tel:24901431;phone-context=+886'))).toBe(true)
  })
  it('trims line breaks and tabs that the source leaves inside quoted fields', () => {
    const [address] = objects(agency('310310100R'), VCARD.hasAddress)
    expect(has(address!, VCARD['street-address'], literal('台中市三民路三段129號', XSD.string), agency('310310100R'))).toBe(true)
  })
  it('reports an impossible date (ROC 095/11/31) on its own line, counted past multi-line records', () => {
    expect(result.warnings).toContainEqual({ file, line: 16, problem: expect.stringContaining('0951131') })
    expect(objects(agency('376415121E'), SCHEMA.dissolutionDate)).toEqual([])
  })
})

describe('importDgpaAgencies: stats', () => {
  it('counts rows, agencies and their kinds', () => {
    expect(result.stats).toMatchObject({
      rows: 20, agencies: 20, active: 8, abolished: 10, placeholders: 2, fundUnits: 2, roots: 3, missingParents: 7,
    })
  })
})

describe('importDgpaAgencies: shapes', () => {
  it('conforms to our ogd shapes (names, one string code, at most one parent that is an organisation)', async () => {
    const report = await validateQuads(result.quads, { shapesDir: 'shapes', profile: 'ogd' })
    expect(report.issues).toEqual([])
  })
})
