/**
 * The snapshot in one Oxigraph store in this thread, queried exactly as src/store/in-process.ts does (guard, union
 * default graph, results serialised in the engine), but loaded from the file's bytes: the in-process store takes
 * the N-Quads as one JS string, which V8 caps at ~512 MB, and the 50,000-dataset snapshot is larger.
 */
import { readFileSync } from 'node:fs'
import oxigraph from 'oxigraph'
import { dumpGraphs, dumpInChunks, graphNames, loadBase, replaceGraphs, runQuery } from '../src/store/embedded-engine.ts'
import { prepareQuery } from '../src/store/embedded-request.ts'
import type { GraphStore } from '../src/store/types.ts'

export function loadSnapshotStore(nquadsPath: string): GraphStore {
  const store = new oxigraph.Store()
  loadBase(store, readFileSync(nquadsPath))
  return {
    query: async (request) => {
      const prepared = prepareQuery(request, {})
      return { form: prepared.form, mediaType: prepared.mediaType, body: runQuery(store, prepared, { unionDefaultGraph: true }) }
    },
    replaceGraphs: async (graphs, nquads) => replaceGraphs(store, { graphs, nquads }),
    size: async () => store.size,
    readGraphs: async (graphs) => dumpGraphs(store, graphs),
    dumpNQuads: () => dumpInChunks(async () => graphNames(store), async (graphs) => dumpGraphs(store, graphs)),
    close: async () => undefined,
  }
}
