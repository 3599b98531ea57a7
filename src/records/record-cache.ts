/**
 * A bounded cache of record documents and their serialised forms (least recently used out first, by bytes), dropped
 * per named graph when the store replaces that graph. Concurrent misses for one IRI share one load.
 */
import { ANY_GRAPH, type RecordDocument } from './record-document.ts'

export interface CachedForm {
  readonly body: string
  readonly etag: string
  /** Compressed bodies, made on first request per encoding. */
  readonly encoded: Map<string, Uint8Array>
}

interface Entry {
  readonly document: RecordDocument | undefined
  readonly forms: Map<string, CachedForm>
  bytes: number
}

export interface RecordCache {
  /** The document of `iri` (undefined: nothing is known about it), loading it on a miss. */
  document(iri: string, load: () => Promise<RecordDocument | undefined>): Promise<RecordDocument | undefined>
  /** A serialised form of a cached document, made once per key (format, language, origin…). */
  form(iri: string, key: string, make: () => CachedForm | Promise<CachedForm>): Promise<CachedForm>
  /** The cached answer for `iri` without waiting: `{ document }` on a hit (document undefined: known unknown), else undefined. */
  peek(iri: string): { document: RecordDocument | undefined } | undefined
  /** A form already made, without waiting (the hot path of a cached record). */
  peekForm(iri: string, key: string): CachedForm | undefined
  /** Note bytes added to a form after it was made (compressed variants). */
  grow(iri: string, bytes: number): void
  /** Drop every document that depends on one of these graphs, and every HTML form (pages read across records). */
  invalidate(graphs: readonly string[]): void
  clear(): void
  stats(): { entries: number; bytes: number; hits: number; misses: number }
}

/** What a document holds in memory, roughly: its N-Triples text and its parsed quads (a few hundred bytes each). */
const documentBytes = (document: RecordDocument) => document.ntriples.length * 2 + document.quads.length * 300

/** Documents known not to exist are remembered too, but only this long: a new record must appear soon. */
const NEGATIVE_TTL_MS = 5_000

export function createRecordCache(options: { maxBytes?: number; now?: () => number } = {}): RecordCache {
  const maxBytes = options.maxBytes ?? 512 * 1024 * 1024
  const now = options.now ?? Date.now
  const entries = new Map<string, Entry & { expires?: number }>()
  const byGraph = new Map<string, Set<string>>()
  const loading = new Map<string, Promise<RecordDocument | undefined>>()
  let bytes = 0
  let hits = 0
  let misses = 0
  // Bumped by invalidate(): a load that started before it must not store what it read.
  let epoch = 0

  const drop = (iri: string) => {
    const entry = entries.get(iri)
    if (!entry) return
    entries.delete(iri)
    bytes -= entry.bytes
    for (const graph of entry.document?.dependsOn ?? []) byGraph.get(graph)?.delete(iri)
  }
  const evict = () => {
    for (const iri of entries.keys()) {
      if (bytes <= maxBytes) break
      drop(iri)
    }
  }
  const store = (iri: string, document: RecordDocument | undefined) => {
    const entry = { document, forms: new Map<string, CachedForm>(), bytes: document ? documentBytes(document) : 64, ...(document ? {} : { expires: now() + NEGATIVE_TTL_MS }) }
    entries.set(iri, entry)
    bytes += entry.bytes
    for (const graph of document?.dependsOn ?? []) {
      const set = byGraph.get(graph) ?? new Set<string>()
      set.add(iri)
      byGraph.set(graph, set)
    }
    evict()
  }
  const touch = (iri: string) => {
    const entry = entries.get(iri)
    if (!entry) return undefined
    if (entry.expires !== undefined && entry.expires < now()) {
      drop(iri)
      return undefined
    }
    // Map order is our recency order: re-inserting moves the entry to the young end.
    entries.delete(iri)
    entries.set(iri, entry)
    return entry
  }

  return {
    async document(iri, load) {
      const entry = touch(iri)
      if (entry) {
        hits++
        return entry.document
      }
      misses++
      let pending = loading.get(iri)
      if (!pending) {
        const startedAt = epoch
        pending = load().then((document) => {
          if (startedAt === epoch) store(iri, document)
          return document
        }).finally(() => loading.delete(iri))
        loading.set(iri, pending)
      }
      return pending
    },
    peekForm: (iri, key) => entries.get(iri)?.forms.get(key),
    peek(iri) {
      const entry = touch(iri)
      if (!entry) return undefined
      hits++
      return { document: entry.document }
    },
    async form(iri, key, make) {
      const entry = entries.get(iri)
      const cached = entry?.forms.get(key)
      if (cached) return cached
      const made = await make()
      if (entry && entries.get(iri) === entry) {
        entry.forms.set(key, made)
        entry.bytes += made.body.length * 2
        bytes += made.body.length * 2
        evict()
      }
      return made
    },
    grow(iri, added) {
      const entry = entries.get(iri)
      if (!entry) return
      entry.bytes += added
      bytes += added
      evict()
    },
    invalidate(graphs) {
      epoch++
      // Pages also show what other records say about this one (datasets citing a law): any write may change them.
      for (const entry of entries.values()) {
        for (const [key, form] of entry.forms) {
          if (!key.startsWith('html|')) continue
          const size = form.body.length * 2 + [...form.encoded.values()].reduce((sum, encoded) => sum + encoded.byteLength, 0)
          entry.forms.delete(key)
          entry.bytes -= size
          bytes -= size
        }
      }
      for (const graph of [...graphs, ANY_GRAPH]) {
        for (const iri of [...(byGraph.get(graph) ?? [])]) drop(iri)
        byGraph.delete(graph)
        // A graph that did not exist may now: forget that its IRI was unknown.
        if (entries.get(graph)?.document === undefined) drop(graph)
      }
      for (const [iri, entry] of entries) if (entry.document === undefined) drop(iri)
    },
    clear() {
      epoch++
      entries.clear()
      byGraph.clear()
      bytes = 0
    },
    stats: () => ({ entries: entries.size, bytes, hits, misses }),
  }
}
