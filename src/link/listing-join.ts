/**
 * The 2018 listing joined to today's dataset ids. The 2018 rows have no ids, so a row joins a 2026 dataset when
 * their (agency, title) agree after the publisher linker's name folding (normalizeAgencyName: NFKC width folding,
 * 臺/台, spaces) — titles folded the same way except for the trailing-parenthesis rule, which would merge 「…(CSV)」
 * with 「…」. Only unambiguous joins: a key two 2026 ids share joins nothing, and a 2026 id takes the first 2018 row
 * that names it (later repeats stay historical records). The joined row's IRI stays served: its graph says
 * owl:sameAs and dct:isReplacedBy the current record, with how the link was made.
 */
import { DataFactory, type Quad } from 'n3'
import type { Iris } from '../model/iris.ts'
import { DCT, OWL, PROV, RDF } from '../vocab/index.ts'
import { normalizeAgencyName } from './normalize-name.ts'

const { literal, quad } = DataFactory

/** A title folded like agency names (width, 臺/台, spaces), keeping parenthetical qualifiers. */
export const foldTitle = (title: string): string => title.normalize('NFKC').trim().replace(/台/g, '臺').replace(/[\s\u3000]+/g, '')

export const joinKey = (agency: string, title: string): string => `${normalizeAgencyName(agency)}\t${foldTitle(title)}`

export interface JoinStats {
  rows2018: number
  joined: number
  /** 2018 rows whose key two or more 2026 ids share. */
  ambiguous: number
  /** 2018 rows naming a 2026 id an earlier 2018 row already took. */
  repeats: number
}

/** l2018 id → current id, for every joinable 2018 row. */
export function joinListing2018(
  rows2018: readonly { id: string; agency: string; title: string }[],
  current: readonly { id: string; publisherName?: string; title: string }[],
): { joins: Map<string, string>; stats: JoinStats } {
  const byKey = new Map<string, string | null>()
  for (const c of current) {
    if (!c.publisherName) continue
    const key = joinKey(c.publisherName, c.title)
    byKey.set(key, byKey.has(key) && byKey.get(key) !== c.id ? null : c.id)
  }
  const joins = new Map<string, string>()
  const taken = new Set<string>()
  const stats: JoinStats = { rows2018: rows2018.length, joined: 0, ambiguous: 0, repeats: 0 }
  for (const row of rows2018) {
    const hit = byKey.get(joinKey(row.agency, row.title))
    if (hit === undefined) continue
    if (hit === null) { stats.ambiguous++; continue }
    if (taken.has(hit)) { stats.repeats++; continue }
    taken.add(hit)
    joins.set(row.id, hit)
    stats.joined++
  }
  return { joins, stats }
}

/** The graph of a joined 2018 IRI: the same dataset as, and replaced by, the current record; how the join was made. */
export function replacedListingQuads(iris: Iris, listingId: string, currentId: string, sourceText: string, sourceKey: string): Quad[] {
  const old = iris.dataset(listingId)
  const current = iris.dataset(currentId)
  const record = iris.linkRecord(old, 'listing-join')
  return [
    quad(old, OWL.sameAs, current, old),
    quad(old, DCT.isReplacedBy, current, old),
    quad(old, DCT.identifier, literal(listingId), old),
    quad(old, PROV.wasDerivedFrom, iris.catalogSource(sourceKey), old),
    quad(old, iris.ogd.linkRecord, record, old),
    quad(record, RDF.type, iris.ogd.LinkProvenance, old),
    quad(record, iris.ogd.sourceText, literal(sourceText), old),
    quad(record, iris.ogd.linkMethod, iris.concept('link-method', 'folded-agency-title'), old),
    quad(record, PROV.wasGeneratedBy, iris.linkActivity('listing-join'), old),
  ]
}
