/**
 * What stays of a withdrawn dataset: a tombstone in its named graph — what it was (identifier, title), when and
 * why it was withdrawn — so that its IRI answers 410 Gone rather than 404, and the catalogue reports a deletion.
 * PROV-O's prov:invalidatedAtTime ("the time at which an entity was invalidated") says when; skos:historyNote why.
 */
import { DataFactory, type Quad } from 'n3'
import { DCT, PROV, RDF, SKOS, XSD } from '../vocab/index.ts'

const { quad, namedNode, literal } = DataFactory

export interface Tombstone {
  iri: string
  identifier?: string
  title?: string
  withdrawnAt: string
  reason: { zh: string; en: string }
}

/** The tombstone's quads, in the dataset's own graph. */
export function tombstoneQuads(t: Tombstone): Quad[] {
  const s = namedNode(t.iri)
  const g = namedNode(t.iri)
  const out = [
    quad(s, RDF.type, PROV.Entity, g),
    quad(s, PROV.invalidatedAtTime, literal(t.withdrawnAt, XSD.dateTime), g),
    quad(s, SKOS.historyNote, literal(t.reason.zh, 'zh-Hant'), g),
    quad(s, SKOS.historyNote, literal(t.reason.en, 'en'), g),
  ]
  if (t.identifier) out.push(quad(s, DCT.identifier, literal(t.identifier), g))
  if (t.title) out.push(quad(s, DCT.title, literal(t.title, 'zh-Hant'), g))
  return out
}

/** Read a tombstone back from a record graph's quads (undefined when the graph holds a live record). */
export function readTombstone(iri: string, quads: readonly Quad[]): Tombstone | undefined {
  const about = quads.filter((q) => q.subject.value === iri)
  const at = about.find((q) => q.predicate.equals(PROV.invalidatedAtTime))
  if (!at) return undefined
  const note = (lang: string) => about.find((q) => q.predicate.equals(SKOS.historyNote) && q.object.termType === 'Literal' && q.object.language.startsWith(lang))?.object.value ?? ''
  return {
    iri,
    identifier: about.find((q) => q.predicate.equals(DCT.identifier))?.object.value,
    title: about.find((q) => q.predicate.equals(DCT.title))?.object.value,
    withdrawnAt: at.object.value,
    reason: { zh: note('zh'), en: note('en') },
  }
}
