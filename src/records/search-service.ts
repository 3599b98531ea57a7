/**
 * The search indexes (datasets, agencies, laws), built from the store on first use and kept current: a write
 * re-reads only the records it replaced (and labels when agencies or vocabularies change).
 */
import type { Iris } from '../model/iris.ts'
import type { GraphStore } from '../store/types.ts'
import { isObservedStore } from './graph-changes.ts'
import { DatasetSearch, readDatasetEntries, readLabels } from './search-datasets.ts'
import { DirectorySearch, readAgencyEntries, readLawEntries } from './search-directory.ts'
import { readRequestEntries, REQUEST_FACETS } from './search-requests.ts'

export interface SearchIndexes {
  datasets: DatasetSearch
  agencies: DirectorySearch
  laws: DirectorySearch
  /** The public's dataset requests (src/records/search-requests.ts). */
  requests: DirectorySearch
}

export interface SearchService {
  /** The indexes, current with every write the store has told about. */
  indexes(): Promise<SearchIndexes>
}

export const AGENCY_FACETS = ['level', 'kind', 'status'] as const
export const LAW_FACETS = ['kind', 'status', 'agency'] as const

/** Entries put between two turns of the event loop while an index is built: 50,000 datasets never block it at once. */
const ENTRIES_PER_TURN = 2000

async function putAll<T>(entries: readonly T[], put: (entry: T) => void): Promise<void> {
  for (let i = 0; i < entries.length; i += 1) {
    if (i > 0 && i % ENTRIES_PER_TURN === 0) await new Promise((resolve) => setImmediate(resolve))
    put(entries[i]!)
  }
}

async function buildIndexes(store: GraphStore, iris: Iris): Promise<SearchIndexes> {
  const [labels, datasetEntries, agencyEntries, lawEntries, requestEntries] = await Promise.all([
    readLabels(store), readDatasetEntries(store, undefined, iris.ogd.metadataStatus), readAgencyEntries(store, iris), readLawEntries(store), readRequestEntries(store, iris),
  ])
  const datasets = new DatasetSearch(labels)
  await putAll(datasetEntries, (entry) => datasets.put(entry))
  const agencies = new DirectorySearch(AGENCY_FACETS)
  await putAll(agencyEntries, (entry) => agencies.put(entry))
  const laws = new DirectorySearch(LAW_FACETS)
  await putAll(lawEntries, (entry) => laws.put(entry))
  const requests = new DirectorySearch(REQUEST_FACETS)
  await putAll(requestEntries, (entry) => requests.put(entry))
  return { datasets, agencies, laws, requests }
}

/** Re-read the records of the replaced graphs (a record is its graph; a graph now empty is a removed record). */
async function applyChanges(store: GraphStore, iris: Iris, indexes: SearchIndexes, graphs: readonly string[]): Promise<void> {
  const under = (path: string) => graphs.filter((graph) => graph.startsWith(`${iris.base}/${path}/`))
  const datasets = under('dataset')
  const agencies = under('agency')
  const laws = under('law')
  const requests = under('request')
  const isOther = graphs.length > datasets.length + agencies.length + laws.length + requests.length
  if (agencies.length > 0 || isOther) indexes.datasets.labels = await readLabels(store)
  const refresh = async <T extends { iri: string }>(iris: string[], read: (records: string[]) => Promise<T[]>, index: { remove(iri: string): void; put(entry: T): void }) => {
    if (iris.length === 0) return
    const entries = await read(iris)
    const found = new Set(entries.map((entry) => entry.iri))
    for (const iri of iris) if (!found.has(iri)) index.remove(iri)
    for (const entry of entries) index.put(entry)
  }
  // Datasets of a renamed publisher are re-indexed too: the publisher's name is searchable in them.
  const renamed = new Set(agencies)
  const ofRenamed = [...indexes.datasets.index.all()].filter((entry) => entry.publisher && renamed.has(entry.publisher)).map((entry) => entry.iri)
  await refresh([...new Set([...datasets, ...ofRenamed])], (records) => readDatasetEntries(store, records, iris.ogd.metadataStatus), indexes.datasets)
  await refresh(agencies, (records) => readAgencyEntries(store, iris, records), indexes.agencies)
  await refresh(laws, (records) => readLawEntries(store, records), indexes.laws)
  await refresh(requests, (records) => readRequestEntries(store, iris, records), indexes.requests)
}

/** The store's own write counter, when it has one and tells nothing else. */
function generationOf(store: GraphStore): (() => number) | undefined {
  const candidate = (store as unknown as { generation?: unknown }).generation
  return typeof candidate === 'function' ? () => (candidate as () => number).call(store) : undefined
}

export function createSearchService(options: { store: GraphStore; iris: Iris }): SearchService {
  const { store, iris } = options
  let built: Promise<SearchIndexes> | undefined
  let pending: string[] = []
  // Updates run one after another, in the order the writes happened.
  let updating: Promise<unknown> = Promise.resolve()
  if (isObservedStore(store)) store.onGraphsReplaced((graphs) => { pending.push(...graphs) })
  const generation = isObservedStore(store) ? undefined : generationOf(store)
  let seenGeneration = generation?.()

  return {
    async indexes() {
      const current = generation?.()
      if (current !== seenGeneration) {
        seenGeneration = current
        built = undefined
      }
      built ??= buildIndexes(store, iris).catch((error: unknown) => {
        built = undefined
        throw error
      })
      const indexes = await built
      if (pending.length > 0) {
        const graphs = pending
        pending = []
        const step = updating.then(() => applyChanges(store, iris, indexes, graphs))
        // A failed update drops the indexes: the next request rebuilds them rather than serve stale entries.
        updating = step.catch(() => { built = undefined })
        await step
      }
      await updating
      return indexes
    },
  }
}
