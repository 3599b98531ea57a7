/**
 * Write a paged document (head and tail as quads, the record graphs as N-Triples text from the store) in a graph
 * format. Turtle and N-Triples embed the records as they are (N-Triples lines are Turtle); RDF/XML and JSON-LD
 * need the whole graph and read the records first.
 */
import { Parser, Writer, type Quad } from 'n3'
import oxigraph from 'oxigraph'
import { PREFIXES } from '../vocab/index.ts'
import type { Format } from './formats.ts'
import { writeFlatJsonLd } from './hydra-jsonld.ts'

export interface PagedDocument {
  head: readonly Quad[]
  /** N-Triples, one triple per line. */
  records: string
  tail: readonly Quad[]
}

function writeN3(quads: readonly Quad[], format: 'Turtle' | 'N-Triples'): string {
  const writer = new Writer(format === 'Turtle' ? { format, prefixes: PREFIXES } : { format })
  let text = ''
  writer.addQuads(quads as Quad[])
  writer.end((error, result: string) => {
    if (error) throw error
    text = result
  })
  return text
}

const toNTriples = (document: PagedDocument) => writeN3(document.head, 'N-Triples') + document.records + writeN3(document.tail, 'N-Triples')

/** The document as text in `format` (a graph format of the table). */
export function writePagedDocument(document: PagedDocument, format: Format): string {
  switch (format.id) {
    // Turtle allows @prefix anywhere: the tail declares the prefixes again after the records.
    case 'ttl': return `${writeN3(document.head, 'Turtle')}\n${document.records}\n${writeN3(document.tail, 'Turtle')}`
    case 'nt': return toNTriples(document)
    case 'jsonld': {
      const records = new Parser({ format: 'N-Triples', blankNodePrefix: '' }).parse(document.records)
      return writeFlatJsonLd([...document.head, ...records, ...document.tail], PREFIXES)
    }
    case 'rdf': {
      const store = new oxigraph.Store()
      store.load(toNTriples(document), { format: 'application/n-triples' })
      return store.dump({ format: 'application/rdf+xml', from_graph_name: oxigraph.defaultGraph() })
    }
    default: throw new Error(`${format.id} is not a format catalogue pages are offered in`)
  }
}
