/** Our ontology (ontology/ogd.ttl, IRIs relative to BASE_IRI) → quads in the ontology graph. */
import { DataFactory, Parser } from 'n3'
import { SourceError } from '../errors.ts'
import type { ImportContext, ImportResult } from './types.ts'

export function importOntology(ttl: string, ctx: ImportContext): ImportResult {
  const g = ctx.iris.graph('ontology')
  try {
    const parsed = new Parser({ baseIRI: `${ctx.iris.base}/` }).parse(ttl)
    const quads = parsed.map((q) => DataFactory.quad(q.subject, q.predicate, q.object, g))
    return { quads, warnings: [], references: [], stats: { triples: quads.length } }
  } catch (error) {
    const line = /line (\d+)/.exec((error as Error).message)?.[1]
    throw new SourceError(ctx.file, line ? Number(line) : undefined, `not valid Turtle: ${(error as Error).message}`)
  }
}
