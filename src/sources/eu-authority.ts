/** EU Publications Office authority tables (SKOS Turtle) → the concepts our graph uses, as background for DCAT-AP. */
import { DataFactory, Parser, type Quad } from 'n3'
import { DCT, RDF, SKOS } from '../vocab/index.ts'
import { SourceError } from '../errors.ts'
import type { ImportContext, ImportResult } from './types.ts'

const { literal, quad } = DataFactory

/**
 * Keep the concepts in `used` (IRIs our records point at) and every concept scheme, in graph 'vocab'.
 * Only typing, scheme membership, labels and codes are kept: the tables carry 20+ admin properties per concept.
 * A scheme also gets `dct:title` from its prefLabel, since DCAT-AP 3 requires a title on skos:ConceptScheme.
 */
export function importEuAuthority(ttl: string, ctx: ImportContext, used: ReadonlySet<string>): ImportResult {
  let parsed: Quad[]
  try {
    parsed = new Parser().parse(ttl)
  } catch (error) {
    const line = /line (\d+)/.exec((error as Error).message)?.[1]
    throw new SourceError(ctx.file, line ? Number(line) : undefined, `not valid Turtle: ${(error as Error).message}`)
  }
  const g = ctx.iris.graph('vocab')
  const keep = new Set([RDF.type.value, SKOS.inScheme.value, SKOS.prefLabel.value, SKOS.notation.value, SKOS.topConceptOf.value])
  const schemes = new Set(parsed.filter((q) => q.predicate.equals(RDF.type) && q.object.equals(SKOS.ConceptScheme)).map((q) => q.subject.value))
  // SKOS notations are literals; the frequency table gives euvoc:XlNotation nodes (`rdf:value "A"`) instead, nodes we
  // do not keep: their value becomes the notation, so nothing points at an IRI with no triples.
  const xlValues = new Map(parsed.filter((q) => q.predicate.equals(RDF.value) && q.object.termType === 'Literal').map((q) => [q.subject.value, q.object.value]))
  const quads: Quad[] = []
  let concepts = 0
  for (const q of parsed) {
    const s = q.subject.value
    const isScheme = schemes.has(s)
    if (!isScheme && !used.has(s)) continue
    if (!keep.has(q.predicate.value)) continue
    if (q.predicate.equals(RDF.type) && !isScheme) concepts++
    if (q.predicate.equals(SKOS.notation) && q.object.termType !== 'Literal') {
      const value = xlValues.get(q.object.value)
      if (value !== undefined) quads.push(quad(q.subject, q.predicate, literal(value), g))
      continue
    }
    quads.push(quad(q.subject, q.predicate, q.object, g))
    if (isScheme && q.predicate.equals(SKOS.prefLabel)) quads.push(quad(q.subject, DCT.title, q.object, g))
  }
  return { quads, warnings: [], references: [], stats: { schemes: schemes.size, concepts } }
}
