/**
 * A GraphStore over one in-memory Oxigraph store, with a generation counter: enough for the catalogue tests
 * (the project's worker-backed store is tested by its own contract suite).
 */
import { readFileSync } from 'node:fs'
import oxigraph from 'oxigraph'
import { dumpGraphs } from '../../src/store/embedded-engine.ts'
import type { GraphStore, QueryForm } from '../../src/store/types.ts'

export interface TestStore extends GraphStore {
  /** Bumped on every write. */
  generation(): number
}

const formOf = (query: string): QueryForm =>
  (/\b(SELECT|ASK|CONSTRUCT|DESCRIBE)\b/i.exec(query.replace(/#[^\n]*/g, ''))?.[1]?.toUpperCase() ?? 'SELECT') as QueryForm

/** A store holding `trig` (TriG text). */
export function createTestStore(trig: string): TestStore {
  const store = new oxigraph.Store()
  store.load(trig, { format: 'application/trig' })
  let generation = 0
  return {
    generation: () => generation,
    async query(request) {
      const body = store.query(request.query, { results_format: request.mediaType, use_default_graph_as_union: true }) as string
      return { form: formOf(request.query), mediaType: request.mediaType, body }
    },
    async replaceGraphs(graphs, nquads) {
      for (const graph of graphs) store.update(`DROP SILENT GRAPH <${graph}>`)
      if (nquads.trim()) store.load(nquads, { format: 'application/n-quads' })
      generation++
    },
    size: async () => store.size,
    readGraphs: async (graphs) => dumpGraphs(store, graphs),
    async *dumpNQuads() { yield store.dump({ format: 'application/n-quads' }) },
    close: async () => undefined,
  }
}

export const FIXTURE = new URL('../fixtures/catalog-http/catalog.trig', import.meta.url)

/** A store with the catalogue fixture loaded. */
export const createFixtureStore = (): TestStore => createTestStore(readFileSync(FIXTURE, 'utf8'))

/** The fixture as N-Quads (for stores that load only N-Quads, like the project's in-process store). */
export function fixtureNQuads(): string {
  const store = new oxigraph.Store()
  store.load(readFileSync(FIXTURE, 'utf8'), { format: 'application/trig' })
  return store.dump({ format: 'application/n-quads' })
}
