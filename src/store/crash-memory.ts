/**
 * Queries that crashed a replica, remembered for a while. The same query again (the same request as the result
 * cache keys it: text, dataset, base and format) is refused at once rather than cost another replica and its reload
 * — about 40 s on the 50,000-dataset graph, with one replica fewer meanwhile — so that repeating a query too large
 * for the engine cannot keep the endpoint down. A write forgets them all: the graph they failed on is gone.
 */
import { cacheKeyOf } from '../query/result-cache.ts'
import type { EngineQuery } from './embedded-engine.ts'

export interface CrashMemory {
  remember(request: EngineQuery): void
  /** How long ago this query crashed a replica, in ms, if that is still remembered. */
  recall(request: EngineQuery): { agoMs: number; remainingMs: number } | undefined
  clear(): void
}

export function createCrashMemory({ ttlMs = 10 * 60_000, maxEntries = 1000, now = Date.now }: { ttlMs?: number; maxEntries?: number; now?: () => number } = {}): CrashMemory {
  // Insertion order is crash order: the oldest entry is the first to go when full.
  const crashedAt = new Map<string, number>()
  return {
    remember(request) {
      const key = cacheKeyOf(request)
      crashedAt.delete(key)
      crashedAt.set(key, now())
      while (crashedAt.size > maxEntries) crashedAt.delete(crashedAt.keys().next().value!)
    },
    recall(request) {
      const key = cacheKeyOf(request)
      const at = crashedAt.get(key)
      if (at === undefined) return undefined
      const agoMs = now() - at
      if (agoMs >= ttlMs) {
        crashedAt.delete(key)
        return undefined
      }
      return { agoMs, remainingMs: ttlMs - agoMs }
    },
    clear: () => crashedAt.clear(),
  }
}
