/** A remote store's SPARQL JSON answers read back as the embedded store would have given them (src/store/remote-results.ts). */
import { describe, expect, it } from 'vitest'
import oxigraph from 'oxigraph'
import { readJsonResults } from '../../src/store/remote-results.ts'

const XSD = 'http://www.w3.org/2001/XMLSchema#'
const answer = (bindings: object[]) => JSON.stringify({ head: { vars: ['o'] }, results: { bindings } })

/** What the embedded engine stores for one typed literal: the reference the remote answers must match. */
function embedded(value: string, datatype: string) {
  const store = new oxigraph.Store()
  store.add(oxigraph.quad(oxigraph.namedNode('urn:s'), oxigraph.namedNode('urn:p'), oxigraph.literal(value, oxigraph.namedNode(datatype))))
  const [quad] = store.match(null, null, null, null)
  const object = quad!.object as oxigraph.Literal
  return { type: 'literal', value: object.value, datatype: object.datatype.value }
}

describe('remote results are normalised to the embedded store\'s literals', () => {
  it('integer_derived_decimal_double_and_boolean_literals_take_the_engines_canonical_form', () => {
    const cases: [string, string][] = [['01', 'nonNegativeInteger'], ['+7', 'integer'], ['5', 'positiveInteger'], ['07', 'int'], ['1.50', 'decimal'], ['1.50', 'double'], ['1', 'boolean'], ['2016-01-01T00:00:00.000Z', 'dateTime']]
    const { rows } = readJsonResults(answer(cases.map(([value, type]) => ({ o: { type: 'typed-literal', value, datatype: XSD + type } }))))
    expect(rows.map((row) => row.o)).toEqual(cases.map(([value, type]) => embedded(value, XSD + type)))
    expect(rows[0]!.o).toEqual({ type: 'literal', value: '1', datatype: `${XSD}integer` })
  })

  it('plain_language_tagged_foreign_typed_and_ill_formed_literals_are_left_as_written', () => {
    const { rows } = readJsonResults(answer([
      { o: { type: 'literal', value: '01' } },
      { o: { type: 'literal', value: '名稱', 'xml:lang': 'zh-Hant' } },
      { o: { type: 'typed-literal', value: '01', datatype: 'https://example.org/code' } },
      { o: { type: 'typed-literal', value: 'abc', datatype: `${XSD}integer` } },
    ]))
    expect(rows.map((row) => row.o)).toEqual([
      { type: 'literal', value: '01' },
      { type: 'literal', value: '名稱', 'xml:lang': 'zh-Hant' },
      { type: 'literal', value: '01', datatype: 'https://example.org/code' },
      { type: 'literal', value: 'abc', datatype: `${XSD}integer` },
    ])
  })
})
