import { DataFactory } from 'n3'
import oxigraph from 'oxigraph'
import { describe, expect, it } from 'vitest'
import { AppError } from '../../src/errors.ts'
import { sparql } from '../../src/query/sparql-tag.ts'
import { DCAT, XSD } from '../../src/vocab/index.ts'

const { namedNode, literal, variable, blankNode } = DataFactory

describe('sparql tag: terms', () => {
  it('writes_a_named_node_as_an_iri', () => {
    expect(sparql`DESCRIBE ${namedNode('http://kg.example.tw/dataset/1')}`).toBe('DESCRIBE <http://kg.example.tw/dataset/1>')
  })

  it('writes_vocabulary_constants', () => {
    expect(sparql`SELECT ?d { ?d a ${DCAT.Dataset} }`).toBe(`SELECT ?d { ?d a <${DCAT.Dataset.value}> }`)
  })

  it('accepts_oxigraph_terms_too', () => {
    expect(sparql`ASK { ${oxigraph.namedNode('http://x/a')} ?p ${oxigraph.literal('b', 'en')} }`).toBe('ASK { <http://x/a> ?p "b"@en }')
  })

  it.each([
    [literal('空氣品質'), '"空氣品質"'],
    [literal('水質', 'zh-TW'), '"水質"@zh-tw'], // n3 lower-cases tags
    [literal('42', XSD.integer), `"42"^^<${XSD.integer.value}>`],
    [literal('x', XSD.string), '"x"'],
    [literal('say "hi"\n\\ bye'), '"say \\"hi\\"\\n\\\\ bye"'],
    [literal("it's\ttab\r\f\b"), '"it\\\'s\\ttab\\r\\f\\b"'],
    [literal('nul\u0000 and del\u007f'), '"nul\\u0000 and del\\u007f"'],
    [literal('" } ; DROP ALL ; INSERT DATA { <a> <b> "'), '"\\" } ; DROP ALL ; INSERT DATA { <a> <b> \\""'],
  ])('escapes_literal %#', (term, written) => {
    expect(sparql`${term}`).toBe(written)
  })

  it('writes_variables', () => {
    expect(sparql`SELECT ${variable('名稱')} {}`).toBe('SELECT ?名稱 {}')
  })

  it('writes_a_list_separated_by_spaces', () => {
    const values = [namedNode('http://x/1'), literal('2')]
    expect(sparql`VALUES ?x { ${values} }`).toBe('VALUES ?x { <http://x/1> "2" }')
  })
})

describe('sparql tag: refusals', () => {
  it.each([
    ['a string', 'http://x/'],
    ['a number', 42],
    ['null', null],
    ['undefined', undefined],
    ['a plain object', { value: 'http://x/' }],
  ])('refuses_%s', (_kind, value) => {
    expect(() => sparql`DESCRIBE ${value as never}`).toThrow(/not an RDF term; wrap it with namedNode\(\) or literal\(\)/)
  })

  it('refuses_blank_nodes', () => {
    expect(() => sparql`DESCRIBE ${blankNode('b0') as never}`).toThrow(/blank node in a query is a variable/)
  })

  it.each([
    ['http://x/a>b'],
    ['http://x/a b'],
    ['http://x/{a}'],
    ['http://x/"'],
    ['http://x/a\\b'],
    ['http://x/a|b'],
    ['http://x/^'],
    ['http://x/`'],
    ['http://x/\n'],
    ['relative/path'],
    [''],
  ])('refuses_iri %j', (iri) => {
    let error: unknown
    try { sparql`DESCRIBE ${namedNode(iri)}` } catch (e) { error = e }
    expect(error).toBeInstanceOf(AppError)
    expect((error as AppError).code).toBe('bad_request')
  })

  it('refuses_a_bad_language_tag', () => {
    expect(() => sparql`${literal('x', 'en us')}`).toThrow(/not a language tag/)
  })

  it('refuses_a_bad_variable_name', () => {
    expect(() => sparql`${variable('x }')}`).toThrow(/not a variable name/)
  })
})
