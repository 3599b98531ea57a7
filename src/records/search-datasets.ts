/**
 * The dataset search: entries read from the store (facts, formats, badges, labels), a text index over titles,
 * keywords, publisher names and descriptions, filters, facet counts and paging.
 */
import { DataFactory, type NamedNode } from 'n3'
import type { GraphStore } from '../store/types.ts'
import { DCAT, DCT } from '../vocab/index.ts'
import { readTsvRows, type TsvTerm } from './sparql-tsv.ts'
import { datasetFactsQuery, datasetPartsQuery, labelsQuery } from './search-queries.ts'
import { TextIndex } from './search-index.ts'

const TSV = 'text/tab-separated-values'

export interface DatasetEntry {
  readonly iri: string
  readonly identifier?: string
  /** Titles by language tag ('zh-Hant', 'en', '' …). */
  readonly titles: Record<string, string>
  readonly description?: string
  readonly keywords: string[]
  readonly publisher?: string
  readonly themes: string[]
  readonly formats: string[]
  readonly licenses: string[]
  readonly issued?: string
  readonly modified?: string
  /** `issued` and `modified` as epoch ms (NaN when absent or unreadable), for filters and sorting. */
  readonly issuedTime: number
  readonly modifiedTime: number
  readonly badge?: string
  /** The ogd:metadataStatus concept (complete: in the DCAT-AP catalogue; partial: the 2018 listing's records). */
  readonly status?: string
}

export interface DatasetFilters {
  q?: string
  publisher?: string
  theme?: string
  format?: string
  license?: string
  /** Inclusive lower bound on dct:issued (epoch ms). */
  issuedAfter?: number
  /** Exclusive upper bound on dct:issued (epoch ms). */
  issuedBefore?: number
  /** The metadata status concept IRI. */
  status?: string
}

export type FacetName = 'publisher' | 'theme' | 'format' | 'license' | 'year' | 'status'
export interface FacetValue { value: string; label: string; count: number }

export interface DatasetResults {
  total: number
  members: DatasetEntry[]
  facets: Record<FacetName, FacetValue[]>
}

/** Searches whose ordered results are kept (most recent first out when full). */
const RESULT_CACHE_SIZE = 200

/** Facet values listed per facet (the most frequent first). */
const FACET_LIMIT = 20

interface Draft {
  identifier?: string
  titles: Record<string, string>
  descriptions: Record<string, string>
  keywords: string[]
  publisher?: string
  themes: string[]
  formats: Set<string>
  licenses: string[]
  issued?: string
  modified?: string
  badge?: string
  status?: string
}

const newDraft = (): Draft => ({ titles: {}, descriptions: {}, keywords: [], themes: [], formats: new Set(), licenses: [] })
const pickText = (texts: Record<string, string>) => texts['zh-Hant'] ?? texts.zh ?? texts[''] ?? texts.en ?? Object.values(texts)[0]

function addFact(draft: Draft, predicate: string, object: TsvTerm): void {
  const lang = object.language ?? ''
  switch (predicate) {
    case DCT.identifier.value: draft.identifier = object.value; break
    case DCT.title.value: draft.titles[lang] = object.value; break
    case DCT.description.value: draft.descriptions[lang] = object.value; break
    case DCAT.keyword.value: draft.keywords.push(object.value); break
    case DCT.publisher.value: draft.publisher = object.value; break
    case DCAT.theme.value: draft.themes.push(object.value); break
    case DCT.license.value: draft.licenses.push(object.value); break
    case DCT.issued.value: draft.issued = object.value; break
    case DCT.modified.value: draft.modified = object.value; break
  }
}

