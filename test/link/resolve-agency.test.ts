/** Publisher-name resolution against the real 2016 DGPA list: each method on names seen in the real sources. */
import { readFileSync } from 'node:fs'
import { join } from 'node:path'
import { beforeAll, describe, expect, it } from 'vitest'
import { createIris } from '../../src/model/iris.ts'
import { importDgpaAgencies } from '../../src/sources/dgpa-agencies.ts'
import { buildAgencyIndex } from '../../src/link/agency-index.ts'
import { createAgencyResolver, type AgencyResolver } from '../../src/link/resolve-agency.ts'
import { readAbbreviations, readRenameRules } from '../../src/link/abbreviations.ts'
import { linkReferences, resolvedShare } from '../../src/link/link-references.ts'
import { normalizeAgencyName } from '../../src/link/normalize-name.ts'
import { REPO_ROOT } from '../../src/cli/paths.ts'
import { DCT, FOAF, ORG, RDF } from '../../src/vocab/index.ts'

const iris = createIris('http://localhost:8080')
let resolve: AgencyResolver

beforeAll(() => {
  const file = join(REPO_ROOT, 'data/sources/agencies/dgpa_orglist_cp950_2016snapshot.csv')
  const agencies = importDgpaAgencies(readFileSync(file), { iris, file: 'dgpa.csv' })
  const mappings = join(REPO_ROOT, 'data/mappings')
  resolve = createAgencyResolver(buildAgencyIndex(agencies.quads, iris), {
    abbreviations: readAbbreviations(readFileSync(join(mappings, 'agency-abbreviations.csv'), 'utf8')),
    renames: readRenameRules(readFileSync(join(mappings, 'agency-renames.csv'), 'utf8')),
  })
})

describe('normalizeAgencyName', () => {
  it.each([
    ['台北市政府', '臺北市政府'],
    ['臺北市政府　', '臺北市政府'],
    ['ＮＣＣ', 'NCC'],
    [' 國家發展 委員會 ', '國家發展委員會'],
  ])('%s → %s', (input, expected) => expect(normalizeAgencyName(input)).toBe(expected))
})

describe('resolving publisher names (real names from data.gov.tw)', () => {
  it.each([
    ['國家發展委員會', 'exact-name', 'A41000000G'],
    ['台北市政府', 'exact-name', '379000000A'],
    ['行政院', 'exact-name', 'A00000000A'],
    ['國發會', 'abbreviation', 'A41000000G'],
    ['臺灣高等檢察署', 'former-name', undefined],
    ['嘉義縣竹崎戶政事務所', 'former-name', undefined],
    ['農業部', 'planned-organization', 'A19000000G'],
  ])('%s resolves by %s', (name, method, code) => {
    const resolution = resolve(name)
    expect(resolution.method).toBe(method)
    expect(resolution.agency).toBeDefined()
    if (code) expect(resolution.agency!.code).toBe(code)
  })

  it('prefers the code a source gives over its name', () => {
    expect(resolve('某個寫錯的名稱', 'A41000000G')).toMatchObject({ method: 'code', agency: { code: 'A41000000G' } })
  })

  it('resolves a ministry unit (衛生福利部統計處) as a unit of the ministry', () => {
    expect(resolve('衛生福利部統計處')).toMatchObject({ method: 'unit-of', unitName: '統計處', agency: { names: expect.arrayContaining(['衛生福利部']) } })
  })

  it('resolves an abbreviation by unique suffix (警政署 → 內政部警政署)', () => {
    expect(resolve('警政署')).toMatchObject({ method: 'unique-suffix', agency: { names: expect.arrayContaining(['內政部警政署']) } })
  })

  it('leaves an ambiguous bare unit name (統計處) unresolved rather than guessing', () => {
    expect(resolve('統計處')).toEqual({ method: 'unresolved' })
  })
})

describe('linkReferences', () => {
  it('links, records provenance, and makes one unresolved agent node per unknown name', () => {
    const dataset = (id: string) => iris.dataset(id)
    const refs = ['國家發展委員會', '統計處', '統計處'].map((text, n) => ({
      kind: 'publisher' as const, subject: dataset(String(n)), graph: dataset(String(n)), text, file: 'x.csv', line: n + 2,
    }))
    const { quads, stats } = linkReferences(refs, resolve, iris)
    const publisherOf = (n: number) => quads.find((q) => q.subject.equals(dataset(String(n))) && q.predicate.equals(DCT.publisher))?.object
    expect(publisherOf(0)?.equals(iris.agency('A41000000G'))).toBe(true)
    expect(publisherOf(1)?.equals(iris.unresolvedAgency('統計處'))).toBe(true)
    const unresolvedNodes = quads.filter((q) => q.predicate.equals(RDF.type) && q.object.equals(iris.ogd.UnresolvedAgent))
    expect(unresolvedNodes).toHaveLength(1)
    expect(quads.some((q) => q.subject.equals(iris.unresolvedAgency('統計處')) && q.predicate.equals(FOAF.name))).toBe(true)
    expect(quads.some((q) => q.subject.equals(iris.linkRecord(dataset('0'), 'publisher')) && q.predicate.equals(iris.ogd.linkMethod) && q.object.equals(iris.concept('link-method', 'exact-name')))).toBe(true)
    expect(resolvedShare(stats, 'publisher')).toEqual({ resolved: 1, total: 3, share: 1 / 3 })
  })

  it('puts an organic-law link in the agency record', () => {
    const law = iris.law('A0010106')
    const { quads } = linkReferences([{ kind: 'organic-law-agency', subject: law, graph: law, text: '國家發展委員會', file: 'x.json' }], resolve, iris)
    const link = quads.find((q) => q.predicate.equals(iris.ogd.organicLaw))!
    expect(link.subject.equals(iris.agency('A41000000G'))).toBe(true)
    expect(link.graph.equals(iris.agency('A41000000G'))).toBe(true)
    expect(link.object.equals(law)).toBe(true)
  })

  it('makes a unit node (法務部統計處, 285 datasets in 2018) that is a unit of its ministry', () => {
    const resolution = resolve('法務部統計處')
    expect(resolution).toMatchObject({ method: 'unit-of', unitName: '統計處' })
    const ministry = resolution.agency!
    expect(ministry.names).toContain('法務部')
    const { quads } = linkReferences([{ kind: 'publisher', subject: iris.dataset('9'), graph: iris.dataset('9'), text: '法務部統計處', file: 'x' }], resolve, iris)
    const unit = iris.agencyUnit(ministry.code, '統計處')
    expect(quads.some((q) => q.subject.equals(unit) && q.predicate.equals(ORG.unitOf) && q.object.value === ministry.iri)).toBe(true)
    expect(quads.some((q) => q.subject.equals(iris.dataset('9')) && q.predicate.equals(DCT.publisher) && q.object.equals(unit))).toBe(true)
  })
})
