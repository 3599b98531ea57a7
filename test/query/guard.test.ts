import { describe, expect, it } from 'vitest'
import { AppError } from '../../src/errors.ts'
import { DEFAULT_QUERY_LIMITS, guardQueryText, type QueryLimits } from '../../src/query/guard.ts'

const LIMITS: QueryLimits = { maxBytes: 1000, maxDepth: 8, maxTokens: 200 }

function refusal(text: string, limits: QueryLimits = LIMITS): AppError {
  try {
    guardQueryText(text, limits)
  } catch (error) {
    expect(error).toBeInstanceOf(AppError)
    return error as AppError
  }
  throw new Error(`accepted: ${text}`)
}

describe('guardQueryText: query form', () => {
  it.each([
    ['SELECT * WHERE { ?s ?p ?o }', 'SELECT'],
    ['select * { ?s ?p ?o }', 'SELECT'],
    ['ASK { ?s ?p ?o }', 'ASK'],
    ['CONSTRUCT WHERE { ?s ?p ?o }', 'CONSTRUCT'],
    ['DESCRIBE <http://x/>', 'DESCRIBE'],
    ['PREFIX dct: <http://purl.org/dc/terms/>\nSELECT ?t { ?d dct:title ?t }', 'SELECT'],
    ['PREFIX : <http://x/>\nBASE <http://y/>\nASK { :a ?p ?o }', 'ASK'],
    ['# SELECT in a comment\nPREFIX select: <http://x/select#>\nCONSTRUCT { ?s select:p ?o } WHERE { ?s ?p ?o }', 'CONSTRUCT'],
    ['\uFEFF  \n\tDESCRIBE ?s WHERE { ?s ?p ?o }', 'DESCRIBE'],
  ])('form_of %j is %s', (text, form) => {
    expect(guardQueryText(text, LIMITS).form).toBe(form)
  })

  it.each([
    ['INSERT DATA { <http://a/> <http://b/> <http://c/> }'],
    ['PREFIX ex: <http://x/>\nDELETE WHERE { ?s ?p ?o }'],
    ['LOAD <http://x/data.ttl>'],
    ['CLEAR ALL'],
    ['DROP GRAPH <http://x/>'],
    ['CREATE GRAPH <http://x/>'],
    ['COPY DEFAULT TO <http://x/>'],
    ['MOVE <http://a/> TO <http://b/>'],
    ['ADD <http://a/> TO <http://b/>'],
    ['WITH <http://g/> DELETE { ?s ?p ?o } WHERE { ?s ?p ?o }'],
    ['SELECT * {} ; INSERT DATA { <http://a/> <http://b/> <http://c/> }'],
  ])('update_is_refused %j', (text) => {
    const error = refusal(text)
    expect(error.code).toBe('bad_request')
    expect(error.message).toBe('updates are not accepted on this endpoint')
  })

  it.each([
    ['SELECT * { ?s <http://x/insert> "DELETE" . ?s ?insert ?o # DROP\n}'],
    ['SELECT * { ?s ex:load ex:clear }'],
  ])('update_words_inside_iris_strings_names_and_comments_are_not_updates %j', (text) => {
    expect(guardQueryText(text, LIMITS).form).toBe('SELECT')
  })

  it.each([
    ['', /empty/],
    ['   # only a comment\n', /empty/],
    ['PREFIX ex: <http://x/>', /empty/],
    ['FOO { ?s ?p ?o }', /expected SELECT, ASK, CONSTRUCT or DESCRIBE at line 1, column 1, found FOO/],
    ['PREFIX ex: <http://x/>\n  WHERE { ?s ?p ?o }', /at line 2, column 3/],
  ])('no_query_form_is_bad_query %j', (text, message) => {
    const error = refusal(text)
    expect(error.code).toBe('bad_query')
    expect(error.message).toMatch(message)
  })
})

