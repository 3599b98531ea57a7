/**
 * DCAT-AP 3.0.1 → 2.1.1 (what data.europa.eu stores internally): drop what 2.1.1 does not know, rename what it
 * knows under another name. A table of small rules over quads; nodes left unreachable are pruned by the caller.
 */
import { DataFactory, type NamedNode, type Quad } from 'n3'
import { DCAT, DCATAP, DCT, OWL, RDF } from '../vocab/index.ts'

const { quad } = DataFactory

/** One rule: a quad in, the quads it becomes out (none to drop it). */
type Rule = (q: Quad) => Quad[] | undefined

const withPredicate = (q: Quad, predicate: NamedNode) => quad(q.subject, predicate, q.object, q.graph)

/** Properties new in DCAT-AP 3 with no 2.1.1 counterpart (DCAT-AP 3.0 release notes, "new properties"). */
const DROPPED = new Set([DCATAP.applicableLegislation, DCATAP.hvdCategory, DCAT.inSeries].map((t) => t.value))

/** DCAT 3 terms whose DCAT-AP 2.1.1 counterpart has another IRI (DCAT-AP 2.1.1 §5–6). */
const RENAMED = new Map<string, NamedNode>([
  [DCAT.version.value, OWL.versionInfo],
  [DCAT.hasVersion.value, DCT.hasVersion],
  [DCAT.isVersionOf.value, DCT.isVersionOf],
])

/** Classes 2.1.1 does not have: the node keeps its other types. */
const DROPPED_CLASSES = new Set([DCAT.DatasetSeries.value])

export const DCAT_AP_2_RULES: readonly Rule[] = [
  (q) => (DROPPED.has(q.predicate.value) ? [] : undefined),
  (q) => (RENAMED.has(q.predicate.value) ? [withPredicate(q, RENAMED.get(q.predicate.value)!)] : undefined),
  (q) => (q.predicate.equals(RDF.type) && DROPPED_CLASSES.has(q.object.value) ? [] : undefined),
]

/** Apply the first rule that speaks about each quad; quads no rule mentions pass unchanged. */
export function toDcatAp2(quads: readonly Quad[], rules: readonly Rule[] = DCAT_AP_2_RULES): Quad[] {
  const out: Quad[] = []
  for (const q of quads) {
    let mapped: Quad[] | undefined
    for (const rule of rules) if ((mapped = rule(q))) break
    if (mapped) for (const m of mapped) out.push(m)
    else out.push(q)
  }
  return out
}
