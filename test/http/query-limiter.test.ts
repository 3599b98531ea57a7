/** The query limiter alone: slots, the bounded queue, the queue-wait bound, abandoned waits and Retry-After. */
import { describe, expect, it } from 'vitest'
import { AppError } from '../../src/errors.ts'
import { createQueryLimiter, estimateRetryAfter, type QueryLimiterOptions, type QueueOutcome } from '../../src/http/query-limiter.ts'

/** A piece of work that runs until `finish` is called; `hasStarted` tells whether the limiter ever ran it. */
function gatedWork() {
  let finish = () => {}
  const gate = new Promise<void>((resolve) => { finish = resolve })
  const work = { hasStarted: false, finish: () => finish(), run: async () => { work.hasStarted = true; await gate; return 'done' } }
  return work
}

function limiterOf(options: Partial<QueryLimiterOptions> = {}) {
  const waits: { outcome: QueueOutcome; ms: number }[] = []
  const limiter = createQueryLimiter({ concurrency: 1, queue: 4, queueTimeoutMs: 10_000, onLeftQueue: (outcome, ms) => waits.push({ outcome, ms }), ...options })
  return { limiter, waits }
}

const settle = (promise: Promise<unknown>) => promise.then((value) => ({ value, error: undefined }), (error: AppError) => ({ value: undefined, error }))

describe('createQueryLimiter', () => {
  it('queued_work_starts_in_order_when_a_slot_frees', async () => {
    const { limiter, waits } = limiterOf()
    const first = gatedWork()
    const second = gatedWork()
    const running = limiter.run(first.run)
    const queued = limiter.run(second.run)
    expect([limiter.running, limiter.queued, second.hasStarted]).toEqual([1, 1, false])
    first.finish()
    await running
    await Promise.resolve()
    expect(second.hasStarted).toBe(true)
    second.finish()
    expect(await queued).toBe('done')
    expect(waits.map((w) => w.outcome)).toEqual(['started', 'started'])
  })

  it('full_queue_is_overloaded_at_once', async () => {
    const { limiter } = limiterOf({ queue: 1 })
    const [first, second] = [gatedWork(), gatedWork()]
    const running = limiter.run(first.run)
    const queued = limiter.run(second.run)
    const { error } = await settle(limiter.run(gatedWork().run))
    expect(error).toMatchObject({ code: 'overloaded', details: { retryAfterSeconds: expect.any(Number) } })
    first.finish()
    second.finish()
    expect([await running, await queued]).toEqual(['done', 'done'])
  })

  it('wait_past_the_queue_bound_is_queue_timeout_removed_and_never_started', async () => {
    const { limiter, waits } = limiterOf({ queueTimeoutMs: 50 })
    const first = gatedWork()
    const running = limiter.run(first.run)
    const late = gatedWork()
    const { error } = await settle(limiter.run(late.run))
    expect(error).toBeInstanceOf(AppError)
    expect(error).toMatchObject({ code: 'queue_timeout', details: { queueTimeoutMs: 50, retryAfterSeconds: expect.any(Number) } })
    expect(error!.message).toContain('waited 50 ms in the queue')
    expect(limiter.queued).toBe(0)
    expect(waits.at(-1)).toMatchObject({ outcome: 'timed_out' })
    first.finish()
    await running
    await Promise.resolve()
    expect(late.hasStarted).toBe(false)
    expect([limiter.running, limiter.queued]).toEqual([0, 0])
  })

  it('abort_while_queued_removes_the_request_and_never_starts_it', async () => {
    const { limiter, waits } = limiterOf()
    const first = gatedWork()
    const running = limiter.run(first.run)
    const client = new AbortController()
    const leaving = gatedWork()
    const queued = settle(limiter.run(leaving.run, { signal: client.signal }))
    expect(limiter.queued).toBe(1)
    client.abort()
    expect((await queued).error).toMatchObject({ code: 'cancelled' })
    expect(limiter.queued).toBe(0)
    expect(waits.at(-1)).toMatchObject({ outcome: 'abandoned' })
    first.finish()
    await running
    expect(leaving.hasStarted).toBe(false)
    expect(limiter.running).toBe(0)
  })

  it('request_already_aborted_never_starts', async () => {
    const { limiter } = limiterOf()
    const work = gatedWork()
    const { error } = await settle(limiter.run(work.run, { signal: AbortSignal.abort() }))
    expect(error).toMatchObject({ code: 'cancelled' })
    expect([work.hasStarted, limiter.running]).toEqual([false, 0])
  })

  it('abort_after_the_start_does_not_free_the_slot_before_the_work_ends', async () => {
    const { limiter } = limiterOf()
    const client = new AbortController()
    const work = gatedWork()
    const running = limiter.run(work.run, { signal: client.signal })
    client.abort()
    expect(limiter.running).toBe(1)
    work.finish()
    expect(await running).toBe('done')
    expect(limiter.running).toBe(0)
  })

  it('failing_work_frees_its_slot', async () => {
    const { limiter } = limiterOf()
    await expect(limiter.run(async () => { throw new Error('engine') })).rejects.toThrow('engine')
    expect(limiter.running).toBe(0)
    expect(await limiter.run(async () => 'next')).toBe('next')
  })
})

describe('estimateRetryAfter', () => {
  it.each([
    ['nothing measured yet: a second per query ahead', { ahead: 3, concurrency: 1, recentMs: [] }, 3],
    ['idle: the floor of 1 s', { ahead: 0, concurrency: 2, recentMs: [5000] }, 1],
    ['work ahead × median ÷ slots, rounded up', { ahead: 10, concurrency: 4, recentMs: [100, 900, 1000] }, 3],
    ['the median ignores a minority of runaways', { ahead: 4, concurrency: 2, recentMs: [200, 30_000, 300, 30_000, 250] }, 1],
    ['a queue of runaways: the ceiling of 60 s', { ahead: 34, concurrency: 2, recentMs: [30_000] }, 60],
  ])('%s', (_, state, seconds) => {
    expect(estimateRetryAfter(state)).toBe(seconds)
  })
})
