import jsonld from 'jsonld'
import { describe, expect, it } from 'vitest'
import { createLocalDocumentLoader } from '../../src/serialize/jsonld-loader.ts'
import { serializeJsonLd } from '../../src/serialize/jsonld-output.ts'
import { PREFIXES } from '../../src/vocab/index.ts'

describe('JSON-LD output', () => {
  it('compacts with only the prefixes the graph uses', async () => {
    const text = await serializeJsonLd('<http://www.w3.org/ns/dcat#d> <http://purl.org/dc/terms/title> "標題"@zh-hant .\n', { prefixes: PREFIXES })
    const document = JSON.parse(text)
    expect(document['@context']).toEqual({ dcat: 'http://www.w3.org/ns/dcat#', dct: 'http://purl.org/dc/terms/' })
    expect(document).toMatchObject({ '@id': 'dcat:d', 'dct:title': { '@language': 'zh-Hant', '@value': '標題' } })
  })

  it('round-trips to the same triples', async () => {
    const nquads = '<http://ex/a> <http://ex/p> "1"^^<http://www.w3.org/2001/XMLSchema#integer> .\n_:b <http://ex/q> <http://ex/a> .\n'
    const back = await jsonld.toRDF(JSON.parse(await serializeJsonLd(nquads)), { format: 'application/n-quads' }) as unknown as string
    expect(back.split('\n').filter(Boolean).sort()).toEqual(nquads.split('\n').filter(Boolean).sort().map((line) => line.replace('_:b', '_:b0')))
  })

  it('document_loader_refuses_remote_contexts', async () => {
    const loader = createLocalDocumentLoader()
    await expect(loader('https://schema.org/')).rejects.toThrow(/remote JSON-LD context refused/)
    await expect(jsonld.expand({ '@context': 'https://evil.example/context.jsonld', name: 'x' }, { documentLoader: loader as never })).rejects.toThrow()
  })

  it('document_loader_serves_local_contexts', async () => {
    const loader = createLocalDocumentLoader({ 'http://kg.example.tw/context.jsonld': { '@context': { name: 'http://xmlns.com/foaf/0.1/name' } } })
    const expanded = await jsonld.expand({ '@context': 'http://kg.example.tw/context.jsonld', '@id': 'http://ex/a', name: 'x' }, { documentLoader: loader as never })
    expect(expanded).toEqual([{ '@id': 'http://ex/a', 'http://xmlns.com/foaf/0.1/name': [{ '@value': 'x' }] }])
  })
})
