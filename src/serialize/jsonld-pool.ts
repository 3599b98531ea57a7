/**
 * JSON-LD of query answers off the event loop (issue 10): jsonld.js takes seconds on tens of thousands of triples,
 * and grows faster than linearly, so CONSTRUCT/DESCRIBE answers in JSON-LD are made in a thread of their own,
 * within what is left of the query's deadline. Past it the thread is terminated (a fresh one takes the next job)
 * and the answer is 503 saying so; a result too large to try is refused at once. Every other route keeps answering
 * meanwhile. One thread, one job at a time: a job's wait in line counts against its deadline.
 */
import { Worker } from 'node:worker_threads'
import { AppError } from '../errors.ts'
import type { JsonLdJob, JsonLdReply } from './jsonld-worker.ts'

const ENTRY = new URL('./jsonld-worker-entry.mjs', import.meta.url)

export interface JsonLdPoolOptions {
  /** Statements (lines of N-Quads) past which JSON-LD is not attempted (default 200,000). */
  maxStatements?: number
  /** Heap of the thread, in MiB: past it the thread stops and the answer is 503 (default 2048). */
  maxHeapMb?: number
}

export interface JsonLdPool {
  /** Compacted JSON-LD of `nquads` with `prefixes` as context, within `timeoutMs`; AppError 'timeout' past it. */
  serialize(nquads: string, prefixes: Record<string, string>, timeoutMs: number): Promise<string>
  close(): Promise<void>
}

interface Pending {
  job: JsonLdJob
  resolve(text: string): void
  reject(error: AppError): void
  timer: NodeJS.Timeout
  statements: number
}

const countStatements = (nquads: string) => {
  let count = 0
  for (let at = nquads.indexOf('\n'); at !== -1; at = nquads.indexOf('\n', at + 1)) count += 1
  return count
}

const OTHER_FORMATS = 'ask for N-Triples, Turtle or N-Quads (Accept: application/n-triples), which the engine writes as it answers, or narrow the query'

export function createJsonLdPool({ maxStatements = 200_000, maxHeapMb = 2048 }: JsonLdPoolOptions = {}): JsonLdPool {
  let worker: Worker | undefined
  let nextId = 1
  const waiting: Pending[] = []
  let current: Pending | undefined

  function fail(pending: Pending, error: AppError): void {
    clearTimeout(pending.timer)
    pending.reject(error)
  }

  function stopWorker(): void {
    void worker?.terminate()
    worker = undefined
  }

  function startWorker(): Worker {
    const started = new Worker(ENTRY, { resourceLimits: { maxOldGenerationSizeMb: maxHeapMb } })
    started.unref() // an idle serialiser never keeps the process alive
    // Events of a thread already replaced (terminated at a deadline) are not about the current job.
    started.on('message', (reply: JsonLdReply) => {
      if (worker !== started || !current || reply.id !== current.job.id) return
      const done = current
      current = undefined
      clearTimeout(done.timer)
      if (reply.ok) done.resolve(reply.text)
      else done.reject(new AppError('bad_request', `the result could not be written as JSON-LD: ${reply.message}`))
      next()
    })
    started.on('error', (error) => { if (worker === started) lost(`the JSON-LD serialiser stopped: ${error.message}`) })
    started.on('exit', () => { if (worker === started) lost('the JSON-LD serialiser stopped') })
    return started
  }

  /** The thread died under a job (out of memory, most likely): that job is 503, the next gets a fresh thread. */
  function lost(reason: string): void {
    worker = undefined
    const victim = current
    current = undefined
    if (victim) fail(victim, new AppError('unavailable', `${reason} on a result of ${victim.statements} statements, too large to write as JSON-LD here; ${OTHER_FORMATS}`, { statements: victim.statements }))
    next()
  }

  function next(): void {
    if (current || waiting.length === 0) return
    current = waiting.shift()!
    worker ??= startWorker()
    worker.postMessage(current.job)
  }

  return {
    serialize(nquads, prefixes, timeoutMs) {
      const statements = countStatements(nquads)
      if (statements > maxStatements) {
        return Promise.reject(new AppError('unavailable', `the result has ${statements} statements, more than the ${maxStatements} this endpoint writes as JSON-LD; ${OTHER_FORMATS}`, { statements, maxStatements, retryAfterSeconds: 0 }))
      }
      return new Promise<string>((resolve, reject) => {
        const pending: Pending = { job: { id: nextId++, nquads, prefixes }, resolve, reject, statements, timer: setTimeout(() => expire(pending), Math.max(0, timeoutMs)) }
        waiting.push(pending)
        next()
      })

      function expire(pending: Pending): void {
        if (waiting.includes(pending)) waiting.splice(waiting.indexOf(pending), 1)
        else if (current === pending) {
          current = undefined
          stopWorker()
        }
        pending.reject(new AppError('timeout', `the result (${pending.statements} statements) could not be written as JSON-LD within the query's deadline of ${timeoutMs} ms and was dropped; ${OTHER_FORMATS}`, { statements: pending.statements, serialisation: 'jsonld' }))
        next()
      }
    },
    async close() {
      for (const pending of waiting.splice(0)) fail(pending, new AppError('unavailable', 'the server is stopping'))
      if (current) fail(current, new AppError('unavailable', 'the server is stopping'))
      current = undefined
      const stopping = worker?.terminate()
      worker = undefined
      await stopping
    },
  }
}
