import oxigraph from 'oxigraph'
import { describe, expect, it } from 'vitest'
import { explainSyntaxError, formatSyntaxProblem } from '../../src/query/syntax-error.ts'

/** The engine's own error for `query`, explained. */
function explain(query: string) {
  try {
    new oxigraph.Store().query(query)
  } catch (error) {
    const [, line, column] = /^error at (\d+):(\d+): /.exec((error as Error).message)!
    return explainSyntaxError(query, Number(line), Number(column))
  }
  throw new Error(`the engine parsed ${query}`)
}

describe('explainSyntaxError', () => {
  it('names_an_undeclared_prefix_at_its_place_with_the_declaration_to_add', () => {
    const problem = explain('SELECT * WHERE {\n  ?s a dcat:Dataset .\n}')
    expect(problem).toMatchObject({ kind: 'undeclared_prefix', line: 2, column: 8 })
    expect(problem.explanation).toBe('the prefix `dcat:` (in `dcat:Dataset`) is not declared: add `PREFIX dcat: <http://www.w3.org/ns/dcat#>` at the top')
    expect(problem.excerpt).toBe('  ?s a dcat:Dataset .\n       ^')
  })

  it('an_unknown_prefix_gets_the_general_fix', () => {
    expect(explain('SELECT * WHERE { ?s zz:p ?o }').explanation).toMatch(/`zz:` .* not declared: declare it with `PREFIX zz: <…>`/)
  })

  it('says_a_triple_pattern_lacks_its_object', () => {
    const problem = explain('SELECT * WHERE { ?s ?p }')
    expect(problem).toMatchObject({ kind: 'missing_object', line: 1, column: 24 })
    expect(problem.explanation).toMatch(/^the triple pattern `\?s \?p` has a subject and a predicate but no object/)
  })

  it('says_a_predicate_after_a_semicolon_lacks_its_object_on_a_later_line', () => {
    const problem = explain('PREFIX x: <http://x/>\nSELECT * WHERE {\n  ?s x:p ?o ;\n     x:q .\n}')
    expect(problem).toMatchObject({ kind: 'missing_object', line: 4, column: 10 })
    expect(problem.explanation).toMatch(/after `;` the predicate `x:q` has no object/)
  })

  it('points_at_a_bracket_never_closed', () => {
    const problem = explain('SELECT * WHERE { ?s ?p ?o FILTER(?o > 1 }')
    expect(problem).toMatchObject({ kind: 'unbalanced_brackets', line: 1, column: 41 })
    expect(problem.explanation).toMatch(/this `}` does not match the `\(` opened at line 1, column 33/)
  })

  it('points_at_a_closing_bracket_too_many', () => {
    const problem = explain('SELECT * WHERE { ?s ?p ?o }}')
    expect(problem).toMatchObject({ kind: 'unbalanced_brackets', column: 28 })
    expect(problem.explanation).toMatch(/closes nothing/)
  })

  it('a_query_cut_short_is_shown_at_its_end', () => {
    const problem = explain('SELECT * WHERE {\n  ?s ?p ?o')
    expect(problem).toMatchObject({ kind: 'unbalanced_brackets', line: 2, column: 11 })
    expect(problem.explanation).toMatch(/the query ends before the `\{` opened at line 1, column 16 is closed/)
  })

  it('says_a_string_is_never_closed', () => {
    expect(explain('SELECT * WHERE { ?s ?p "臺北市 }')).toMatchObject({ kind: 'unclosed_string', column: 24 })
  })

  it('says_a_misspelt_query_form_is_not_one', () => {
    expect(explain('PREFIX x: <http://x/>\nSELEC * WHERE { ?s ?p ?o }')).toMatchObject({ kind: 'unknown_form', line: 2, column: 1 })
  })

  it('values_rows_are_not_taken_for_triples', () => {
    const problem = explain('SELECT * WHERE { VALUES ?x { 1 2 } ?s ?p ?o } LIMIT')
    expect(problem.kind).toBe('syntax')
    expect(problem).toMatchObject({ line: 1, column: 52 })
    expect(problem.explanation).toBe('LIMIT needs a whole number after it (e.g. `LIMIT 10`)')
  })

  it('never_passes_on_the_grammar_dump', () => {
    for (const query of ['SELECT * WHERE { ?s a dcat:Dataset }', 'SELECT * WHERE { ?s ?p }', 'SELECT * WHERE { ?s ?p ?o } LIMIT']) {
      const text = formatSyntaxProblem(explain(query))
      expect(text).not.toMatch(/\\u\{|\[_\]|LATERAL|'0'/)
      expect(text.length).toBeLessThan(400)
    }
  })

  it('formats_line_column_sentence_and_caret', () => {
    expect(formatSyntaxProblem(explain('SELECT * WHERE { ?s ?p }'))).toBe(
      'syntax error at line 1, column 24: the triple pattern `?s ?p` has a subject and a predicate but no object: a triple pattern is subject, predicate, object (e.g. `?s ?p ?o`)\n\n' +
      'SELECT * WHERE { ?s ?p }\n                       ^')
  })
})
