/** Serialise a small graph we build ourselves (service description, VoID) in any graph format of the table. */
import { Writer, type Quad } from 'n3'
import oxigraph from 'oxigraph'
import { serializeJsonLd } from '../serialize/jsonld-output.ts'
import { restoreLanguageCase } from '../serialize/language-case.ts'
import type { Format } from '../serialize/formats.ts'
import { PREFIXES } from '../vocab/index.ts'

function writeN3(quads: Quad[], format: string, prefixes?: Record<string, string>): Promise<string> {
  return new Promise((resolve, reject) => {
    const writer = new Writer({ format, ...(prefixes ? { prefixes } : {}) })
    writer.addQuads(quads)
    writer.end((error, result: string) => (error ? reject(error) : resolve(result)))
  })
}

/**
 * Quads → text in `format` (Turtle and TriG with our prefixes; RDF/XML through oxigraph; JSON-LD through jsonld.js),
 * language tags in BCP 47 case (N3.js and oxigraph lower-case them).
 */
export async function serializeQuads(quads: Quad[], format: Format): Promise<string> {
  return restoreLanguageCase(await writeQuads(quads, format), format.mediaTypes[0])
}

async function writeQuads(quads: Quad[], format: Format): Promise<string> {
  switch (format.id) {
    case 'ttl': return writeN3(quads, 'Turtle', PREFIXES)
    case 'trig': return writeN3(quads, 'TriG', PREFIXES)
    case 'nt': return writeN3(quads, 'N-Triples')
    case 'nq': return writeN3(quads, 'N-Quads')
    case 'jsonld': return serializeJsonLd(await writeN3(quads, 'N-Quads'), { prefixes: PREFIXES })
    case 'rdf': {
      const store = new oxigraph.Store()
      store.load(await writeN3(quads, 'N-Triples'), { format: 'application/n-triples' })
      return store.dump({ format: 'application/rdf+xml', from_graph_name: oxigraph.defaultGraph() })
    }
    default: throw new Error(`${format.id} is not a graph format`)
  }
}
