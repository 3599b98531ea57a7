/** The catalogue's members: the complete records, read from the store in one stable order (by dataset IRI). */
import { DataFactory, Parser, type Quad } from 'n3'
import type { Iris } from '../model/iris.ts'
import type { GraphStore } from '../store/types.ts'
import { catalogNodeQuery, datasetsInGraphsQuery, membersOfQuery, membersPageQuery, membersQuery } from './catalog-queries.ts'

const { literal, namedNode } = DataFactory

export interface CatalogMember {
  /** The dataset IRI: the sort key of every page. */
  readonly dataset: string
  /** The named graph that holds the record (replaced atomically by the store). */
  readonly graph: string
  /** dct:modified of the catalogue record, else of the dataset, as written; '' when neither is stated. */
  readonly modified: string
}

type Binding = Record<string, { value: string } | undefined>

/** Compare by UTF-16 code units: the same order in every JS runtime, unlike localeCompare. */
export const compareIris = (a: string, b: string): number => (a < b ? -1 : a > b ? 1 : 0)

/**
 * Turn SELECT bindings into members: one per dataset, sorted by dataset IRI. A dataset with a complete record in
 * several graphs is the member of the first graph (by IRI); a record with several dates has its latest — so the
 * same rows in any order (one query or keyset pages, either backend) give the same members.
 */
export function toMembers(bindings: readonly Binding[]): CatalogMember[] {
  const byDataset = new Map<string, { graph: string; record?: string; dataset?: string }>()
  const later = (a: string | undefined, b: string | undefined) => (a === undefined ? b : b === undefined || a >= b ? a : b)
  for (const row of bindings) {
    const dataset = row.dataset?.value
    const graph = row.graph?.value
    if (!dataset || !graph) continue
    let seen = byDataset.get(dataset)
    if (seen && compareIris(graph, seen.graph) > 0) continue
    if (!seen || graph !== seen.graph) byDataset.set(dataset, (seen = { graph }))
    seen.record = later(seen.record, row.recordModified?.value)
    seen.dataset = later(seen.dataset, row.datasetModified?.value)
  }
  return [...byDataset].map(([dataset, m]) => ({ dataset, graph: m.graph, modified: m.record ?? m.dataset ?? '' })).sort((a, b) => compareIris(a.dataset, b.dataset))
}

/** One SPARQL TSV cell (`<iri>`, `"lexical"^^<datatype>`, `"text"@lang`, or empty) → its value. */
function tsvValue(cell: string): string | undefined {
  if (cell === '') return undefined
  if (cell.startsWith('<')) return cell.slice(1, -1)
  const quoted = cell.slice(0, cell.lastIndexOf('"') + 1)
  return quoted.includes('\\') ? (JSON.parse(quoted) as string) : quoted.slice(1, -1)
}

/** SPARQL 1.1 TSV results → bindings (TSV: a third of the JSON's size for 50,000 rows, and parsed in a split). */
export function parseTsvBindings(tsv: string): Binding[] {
  const [header = '', ...rows] = tsv.split('\n')
  const names = header.split('\t').map((name) => name.replace(/^\?/, ''))
  return rows.filter(Boolean).map((row) => {
    const cells = row.split('\t')
    return Object.fromEntries(names.map((name, i) => [name, cells[i] ? { value: tsvValue(cells[i]!)! } : undefined]))
  })
}

const tsv = async (store: GraphStore, query: string, timeoutMs?: number) =>
  parseTsvBindings((await store.query({ query, mediaType: 'text/tab-separated-values', trusted: true, ...(timeoutMs ? { timeoutMs } : {}) })).body)

/**
 * Read the complete records from the store: in one query, or — when the store asks for it (GraphStore.pageRows) — in
 * keyset pages by dataset IRI, each one bounded query (500,000 members in one query are past Virtuoso's deadline).
 */
export async function readMembers(store: GraphStore, iris: Iris, timeoutMs?: number, pageRows = store.pageRows): Promise<CatalogMember[]> {
  const [status, complete] = [iris.ogd.metadataStatus, iris.concept('metadata-status', 'complete')]
  if (!pageRows) return toMembers(await tsv(store, membersQuery(status, complete), timeoutMs))
  const rows: Binding[] = []
  for (let after: string | undefined; ;) {
    const page = await tsv(store, membersPageQuery(status, complete, after === undefined ? undefined : literal(after), pageRows), timeoutMs)
    rows.push(...page)
    // Rows repeat a pair when a record has several dates: the page is full when it has `pageRows` distinct pairs.
    const pairs = new Set(page.map((row) => `${row.dataset?.value}\t${row.graph?.value}`))
    if (pairs.size < pageRows) return toMembers(rows)
    after = page.at(-1)!.dataset!.value
  }
}

/** IRIs per VALUES block (as the page reader): every query stays well under the store's query-size cap. */
const CHUNK = 200

/**
 * The member list after writes replaced `graphs`: only the datasets they held or hold now are read again (every
 * graph of each, so the first-graph rule still holds) — a write costs queries of its size, not of the catalogue's.
 */
export async function patchMembers(store: GraphStore, iris: Iris, members: readonly CatalogMember[], graphs: ReadonlySet<string>, timeoutMs?: number): Promise<CatalogMember[]> {
  const [status, complete] = [iris.ogd.metadataStatus, iris.concept('metadata-status', 'complete')]
  const affected = new Set(members.filter((m) => graphs.has(m.graph)).map((m) => m.dataset))
  const graphList = [...graphs]
  for (let i = 0; i < graphList.length; i += CHUNK) {
    for (const row of await tsv(store, datasetsInGraphsQuery(graphList.slice(i, i + CHUNK).map((g) => namedNode(g)), status, complete), timeoutMs)) {
      if (row.dataset) affected.add(row.dataset.value)
    }
  }
  const datasets = [...affected]
  const rows: Binding[] = []
  for (let i = 0; i < datasets.length; i += CHUNK) rows.push(...await tsv(store, membersOfQuery(datasets.slice(i, i + CHUNK).map((d) => namedNode(d)), status, complete), timeoutMs))
  const kept = members.filter((m) => !affected.has(m.dataset))
  return [...kept, ...toMembers(rows)].sort((a, b) => compareIris(a.dataset, b.dataset))
}

/** Parse N-Triples from the store, keeping its blank node labels (so two answers about one node agree). */
export function parseTriples(text: string): Quad[] {
  return new Parser({ format: 'application/n-triples', blankNodePrefix: '' }).parse(text)
}

/** Run a CONSTRUCT and parse its triples. */
export async function construct(store: GraphStore, query: string, timeoutMs?: number): Promise<Quad[]> {
  const result = await store.query({ query, mediaType: 'application/n-triples', trusted: true, ...(timeoutMs ? { timeoutMs } : {}) })
  return parseTriples(result.body)
}

/** The catalogue node (graph 'catalog') without its member lists. */
export const readCatalogNode = (store: GraphStore, iris: Iris, timeoutMs?: number): Promise<Quad[]> =>
  construct(store, catalogNodeQuery(iris.graph('catalog')), timeoutMs)
