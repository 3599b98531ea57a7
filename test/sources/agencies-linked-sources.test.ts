// The smaller agency sources: English names, the OID crosswalk, organic-law references (fixtures cut from the real files).
import { readFileSync } from 'node:fs'
import { DataFactory } from 'n3'
import { describe, expect, it } from 'vitest'
import { SourceError } from '../../src/errors.ts'
import { createIris } from '../../src/model/iris.ts'
import { importAgencyEnglishNames, importAgencyOids, importOrganicLaws } from '../../src/sources/dgpa-agencies.ts'
import { ADMS, FOAF, RDF, SKOS, XSD } from '../../src/vocab/index.ts'

const { literal } = DataFactory
const iris = createIris('http://example.org')
const read = (file: string) => ({ text: readFileSync(file, 'utf8'), ctx: { iris, file } })

describe('importAgencyEnglishNames', () => {
  const { text, ctx } = read('test/fixtures/agencies/ipgod_agencies_name_fixture.csv')
  const result = importAgencyEnglishNames(text, ctx)
  const ndc = iris.agency('A41000000G')
  it('adds @en prefLabel and foaf:name in the agency graph', () => {
    const en = literal('National Development Council', 'en')
    expect(result.quads.some((q) => q.subject.equals(ndc) && q.predicate.equals(SKOS.prefLabel) && q.object.equals(en) && q.graph.equals(ndc))).toBe(true)
    expect(result.quads.some((q) => q.subject.equals(ndc) && q.predicate.equals(FOAF.name) && q.object.equals(en) && q.graph.equals(ndc))).toBe(true)
  })
  it('trims the trailing space of a real English name and keeps quoted commas', () => {
    const names = result.quads.filter((q) => q.predicate.equals(SKOS.prefLabel)).map((q) => q.object.value)
    expect(names).toContain('Construction and Planning Agency Ministry of the Interior (CPAMI)')
    expect(names).toContain('Architecture and Building Research Institute, MOI')
  })
  it('counts rows and names', () => expect(result.stats).toEqual({ rows: 9, names: 9 }))
  it('rejects an unknown column', () => {
    expect(() => importAgencyEnglishNames(text.replace('英文名稱', 'English'), ctx)).toThrow(/:1: header has unknown column "English"; missing column "英文名稱"/)
  })
})

describe('importAgencyOids', () => {
  const { text, ctx } = read('test/fixtures/agencies/ey_agencies_oid_fixture.csv')
  const result = importAgencyOids(text, ctx)
  const ndc = iris.agency('A41000000G')
  it('gives the OID as an adms:Identifier with skos:notation in the agency graph', () => {
    const id = result.quads.find((q) => q.subject.equals(ndc) && q.predicate.equals(ADMS.identifier))!.object
    const has = (p: typeof ndc, o: Parameters<typeof ndc.equals>[0]) =>
      result.quads.some((q) => q.subject.equals(id) && q.predicate.equals(p) && q.object.equals(o!) && q.graph.equals(ndc))
    expect(has(RDF.type, ADMS.Identifier)).toBe(true)
    expect(has(SKOS.notation, literal('2.16.886.101.20003.20069', XSD.string))).toBe(true)
  })
  it('skips rows flagged in the note column, with a warning quoting the note', () => {
    expect(result.quads.some((q) => q.subject.equals(iris.agency('A19000000G')))).toBe(false)
    expect(result.warnings.map((w) => w.line)).toEqual([3, 4, 6])
    expect(result.warnings[0]!.problem).toContain('2016 placeholder row')
  })
  it('counts attached and skipped OIDs', () => expect(result.stats).toEqual({ rows: 5, oids: 2, skipped: 3 }))
})

describe('importOrganicLaws', () => {
  const { text, ctx } = read('test/fixtures/agencies/ronnywang_tw-gov-org_fixture.json')
  const result = importOrganicLaws(text, ctx)
  it('refers from the organic law to the agency by name, in the law graph, with no quads', () => {
    const law = iris.law('A0010106')
    expect(result.references).toContainEqual({
      kind: 'organic-law-agency', subject: law, graph: law, text: '國家發展委員會', file: ctx.file, line: expect.any(Number),
    })
    expect(result.quads).toEqual([])
    expect(result.references).toHaveLength(3)
  })
  it('points each reference at the line of its entry', () => {
    const line = result.references.find((r) => r.text === '國家發展委員會')!.line!
    expect(text.split('\n')[line - 1]).toContain('"國家發展委員會": {')
  })
  it('warns about an entry whose 法規網址 has no PCODE', () => {
    const broken = importOrganicLaws('{"某機關": {"單位": "某機關", "法規網址": "http://law.moj.gov.tw/"}}', ctx)
    expect(broken.references).toEqual([])
    expect(broken.warnings[0]!.problem).toContain('has no PCODE')
  })
  it('rejects a file that is not a JSON object', () => {
    expect(() => importOrganicLaws('[1, 2]', ctx)).toThrow(SourceError)
  })
})
