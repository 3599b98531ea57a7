/**
 * What the pool knows about kinds of query (their shape: src/query/query-shape.ts): the shapes that crashed a replica,
 * remembered for a while, and the shapes that completed. A query of a crashed shape — the same query, or a variant
 * with other terms or more brackets — is refused at once rather than cost another replica and its reload (about
 * 40 s on the 50,000-dataset graph, with one replica fewer meanwhile), so that neither repeating a query too large
 * for the engine nor varying it can keep the endpoint down. A write forgets the crashes: the graph they failed on is
 * gone. Completed shapes are "ordinary": the pool keeps its last ready replica for them while others reload
 * (src/store/replica-admission.ts).
 */
import { queryShapeKey } from '../query/query-shape.ts'
import type { EngineQuery } from './embedded-engine.ts'

/** A shape key (src/query/query-shape.ts), or the query itself, whose shape is then taken. */
export type ShapeOf = string | Pick<EngineQuery, 'query' | 'defaultGraphUris' | 'namedGraphUris'>

export interface CrashMemory {
  remember(shape: ShapeOf): void
  /** How long ago a query of this shape crashed a replica, in ms, if that is still remembered. */
  recall(shape: ShapeOf): { agoMs: number; remainingMs: number } | undefined
  /** A query of this shape completed (with an answer or an error of its own, not a crash). */
  noteCompleted(shape: ShapeOf): void
  /** Whether a query of this shape has completed before. */
  isOrdinary(shape: ShapeOf): boolean
  /** Forget the crashes (after a write); completed shapes are kept. */
  clear(): void
}

export interface CrashMemoryOptions {
  ttlMs?: number
  /** Crashed shapes kept (the oldest go first). */
  maxEntries?: number
  /** Completed shapes kept (least recently completed go first). */
  maxOrdinary?: number
  now?: () => number
}

/** Put `key` last in a Map used as an LRU list, and drop the first entries past `max`. */
function touch<V>(map: Map<string, V>, key: string, value: V, max: number): void {
  map.delete(key)
  map.set(key, value)
  while (map.size > max) map.delete(map.keys().next().value!)
}

export function createCrashMemory({ ttlMs = 10 * 60_000, maxEntries = 1000, maxOrdinary = 10_000, now = Date.now }: CrashMemoryOptions = {}): CrashMemory {
  // Insertion order is crash order: the oldest entry is the first to go when full.
  const crashedAt = new Map<string, number>()
  const completed = new Map<string, true>()
  const keyOf = (shape: ShapeOf) => (typeof shape === 'string' ? shape : queryShapeKey(shape.query, shape))
  return {
    remember(request) {
      const shape = keyOf(request)
      touch(crashedAt, shape, now(), maxEntries)
      completed.delete(shape)
    },
    recall(request) {
      const shape = keyOf(request)
      const at = crashedAt.get(shape)
      if (at === undefined) return undefined
      const agoMs = now() - at
      if (agoMs >= ttlMs) {
        crashedAt.delete(shape)
        return undefined
      }
      return { agoMs, remainingMs: ttlMs - agoMs }
    },
    noteCompleted(request) {
      const shape = keyOf(request)
      if (!crashedAt.has(shape)) touch(completed, shape, true, maxOrdinary)
    },
    isOrdinary: (request) => completed.has(keyOf(request)),
    clear: () => crashedAt.clear(),
  }
}
