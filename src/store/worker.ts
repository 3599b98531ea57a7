/** The body of one replica thread: a full oxigraph store that answers the pool's commands one at a time, in order. */
import { parentPort } from 'node:worker_threads'
import type oxigraph from 'oxigraph'
import { AppError } from '../errors.ts'
import { classifyEngineError, dumpGraphs, graphNames, loadBase, replaceGraphs, runQuery, type EngineOptions } from './embedded-engine.ts'
import { createEngine, restoreImage, writeImage } from './engine-image.ts'
import type { LoadResult, LoadSource, WorkerCommand, WorkerReply, WorkerRequest } from './worker-protocol.ts'

// The replica's own engine instance (src/store/engine-image.ts), so that its memory can be imaged or restored.
let store: oxigraph.Store | undefined
let options: EngineOptions = { unionDefaultGraph: true }

/** Load the base; `quads` is its size, known from the image's meta or counted after a parse (when it is cheap beside it). */
function loadSource(source: LoadSource): { image?: LoadResult['image']; quads: number } {
  if (source.kind === 'image') {
    store = restoreImage(source.dir, source.meta).store
    return { quads: source.meta.quads }
  }
  const engine = createEngine()
  store = new engine.oxigraph.Store()
  loadBase(store, source.base)
  if (!source.writeImage) return { quads: store.size }
  // Before the journal's changes: the image is the snapshot's graph alone, like graph.nq.
  const started = performance.now()
  try {
    const meta = writeImage(engine, store, source.writeImage.tmpPath, source.writeImage)
    return { image: { meta, ms: Math.round(performance.now() - started) }, quads: meta.quads }
  } catch (error) {
    return { image: { error: (error as Error).message }, quads: store.size }
  }
}

function current(): oxigraph.Store {
  if (!store) throw new AppError('internal', 'the replica has not loaded the graph')
  return store
}

function execute(command: WorkerCommand): unknown {
  switch (command.kind) {
    case 'load': {
      const started = performance.now()
      options = command.options
      const { image, quads } = loadSource(command.source)
      const baseMs = Math.round(performance.now() - started)
      const loaded = current()
      // A journaled change the engine refuses was refused when it was written too (and so never acknowledged): skip it.
      let skipped = 0
      for (const change of command.changes) {
        try {
          replaceGraphs(loaded, change)
        } catch (error) {
          if (!(error instanceof AppError && error.code === 'invalid_data')) throw error
          skipped += 1
        }
      }
      const result: LoadResult = { quads, ms: Math.round(performance.now() - started), skipped, from: command.source.kind, baseMs, ...(image ? { image } : {}) }
      return result
    }
    case 'query': return runQuery(current(), command.request, options)
    case 'replace': return replaceGraphs(current(), command.change)
    case 'size': return current().size
    case 'graphs': return graphNames(current())
    case 'dump': return dumpGraphs(current(), command.graphs)
  }
}

function answer(request: WorkerRequest): WorkerReply {
  try {
    return { id: request.id, ok: true, value: execute(request) }
  } catch (caught) {
    const { error, isFatal } = classifyEngineError(caught, request.kind === 'query' ? 'bad_query' : 'internal')
    // Outside a query, only a change refused before it touched the store leaves this replica sound.
    const isSound = !isFatal && (request.kind === 'query' || error.code === 'invalid_data' || error.code === 'bad_request')
    return { id: request.id, ok: false, error: { code: error.code, message: error.message, details: error.details }, isFatal: !isSound }
  }
}

parentPort!.on('message', (request: WorkerRequest) => parentPort!.postMessage(answer(request)))