/** Read the entries of every dataset, or of the listed dataset IRIs. */
export async function readDatasetEntries(store: GraphStore, records?: readonly string[], metadataStatus?: NamedNode): Promise<DatasetEntry[]> {
  const nodes = records?.map((iri) => DataFactory.namedNode(iri))
  const drafts = new Map<string, Draft>()
  const draftOf = (iri: string) => drafts.get(iri) ?? drafts.set(iri, newDraft()).get(iri)!
  for (const row of readTsvRows((await store.query({ query: datasetFactsQuery(nodes), mediaType: TSV })).body)) {
    if (row.d && row.p && row.o) addFact(draftOf(row.d.value), row.p.value, row.o)
  }
  for (const row of readTsvRows((await store.query({ query: datasetPartsQuery(nodes, metadataStatus), mediaType: TSV })).body)) {
    const draft = row.d && drafts.get(row.d.value)
    if (!draft) continue
    if (row.format) draft.formats.add(row.format.value)
    if (row.badge) draft.badge = row.badge.value
    if (row.status) draft.status = row.status.value
  }
  return [...drafts].map(([iri, d]) => ({
    iri, identifier: d.identifier, titles: d.titles, description: pickText(d.descriptions), keywords: d.keywords, publisher: d.publisher,
    themes: d.themes.sort(), formats: [...d.formats].sort(), licenses: d.licenses.sort(), issued: d.issued, modified: d.modified, badge: d.badge,
    issuedTime: time(d.issued), modifiedTime: time(d.modified), ...(d.status ? { status: d.status } : {}),
  }))
}

/** Labels (zh first) of agents, concepts and licences. */
export async function readLabels(store: GraphStore): Promise<Map<string, { zh?: string; en?: string }>> {
  const labels = new Map<string, { zh?: string; en?: string }>()
  for (const row of readTsvRows((await store.query({ query: labelsQuery(), mediaType: TSV })).body)) {
    if (!row.s || !row.label) continue
    const entry = labels.get(row.s.value) ?? {}
    if (row.label.language?.startsWith('zh')) entry.zh ??= row.label.value
    else entry.en ??= row.label.value
    labels.set(row.s.value, entry)
  }
  return labels
}

const time = (value: string | undefined) => (value ? Date.parse(value) : Number.NaN)
const yearOf = (entry: DatasetEntry) => (entry.issued ? entry.issued.slice(0, 4) : undefined)

/** The dataset index with its labels; filters, facets and ranking. */
export class DatasetSearch {
  readonly index = new TextIndex<DatasetEntry>((entry) => entry.iri)
  private results = new Map<string, { matches: DatasetEntry[]; facets: Record<FacetName, FacetValue[]> }>()
  private newestFirst: DatasetEntry[] | undefined
  private cacheVersion = -1

  constructor(private names: Map<string, { zh?: string; en?: string }>) {}

  /** Labels of agents, concepts and licences (facet labels, publisher names in results). */
  get labels(): Map<string, { zh?: string; en?: string }> {
    return this.names
  }

  set labels(labels: Map<string, { zh?: string; en?: string }>) {
    this.names = labels
    this.labelChanges++
    this.results.clear()
  }

  private labelChanges = 0

  /** Changes with every entry or label change: answers made from this index key on it. */
  get generation(): string {
    return `${this.index.version}.${this.labelChanges}`
  }

