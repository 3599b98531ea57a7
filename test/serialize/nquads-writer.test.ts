import { describe, expect, it } from 'vitest'
import { DataFactory, Parser, Writer } from 'n3'
import { writeNQuads } from '../../src/serialize/nquads-writer.ts'

const { quad, namedNode, literal, blankNode, defaultGraph } = DataFactory
const XSD = 'http://www.w3.org/2001/XMLSchema#'

describe('writeNQuads', () => {
  const quads = [
    quad(namedNode('http://x/s'), namedNode('http://x/p'), literal('line1\nline2 "quoted" back\\slash\r'), namedNode('http://x/g')),
    quad(namedNode('http://x/s'), namedNode('http://x/p'), literal('臺灣', 'zh-Hant'), defaultGraph()),
    quad(blankNode('b1'), namedNode('http://x/p'), literal('0012', namedNode(`${XSD}string`)), namedNode('http://x/g')),
    quad(namedNode('http://x/s'), namedNode('http://x/p'), literal('2016-10-31T00:00:00+08:00', namedNode(`${XSD}dateTime`)), namedNode('http://x/g')),
  ]
  it('round-trips through n3 parser to the same quads', () => {
    const parsed = new Parser({ format: 'N-Quads' }).parse(writeNQuads(quads))
    expect(parsed.length).toBe(quads.length)
    parsed.forEach((q, n) => {
      expect(q.predicate.equals(quads[n]!.predicate)).toBe(true)
      expect(q.object.equals(quads[n]!.object)).toBe(true)
      expect(q.graph.equals(quads[n]!.graph)).toBe(true)
    })
  })
  it('writes what n3 writes for the same quads', () => {
    expect(writeNQuads(quads)).toBe(new Writer({ format: 'N-Quads' }).quadsToString(quads))
  })
  it('writes nothing for no quads', () => {
    expect(writeNQuads([])).toBe('')
  })
})
