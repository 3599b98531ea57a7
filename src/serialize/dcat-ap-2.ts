/**
 * DCAT-AP 3.0.1 → 2.1.1 (what data.europa.eu stores internally): drop what 2.1.1 does not know, rename what it
 * knows under another name. One table, applied to quads or to N-Triples lines (record graphs are passed as text).
 */
import { DataFactory, type NamedNode, type Quad } from 'n3'
import { DCAT, DCATAP, DCT, OWL, RDF } from '../vocab/index.ts'

const { namedNode, quad } = DataFactory

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

/** The predicate IRI a triple has in 2.1.1, or undefined when 2.1.1 drops the triple. */
export function dcatAp2Predicate(predicate: string, object: string): string | undefined {
  if (DROPPED.has(predicate)) return undefined
  if (predicate === RDF.type.value && DROPPED_CLASSES.has(object)) return undefined
  return RENAMED.get(predicate)?.value ?? predicate
}

/** The quads in 2.1.1. */
export function toDcatAp2(quads: readonly Quad[]): Quad[] {
  const out: Quad[] = []
  for (const q of quads) {
    const predicate = dcatAp2Predicate(q.predicate.value, q.object.value)
    if (predicate === q.predicate.value) out.push(q)
    else if (predicate) out.push(quad(q.subject, namedNode(predicate), q.object, q.graph))
  }
  return out
}
