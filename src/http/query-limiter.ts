/**
 * Admission control for queries: at most N running, at most M waiting and each for a bounded time, the rest
 * refused at once (429). A waiting request whose client leaves is dropped, never started.
 */
import { cancelled, overloaded, queueTimeout } from './errors.ts'

/** How a request's wait ended: it got a slot, waited too long, or its client left. */
export type QueueOutcome = 'started' | 'timed_out' | 'abandoned'

export interface QueryLimiter {
  /**
   * Run `work` when a slot is free. Throws AppError 'overloaded' when the queue is full, 'queue_timeout' when no
   * slot freed within the queue bound, 'cancelled' when `signal` aborts before the work starts; in all three the
   * work never runs. Once started, the work holds its slot until it settles (its deadline bounds that).
   */
  run<T>(work: () => Promise<T>, options?: { signal?: AbortSignal }): Promise<T>
  /** What a refused client is told to wait, in whole seconds: see `estimateRetryAfter`. */
  retryAfterSeconds(): number
  readonly running: number
  readonly queued: number
}

export interface QueryLimiterOptions {
  concurrency: number
  queue: number
  /** The longest a request waits for a slot; past it, it is answered 503 and removed from the queue. */
  queueTimeoutMs: number
  /** Told of every admitted request's wait (0 ms when a slot was free), for /metrics. */
  onLeftQueue?: (outcome: QueueOutcome, waitedMs: number) => void
}

// Enough recent queries for a stable median that still follows a change of load within a few dozen queries.
const RECENT_QUERIES = 32
// Before any query has finished there is nothing to measure: assume a second each (the floor of Retry-After anyway).
const ASSUMED_QUERY_MS = 1000
const MIN_RETRY_AFTER_S = 1
const MAX_RETRY_AFTER_S = 60

/**
 * Retry-After from the current state: the work ahead of a newcomer (queued and running queries) times the
 * recent median query time, shared among the slots; whole seconds in [1, 60]. The median, not the mean, so a
 * few runaway queries stopped at their deadline do not swamp the estimate until they are most of the recent ones.
 */
export function estimateRetryAfter({ ahead, concurrency, recentMs }: { ahead: number; concurrency: number; recentMs: readonly number[] }): number {
  const sorted = [...recentMs].sort((a, b) => a - b)
  const median = sorted.length === 0 ? ASSUMED_QUERY_MS : sorted[Math.floor(sorted.length / 2)]!
  const seconds = Math.ceil((ahead * median) / concurrency / 1000)
  return Math.min(MAX_RETRY_AFTER_S, Math.max(MIN_RETRY_AFTER_S, seconds))
}

/** A FIFO limiter with a bounded queue and a bounded wait. */
export function createQueryLimiter({ concurrency, queue, queueTimeoutMs, onLeftQueue }: QueryLimiterOptions): QueryLimiter {
  let running = 0
  // A Set keeps insertion order (FIFO) and drops a request that leaves the queue early in O(1).
  const waiting = new Set<() => void>()
  const recentMs: number[] = []

  const retryAfterSeconds = () => estimateRetryAfter({ ahead: waiting.size + running, concurrency, recentMs })

  // The slot passes straight to the first waiter, so a newcomer never overtakes the queue.
  const release = (ms: number) => {
    recentMs.push(ms)
    if (recentMs.length > RECENT_QUERIES) recentMs.shift()
    running -= 1
    const next = waiting.values().next()
    if (!next.done) next.value()
  }

  /** Wait for a slot: resolved holding it, or rejected (and removed) at the queue bound or when `signal` aborts. */
  function waitForSlot(signal: AbortSignal | undefined): Promise<void> {
    const since = performance.now()
    return new Promise<void>((resolve, reject) => {
      const leave = (outcome: QueueOutcome) => {
        waiting.delete(admit)
        clearTimeout(timer)
        signal?.removeEventListener('abort', abandon)
        onLeftQueue?.(outcome, performance.now() - since)
      }
      const admit = () => {
        leave('started')
        running += 1
        resolve()
      }
      const abandon = () => {
        leave('abandoned')
        reject(cancelled())
      }
      const timer = setTimeout(() => {
        leave('timed_out')
        reject(queueTimeout(queueTimeoutMs, retryAfterSeconds()))
      }, queueTimeoutMs)
      signal?.addEventListener('abort', abandon, { once: true })
      waiting.add(admit)
    })
  }

  async function run<T>(work: () => Promise<T>, { signal }: { signal?: AbortSignal } = {}): Promise<T> {
    if (signal?.aborted) throw cancelled()
    if (running < concurrency) {
      running += 1
      onLeftQueue?.('started', 0)
    } else {
      if (waiting.size >= queue) throw overloaded(retryAfterSeconds())
      await waitForSlot(signal)
    }
    const started = performance.now()
    try {
      return await work()
    } finally {
      release(performance.now() - started)
    }
  }

  return {
    run,
    retryAfterSeconds,
    get running() { return running },
    get queued() { return waiting.size },
  }
}
