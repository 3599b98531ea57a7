/**
 * A 2018 listing IRI whose row joined a 2026 dataset (src/link/listing-join.ts) is not a dataset any more: its graph
 * says dct:isReplacedBy (and owl:sameAs) the current record. Such an IRI answers 301 to the current record's IRI, in
 * the same form (suffix) and on the request's own origin, so every IRI once minted keeps resolving.
 */
import type { RecordDocument } from '../records/record-document.ts'
import { DCAT, DCT, OWL, RDF } from '../vocab/index.ts'

/**
 * The IRI a record's resource is now, when the record is only a pointer: replaced by and the same as one resource
 * (owl:sameAs and dct:isReplacedBy), and no dataset itself. A resource merely superseded by another (the 2013 usage
 * rules, replaced by OGDL but a document of its own) is served as usual.
 */
export function replacementOf(document: RecordDocument): string | undefined {
  if (document.kind !== 'record') return undefined
  const replacedBy = new Set<string>()
  const sameAs = new Set<string>()
  for (const q of document.quads) {
    if (q.subject.value !== document.iri) continue
    if (q.predicate.equals(RDF.type) && q.object.equals(DCAT.Dataset)) return undefined
    if (q.object.termType !== 'NamedNode') continue
    if (q.predicate.equals(DCT.isReplacedBy)) replacedBy.add(q.object.value)
    if (q.predicate.equals(OWL.sameAs)) sameAs.add(q.object.value)
  }
  const both = [...replacedBy].filter((iri) => sameAs.has(iri))
  return both.length === 1 ? both[0] : undefined
}

/** Where to send the client: the replacement under the request's origin (when it is one of ours), with the suffix. */
export function redirectLocation(replacement: string, base: string, origin: string, suffix: string | undefined): string {
  const local = replacement.startsWith(`${base}/`) ? origin + replacement.slice(base.length) : replacement
  return suffix ? `${local}.${suffix}` : local
}
