/** Validation in chunks of partial records gives the report one run over the whole graph gives. */
import { describe, expect, it } from 'vitest'
import { validateInChunks } from '../../src/build/validate-chunks.ts'
import { indexRecords } from '../../src/build/run-build.ts'
import { toDefaultGraphStore, validateQuads, type ValidationIssue } from '../../src/validate/validate.ts'
import { buildCatalogue, CATALOGUE_INPUTS } from './catalogue-fixture.ts'

const { quads } = buildCatalogue()
const recordOf = indexRecords(quads)
const sorted = (issues: ValidationIssue[]) => issues.map((i) => JSON.stringify(i)).sort()

describe('validateInChunks', () => {
  it('finds, 50 partial records at a time (3 chunks), exactly the issues of one DCAT-AP 3.0.1 run over the whole graph', async () => {
    const whole = await validateQuads(toDefaultGraphStore(quads), { shapesDir: CATALOGUE_INPUTS.shapesDir, profile: 'dcat-ap-3.0.1', recordOf: (f) => recordOf.get(f) })
    const [chunked] = await validateInChunks(quads, { shapesDir: CATALOGUE_INPUTS.shapesDir, profiles: ['dcat-ap-3.0.1'], recordOf: (f) => recordOf.get(f), perChunk: 50 })
    expect(whole.issues.length).toBeGreaterThan(100) // the partial records' missing descriptions, at least
    expect(sorted(chunked!.issues)).toEqual(sorted(whole.issues))
    expect(chunked!.conforms).toBe(whole.conforms)
  }, 300_000)
})
