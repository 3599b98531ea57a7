/** The lexer's token rules, one edge case each, as oxigraph 0.5's grammar reads them (src/query/sparql-lexer.ts). */
import { describe, expect, it } from 'vitest'
import { decodeCodepointEscapes, scanTokens } from '../../src/query/sparql-lexer.ts'

const tokens = (text: string) => Array.from(scanTokens(text), (t) => `${t.kind}:${t.text}`)

describe('scanTokens', () => {
  it.each([
    ['1.e5', ['number:1.e5']],
    ['.5', ['number:.5']],
    ['1.', ['number:1', 'punct:.']],
    ['12E-3', ['number:12E-3']],
    ['1.2.3', ['number:1.2', 'number:.3']],
  ])('numbers: %s', (text, expected) => {
    expect(tokens(text)).toEqual(expected)
  })

  it.each([
    ['ex:a.b', ['word:ex:a.b']],
    ['ex:a.', ['word:ex:a', 'punct:.']],
    ['ex:a\\#b', ['word:ex:a\\#b']],
    ['ex:%41b', ['word:ex:%41b']],
    [':x', ['word::x']],
    ['ex:', ['word:ex:']],
    ['ex:123', ['word:ex:123']],
    ['_:b1', ['word:_:b1']],
  ])('prefixed names and blank nodes: %s', (text, expected) => {
    expect(tokens(text)).toEqual(expected)
  })

  it.each([
    ['"a\\"b"', ['string:"a\\"b"']],
    ['"a\\u0022"', ['string:"a\\u0022"']],
    ["'''a''b'''", ["string:'''a''b'''"]],
    ['"""a\n"b"""', ['string:"""a\n"b"""']],
    // No closing """: the engine reads "" and then a string on the same line.
    ['"""x"', ['string:""', 'string:"x"']],
    ['"a\nb"', ['punct:"', 'word:a', 'word:b', 'punct:"']],
  ])('strings: %j', (text, expected) => {
    expect(tokens(text)).toEqual(expected)
  })

  it.each([
    ['an IRI anywhere a term stands, up to the next >', '?s <a b#c> ?o', ['variable:?s', 'iri:<a b#c>', 'variable:?o']],
    ['less-than after an operand in an expression', 'FILTER(?s<(1))', ['word:FILTER', 'punct:(', 'variable:?s', 'punct:<', 'punct:(', 'number:1', 'punct:)', 'punct:)']],
    ['an IRI after an operator', 'FILTER(?s=<a#>)', ['word:FILTER', 'punct:(', 'variable:?s', 'punct:=', 'iri:<a#>', 'punct:)']],
    ['an IRI in a list in a pattern', '{ ?s ?p (?o <a#>) }', ['punct:{', 'variable:?s', 'variable:?p', 'punct:(', 'variable:?o', 'iri:<a#>', 'punct:)', 'punct:}']],
    ['less-than in a projected expression', 'SELECT (?a<?b AS ?c)', ['word:SELECT', 'punct:(', 'variable:?a', 'punct:<', 'variable:?b', 'word:AS', 'variable:?c', 'punct:)']],
    ['less-than in ORDER BY', 'ORDER BY (?a<3)', ['word:ORDER', 'word:BY', 'punct:(', 'variable:?a', 'punct:<', 'number:3', 'punct:)']],
    ['<= after an operand', 'FILTER(1<=2)', ['word:FILTER', 'punct:(', 'number:1', 'punct:<=', 'number:2', 'punct:)']],
    ['a triple term', '<<( <a> <b> <c> )>>', ['punct:<<', 'punct:(', 'iri:<a>', 'iri:<b>', 'iri:<c>', 'punct:)', 'punct:>>']],
  ])('angle brackets: %s', (_case, text, expected) => {
    expect(tokens(text)).toEqual(expected)
  })

  it('a_comment_runs_to_the_end_of_the_line_only_outside_iris_and_strings', () => {
    expect(tokens('<a#b> "#" # x (((\n?y')).toEqual(['iri:<a#b>', 'string:"#"', 'variable:?y'])
  })

  it('only_space_tab_cr_lf_are_whitespace', () => {
    expect(tokens('?a\u00A0?b')).toEqual(['variable:?a', 'punct:\u00A0', 'variable:?b'])
  })

  it('depth_counts_open_brackets_and_triple_terms', () => {
    expect(Array.from(scanTokens('{ ( [ << ?s'), (t) => t.depth)).toEqual([1, 2, 3, 4, 4])
  })
})

describe('decodeCodepointEscapes', () => {
  it('decodes \\u and \\U and keeps what is not an escape', () => {
    expect(decodeCodepointEscapes('\\u0041\\U0001F600\\u00zz\\uD800')).toBe('A\u{1F600}\\u00zz\\uD800')
  })
})
