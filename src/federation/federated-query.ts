/**
 * A query with SERVICE clauses: its local patterns are gathered from our store in one guarded SELECT, then
 * Comunica evaluates the whole query in a thread of its own over those quads and the allow-listed endpoints.
 * Comunica never gets our endpoint as a source (it would send the whole query back to us), and the thread is
 * terminated at the deadline, like a store replica.
 */
import { Worker } from 'node:worker_threads'
import { AppError } from '../errors.ts'
import type { Config } from '../config.ts'
import type { GraphStore, QueryForm, QueryResult } from '../store/types.ts'
import type { FederationCommand, FederationReply, FederationWorkerData } from './federation-protocol.ts'
import { buildLocalQuery } from './local-data.ts'
import type { LocalPattern } from './local-patterns.ts'

const ENTRY = new URL('./worker-entry.mjs', import.meta.url)
/** Heap of a federation thread: remote answers are held in memory, so a huge one stops its thread, not the server. */
const MEMORY_LIMIT_MB = 512

export interface FederatedQuery {
  query: string
  form: QueryForm
  /** Already negotiated, one the store offers for `form`. */
  mediaType: string
  baseIri?: string
  timeoutMs: number
  /** FROM / FROM NAMED, or default-graph-uri / named-graph-uri: not supported together with SERVICE. */
  hasDataset: boolean
}

export interface FederationDeps {
  store: GraphStore
  config: Pick<Config, 'serviceAllowlist' | 'serviceMaxLocalQuads' | 'allowLoopbackForTests'>
}

interface Thread {
  call(command: FederationCommand): Promise<unknown>
  /** Rejects when the thread dies (memory limit, crash); never resolves. */
  died: Promise<never>
  stop(): Promise<number>
}

function startThread(config: FederationDeps['config']): Thread {
  const workerData: FederationWorkerData = { allowlist: [...config.serviceAllowlist], allowLoopbackForTests: config.allowLoopbackForTests === true }
  const worker = new Worker(ENTRY, { workerData, resourceLimits: { maxOldGenerationSizeMb: MEMORY_LIMIT_MB } })
  const pending = new Map<number, { resolve(value: unknown): void; reject(error: AppError): void }>()
  let nextId = 1
  const died = new Promise<never>((_, reject) => {
    worker.on('error', (error: NodeJS.ErrnoException) => reject(error.code === 'ERR_WORKER_OUT_OF_MEMORY'
      ? new AppError('unavailable', `the federated query needed more than ${MEMORY_LIMIT_MB} MB and was stopped; ask the SERVICE endpoint for fewer results`)
      : new AppError('internal', `the federation thread failed: ${error.message}`)))
    worker.on('exit', (code) => reject(new AppError('internal', `the federation thread exited with code ${code}`)))
  })
  died.catch(() => undefined)
  worker.on('message', (reply: FederationReply) => {
    const entry = pending.get(reply.id)
    pending.delete(reply.id)
    if (reply.ok) entry?.resolve(reply.value)
    else entry?.reject(new AppError(reply.error.code, reply.error.message, reply.error.details))
  })
  return {
    call: (command) => Promise.race([died, new Promise((resolve, reject) => {
      const id = nextId++
      pending.set(id, { resolve, reject })
      worker.postMessage({ ...command, id })
    })]),
    died,
    stop: () => worker.terminate(),
  }
}

/** Gather the quads the local patterns match, as SPARQL JSON results (undefined when there are no local patterns). */
async function gatherLocal(store: GraphStore, patterns: LocalPattern[], maxQuads: number, timeoutMs: number): Promise<string | undefined> {
  if (patterns.length === 0) return undefined
  const query = buildLocalQuery(patterns, maxQuads)
  try {
    return (await store.query({ query, mediaType: 'application/sparql-results+json', timeoutMs })).body
  } catch (error) {
    // Our own query refused by our own guard: say what the client can change.
    if (error instanceof AppError && (error.code === 'bad_query' || error.code === 'payload_too_large')) {
      throw new AppError('bad_query', `the part of this federated query outside SERVICE is too large to gather (${patterns.length} patterns, ${error.message}); simplify it`)
    }
    throw error
  }
}

function refuseUnsupported(request: FederatedQuery): void {
  if (request.form === 'DESCRIBE') throw new AppError('bad_query', 'DESCRIBE is not supported together with SERVICE; write a CONSTRUCT query naming the triples you want')
  if (request.hasDataset) throw new AppError('bad_query', 'a dataset (FROM, FROM NAMED, default-graph-uri or named-graph-uri) is not supported together with SERVICE; use GRAPH in the query')
}

/** Evaluate a federated query; AppError 'timeout' when it passes `timeoutMs` (its thread is terminated). */
export async function runFederatedQuery(request: FederatedQuery, { store, config }: FederationDeps): Promise<QueryResult> {
  refuseUnsupported(request)
  const started = performance.now()
  const thread = startThread(config)
  let timer: NodeJS.Timeout | undefined
  const deadline = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new AppError('timeout', `the federated query was stopped after ${request.timeoutMs} ms (the limit of this endpoint); simplify it or add a LIMIT`, { timeoutMs: request.timeoutMs })), request.timeoutMs)
  })
  const work = async () => {
    const patterns = (await thread.call({ kind: 'plan', query: request.query, ...(request.baseIri ? { baseIri: request.baseIri } : {}) })) as LocalPattern[]
    const remaining = Math.max(1, request.timeoutMs - (performance.now() - started))
    const localResults = await gatherLocal(store, patterns, config.serviceMaxLocalQuads, remaining)
    return (await thread.call({
      kind: 'evaluate', query: request.query, form: request.form, mediaType: request.mediaType, maxLocalQuads: config.serviceMaxLocalQuads,
      ...(request.baseIri ? { baseIri: request.baseIri } : {}), ...(localResults !== undefined ? { localResults } : {}),
    })) as string
  }
  try {
    const body = await Promise.race([work(), deadline, thread.died])
    return { form: request.form, mediaType: request.mediaType, body }
  } finally {
    clearTimeout(timer)
    await thread.stop()
  }
}
