/** Admission control for queries: at most N running, at most M waiting, the rest refused at once (429). */
import { overloaded } from './errors.ts'

export interface QueryLimiter {
  /** Run `work` when a slot is free; throws AppError('overloaded') when the queue is full. */
  run<T>(work: () => Promise<T>): Promise<T>
  readonly running: number
  readonly queued: number
}

/** A FIFO limiter; `retryAfterSeconds` is what a refused client is told to wait. */
export function createQueryLimiter({ concurrency, queue, retryAfterSeconds = 2 }: { concurrency: number; queue: number; retryAfterSeconds?: number }): QueryLimiter {
  let running = 0
  const waiting: (() => void)[] = []

  const release = () => {
    running -= 1
    const next = waiting.shift()
    if (next) {
      running += 1
      next()
    }
  }

  async function run<T>(work: () => Promise<T>): Promise<T> {
    if (running >= concurrency) {
      if (waiting.length >= queue) throw overloaded(retryAfterSeconds)
      await new Promise<void>((resolve) => waiting.push(resolve))
    } else {
      running += 1
    }
    try {
      return await work()
    } finally {
      release()
    }
  }

  return {
    run,
    get running() { return running },
    get queued() { return waiting.length },
  }
}
