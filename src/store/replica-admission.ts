/**
 * Which queued query may start on a free replica, so that cheap requests cannot take every replica at once:
 * - a query of a shape that crashed a replica is refused (crash memory);
 * - a query of a shape that has never completed waits while another of the same shape runs, so a burst of copies or
 *   variants of one crashing query costs one replica, after which the rest are refused;
 * - while a replica is reloading after a loss (crash or deadline), a shape that has never completed does not get the
 *   last free ready replica: that one is kept for ordinary queries (shapes that completed before). Such a query waits
 *   for the reload, at most `maxWaitMs`, then is answered 503 with Retry-After.
 * During the first load (replicas joining one after another) nothing is reserved: there is nothing to keep yet.
 */
import { AppError } from '../errors.ts'
import type { CrashMemory } from './crash-memory.ts'
import { ENGINE_LIMIT_MESSAGE } from './embedded-engine.ts'

export type Admission = { kind: 'run' } | { kind: 'wait' } | { kind: 'refuse'; error: AppError }

export interface PoolView {
  /** Ready replicas not running anything. */
  freeReady: number
  /** A replica is loading to replace one that was lost (not the first load). */
  isReloading: boolean
}

/** The refusal of a query whose shape crashed a replica within the memory's window. */
export function crashRepeatError(agoMs: number, remainingMs: number): AppError {
  const [ago, left] = [Math.ceil(agoMs / 1000), Math.ceil(remainingMs / 1000)]
  // "This query": the same text, or a variant of the same shape (other terms, more of a repeated part).
  return new AppError('engine_limit', `this query crashed the query engine ${ago} s ago: ${ENGINE_LIMIT_MESSAGE}. It is refused for ${left} s more rather than cost another replica, and so is every query of the same shape (the same query with other terms, or more or fewer of a repeated part)`, { repeated: true })
}

/** Decide for one queued query of `shape`; `runningNovel` counts the never-completed shapes running now. */
export function admitQuery(shape: string, crashes: CrashMemory, runningNovel: ReadonlyMap<string, number>, pool: PoolView): Admission {
  const crashed = crashes.recall(shape)
  if (crashed) return { kind: 'refuse', error: crashRepeatError(crashed.agoMs, crashed.remainingMs) }
  if (crashes.isOrdinary(shape)) return { kind: 'run' }
  if ((runningNovel.get(shape) ?? 0) > 0) return { kind: 'wait' }
  if (pool.isReloading && pool.freeReady < 2) return { kind: 'wait' }
  return { kind: 'run' }
}

/** The answer to a query that waited `maxWaitMs` for a replica it may use. */
export function reservedWaitError(maxWaitMs: number): AppError {
  return new AppError('unavailable', `the query engine is reloading a replica lost to a crash or a deadline, and keeps its last free replica for queries of a kind it has answered before; this query waited ${maxWaitMs} ms for the reload without starting and was not run`, { retryAfterSeconds: 5, reserved: true })
}
