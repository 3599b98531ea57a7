/**
 * A cache of serialised query results, for the SPARQL endpoint. The graph only changes through replaceGraphs, so a
 * result stays exact until the next write: every write bumps a generation, and an entry (or a result that was
 * being computed while the write happened) from an older generation is never served. Researchers re-run the same
 * queries (notebooks re-executed, YASGUI tabs reloaded, dashboards polled); whole-catalogue aggregates cost the
 * single-threaded WASM engine hundreds of milliseconds each, a cached answer costs a map lookup.
 *
 * Identical queries that arrive while the first is still running wait for its answer instead of occupying another
 * replica (request coalescing, as HTTP caches do).
 *
 * Not cached: queries whose answer is meant to change between runs (NOW, RAND, UUID, STRUUID) and federated ones
 * (SERVICE: remote data changes without us knowing). Bounded by bytes, least recently used evicted first.
 */
import { createHash } from 'node:crypto'
import type { QueryRequest, QueryResult } from '../store/types.ts'

export interface ResultCacheOptions {
  /** Total bytes of result bodies kept (UTF-16 length × 2 as an estimate); 0 disables the cache. */
  maxBytes: number
  /** A single result larger than this is not kept (it would evict everything else). */
  maxEntryBytes?: number
}

export interface ResultCacheStats {
  hits: number
  misses: number
  coalesced: number
  entries: number
  bytes: number
}

export interface ResultCache {
  /** The cached answer, or `compute()`'s (kept if cacheable and the graph did not change meanwhile). */
  run(request: QueryRequest, compute: () => Promise<QueryResult>): Promise<{ result: QueryResult; cached: boolean }>
  /** The graph changed: nothing computed before may be served. */
  invalidate(): void
  stats(): ResultCacheStats
}

// Functions whose value differs at each evaluation (SPARQL 1.1 §17.4.5, §17.4.3.x): such answers are not reused.
const VOLATILE = /\b(?:NOW|RAND|UUID|STRUUID)\s*\(|\bSERVICE\b/i

/** Whether a query's answer may be reused while the graph is unchanged. */
export const isCacheable = (query: string) => !VOLATILE.test(query)

/** Everything the answer depends on besides the graph: the text, the dataset, the base and the result format. */
export function cacheKeyOf(request: QueryRequest): string {
  const parts = [request.query, request.mediaType, request.baseIri ?? '', (request.defaultGraphUris ?? []).join(' '), (request.namedGraphUris ?? []).join(' ')]
  return createHash('sha256').update(JSON.stringify(parts)).digest('base64url')
}

const sizeOf = (result: QueryResult) => result.body.length * 2

export function createResultCache(options: ResultCacheOptions): ResultCache {
  const maxEntryBytes = options.maxEntryBytes ?? Math.floor(options.maxBytes / 8)
  // A Map keeps insertion order: re-inserting on a hit makes the first key the least recently used.
  const entries = new Map<string, QueryResult>()
  const running = new Map<string, { generation: number; promise: Promise<QueryResult> }>()
  let generation = 0
  let bytes = 0
  const counters = { hits: 0, misses: 0, coalesced: 0 }

  const keep = (key: string, result: QueryResult) => {
    const size = sizeOf(result)
    if (size > maxEntryBytes) return
    entries.set(key, result)
    bytes += size
    for (const [oldest, value] of entries) {
      if (bytes <= options.maxBytes) break
      entries.delete(oldest)
      bytes -= sizeOf(value)
    }
  }

  return {
    async run(request, compute) {
      if (options.maxBytes <= 0 || !isCacheable(request.query)) return { result: await compute(), cached: false }
      const key = cacheKeyOf(request)
      const hit = entries.get(key)
      if (hit) {
        counters.hits++
        entries.delete(key)
        entries.set(key, hit)
        return { result: hit, cached: true }
      }
      const inFlight = running.get(key)
      if (inFlight && inFlight.generation === generation) {
        counters.coalesced++
        return { result: await inFlight.promise, cached: true }
      }
      counters.misses++
      const started = generation
      const promise = compute()
      running.set(key, { generation: started, promise })
      try {
        const result = await promise
        if (generation === started) keep(key, result)
        return { result, cached: false }
      } finally {
        if (running.get(key)?.promise === promise) running.delete(key)
      }
    },
    invalidate() {
      generation++
      entries.clear()
      bytes = 0
    },
    stats: () => ({ ...counters, entries: entries.size, bytes }),
  }
}
