/**
 * The search indexes (datasets, agencies, laws), built from the store on first use and kept current: a write
 * re-reads only the records it replaced (and labels when agencies or vocabularies change).
 */
import type { Iris } from '../model/iris.ts'
import type { GraphStore } from '../store/types.ts'
import { isObservedStore } from './graph-changes.ts'
import { DatasetSearch, readDatasetEntries, readLabels } from './search-datasets.ts'
import { DirectorySearch, readAgencyEntries, readLawEntries } from './search-directory.ts'

export interface SearchIndexes {
  datasets: DatasetSearch
  agencies: DirectorySearch
  laws: DirectorySearch
}

export interface SearchService {
  /** The indexes, current with every write the store has told about. */
  indexes(): Promise<SearchIndexes>
}

export const AGENCY_FACETS = ['level', 'kind', 'status'] as const
export const LAW_FACETS = ['kind', 'status', 'agency'] as const

async function buildIndexes(store: GraphStore, iris: Iris): Promise<SearchIndexes> {
  const [labels, datasetEntries, agencyEntries, lawEntries] = await Promise.all([
    readLabels(store), readDatasetEntries(store, undefined, iris.ogd.metadataStatus), readAgencyEntries(store, iris), readLawEntries(store),
  ])
  const datasets = new DatasetSearch(labels)
  for (const entry of datasetEntries) datasets.put(entry)
  const agencies = new DirectorySearch(AGENCY_FACETS)
  for (const entry of agencyEntries) agencies.put(entry)
  const laws = new DirectorySearch(LAW_FACETS)
  for (const entry of lawEntries) laws.put(entry)
  return { datasets, agencies, laws }
}

/** Re-read the records of the replaced graphs (a record is its graph; a graph now empty is a removed record). */
async function applyChanges(store: GraphStore, iris: Iris, indexes: SearchIndexes, graphs: readonly string[]): Promise<void> {
  const under = (path: string) => graphs.filter((graph) => graph.startsWith(`${iris.base}/${path}/`))
  const datasets = under('dataset')
  const agencies = under('agency')
  const laws = under('law')
  const isOther = graphs.length > datasets.length + agencies.length + laws.length
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
