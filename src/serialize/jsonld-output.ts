/** JSON-LD output of graphs (CONSTRUCT/DESCRIBE answers, our RDF documents) made by jsonld.js from N-Quads. */
import jsonld from 'jsonld'
import { Parser } from 'n3'
import { createLocalDocumentLoader, type DocumentLoader } from './jsonld-loader.ts'
import { restoreLanguageCase } from './language-case.ts'

export interface JsonLdOptions {
  /** Prefix → namespace IRI, used as the inline `@context` of the compacted document. */
  prefixes?: Record<string, string>
  documentLoader?: DocumentLoader
}

/** Serialise N-Quads (or N-Triples) as compacted JSON-LD text with an inline context; never fetches anything. */
export async function serializeJsonLd(nquads: string, options: JsonLdOptions = {}): Promise<string> {
  const documentLoader = (options.documentLoader ?? createLocalDocumentLoader()) as never
  // N3's parser, not jsonld.js's: that one checks each statement against all before it, so its time grows with the
  // square of the size (bench/jsonld-output.ts: 44× slower at 29,000 triples, same output). A graph the engine wrote
  // has no duplicate statements to drop.
  const expanded = await jsonld.fromRDF(new Parser({ format: 'application/n-quads', blankNodePrefix: '' }).parse(nquads) as never)
  // Only the prefixes the graph uses: a context of thirty unused prefixes is noise for the reader.
  const context = Object.fromEntries(Object.entries(options.prefixes ?? {}).filter(([, namespace]) => nquads.includes(namespace)))
  const compacted = await jsonld.compact(expanded, context, { documentLoader })
  // jsonld.js lower-cases @language (JSON-LD 1.0 habit): BCP 47 case back.
  return restoreLanguageCase(JSON.stringify(compacted, null, 2) + '\n', 'application/ld+json')
}
