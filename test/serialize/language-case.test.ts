/** BCP 47 canonical case restored in the engine's output of every format, and nothing else changed. */
import { describe, expect, it } from 'vitest'
import { canonicalLanguageTag, restoreLanguageCase } from '../../src/serialize/language-case.ts'

describe('canonicalLanguageTag', () => {
  it.each([
    ['zh-hant', 'zh-Hant'], ['ZH-HANT-TW', 'zh-Hant-TW'], ['en', 'en'], ['en-us', 'en-US'], ['EN', 'en'],
    ['sr-latn-rs', 'sr-Latn-RS'], ['es-419', 'es-419'], ['de-ch-1996', 'de-CH-1996'], ['en-x-hant', 'en-x-hant'], ['en-a-bb-cc', 'en-a-bb-cc'],
  ])('%s → %s', (tag, canonical) => {
    expect(canonicalLanguageTag(tag)).toBe(canonical)
  })
})

describe('restoreLanguageCase', () => {
  it('N-Triples and N-Quads: tags after literals, not text inside them', () => {
    const text = '<http://x/a> <http://x/p> "say \\"@zh-hant\\" here"@zh-hant .\n<http://x/a> <http://x/p> "a"@en-us <http://x/g> .\n'
    expect(restoreLanguageCase(text, 'application/n-quads')).toBe('<http://x/a> <http://x/p> "say \\"@zh-hant\\" here"@zh-Hant .\n<http://x/a> <http://x/p> "a"@en-US <http://x/g> .\n')
  })

  it('Turtle: long strings and comments are left alone', () => {
    const text = '@prefix p: <http://x/> .\n# "x"@zh-hant\np:a p:b """two\n"lines"@zh-hant"""@zh-hant , "b"@en .\n'
    expect(restoreLanguageCase(text, 'text/turtle')).toBe('@prefix p: <http://x/> .\n# "x"@zh-hant\np:a p:b """two\n"lines"@zh-hant"""@zh-Hant , "b"@en .\n')
  })

  it('SPARQL Results TSV', () => {
    expect(restoreLanguageCase('?t\n"農業部"@zh-hant\n"x"\n', 'text/tab-separated-values')).toBe('?t\n"農業部"@zh-Hant\n"x"\n')
  })

  it('SPARQL Results JSON and JSON-LD: the keys, not a value that looks like one', () => {
    const json = JSON.stringify({ results: { bindings: [{ t: { type: 'literal', 'xml:lang': 'zh-hant', value: '{"xml:lang":"zh-hant"}' } }] } })
    const restored = JSON.parse(restoreLanguageCase(json, 'application/sparql-results+json'))
    expect(restored.results.bindings[0].t).toEqual({ type: 'literal', 'xml:lang': 'zh-Hant', value: '{"xml:lang":"zh-hant"}' })
    expect(restoreLanguageCase('[{"@value":"a","@language":"zh-hant"}]', 'application/ld+json')).toBe('[{"@value":"a","@language":"zh-Hant"}]')
  })

  it('SPARQL Results XML and RDF/XML: the attribute, not text content', () => {
    const xml = '<literal xml:lang="zh-hant">a xml:lang="zh-hant" b</literal><dct:title xml:lang="en-gb" rdf:about="x">t</dct:title>'
    expect(restoreLanguageCase(xml, 'application/sparql-results+xml')).toBe('<literal xml:lang="zh-Hant">a xml:lang="zh-hant" b</literal><dct:title xml:lang="en-GB" rdf:about="x">t</dct:title>')
  })

  it('CSV and text without tags come back unchanged (the same string)', () => {
    const csv = 't\n農業部\n'
    expect(restoreLanguageCase(csv, 'text/csv')).toBe(csv)
    const plain = '<http://x/a> <http://x/p> "a"@en .\n'
    expect(restoreLanguageCase(plain, 'application/n-triples')).toBe(plain)
  })
})
