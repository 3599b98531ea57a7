/** The body of one replica thread: a full oxigraph store that answers the pool's commands one at a time, in order. */
import { parentPort } from 'node:worker_threads'
import oxigraph from 'oxigraph'
import { AppError } from '../errors.ts'
import { classifyEngineError, dumpGraphs, graphNames, loadBase, replaceGraphs, runQuery, type EngineOptions } from './embedded-engine.ts'
import type { WorkerCommand, WorkerReply, WorkerRequest } from './worker-protocol.ts'

let store = new oxigraph.Store()
let options: EngineOptions = { unionDefaultGraph: true }

function execute(command: WorkerCommand): unknown {
  switch (command.kind) {
    case 'load': {
      const started = performance.now()
      store = new oxigraph.Store()
      options = command.options
      loadBase(store, command.base)
      // A journaled change the engine refuses was refused when it was written too (and so never acknowledged): skip it.
      let skipped = 0
      for (const change of command.changes) {
        try {
          replaceGraphs(store, change)
        } catch (error) {
          if (!(error instanceof AppError && error.code === 'invalid_data')) throw error
          skipped += 1
        }
      }
      return { quads: store.size, ms: Math.round(performance.now() - started), skipped }
    }
    case 'query': return runQuery(store, command.request, options)
    case 'replace': return replaceGraphs(store, command.change)
    case 'size': return store.size
    case 'graphs': return graphNames(store)
    case 'dump': return dumpGraphs(store, command.graphs)
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
