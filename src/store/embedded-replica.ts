/**
 * One replica: a worker thread holding a full copy of the graph. A call past its deadline, a fatal engine
 * error or an unexpected exit retires the thread (terminate), and the pool is told so it can start another.
 */
import { Worker } from 'node:worker_threads'
import { AppError } from '../errors.ts'
import type { EngineOptions, GraphChange } from './embedded-engine.ts'
import type { LoadResult, LoadSource, WorkerCommand, WorkerReply } from './worker-protocol.ts'

const ENTRY = new URL('./worker-entry.mjs', import.meta.url)

export type ReplicaState = 'loading' | 'ready' | 'dead'

export interface Replica {
  readonly id: number
  readonly state: ReplicaState
  /** A query (or size/dump) from the pool's queue is running on it. */
  isBusy: boolean
  /** Where its base came from: the engine image, or the N-Quads. */
  readonly source: LoadSource['kind']
  /** Settles when the load finished: quads held, milliseconds taken, the image written if it was asked to. */
  readonly loaded: Promise<LoadResult>
  /** Send a command; past `timeoutMs` the thread is terminated and the call fails with AppError 'timeout'. */
  call(command: WorkerCommand, timeoutMs?: number): Promise<unknown>
  /** Terminate the thread; pending calls fail with a retired error. */
  retire(reason: string): Promise<void>
}

export interface ReplicaOptions {
  id: number
  source: LoadSource
  changes: GraphChange[]
  options: EngineOptions
  /** Called once, when the replica stops for any reason but `retire` from the pool's close. */
  onRetired(replica: Replica, reason: string, cause?: AppError): void
}

/** The error of calls still pending on a replica that was stopped; the pool may retry them elsewhere. */
export function isRetiredError(error: unknown): boolean {
  return error instanceof AppError && error.details.isRetired === true
}

function formatSeconds(ms: number): string {
  return `${Number((ms / 1000).toFixed(3))} s`
}

/** Start a worker and send it the load command at once. */
export function startReplica({ id, source, changes, options, onRetired }: ReplicaOptions): Replica {
  const worker = new Worker(ENTRY)
  const pending = new Map<number, { resolve(value: unknown): void; reject(error: AppError): void; timer?: NodeJS.Timeout }>()
  let nextId = 1
  let state: ReplicaState = 'loading'
  let exited: Promise<number> | undefined

  function retire(reason: string, cause?: AppError): Promise<void> {
    if (state === 'dead') return exited!.then(() => undefined)
    state = 'dead'
    for (const entry of pending.values()) {
      clearTimeout(entry.timer)
      entry.reject(new AppError('unavailable', `the query engine replica stopped (${reason}) before answering`, { isRetired: true, retryAfterSeconds: 1 }))
    }
    pending.clear()
    exited = worker.terminate()
    onRetired(replica, reason, cause)
    return exited.then(() => undefined)
  }

  function call(command: WorkerCommand, timeoutMs?: number): Promise<unknown> {
    if (state === 'dead') return Promise.reject(new AppError('unavailable', 'the query engine replica has stopped', { isRetired: true }))
    const id = nextId++
    return new Promise((resolve, reject) => {
      const entry: { resolve(value: unknown): void; reject(error: AppError): void; timer?: NodeJS.Timeout } = { resolve, reject }
      if (timeoutMs !== undefined) {
        entry.timer = setTimeout(() => {
          pending.delete(id)
          const error = new AppError('timeout', `query exceeded the ${formatSeconds(timeoutMs)} deadline and was stopped`, { timeoutMs })
          reject(error)
          void retire('deadline', error)
        }, timeoutMs)
      }
      pending.set(id, entry)
      worker.postMessage({ ...command, id })
    })
  }

  worker.on('message', (reply: WorkerReply) => {
    const entry = pending.get(reply.id)
    if (!entry) return
    pending.delete(reply.id)
    clearTimeout(entry.timer)
    if (reply.ok) return entry.resolve(reply.value)
    const error = new AppError(reply.error.code, reply.error.message, reply.error.details)
    entry.reject(error)
    // The load is the first command: a fatal error while loading is a load failure, which a restart would repeat.
    if (reply.isFatal) void retire(state === 'loading' ? 'load failed' : 'engine crash', error)
  })
  worker.on('error', (error) => { void retire(`thread error: ${error.message}`, new AppError('internal', error.message)) })
  worker.on('exit', (code) => { void retire(`thread exited with code ${code}`) })

  const loaded = call({ kind: 'load', source, changes, options }) as Promise<LoadResult>
  loaded.then(() => { if (state === 'loading') state = 'ready' }, (error: AppError) => { void retire('load failed', error) })

  const replica: Replica = {
    id,
    source: source.kind,
    get state() { return state },
    isBusy: false,
    loaded,
    call,
    retire: (reason) => retire(reason),
  }
  return replica
}
