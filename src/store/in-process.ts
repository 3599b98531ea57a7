/**
 * A GraphStore on oxigraph in the calling thread, for the CLI and small tests. It guards queries like the
 * embedded store but cannot stop one: `timeoutMs` is not enforced here (use createEmbeddedStore to serve).
 */
import oxigraph from 'oxigraph'
import { AppError } from '../errors.ts'
import type { QueryLimits } from '../query/guard.ts'
import { classifyEngineError, dumpGraphs, dumpInChunks, graphNames, loadBase, replaceGraphs, runQuery, type EngineOptions } from './embedded-engine.ts'
import { prepareQuery } from './embedded-request.ts'
import type { GraphStore } from './types.ts'

export interface InProcessStoreOptions {
  /** Initial content, N-Quads text or bytes (bytes for large snapshots: V8 strings stop near 512 MiB). */
  nquads?: string | Uint8Array
  /** Base IRI for relative IRIs in queries that bring none. */
  baseIri?: string
  limits?: QueryLimits
  /** Query the union of all graphs as the default graph (default true; false for standard SPARQL semantics). */
  unionDefaultGraph?: boolean
}

/** Create the store and load `nquads` synchronously. */
export function createInProcessStore(options: InProcessStoreOptions = {}): GraphStore {
  const store = new oxigraph.Store()
  const engineOptions: EngineOptions = { unionDefaultGraph: options.unionDefaultGraph ?? true }
  let stopped: AppError | undefined

  // A WASM crash corrupts the engine of this whole thread, so after one every call is refused.
  function run<T>(work: () => T, otherCode: 'bad_query' | 'internal'): T {
    if (stopped) throw stopped
    try {
      return work()
    } catch (error) {
      const { error: appError, isFatal } = classifyEngineError(error, otherCode)
      if (isFatal) stopped = new AppError('unavailable', 'the in-process query engine crashed earlier; restart the process')
      throw appError
    }
  }

  if (options.nquads) run(() => loadBase(store, options.nquads!), 'internal')
  return {
    async query(request) {
      const prepared = prepareQuery(request, { limits: options.limits, baseIri: options.baseIri })
      const body = run(() => runQuery(store, prepared, engineOptions), 'bad_query')
      return { form: prepared.form, mediaType: prepared.mediaType, body }
    },
    async replaceGraphs(graphs, nquads) {
      run(() => replaceGraphs(store, { graphs, nquads }), 'internal')
    },
    async readGraphs(graphs) {
      return run(() => dumpGraphs(store, graphs), 'internal')
    },
    async size() {
      return run(() => store.size, 'internal')
    },
    dumpNQuads() {
      return dumpInChunks(async () => run(() => graphNames(store), 'internal'), async (graphs) => run(() => dumpGraphs(store, graphs), 'internal'))
    },
    async close() {
      stopped = new AppError('unavailable', 'the store is closed')
    },
  }
}
