/** A record document in each RDF format we serve: Turtle, N-Triples, RDF/XML and framed JSON-LD with our context. */
import { createHash } from 'node:crypto'
import { Writer } from 'n3'
import oxigraph from 'oxigraph'
import type { ContextLanguage, ContextTables } from '../serialize/context.ts'
import { compactRecord } from '../serialize/frame-compact.ts'
import { restoreLanguageCase } from '../serialize/language-case.ts'
import type { CachedForm } from './record-cache.ts'
import type { RecordDocument } from './record-document.ts'

export type RecordFormat = 'jsonld' | 'ttl' | 'nt' | 'rdf' | 'html'

/** A strong validator for a body: a hash of its bytes, quoted (RFC 9110 §8.8.3). */
export const etagOf = (body: string): string => `"${createHash('sha256').update(body).digest('base64url').slice(0, 22)}"`

export const makeForm = (body: string): CachedForm => ({ body, etag: etagOf(body), encoded: new Map() })

/** Turtle with only the prefixes the document uses. */
export function writeTurtle(document: RecordDocument, prefixes: Readonly<Record<string, string>>): string {
  const used = Object.fromEntries(Object.entries(prefixes).filter(([, namespace]) => document.ntriples.includes(`<${namespace}`)))
  const writer = new Writer({ format: 'Turtle', prefixes: used })
  writer.addQuads([...document.quads])
  let text = ''
  writer.end((error, result: string) => {
    if (error) throw error
    text = result
  })
  return restoreLanguageCase(text, 'text/turtle') // N3.js lower-cases language tags
}

/** RDF/XML through oxigraph's writer (N3.js has none). */
export function writeRdfXml(document: RecordDocument): string {
  const store = new oxigraph.Store()
  store.load(document.ntriples, { format: 'application/n-triples' })
  return restoreLanguageCase(store.dump({ format: 'application/rdf+xml', from_graph_name: oxigraph.defaultGraph() }), 'application/rdf+xml')
}

/** JSON-LD: one framed object around the document's resource, with the published context of that language flavour. */
export function writeJsonLd(document: RecordDocument, tables: ContextTables, language: ContextLanguage, contextUrl: string): string {
  return JSON.stringify(compactRecord(document.quads, { root: document.focus, tables, language, contextUrl }), null, 1) + '\n'
}

/** The body of one RDF format (HTML is made by the pages module). */
export function writeRdfForm(document: RecordDocument, format: Exclude<RecordFormat, 'html'>, options: { tables: ContextTables; language: ContextLanguage; contextUrl: string }): string {
  switch (format) {
    case 'ttl': return writeTurtle(document, options.tables.prefixes)
    case 'nt': return document.ntriples
    case 'rdf': return writeRdfXml(document)
    case 'jsonld': return writeJsonLd(document, options.tables, options.language, options.contextUrl)
  }
}
