// DGPA agency importer on bad input: wrong encoding, wrong header, malformed rows, duplicate codes.
import { readFileSync } from 'node:fs'
import iconv from 'iconv-lite'
import { describe, expect, it } from 'vitest'
import { SourceError } from '../../src/errors.ts'
import { createIris } from '../../src/model/iris.ts'
import { importDgpaAgencies } from '../../src/sources/dgpa-agencies.ts'
import { FOAF, RDF } from '../../src/vocab/index.ts'

const iris = createIris('http://example.org')
const fixture = 'test/fixtures/agencies/dgpa_orglist_cp950_fixture.csv'
const bytes = readFileSync(fixture)
const text = iconv.decode(bytes, 'cp950')

/** Run the importer and return the SourceError it throws. */
function catchSourceError(input: Uint8Array, file = 'input.csv'): SourceError {
  try {
    importDgpaAgencies(input, { iris, file })
  } catch (error) {
    if (error instanceof SourceError) return error
    throw error
  }
  throw new Error('expected a SourceError')
}

describe('importDgpaAgencies: encoding', () => {
  it('refuses the UTF-8 transcoding with one message naming file, line and problem', () => {
    const file = 'data/sources/agencies/dgpa_orglist_utf8_2016snapshot.csv'
    const error = catchSourceError(readFileSync(file), file)
    expect(error.file).toBe(file)
    expect(error.line).toBe(1)
    expect(error.message).toMatch(/^data\/sources\/agencies\/dgpa_orglist_utf8_2016snapshot\.csv:1: is UTF-8 text .*CP950/)
  })
  it('refuses a binary file', () => {
    const error = catchSourceError(Buffer.concat([bytes.subarray(0, 40), Buffer.from([0, 1, 2])]))
    expect(error.message).toMatch(/^input\.csv:1: contains a NUL byte/)
  })
  it('refuses bytes that are not CP950, naming their line', () => {
    const lines = text.split('\n')
    const broken = Buffer.concat([iconv.encode(lines.slice(0, 4).join('\n') + '\n', 'cp950'), Buffer.from([0xff, 0xff, 0x0a])])
    expect(catchSourceError(broken).message).toMatch(/^input\.csv:5: has bytes that are not valid CP950/)
  })
})

describe('importDgpaAgencies: header and rows', () => {
  it('names an unknown and a missing column', () => {
    const renamed = iconv.encode(text.replace('"傳真"', '"傳真號碼"'), 'cp950')
    const error = catchSourceError(renamed)
    expect(error.line).toBe(1)
    expect(error.problem).toContain('unknown column "傳真號碼"')
    expect(error.problem).toContain('missing column "傳真"')
  })
  it('rejects a row with a missing field, naming file and line', () => {
    const lines = text.split('\n')
    lines[4] = lines[4]!.replace(/,""\r$/, '\r')
    const error = catchSourceError(iconv.encode(lines.join('\n'), 'cp950'))
    expect(error.message).toBe('input.csv:5: row has 16 fields, expected 17 (a missing or extra comma?)')
  })
  it('keeps the first row of a duplicated code and reports the later one', () => {
    const row20 = text.split('\n')[19]!
    const duplicate = iconv.encode(`${text}${row20.replace('A01000000A', '301000000A')}\n`, 'cp950')
    const result = importDgpaAgencies(duplicate, { iris, file: 'input.csv' })
    const interior = iris.agency('301000000A')
    expect(result.quads.filter((q) => q.subject.equals(interior) && q.predicate.equals(FOAF.name))).toHaveLength(1)
    expect(result.quads.some((q) => q.subject.equals(interior) && q.predicate.equals(RDF.type) && q.object.equals(iris.ogd.PlannedOrganization))).toBe(false)
    expect(result.warnings).toContainEqual({ file: 'input.csv', line: 24, problem: expect.stringMatching(/301000000A is already listed on line 5/) })
    expect(result.stats).toMatchObject({ rows: 21, agencies: 20 })
  })
})
