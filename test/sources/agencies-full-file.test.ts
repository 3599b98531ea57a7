// DGPA agency importer on the whole real list (15,841 rows, original CP950 bytes).
import { readFileSync } from 'node:fs'
import { describe, expect, it } from 'vitest'
import { createIris } from '../../src/model/iris.ts'
import { importDgpaAgencies } from '../../src/sources/dgpa-agencies.ts'
import { DCT, ORG, XSD } from '../../src/vocab/index.ts'

const file = 'data/sources/agencies/dgpa_orglist_cp950_2016snapshot.csv'
const iris = createIris('http://example.org')
const result = importDgpaAgencies(readFileSync(file), { iris, file })

describe('importDgpaAgencies: the whole 2016 DGPA list', () => {
  it('counts what MANIFEST §2a counts', () => {
    // MANIFEST: 15,841 rows, 8,314 active (7 of them planned placeholders, not counted active here), 7,527 abolished.
    expect(result.stats).toMatchObject({
      rows: 15841, agencies: 15841, active: 8307, abolished: 7527, placeholders: 7, fundUnits: 117, roots: 11, missingParents: 4,
    })
  })
  it('reports the missing parents at the lines grep -n gives', () => {
    const lines = result.warnings.filter((w) => w.problem.includes('not in the list')).map((w) => w.line)
    expect(lines).toEqual([14650, 14651, 14653, 14654])
  })
  it('links 國家發展委員會 to 行政院 and to its two predecessors', () => {
    const ndc = iris.agency('A41000000G')
    const has = (s: typeof ndc, p: typeof ndc, o: typeof ndc) =>
      result.quads.some((q) => q.subject.equals(s) && q.predicate.equals(p) && q.object.equals(o) && q.graph.equals(ndc))
    expect(has(ndc, ORG.subOrganizationOf, iris.agency('A00000000A'))).toBe(true)
    expect(has(ndc, ORG.resultedFrom, iris.changeEvent('329000000G', 'A41000000G'))).toBe(true)
    expect(has(ndc, ORG.resultedFrom, iris.changeEvent('341000000A', 'A41000000G'))).toBe(true)
  })
  it('puts every quad in an agency graph and every code in an xsd:string', () => {
    const prefix = `${iris.base}/agency/`
    expect(result.quads.every((q) => q.graph.value.startsWith(prefix))).toBe(true)
    const ids = result.quads.filter((q) => q.predicate.equals(DCT.identifier))
    expect(ids.every((q) => q.object.termType === 'Literal' && q.object.datatype.equals(XSD.string))).toBe(true)
  })
  it('gives every agency node exactly one name (the shapes require skos:prefLabel)', () => {
    const names = new Map<string, number>()
    for (const q of result.quads) if (q.predicate.value.endsWith('prefLabel')) names.set(q.subject.value, (names.get(q.subject.value) ?? 0) + 1)
    expect(names.size).toBe(15841 + result.stats.unresolvedAgents!)
    expect([...names.values()].every((n) => n === 1)).toBe(true)
  })
})
