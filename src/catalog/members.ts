/** The catalogue's members: the complete records, read from the store in one stable order (by dataset IRI). */
import { Parser, type Quad } from 'n3'
import type { Iris } from '../model/iris.ts'
import type { GraphStore } from '../store/types.ts'
import { catalogNodeQuery, membersQuery } from './catalog-queries.ts'

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

/** Turn SELECT bindings into members: one per dataset (the first graph wins), sorted by dataset IRI. */
export function toMembers(bindings: readonly Binding[]): CatalogMember[] {
  const byDataset = new Map<string, CatalogMember>()
  for (const row of bindings) {
    const dataset = row.dataset?.value
    const graph = row.graph?.value
    if (!dataset || !graph || byDataset.has(dataset)) continue
    byDataset.set(dataset, { dataset, graph, modified: row.recordModified?.value ?? row.datasetModified?.value ?? '' })
  }
  return [...byDataset.values()].sort((a, b) => compareIris(a.dataset, b.dataset))
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

/** Read the complete records from the store. */
export async function readMembers(store: GraphStore, iris: Iris, timeoutMs?: number): Promise<CatalogMember[]> {
  const query = membersQuery(iris.ogd.metadataStatus, iris.concept('metadata-status', 'complete'))
  const result = await store.query({ query, mediaType: 'text/tab-separated-values', ...(timeoutMs ? { timeoutMs } : {}) })
  return toMembers(parseTsvBindings(result.body))
}

/** Parse N-Triples from the store, keeping its blank node labels (so two answers about one node agree). */
export function parseTriples(text: string): Quad[] {
  return new Parser({ format: 'application/n-triples', blankNodePrefix: '' }).parse(text)
}

/** Run a CONSTRUCT and parse its triples. */
export async function construct(store: GraphStore, query: string, timeoutMs?: number): Promise<Quad[]> {
  const result = await store.query({ query, mediaType: 'application/n-triples', ...(timeoutMs ? { timeoutMs } : {}) })
  return parseTriples(result.body)
}

/** The catalogue node (graph 'catalog') without its member lists. */
export const readCatalogNode = (store: GraphStore, iris: Iris, timeoutMs?: number): Promise<Quad[]> =>
  construct(store, catalogNodeQuery(iris.graph('catalog')), timeoutMs)