describe('guardQueryText: limits', () => {
  it('size_is_counted_in_utf8_bytes', () => {
    const text = `SELECT * { ?s ?p "${'資'.repeat(330)}" }` // 990 bytes of CJK, far under 1000 characters
    expect(text.length).toBeLessThan(1000)
    const error = refusal(text)
    expect(error.code).toBe('payload_too_large')
    expect(error.details).toMatchObject({ maxBytes: 1000 })
  })

  it('size_at_the_limit_is_accepted', () => {
    const text = 'ASK {' + ' '.repeat(1000 - 6) + '}'
    expect(guardQueryText(text, LIMITS).bytes).toBe(1000)
  })

  it.each([
    ['(', 'SELECT * { FILTER' + '('.repeat(9) + '1' + ')'.repeat(9) + ' }'],
    ['{', 'SELECT * ' + '{'.repeat(9) + '}'.repeat(9)],
    ['[', 'SELECT * { ?s <http://p/> ' + '[ <http://p/> '.repeat(9) + '1' + ' ]'.repeat(9) + ' }'],
    ['mixed', 'SELECT * { { ( [ { ( [ { ( 1 ) } ] ) } ] ) } }'],
  ])('nesting_past_the_limit_is_bad_query (%s)', (_kind, text) => {
    const error = refusal(text)
    expect(error.code).toBe('bad_query')
    expect(error.message).toMatch(/nests brackets more than 8 deep \(at line 1, column \d+\)/)
  })

  it('nesting_at_the_limit_is_accepted', () => {
    const text = 'SELECT * { FILTER' + '('.repeat(7) + '1' + ')'.repeat(7) + ' }'
    expect(guardQueryText(text, LIMITS).depth).toBe(8)
  })

  it.each([
    ['a string', 'SELECT * { ?s ?p "' + '((((((((((' + '" }'],
    ['a long string', "SELECT * { ?s ?p '''{{{{{{{{{{\n((((((((((''' }"],
    ['an IRI', 'SELECT * { ?s ?p <http://x/((((((((((> }'],
    ['a comment', 'SELECT * { ?s ?p ?o # ((((((((((\n}'],
    ['an escaped quote', 'SELECT * { ?s ?p "a\\"((((((((((" }'],
  ])('brackets_inside_%s_do_not_count', (_where, text) => {
    expect(guardQueryText(text, LIMITS).depth).toBe(1)
  })

  it('less_than_is_not_an_iri', () => {
    const text = 'SELECT * { ?s ?p ?o FILTER(?o < 3 && (?o > 1)) }'
    expect(guardQueryText(text, LIMITS).depth).toBe(3)
  })

  it('unbalanced_closing_brackets_do_not_hide_later_nesting', () => {
    const text = 'SELECT * { }}}}}}}}}} ' + '('.repeat(9)
    expect(refusal(text).code).toBe('bad_query')
  })

  it.each([
    ['a chain of !', 'SELECT * { FILTER(' + '!'.repeat(300) + 'true) }'],
    ['many OPTIONALs', 'SELECT * { ?s ?p ?o ' + 'OPTIONAL { ?s ?p ?o } '.repeat(40) + '}'],
    ['many | alternatives', 'SELECT * { ?s ' + ':p|'.repeat(120) + ':p ?o }'],
  ])('too_many_tokens_is_bad_query (%s)', (_kind, text) => {
    const error = refusal(text)
    expect(error.code).toBe('bad_query')
    expect(error.message).toMatch(/longer than 200 tokens outside VALUES blocks/)
  })

  it('values_rows_do_not_count_as_tokens', () => {
    const rows = Array.from({ length: 500 }, (_, i) => `(<http://x/${i}> ${i})`).join(' ')
    const text = `SELECT * { VALUES (?s ?n) { ${rows} } ?s ?p ?o }`
    const guarded = guardQueryText(text, { ...LIMITS, maxBytes: 100_000 })
    expect(guarded.tokens).toBeLessThan(30)
  })

  it('tokens_after_a_values_block_count_again', () => {
    const text = 'SELECT * { VALUES ?x { 1 2 3 } ' + '?s ?p ?o . '.repeat(60) + '}'
    expect(refusal(text, { ...LIMITS, maxBytes: 100_000 }).message).toMatch(/tokens/)
  })

  it('defaults_accept_the_largest_w3c_style_queries', () => {
    expect(DEFAULT_QUERY_LIMITS).toEqual({ maxBytes: 65536, maxDepth: 64, maxTokens: 1000 })
    const prefixes = Array.from({ length: 30 }, (_, i) => `PREFIX p${i}: <http://example.org/p${i}#>`).join('\n')
    const patterns = Array.from({ length: 40 }, (_, i) => `?s p${i % 30}:q ?o${i} . FILTER(?o${i} != "x"@zh-tw)`).join('\n')
    expect(guardQueryText(`${prefixes}\nSELECT * WHERE {\n${patterns}\n}`, DEFAULT_QUERY_LIMITS).form).toBe('SELECT')
  })
})

