/**
 * Agency and law search: entries read from the store, the same text index as datasets (names, codes), simple
 * facets (agency level, kind and status; law kind, in force, competent agency) and paging.
 */
import { DataFactory } from 'n3'
import type { Iris } from '../model/iris.ts'
import type { GraphStore } from '../store/types.ts'
import { DCT, ELI, ELI_IN_FORCE, FOAF, ORG, RDF, SKOS } from '../vocab/index.ts'
import { readTsvRows, type TsvTerm } from './sparql-tsv.ts'
import { agencyFactsQuery, lawFactsQuery } from './search-queries.ts'
import { TextIndex } from './search-index.ts'

const TSV = 'text/tab-separated-values'

export interface DirectoryEntry {
  readonly iri: string
  readonly code?: string
  readonly names: { zh?: string; en?: string }
  readonly altLabels: string[]
  /** Facet name → values (IRIs or short words). */
  readonly facets: Record<string, string[]>
  /** Links worth showing in a result (parent agency, competent agency). */
  readonly links: Record<string, string | undefined>
}

export interface DirectoryResults {
  total: number
  members: DirectoryEntry[]
  facets: Record<string, { value: string; count: number }[]>
}

type Draft = { code?: string; names: { zh?: string; en?: string }; altLabels: string[]; facets: Record<string, string[]>; links: Record<string, string | undefined> }

function addName(draft: Draft, object: TsvTerm) {
  if (object.language?.startsWith('en')) draft.names.en ??= object.value
  else draft.names.zh ??= object.value
}

async function readEntries(store: GraphStore, query: string, variable: string, add: (draft: Draft, predicate: string, object: TsvTerm) => void): Promise<DirectoryEntry[]> {
  const drafts = new Map<string, Draft>()
  for (const row of readTsvRows((await store.query({ query, mediaType: TSV })).body)) {
    const subject = row[variable]
    if (!subject || !row.p || !row.o) continue
    let draft = drafts.get(subject.value)
    if (!draft) drafts.set(subject.value, (draft = { names: {}, altLabels: [], facets: {}, links: {} }))
    add(draft, row.p.value, row.o)
  }
  return [...drafts].map(([iri, draft]) => ({ iri, ...draft }))
}

const push = (draft: Draft, facet: string, value: string) => { (draft.facets[facet] ??= []).push(value) }

/** Agencies: names, codes, level, kind (coded, unit, name only) and status. */
export function readAgencyEntries(store: GraphStore, iris: Iris, records?: readonly string[]): Promise<DirectoryEntry[]> {
  const query = agencyFactsQuery(iris.ogd.isAbolished, records?.map((iri) => DataFactory.namedNode(iri)))
  return readEntries(store, query, 'a', (draft, predicate, object) => {
    switch (predicate) {
      case FOAF.name.value: addName(draft, object); break
      case SKOS.altLabel.value: draft.altLabels.push(object.value); break
      case DCT.identifier.value: draft.code = object.value; break
      case ORG.classification.value: push(draft, 'level', object.value); break
      case ORG.subOrganizationOf.value: draft.links.parent ??= object.value; break
      case ORG.unitOf.value: draft.links.parent ??= object.value; break
      case iris.ogd.isAbolished.value: push(draft, 'status', object.value === 'true' ? 'abolished' : 'active'); break
      case RDF.type.value:
        if (object.value === iris.ogd.UnresolvedAgent.value) push(draft, 'kind', 'unresolved')
        else if (object.value === ORG.OrganizationalUnit.value) push(draft, 'kind', 'unit')
        else if (object.value === ORG.FormalOrganization.value) push(draft, 'kind', 'coded')
        break
    }
  })
}

/** Laws: titles, PCode, kind, in force, competent agency. */
export function readLawEntries(store: GraphStore, records?: readonly string[]): Promise<DirectoryEntry[]> {
  return readEntries(store, lawFactsQuery(records?.map((iri) => DataFactory.namedNode(iri))), 'l', (draft, predicate, object) => {
    switch (predicate) {
      case ELI.title.value: addName(draft, object); break
      case ELI.id_local.value: draft.code = object.value; break
      case ELI.type_document.value: push(draft, 'kind', object.value); break
      case ELI.in_force.value: push(draft, 'status', object.value === ELI_IN_FORCE.inForce.value ? 'in-force' : 'not-in-force'); break
      case ELI.responsibility_of.value: push(draft, 'agency', object.value); draft.links.agency ??= object.value; break
    }
  })
}

/** A searchable directory of agencies or laws. */
export class DirectorySearch {
  readonly index = new TextIndex<DirectoryEntry>((entry) => entry.iri)

  constructor(readonly facetNames: readonly string[]) {}

  remove(iri: string): void {
    this.index.remove(iri)
  }

  put(entry: DirectoryEntry): void {
    this.index.put(entry, [
      { text: [entry.names.zh, entry.names.en].filter(Boolean).join(' '), weight: 3 },
      { text: [entry.code ?? '', ...entry.altLabels].join(' '), weight: 2 },
    ])
  }

  search(q: string | undefined, filters: Record<string, string | undefined>, page: { offset: number; limit: number }): DirectoryResults {
    if (this.cacheVersion !== this.index.version) {
      this.results.clear()
      this.cacheVersion = this.index.version
    }
    const key = JSON.stringify([q, filters])
    let ranked = this.results.get(key)
    if (!ranked) {
      ranked = this.rank(q, filters)
      this.results.set(key, ranked)
      if (this.results.size > 200) this.results.delete(this.results.keys().next().value!)
    }
    return { total: ranked.matches.length, members: ranked.matches.slice(page.offset, page.offset + page.limit), facets: ranked.facets }
  }

  private results = new Map<string, { matches: DirectoryEntry[]; facets: DirectoryResults['facets'] }>()
  private cacheVersion = -1

  private rank(q: string | undefined, filters: Record<string, string | undefined>): { matches: DirectoryEntry[]; facets: DirectoryResults['facets'] } {
    const scores = q ? this.index.match(q) : undefined
    const candidates = scores ? [...scores.keys()] : [...this.index.all()]
    const matches = candidates.filter((entry) => Object.entries(filters).every(([facet, value]) => value === undefined || (entry.facets[facet] ?? []).includes(value)))
    // Shorter names first among equal scores: 「衛生福利部」 before its hundreds of units.
    const nameLength = (entry: DirectoryEntry) => (entry.names.zh ?? entry.names.en ?? '').length
    matches.sort((a, b) => (scores ? scores.get(b)! - scores.get(a)! : 0) || nameLength(a) - nameLength(b) || (a.code ?? a.iri).localeCompare(b.code ?? b.iri))
    const facets: DirectoryResults['facets'] = {}
    for (const facet of this.facetNames) {
      const counts = new Map<string, number>()
      for (const entry of matches) for (const value of entry.facets[facet] ?? []) counts.set(value, (counts.get(value) ?? 0) + 1)
      facets[facet] = [...counts].sort((a, b) => b[1] - a[1] || a[0].localeCompare(b[0])).slice(0, 20).map(([value, count]) => ({ value, count }))
    }
    return { matches, facets }
  }
}
