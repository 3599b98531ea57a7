import { describe, expect, it } from 'vitest'
import { AppError } from '../../src/errors.ts'
import { FORMATS, formatFromExtension, formatFromMediaType, formatsOfKind } from '../../src/serialize/formats.ts'
import { formatFromParameter, negotiate, parseAccept, prefersHtml } from '../../src/serialize/negotiate.ts'

const results = formatsOfKind('results')
const graph = formatsOfKind('graph')

const chosen = (accept: string | undefined, offered = results) => negotiate(accept, offered).id

function errorOf(run: () => unknown): AppError {
  try { run() } catch (error) { return error as AppError }
  throw new Error('expected an error')
}

describe('formats table', () => {
  it('has one entry per format id and a canonical media type first', () => {
    expect(new Set(FORMATS.map((f) => f.id)).size).toBe(FORMATS.length)
    expect(formatFromMediaType('application/sparql-results+json; charset=utf-8')?.id).toBe('json')
    expect(formatFromMediaType('text/turtle')?.id).toBe('ttl')
    expect(formatFromMediaType('application/json', graph)?.id).toBe('jsonld')
    expect(formatFromMediaType('application/json', results)?.id).toBe('json')
  })
  it('finds formats by extension', () => {
    expect(formatFromExtension('.srx')?.id).toBe('xml')
    expect(formatFromExtension('nq')?.id).toBe('nq')
    expect(formatFromExtension('exe')).toBeUndefined()
  })
})

describe('negotiate', () => {
  it.each([
    ['no_accept_header_takes_first_offered', undefined, 'json'],
    ['empty_accept_header_takes_first_offered', '', 'json'],
    ['exact_match', 'text/csv', 'csv'],
    ['accept_star_star_ties_to_table_order', '*/*', 'json'],
    ['accept_substar_text', 'text/*', 'csv'],
    ['q_values_prefer_highest', 'application/sparql-results+json;q=0.5, application/sparql-results+xml', 'xml'],
    ['q_values_tie_goes_to_table_order', 'text/tab-separated-values, text/csv', 'csv'],
    ['specific_beats_wildcard_at_equal_q', 'text/tab-separated-values, */*', 'tsv'],
    ['wildcard_with_lower_q_loses', 'text/csv;q=0.2, */*;q=0.1', 'csv'],
    ['q_zero_excludes', 'application/sparql-results+json;q=0, */*', 'xml'],
    ['alias_media_type', 'application/json', 'json'],
    ['parameters_other_than_q_are_ignored', 'text/csv; charset=utf-8; header=present', 'csv'],
    ['case_insensitive', 'Text/CSV', 'csv'],
    ['malformed_members_are_skipped', 'garbage, text/tab-separated-values', 'tsv'],
    ['malformed_q_counts_as_zero', 'text/csv;q=2, text/tab-separated-values;q=0.5', 'tsv'],
    ['browser_accept_gets_results_through_star', 'text/html,application/xhtml+xml,application/xml;q=0.9,*/*;q=0.8', 'xml'],
  ])('%s', (_name, accept, expected) => {
    expect(chosen(accept)).toBe(expected)
  })

  it.each([
    ['graph_turtle', 'text/turtle', 'ttl'],
    ['graph_star_star', '*/*', 'ttl'],
    ['graph_application_substar_takes_table_order', 'application/*', 'ttl'],
    ['graph_jsonld', 'application/ld+json', 'jsonld'],
    ['graph_rdfxml_over_turtle_by_q', 'text/turtle;q=0.5, application/rdf+xml', 'rdf'],
  ])('%s', (_name, accept, expected) => {
    expect(chosen(accept, graph)).toBe(expected)
  })

  it('not_acceptable_lists_offered_types', () => {
    const error = errorOf(() => negotiate('image/png', results))
    expect(error.code).toBe('not_acceptable')
    expect(error.details.offered).toEqual(['application/sparql-results+json', 'application/sparql-results+xml', 'text/csv', 'text/tab-separated-values'])
    expect(error.message).toContain('image/png')
  })

  it('not_acceptable_when_every_type_has_q_zero', () => {
    expect(errorOf(() => negotiate('*/*;q=0', graph)).code).toBe('not_acceptable')
  })

  it('parses accept members with their q', () => {
    expect(parseAccept('text/*;q=0.3, */*')).toEqual([{ type: 'text', subtype: '*', q: 0.3 }, { type: '*', subtype: '*', q: 1 }])
  })
})

describe('format parameter', () => {
  it.each([
    ['json', results, 'json'], ['xml', results, 'xml'], ['csv', results, 'csv'], ['tsv', results, 'tsv'],
    ['ttl', graph, 'ttl'], ['nt', graph, 'nt'], ['nq', graph, 'nq'], ['trig', graph, 'trig'], ['rdf', graph, 'rdf'], ['jsonld', graph, 'jsonld'],
    ['text/turtle', graph, 'ttl'], ['JSON', results, 'json'],
  ] as const)('format=%s', (value, offered, expected) => {
    expect(formatFromParameter(value, offered).id).toBe(expected)
  })

  it('format_of_wrong_kind_is_not_acceptable', () => {
    expect(errorOf(() => formatFromParameter('ttl', results)).code).toBe('not_acceptable')
  })

  it('unknown_format_is_bad_request', () => {
    const error = errorOf(() => formatFromParameter('yaml', results))
    expect(error.code).toBe('bad_request')
    expect(error.message).toContain('jsonld')
  })
})

describe('prefersHtml', () => {
  it('is true for a browser', () => {
    expect(prefersHtml('text/html,application/xhtml+xml,application/xml;q=0.9,*/*;q=0.8', graph)).toBe(true)
  })
  it('is false for RDF clients and for no header', () => {
    expect(prefersHtml('text/turtle, text/html;q=0.5', graph)).toBe(false)
    expect(prefersHtml('*/*', graph)).toBe(false)
    expect(prefersHtml(undefined, graph)).toBe(false)
  })
})