describe('guardQueryText: what the store needs to know', () => {
  it.each([
    ['SELECT * { SERVICE <http://dbpedia.org/sparql> { ?s ?p ?o } }', ['http://dbpedia.org/sparql']],
    ['SELECT * { SERVICE SILENT ?endpoint { ?s ?p ?o } }', ['?endpoint']],
    ['SELECT * { ?s <http://x/service> ?o . ?service ?p "SERVICE" }', []],
  ])('services_of %j', (text, services) => {
    expect(guardQueryText(text, LIMITS).services).toEqual(services)
  })

  it.each([
    ['SELECT * FROM <http://g/1> { ?s ?p ?o }', true],
    ['SELECT * FROM NAMED <http://g/1> { GRAPH ?g { ?s ?p ?o } }', true],
    ['SELECT * { ?s <http://x/from> ?from }', false],
  ])('dataset_clause_of %j is %s', (text, hasDatasetClause) => {
    expect(guardQueryText(text, LIMITS).hasDatasetClause).toBe(hasDatasetClause)
  })
})

describe('guardQueryText: reads the query as the engine does (issue 10)', () => {
  const deep = (n: number) => '('.repeat(n) + '1' + ')'.repeat(n)
  const DEFAULTS = DEFAULT_QUERY_LIMITS

  it('an_iri_with_a_u_escape_and_a_hash_does_not_hide_the_rest_of_its_line', () => {
    const text = `SELECT * WHERE { BIND(<http://x.example/\\u0041#> AS ?x) FILTER${deep(3000)} }`
    expect(refusal(text, DEFAULTS).message).toMatch(/nests brackets more than 64 deep/)
  })

  it('less_than_before_brackets_in_an_expression_is_an_operator_not_an_iri', () => {
    const text = `SELECT * WHERE { ?s ?p ?o FILTER(?s<${deep(3000)}&&?p>?o) }`
    expect(refusal(text, DEFAULTS).message).toMatch(/nests brackets more than 64 deep/)
  })

  it('the_same_text_in_a_triple_pattern_is_one_iri', () => {
    expect(guardQueryText(`SELECT * WHERE { ?s<${deep(30)}&&?p>?o }`, DEFAULTS).depth).toBe(1)
  })

  it('an_escaped_hash_in_a_local_name_is_not_a_comment', () => {
    const text = `PREFIX ex: <http://e.example/>\nSELECT * WHERE { FILTER(ex:f\\#x(${deep(3000)})) }`
    expect(refusal(text, DEFAULTS).message).toMatch(/nests brackets more than 64 deep/)
  })

  it('a_u_escaped_quote_inside_a_string_does_not_end_it_for_the_engine_and_both_readings_are_checked', () => {
    // The engine reads one string `a"`; the spec's reading (\u decoded first) opens a second string. Either way, too deep.
    expect(refusal(`SELECT * WHERE { BIND("a\\u0022" AS ?q) FILTER${deep(3000)} }`, DEFAULTS).code).toBe('bad_query')
    expect(refusal(`SELECT * WHERE { BIND("\\u0022${deep(100)}\\u0022" AS ?q) }`, DEFAULTS).message).toMatch(/reading its \\u escapes as characters/)
  })

  it.each([
    ['a long string', `SELECT * WHERE { BIND('''${'{'.repeat(500)}\n''${'('.repeat(500)}''' AS ?x) }`, 2],
    ['an iri with spaces the engine reads to its >', `SELECT * WHERE { ?s <http://x/#${'('.repeat(500)}> ?o }`, 1],
    ['a comment after an iri', `SELECT * WHERE { ?s <http://x/> ?o # ${'('.repeat(500)}\n}`, 1],
  ])('nesting_the_engine_does_not_parse_is_not_counted (%s)', (_kind, text, depth) => {
    expect(guardQueryText(text, DEFAULTS).depth).toBe(depth)
  })

  it.each([
    ['behind a \\u IRI with #', 'SELECT * { BIND(<http://x/\\u0041#> AS ?x) SERVICE <http://evil.example/> { ?s ?p ?o } }', ['http://evil.example/']],
    ['written without a space', 'SELECT * { SERVICESILENT<http://evil.example/> { ?s ?p ?o } }', ['http://evil.example/']],
    ['seen only when \\u is decoded first', 'SELECT * { BIND("\\u0022 . SERVICE <http://evil.example/> { } \\u0022" AS ?x) }', ['http://evil.example/']],
  ])('service_is_found_%s', (_kind, text, services) => {
    expect(guardQueryText(text, DEFAULTS).services).toEqual(services)
  })

  it('triple_terms_nest', () => {
    expect(guardQueryText('SELECT * WHERE { BIND(<<( <http://a/> <http://b/> 1 )>> AS ?t) }', DEFAULTS).depth).toBe(4)
  })

  it('the_next_ordinary_query_after_a_refusal_is_accepted', () => {
    expect(() => guardQueryText(`SELECT * WHERE { FILTER(?s<${deep(3000)}) }`, DEFAULTS)).toThrow(AppError)
    expect(guardQueryText('SELECT * WHERE { ?s ?p ?o FILTER(?o < 3) }', DEFAULTS).depth).toBe(2)
  })
})
