/** The one table of result and RDF formats we serve: ids, media types, extensions, and how the store makes them. */
import type { NamedNode } from 'n3'
import { AppError } from '../errors.ts'
import { W3C_FORMATS } from '../vocab/index.ts'

export type FormatId = 'json' | 'xml' | 'csv' | 'tsv' | 'ttl' | 'nt' | 'nq' | 'trig' | 'rdf' | 'jsonld'

/** `results` serialise SELECT/ASK answers; `graph` serialise CONSTRUCT/DESCRIBE answers and our RDF documents. */
export type FormatKind = 'results' | 'graph'

export interface Format {
  readonly id: FormatId
  readonly label: string
  /** The first is canonical (sent as Content-Type); the others are accepted aliases. */
  readonly mediaTypes: readonly [string, ...string[]]
  readonly extensions: readonly string[]
  readonly kind: FormatKind
  /** What to ask the engine for (oxigraph `results_format`); JSON-LD is made by jsonld.js from N-Quads. */
  readonly resultsFormat: string
  /** Whether Content-Type carries `charset=utf-8` (RFC 8259 §11: JSON defines none). */
  readonly hasCharset: boolean
  /** The W3C format IRI (stated as sd:resultFormat in the service description). */
  readonly iri: NamedNode
}

/** Table order is the preference order when an Accept header ties. */
export const FORMATS: readonly Format[] = [
  { id: 'json', label: 'SPARQL Results JSON', mediaTypes: ['application/sparql-results+json', 'application/json'], extensions: ['srj', 'json'], kind: 'results', resultsFormat: 'application/sparql-results+json', hasCharset: false, iri: W3C_FORMATS.SPARQL_Results_JSON },
  { id: 'xml', label: 'SPARQL Results XML', mediaTypes: ['application/sparql-results+xml', 'application/xml'], extensions: ['srx', 'xml'], kind: 'results', resultsFormat: 'application/sparql-results+xml', hasCharset: true, iri: W3C_FORMATS.SPARQL_Results_XML },
  { id: 'csv', label: 'SPARQL Results CSV', mediaTypes: ['text/csv'], extensions: ['csv'], kind: 'results', resultsFormat: 'text/csv', hasCharset: true, iri: W3C_FORMATS.SPARQL_Results_CSV },
  { id: 'tsv', label: 'SPARQL Results TSV', mediaTypes: ['text/tab-separated-values'], extensions: ['tsv'], kind: 'results', resultsFormat: 'text/tab-separated-values', hasCharset: true, iri: W3C_FORMATS.SPARQL_Results_TSV },
  { id: 'ttl', label: 'Turtle', mediaTypes: ['text/turtle', 'application/x-turtle'], extensions: ['ttl'], kind: 'graph', resultsFormat: 'text/turtle', hasCharset: true, iri: W3C_FORMATS.Turtle },
  { id: 'nt', label: 'N-Triples', mediaTypes: ['application/n-triples'], extensions: ['nt'], kind: 'graph', resultsFormat: 'application/n-triples', hasCharset: true, iri: W3C_FORMATS['N-Triples'] },
  { id: 'nq', label: 'N-Quads', mediaTypes: ['application/n-quads'], extensions: ['nq'], kind: 'graph', resultsFormat: 'application/n-quads', hasCharset: true, iri: W3C_FORMATS['N-Quads'] },
  { id: 'trig', label: 'TriG', mediaTypes: ['application/trig'], extensions: ['trig'], kind: 'graph', resultsFormat: 'application/trig', hasCharset: true, iri: W3C_FORMATS.TriG },
  { id: 'rdf', label: 'RDF/XML', mediaTypes: ['application/rdf+xml'], extensions: ['rdf', 'owl'], kind: 'graph', resultsFormat: 'application/rdf+xml', hasCharset: true, iri: W3C_FORMATS.RDF_XML },
  { id: 'jsonld', label: 'JSON-LD', mediaTypes: ['application/ld+json', 'application/json'], extensions: ['jsonld'], kind: 'graph', resultsFormat: 'application/n-quads', hasCharset: false, iri: W3C_FORMATS['JSON-LD'] },
]

/** The formats of one kind, in table order. */
export const formatsOfKind = (kind: FormatKind): readonly Format[] => FORMATS.filter((format) => format.kind === kind)

/** The format with this id; throws for an unknown id. */
export function formatById(id: FormatId): Format {
  const format = FORMATS.find((candidate) => candidate.id === id)
  if (!format) throw new AppError('internal', `no format ${id}`)
  return format
}

/** The first format (in table order, optionally among `offered`) that lists this media type. */
export function formatFromMediaType(mediaType: string, offered: readonly Format[] = FORMATS): Format | undefined {
  const bare = mediaType.split(';')[0]!.trim().toLowerCase()
  return offered.find((format) => format.mediaTypes.includes(bare))
}

/** The format for a file extension (`ttl`, `.srx`). */
export function formatFromExtension(extension: string, offered: readonly Format[] = FORMATS): Format | undefined {
  const bare = extension.replace(/^\./, '').toLowerCase()
  return offered.find((format) => format.extensions.includes(bare))
}

/** The Content-Type header value to send for a format. */
export const contentTypeOf = (format: Format): string =>
  format.hasCharset ? `${format.mediaTypes[0]}; charset=utf-8` : format.mediaTypes[0]
