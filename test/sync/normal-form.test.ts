import oxigraph from 'oxigraph'
import { Parser, Writer, type Quad } from 'n3'
import { describe, expect, it } from 'vitest'
import { normalForms } from '../../src/sync/normal-form.ts'

const nt = (text: string): Quad[] => new Parser({ format: 'N-Triples' }).parse(text)
/** The graph as the embedded store gives it back: loaded into oxigraph and dumped. */
const stored = (quads: Quad[]): Quad[] => {
  const store = new oxigraph.Store()
  store.load(new Writer({ format: 'N-Triples' }).quadsToString(quads), { format: 'application/n-triples' })
  return nt(store.dump({ format: 'application/n-triples', from_graph_name: oxigraph.defaultGraph() }))
}

const XSD = 'http://www.w3.org/2001/XMLSchema#'
const record = nt(`<urn:d> <urn:count> "01"^^<${XSD}integer> .
<urn:d> <urn:size> "3"^^<${XSD}nonNegativeInteger> .
<urn:d> <urn:score> "0.50"^^<${XSD}decimal> .
<urn:d> <urn:at> "2026-06-01T00:00:00.000Z"^^<${XSD}dateTime> .
<urn:d> <urn:title> "標題"@zh-TW .
<urn:d> <urn:title> "標題"@zh-TW .
<urn:d> <urn:link> <urn:x> .
`)

describe('a sync\'s normal form of a graph (is a record unchanged?)', () => {
  it('equals the stored graph\'s: typed literals in the store\'s canonical form, each triple once, any order', () => {
    const back = stored(record)
    expect(back.find((q) => q.predicate.value === 'urn:count')!.object.value).toBe('1') // the store did rewrite it
    const form = normalForms([record, back])
    expect(form([...record].reverse())).toBe(form(back))
  })

  it('differs when a value or a triple differs', () => {
    const changed = record.map((q) => (q.predicate.value === 'urn:score' ? nt(`<urn:d> <urn:score> "0.51"^^<${XSD}decimal> .`)[0]! : q))
    const fewer = record.filter((q) => q.predicate.value !== 'urn:link')
    const form = normalForms([record, changed, fewer])
    expect(form(changed)).not.toBe(form(record))
    expect(form(fewer)).not.toBe(form(record))
  })

  it('keeps a literal the store cannot read as it was (and still tells it apart)', () => {
    const bad = nt(`<urn:d> <urn:count> "many"^^<${XSD}integer> .`)
    const form = normalForms([bad, record])
    expect(form(bad)).toContain('"many"^^')
  })
})
