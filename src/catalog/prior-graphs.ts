/**
 * Record graphs as they were before each write, for harvests pinned to an older catalogue version: a version keeps
 * its member list (version-registry.ts), this keeps its records' content. Writes are numbered (write k takes the
 * store from state k-1 to state k); a version is read at a state s, and its record graph g is then the old content
 * saved by the first write after s that replaced g, or the store's own when none did. Old content is saved only
 * while a harvest holds a version (a page of it was served within `holdMs`), and within `maxBytes`: past that the
 * oldest saved writes go, and the versions that needed them answer 410 (the harvest must start again) rather than
 * show a mix of two versions.
 */
import { DataFactory, type Quad } from 'n3'
import { termToNQuads } from '../serialize/nquads-writer.ts'
import type { GraphStore } from '../store/types.ts'

interface Binding { type: string; value: string; 'xml:lang'?: string; datatype?: string }

export interface PriorGraphsOptions {
  /** Reads the complete-record content (N-Triples) of these graphs; graphs without one map to ''. */
  readGraphs: (graphs: readonly string[]) => Promise<Map<string, string>>
  /** Graphs a page may show (record graphs); the others are not saved. */
  isRecordGraph: (graph: string) => boolean
  holdMs: number
  maxBytes: number
  now?: () => number
}

interface SavedWrite { seq: number; texts: Map<string, string>; bytes: number }

/** What a version read at a state needs: the saved texts of the graphs changed since, or 'lost' when some are gone. */
export type PriorContent = Map<string, string> | 'lost'

export interface PriorGraphs {
  /** Run a write (the store's replaceGraphs) numbered, after saving what it replaces if a harvest may need it. */
  around(graphs: readonly string[], write: () => Promise<void>): Promise<void>
  /** The state now and whether a write is under way; a read between two equal, idle tickets saw one state. */
  ticket(): { seq: number; busy: boolean }
  /** A harvest is walking the version read at `seq`. */
  hold(seq: number): void
  /** The graphs among `graphs` whose content changed after state `seq`, as they were at `seq`. */
  at(seq: number, graphs: readonly string[]): PriorContent
  /** Bytes (UTF-16) of saved content now. */
  bytes(): number
}

export function createPriorGraphs(options: PriorGraphsOptions): PriorGraphs {
  const now = options.now ?? Date.now
  let seq = 0
  let busy = false
  /** Writes after this state were not (or no longer) saved: a version read before it cannot be shown. */
  let lostAfter = -1
  const saved: SavedWrite[] = []
  let total = 0
  const holds = new Map<number, number>()
  let queue: Promise<unknown> = Promise.resolve()

  const liveHolds = () => {
    const t = now()
    for (const [s, until] of holds) if (until < t) holds.delete(s)
    return holds
  }
  /**
   * Drop saved writes no held version needs (write k is needed by versions read at s < k), then the oldest while over
   * budget; either way the versions read before a dropped write cannot be shown any more.
   */
  const prune = () => {
    const held = [...liveHolds().keys()]
    const oldest = held.length ? Math.min(...held) : Infinity
    while (saved.length && (saved[0]!.seq <= oldest || total > options.maxBytes)) {
      const gone = saved.shift()!
      total -= gone.bytes
      lostAfter = Math.max(lostAfter, gone.seq - 1)
    }
  }

  async function runWrite(graphs: readonly string[], write: () => Promise<void>): Promise<void> {
    const k = seq + 1
    busy = true
    try {
      const wanted = graphs.filter(options.isRecordGraph)
      if (liveHolds().size > 0 && wanted.length > 0) {
        const texts = await options.readGraphs(wanted)
        let bytes = 0
        for (const text of texts.values()) bytes += text.length * 2
        saved.push({ seq: k, texts, bytes })
        total += bytes
      } else if (wanted.length > 0) {
        // Nobody harvests: the versions up to now cannot be shown any more once this write lands.
        lostAfter = Math.max(lostAfter, k - 1)
      }
      await write()
    } finally {
      seq = k
      busy = false
      prune()
    }
  }

  return {
    around(graphs, write) {
      const run = queue.then(() => runWrite(graphs, write))
      queue = run.catch(() => undefined)
      return run
    },
    ticket: () => ({ seq, busy }),
    hold(at) {
      holds.set(at, Math.max(holds.get(at) ?? 0, now() + options.holdMs))
    },
    at(at, graphs) {
      if (at >= seq) return new Map()
      if (lostAfter >= at) return 'lost'
      const out = new Map<string, string>()
      const wanted = new Set(graphs)
      for (const write of saved) {
        if (write.seq <= at) continue
        for (const [graph, text] of write.texts) if (wanted.has(graph) && !out.has(graph)) out.set(graph, text)
      }
      return out
    },
    bytes: () => total,
  }
}

const termOf = (b: Binding) =>
  b.type === 'uri' ? DataFactory.namedNode(b.value) : b.type === 'bnode' ? DataFactory.blankNode(b.value) : DataFactory.literal(b.value, b['xml:lang'] || (b.datatype ? DataFactory.namedNode(b.datatype) : undefined))

/** A reader of record graphs' complete-record content per graph (as readRecordGraphs would give it), 200 graphs a query. */
export function recordGraphReader(store: GraphStore, query: (graphs: readonly string[]) => string, timeoutMs?: number): (graphs: readonly string[]) => Promise<Map<string, string>> {
  return async (graphs) => {
    const out = new Map<string, string>(graphs.map((g) => [g, '']))
    for (let i = 0; i < graphs.length; i += 200) {
      const { body } = await store.query({ query: query(graphs.slice(i, i + 200)), mediaType: 'application/sparql-results+json', ...(timeoutMs ? { timeoutMs } : {}) })
      for (const row of (JSON.parse(body) as { results: { bindings: Record<string, Binding>[] } }).results.bindings) {
        const line = `${termToNQuads(termOf(row.s!) as Quad['subject'])} ${termToNQuads(termOf(row.p!))} ${termToNQuads(termOf(row.o!))} .\n`
        out.set(row.g!.value, out.get(row.g!.value)! + line)
      }
    }
    return out
  }
}
