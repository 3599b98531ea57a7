/** How `ogd load` reads a snapshot's lines: the graph of each, by scanning its terms (src/store/snapshot-apply.ts). */
import { describe, expect, it } from 'vitest'
import { graphOfLine, indexGraphs } from '../../src/store/snapshot-apply.ts'

const graphOf = (line: string) => {
  const bytes = Buffer.from(line)
  return graphOfLine(bytes, 0, bytes.length)
}

describe('graphOfLine', () => {
  it('tells_a_triple_ending_in_an_iri_from_a_quad', () => {
    expect(graphOf('<http://x/s> <http://x/p> <http://x/o> .')).toBe('')
    expect(graphOf('<http://x/s> <http://x/p> <http://x/o> <http://x/g> .')).toBe('http://x/g')
  })

  it('reads_past_literals_with_escapes_brackets_languages_and_datatypes', () => {
    expect(graphOf('<http://x/s> <http://x/p> "a \\"quoted\\" <http://x/not-g> ." <http://x/g> .')).toBe('http://x/g')
    expect(graphOf('<http://x/s> <http://x/p> "空氣"@zh-tw <http://x/g> .')).toBe('http://x/g')
    expect(graphOf('<http://x/s> <http://x/p> "1"^^<http://www.w3.org/2001/XMLSchema#integer> .')).toBe('')
    expect(graphOf('_:b0 <http://x/p> _:b1 <http://x/g/空> .')).toBe('http://x/g/空')
  })

  it('skips_comments_and_blank_lines_and_refuses_a_blank_node_graph', () => {
    expect(graphOf('# a comment')).toBeUndefined()
    expect(graphOf('   ')).toBeUndefined()
    expect(() => graphOf('<http://x/s> <http://x/p> "o" _:g .')).toThrow(/blank node as its graph/)
  })
})

describe('indexGraphs', () => {
  it('gathers_each_graphs_lines_wherever_they_are_in_the_file', () => {
    const text = '<http://x/a> <http://x/p> "1" <http://x/g1> .\n<http://x/b> <http://x/p> "2" <http://x/g2> .\n<http://x/c> <http://x/p> "3" <http://x/g1> .\n<http://x/d> <http://x/p> "4" .\n'
    const bytes = Buffer.from(text)
    const index = indexGraphs(bytes)
    expect([...index.keys()]).toEqual(['http://x/g1', 'http://x/g2', ''])
    const lines = (graph: string) => { const r = index.get(graph)!; return Array.from({ length: r.length / 2 }, (_, i) => bytes.toString('utf8', r[2 * i]!, r[2 * i + 1]!)) }
    expect(lines('http://x/g1')).toEqual(['<http://x/a> <http://x/p> "1" <http://x/g1> .', '<http://x/c> <http://x/p> "3" <http://x/g1> .'])
    expect(lines('')).toEqual(['<http://x/d> <http://x/p> "4" .'])
  })
})
