/**
 * Whether a record's graphs would come out as they are: graphs compared as the store holds them — typed literals in
 * its canonical form (src/store/canonical-literals.ts), each triple once, sorted. One canonicalisation serves a whole
 * batch (its distinct typed literals are few: dates, counts), where loading a scratch store per graph and dumping it
 * cost a sync of a thousand records a second and a half of the event loop.
 */
import { DataFactory, type Quad } from 'n3'
import { canonicalLiterals, isRewritable, literalKey } from '../store/canonical-literals.ts'
import { termToNQuads } from '../serialize/nquads-writer.ts'

/** The normal form of any graph among `graphs`: equal text ⇔ the store would hold the same triples. */
export function normalForms(graphs: Iterable<readonly Quad[]>): (quads: readonly Quad[]) => string {
  const literals: { value: string; datatype: string }[] = []
  for (const quads of graphs) for (const q of quads) if (q.object.termType === 'Literal' && isRewritable(q.object.datatype.value)) literals.push({ value: q.object.value, datatype: q.object.datatype.value })
  const canonical = canonicalLiterals(literals)
  const objectOf = (object: Quad['object']): Quad['object'] => {
    if (object.termType !== 'Literal' || object.language || !isRewritable(object.datatype.value)) return object
    const stored = canonical.get(literalKey({ value: object.value, datatype: object.datatype.value }))
    return stored ? DataFactory.literal(stored.value, DataFactory.namedNode(stored.datatype)) : object
  }
  return (quads) => [...new Set(quads.map((q) => `${termToNQuads(q.subject)} ${termToNQuads(q.predicate)} ${termToNQuads(objectOf(q.object))} .`))].sort().join('\n')
}
