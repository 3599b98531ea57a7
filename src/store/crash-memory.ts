/**
 * What the pool knows about kinds of query (their shape: src/query/query-shape.ts): the shapes that crashed a replica,
 * remembered for a while, and the shapes that completed. A query of a crashed shape — the same query, or a variant
 * with other terms or more brackets — is refused at once rather than cost another replica and its reload (about
 * 40 s on the 50,000-dataset graph, with one replica fewer meanwhile), so that neither repeating a query too large
 * for the engine nor varying it can keep the endpoint down. A write forgets the crashes: the graph they failed on is
 * gone. Completed shapes are "ordinary": the pool keeps its last ready replica for them while others reload
 * (src/store/replica-admission.ts).
 */

export interface CrashMemory {
  remember(shape: string): void
  /** How long ago a query of this shape crashed a replica, in ms, if that is still remembered. */
  recall(shape: string): { agoMs: number; remainingMs: number } | undefined
  /** A query of this shape completed (with an answer or an error of its own, not a crash). */
  noteCompleted(shape: string): void
  /** Whether a query of this shape has completed before. */
  isOrdinary(shape: string): boolean
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
  return {
    remember(shape) {
      touch(crashedAt, shape, now(), maxEntries)
      completed.delete(shape)
    },
    recall(shape) {
      const at = crashedAt.get(shape)
      if (at === undefined) return undefined
      const agoMs = now() - at
      if (agoMs >= ttlMs) {
        crashedAt.delete(shape)
        return undefined
      }
      return { agoMs, remainingMs: ttlMs - agoMs }
    },
    noteCompleted(shape) {
      if (!crashedAt.has(shape)) touch(completed, shape, true, maxOrdinary)
    },
    isOrdinary: (shape) => completed.has(shape),
    clear: () => crashedAt.clear(),
  }
}
