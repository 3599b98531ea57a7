import { describe, expect, it } from 'vitest'
import { scanQuery } from '../../src/http/query-text.ts'

describe('scanQuery', () => {
  it.each([
    ['SELECT * { ?s ?p ?o }', 'SELECT'],
    ['PREFIX ask: <http://ex/select#> BASE <http://b/> construct { ?s ?p ?o } WHERE { ?s ?p ?o }', 'CONSTRUCT'],
    ['# SELECT in a comment\nASK {}', 'ASK'],
    ['DESCRIBE <http://ex/a>', 'DESCRIBE'],
    ['PREFIX : <http://ex/> INSERT DATA { :a :b "SELECT" }', 'UPDATE'],
    ['DELETE WHERE { ?s ?p ?o }', 'UPDATE'],
    ['CLEAR ALL', 'UPDATE'],
    ['SELEC * {}', undefined],
  ])('form of %s', (query, form) => {
    expect(scanQuery(query).form).toBe(form)
  })

  it('finds SERVICE endpoints but not the word in strings, IRIs, comments or names', () => {
    const scan = scanQuery('SELECT * { SERVICE SILENT <http://a/sparql> { ?s ?p "SERVICE <http://x>" } SERVICE ?endpoint { ?s <http://ex/SERVICE> ex:service } # SERVICE <http://c>\n }')
    expect(scan.services).toEqual(['http://a/sparql', '?endpoint'])
  })

  it('measures nesting but not brackets inside strings, and knows < from an IRI', () => {
    expect(scanQuery('SELECT * { { { ?s ?p "{{{{{{" } } FILTER(?a < 3 && ?b > 2) }').maxDepth).toBe(3)
    expect(scanQuery(`SELECT * WHERE ${'{'.repeat(30)}${'}'.repeat(30)}`).maxDepth).toBe(30)
  })
})
