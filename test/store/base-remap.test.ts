import { describe, expect, it } from 'vitest'
import { remapBaseIri, remapBaseIriText } from '../../src/store/base-remap.ts'

const from = 'http://localhost:8080'
const to = 'http://localhost:18200'
const text = (bytes: Uint8Array) => Buffer.from(bytes).toString('utf8')

describe('remapBaseIri', () => {
  it('rewrites_every_iri_under_the_old_base_in_subject_object_and_graph', () => {
    const line = `<${from}/dataset/1> <http://purl.org/dc/terms/publisher> <${from}/agency/A> <${from}/dataset/1> .\n`
    expect(remapBaseIriText(line, from, to)).toBe(`<${to}/dataset/1> <http://purl.org/dc/terms/publisher> <${to}/agency/A> <${to}/dataset/1> .\n`)
  })

  it('rewrites_the_base_itself_and_fragment_and_query_iris', () => {
    expect(remapBaseIriText(`<${from}> <${from}#x> <${from}?q=1> .`, from, to)).toBe(`<${to}> <${to}#x> <${to}?q=1> .`)
  })

  it('leaves_an_iri_whose_authority_only_starts_like_the_base', () => {
    const line = `<http://localhost:80801/x> <http://localhost:8080x/y> <http://example.org/?u=http://localhost:8080/z> .`
    expect(remapBaseIriText(line, from, to)).toBe(line)
  })

  it('leaves_literals_that_mention_the_base_without_brackets', () => {
    const line = `<${from}/a> <http://www.w3.org/2000/01/rdf-schema#comment> "see ${from}/a"@en .`
    expect(remapBaseIriText(line, from, to)).toBe(`<${to}/a> <http://www.w3.org/2000/01/rdf-schema#comment> "see ${from}/a"@en .`)
  })

  it('keeps_multibyte_text_intact_and_works_on_bytes', () => {
    const line = `<${from}/dataset/1> <http://purl.org/dc/terms/title> "臺北市公車路線"@zh-Hant .\n`
    expect(text(remapBaseIri(Buffer.from(line), from, 'https://data.example.tw/kg'))).toBe(`<https://data.example.tw/kg/dataset/1> <http://purl.org/dc/terms/title> "臺北市公車路線"@zh-Hant .\n`)
  })

  it('returns_the_same_bytes_when_the_bases_agree_or_nothing_matches', () => {
    const bytes = Buffer.from(`<http://example.org/a> <http://example.org/b> "c" .\n`)
    expect(remapBaseIri(bytes, from, from)).toBe(bytes)
    expect(remapBaseIri(bytes, from, to)).toBe(bytes)
  })
})

describe('remapBaseIri into shared memory', () => {
  it('writes_the_rewritten_bytes_into_the_memory_it_is_given', () => {
    const out = remapBaseIri(Buffer.from(`<${from}/a> <${from}/p> "x" .\n`), from, to, (length) => new Uint8Array(new SharedArrayBuffer(length)))
    expect(out.buffer).toBeInstanceOf(SharedArrayBuffer)
    expect(text(out)).toBe(`<${to}/a> <${to}/p> "x" .\n`)
  })
})
