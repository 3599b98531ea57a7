/** An index of the agencies in the graph by code and by (normalised) name, read from the importer's quads. */
import type { Quad } from 'n3'
import { DCT, RDF, SKOS, FOAF, XSD } from '../vocab/index.ts'
import type { Iris } from '../model/iris.ts'
import { normalizeAgencyName } from './normalize-name.ts'

export interface AgencyEntry {
  code: string
  iri: string
  names: string[]
  isAbolished: boolean
  isPlanned: boolean
  isFundUnit: boolean
  isUnresolved: boolean
}

export interface AgencyIndex {
  byCode: Map<string, AgencyEntry>
  /** normalised name → agencies bearing it (several when codes changed but names did not). */
  byName: Map<string, AgencyEntry[]>
  /** Active agencies by normalised name, for suffix (abbreviation) matching. */
  activeNames: [string, AgencyEntry][]
}

/** Build the index from agency quads (graph = agency IRI). Only zh names are indexed: sources name publishers in Chinese. */
export function buildAgencyIndex(quads: Iterable<Quad>, iris: Iris): AgencyIndex {
  const entries = new Map<string, AgencyEntry>()
  const agencyPrefix = `${iris.base}/agency/`
  const entryOf = (iri: string): AgencyEntry => {
    let entry = entries.get(iri)
    if (!entry) {
      entry = { code: '', iri, names: [], isAbolished: false, isPlanned: false, isFundUnit: false, isUnresolved: false }
      entries.set(iri, entry)
    }
    return entry
  }
  for (const quad of quads) {
    const s = quad.subject.value
    if (quad.subject.termType !== 'NamedNode' || !s.startsWith(agencyPrefix)) continue
    const p = quad.predicate.value
    const o = quad.object
    if (p === DCT.identifier.value && o.termType === 'Literal') entryOf(s).code = o.value
    else if ((p === SKOS.prefLabel.value || p === FOAF.name.value) && o.termType === 'Literal' && o.language.startsWith('zh')) {
      const names = entryOf(s).names
      if (!names.includes(o.value)) names.push(o.value)
    } else if (p === RDF.type.value) {
      if (o.value === iris.ogd.PlannedOrganization.value) entryOf(s).isPlanned = true
      else if (o.value === iris.ogd.FundUnit.value) entryOf(s).isFundUnit = true
      else if (o.value === iris.ogd.UnresolvedAgent.value) entryOf(s).isUnresolved = true
    } else if (p === iris.ogd.isAbolished.value && o.termType === 'Literal' && o.datatype.value === XSD.boolean.value) {
      entryOf(s).isAbolished = o.value === 'true'
    }
  }
  const byCode = new Map<string, AgencyEntry>()
  const byName = new Map<string, AgencyEntry[]>()
  for (const entry of entries.values()) {
    if (!entry.code || entry.isUnresolved) continue
    byCode.set(entry.code, entry)
    for (const name of entry.names) {
      const key = normalizeAgencyName(name)
      const list = byName.get(key) ?? []
      list.push(entry)
      byName.set(key, list)
    }
  }
  const activeNames: [string, AgencyEntry][] = []
  for (const [name, list] of byName) for (const entry of list) if (isActive(entry)) activeNames.push([name, entry])
  return { byCode, byName, activeNames }
}

export const isActive = (entry: AgencyEntry) => !entry.isAbolished && !entry.isPlanned

/** Rank candidates bearing the same name: active first, real before planned, budget units last. */
export function rankCandidates(list: AgencyEntry[]): AgencyEntry[] {
  const score = (e: AgencyEntry) => (isActive(e) ? 0 : e.isPlanned ? 2 : 1) * 10 + (e.isFundUnit ? 1 : 0)
  return [...list].sort((a, b) => score(a) - score(b) || a.code.localeCompare(b.code))
}