  label(iri: string, language: 'zh' | 'en' = 'zh'): string {
    const entry = this.labels.get(iri)
    return (language === 'en' ? entry?.en ?? entry?.zh : entry?.zh ?? entry?.en) ?? iri.replace(/^.*[/#]/, '')
  }

  remove(iri: string): void {
    this.index.remove(iri)
  }

  put(entry: DatasetEntry): void {
    const publisher = entry.publisher ? this.labels.get(entry.publisher) : undefined
    this.index.put(entry, [
      { text: Object.values(entry.titles).join(' '), weight: 3 },
      { text: entry.keywords.join(' '), weight: 2 },
      { text: [publisher?.zh, publisher?.en, entry.identifier].filter(Boolean).join(' '), weight: 1.5 },
      { text: entry.description ?? '', weight: 1 },
    ])
  }

  /** Filter, rank (text score, else newest modified first) and count facets over the whole result. */
  search(filters: DatasetFilters, page: { offset: number; limit: number }): DatasetResults {
    const ranked = this.ranked(filters)
    return { total: ranked.matches.length, members: ranked.matches.slice(page.offset, page.offset + page.limit), facets: ranked.facets }
  }

  /** Every match in order with its facets; recent searches are kept until the index changes (paging reuses them). */
  private ranked(filters: DatasetFilters): { matches: DatasetEntry[]; facets: Record<FacetName, FacetValue[]> } {
    if (this.cacheVersion !== this.index.version) {
      this.results.clear()
      this.newestFirst = undefined
      this.cacheVersion = this.index.version
    }
    const key = JSON.stringify([filters.q, filters.publisher, filters.theme, filters.format, filters.license, filters.issuedAfter, filters.issuedBefore, filters.status])
    const cached = this.results.get(key)
    if (cached) return cached
    const scores = filters.q ? this.index.match(filters.q) : undefined
    let matches: DatasetEntry[]
    if (scores) {
      // Sorted as [entry, score] pairs: a Map lookup per comparison doubled the cost of broad searches.
      const scored = [...scores].filter(([entry]) => isMatch(entry, filters))
      scored.sort((a, b) => b[1] - a[1] || (a[0].iri < b[0].iri ? -1 : a[0].iri > b[0].iri ? 1 : 0))
      matches = scored.map(([entry]) => entry)
    } else {
      // Without text the order is always newest first: sort once per index version, then only filter.
      this.newestFirst ??= [...this.index.all()].sort((a, b) => (b.modifiedTime || 0) - (a.modifiedTime || 0) || (a.iri < b.iri ? -1 : a.iri > b.iri ? 1 : 0))
      matches = this.newestFirst.filter((entry) => isMatch(entry, filters))
    }
    const result = { matches, facets: this.facets(matches) }
    this.results.set(key, result)
    if (this.results.size > RESULT_CACHE_SIZE) this.results.delete(this.results.keys().next().value!)
    return result
  }

  private facets(matches: readonly DatasetEntry[]): Record<FacetName, FacetValue[]> {
    const counters: Record<FacetName, Map<string, number>> = { publisher: new Map(), theme: new Map(), format: new Map(), license: new Map(), year: new Map(), status: new Map() }
    const count = (facet: FacetName, value: string | undefined) => { if (value) counters[facet].set(value, (counters[facet].get(value) ?? 0) + 1) }
    for (const entry of matches) {
      count('publisher', entry.publisher)
      entry.themes.forEach((theme) => count('theme', theme))
      entry.formats.forEach((format) => count('format', format))
      entry.licenses.forEach((license) => count('license', license))
      count('year', yearOf(entry))
      count('status', entry.status)
    }
    const list = (facet: FacetName) => [...counters[facet]]
      .sort((a, b) => b[1] - a[1] || a[0].localeCompare(b[0]))
      .slice(0, FACET_LIMIT)
      .map(([value, n]) => ({ value, label: facet === 'year' ? value : this.label(value), count: n }))
    return { publisher: list('publisher'), theme: list('theme'), format: list('format'), license: list('license'), year: list('year'), status: list('status') }
  }
}

function isMatch(entry: DatasetEntry, filters: DatasetFilters): boolean {
  if (filters.publisher && entry.publisher !== filters.publisher) return false
  if (filters.theme && !entry.themes.includes(filters.theme)) return false
  if (filters.format && !entry.formats.includes(filters.format)) return false
  if (filters.license && !entry.licenses.includes(filters.license)) return false
  if (filters.status && entry.status !== filters.status) return false
  if (filters.issuedAfter !== undefined || filters.issuedBefore !== undefined) {
    const issued = entry.issuedTime
    if (Number.isNaN(issued)) return false
    if (filters.issuedAfter !== undefined && issued < filters.issuedAfter) return false
    if (filters.issuedBefore !== undefined && issued >= filters.issuedBefore) return false
  }
  return true
}
