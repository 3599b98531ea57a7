/**
 * Write a paged document (head and tail as quads, the record graphs as N-Triples text from the store) in a graph
 * format. N-Triples embeds the records as they are, Turtle abbreviates their lines in one pass; RDF/XML and
 * JSON-LD need the whole graph and read the records first.
 */
import { Parser, Writer, type Quad } from 'n3'
import oxigraph from 'oxigraph'
import { PREFIXES } from '../vocab/index.ts'
import type { Format } from './formats.ts'
import { writeFlatJsonLd } from './hydra-jsonld.ts'
import { restoreLanguageCase } from './language-case.ts'

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

// A conservative subset of Turtle's PN_LOCAL: names that need no escaping.
const PLAIN_LOCAL = /^[A-Za-z_][A-Za-z0-9_-]*$/

/** `<iri>` → `prefix:local` when a prefix covers it with a plain local name; cached per IRI (predicates, classes). */
function createCompacter(prefixes: Record<string, string>): (iriRef: string) => string {
  const cache = new Map<string, string>()
  const entries = Object.entries(prefixes).sort((a, b) => b[1].length - a[1].length)
  return (iriRef) => {
    let compact = cache.get(iriRef)
    if (compact === undefined) {
      const iri = iriRef.slice(1, -1)
      const match = entries.find(([, namespace]) => iri.startsWith(namespace) && PLAIN_LOCAL.test(iri.slice(namespace.length)))
      compact = match ? `${match[0]}:${iri.slice(match[1].length)}` : iriRef
      cache.set(iriRef, compact)
    }
    return compact
  }
}

const RDF_TYPE = '<http://www.w3.org/1999/02/22-rdf-syntax-ns#type>'

/**
 * N-Triples lines (grouped by subject, as the store writes a graph) → Turtle statements: one subject per group,
 * predicates and classes as prefixed names. Half the bytes, for a pass over the text.
 */
export function abbreviateNTriples(ntriples: string, prefixes: Record<string, string>): string {
  const compact = createCompacter(prefixes)
  const out: string[] = []
  let subject = ''
  for (const line of ntriples.split('\n')) {
    if (line === '') continue
    const subjectEnd = line.indexOf(' ')
    const predicateEnd = line.indexOf(' ', subjectEnd + 1)
    const s = line.slice(0, subjectEnd)
    const p = line.slice(subjectEnd + 1, predicateEnd)
    const o = line.slice(predicateEnd + 1, -2)
    const isType = p === RDF_TYPE
    const written = `${isType ? 'a' : compact(p)} ${isType && o.startsWith('<') ? compact(o) : o}`
    if (s === subject) out.push(` ;\n    ${written}`)
    else {
      out.push(`${subject ? ' .\n' : ''}${s} ${written}`)
      subject = s
    }
  }
  if (subject) out.push(' .\n')
  return out.join('')
}

const toNTriples = (document: PagedDocument) => writeN3(document.head, 'N-Triples') + document.records + writeN3(document.tail, 'N-Triples')

/** The document as text in `format` (a graph format of the table), language tags in BCP 47 case. */
export function writePagedDocument(document: PagedDocument, format: Format): string {
  return restoreLanguageCase(writeDocument(document, format), format.mediaTypes[0])
}

function writeDocument(document: PagedDocument, format: Format): string {
  switch (format.id) {
    // Turtle allows @prefix anywhere: the tail declares the prefixes again after the records.
    case 'ttl': return `${writeN3(document.head, 'Turtle')}\n${abbreviateNTriples(document.records, PREFIXES)}\n${writeN3(document.tail, 'Turtle')}`
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
