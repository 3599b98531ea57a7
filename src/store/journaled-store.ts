/**
 * Durable writes for the in-memory stores: a GraphStore decorator whose replaceGraphs appends the change to the
 * journal (fsync'd) before it is applied, and acknowledges only after both. A change the inner store refuses is
 * followed by a cancel entry, so a restart does not apply what the writer was told failed. `compact()` folds the
 * journal into a new snapshot. The Virtuoso backend needs none of this: it commits durably itself.
 */
import { AppError } from '../errors.ts'
import { writeIri } from '../query/sparql-tag.ts'
import { changesToReplay, readJournal, openJournalWriter, type JournalEntry, type JournalLogger, type JournalWriter } from './journal.ts'
import { lockJournal } from './journal-lock.ts'
import { findSnapshot, writeSnapshot, type Snapshot } from './snapshot.ts'
import type { GraphChange } from './embedded-engine.ts'
import { DEFAULT_GRAPH, type GraphStore } from './types.ts'

/** What a journaled store adds to GraphStore (an extending interface: GraphStore itself is unchanged). */
export interface JournaledStore extends GraphStore {
  /** Write the store as a new snapshot and shorten the journal to what a rebuild from sources needs. */
  compact(): Promise<{ snapshot: string; journalSeq: number }>
  journalStats(): { lastSeq: number; entriesSinceSnapshot: number }
}

/** A snapshot directory's journal, read and opened for appending: what to replay and the writer. */
export interface OpenedJournal {
  /** Changes to replay over the snapshot, in order. */
  changes: GraphChange[]
  writer: JournalWriter
  /** Every graph a journal entry touched: what a rebuild from sources must have re-applied. */
  touched: Set<string>
  /** Entries past the snapshot. */
  pending: number
  release(): void
}

/** Lock DIR's journal, read it (cutting a torn tail), and open it for appending. */
export async function openJournal(dir: string, snapshot: Snapshot, options: { logger?: JournalLogger; onFatal: (error: Error) => void }): Promise<OpenedJournal> {
  const release = lockJournal(dir)
  try {
    const { entries } = await readJournal(dir, options.logger)
    const afterSeq = snapshot.meta.journalSeq ?? 0
    const changes = changesToReplay(entries, afterSeq)
    const touched = new Set(changesToReplay(entries).flatMap((c) => c.graphs))
    const lastSeq = entries.length > 0 ? entries[entries.length - 1]!.seq : afterSeq
    const writer = await openJournalWriter(dir, Math.max(lastSeq, afterSeq), options.onFatal)
    return { changes, writer, touched, pending: changes.length, release }
  } catch (error) {
    release()
    throw error
  }
}

/** Replay journaled changes through a store's own replaceGraphs; one the store refuses was refused when written too. */
export async function replayChanges(store: GraphStore, changes: readonly GraphChange[]): Promise<GraphStore> {
  for (const change of changes) {
    await store.replaceGraphs(change.graphs, change.nquads).catch((error: unknown) => {
      if (!(error instanceof AppError && error.code === 'invalid_data')) throw error
    })
  }
  return store
}

/** Where the N-Triples term starting at `i` ends (an IRI, a blank node, or a literal with its tag or datatype). */
function termEnd(line: string, i: number): number {
  if (line[i] === '<') return line.indexOf('>', i) + 1
  if (line[i] === '"') {
    let j = i + 1
    while (j < line.length && line[j] !== '"') j += line[j] === '\\' ? 2 : 1
    j += 1
    if (line[j] === '@') return line.indexOf(' ', j)
    if (line.startsWith('^^<', j)) return line.indexOf('>', j) + 1
    return j
  }
  return line.indexOf(' ', i)
}

/**
 * The graph an N-Quads line of our dumps is in (DEFAULT_GRAPH for a triple). A line ending `<x> .` is in graph x or
 * is a triple whose object is x: only the terms tell, so they are read when the answer matters (`wanted`).
 */
function graphOfLine(line: string, wanted: ReadonlySet<string>): string | undefined {
  const last = /<([^<>]*)> \.$/.exec(line)?.[1]
  if (!wanted.has(DEFAULT_GRAPH) && (last === undefined || !wanted.has(last))) return undefined
  let i = 0
  for (let term = 0; term < 3; term += 1) {
    i = termEnd(line, i)
    if (i <= 0) return undefined
    while (line[i] === ' ') i += 1
  }
  if (line[i] === '.') return DEFAULT_GRAPH
  return line[i] === '<' ? line.slice(i + 1, line.indexOf('>', i)) : undefined
}

/** The inner store, journaled; `dir` is the snapshot directory the journal lives in. */
export function createJournaledStore(inner: GraphStore, dir: string, journal: OpenedJournal): JournaledStore {
  let writes: Promise<unknown> = Promise.resolve()
  let sinceSnapshot = journal.pending
  // One write at a time: the journal's order is the order every replica applies them in.
  const serially = <T>(work: () => Promise<T>): Promise<T> => {
    const done = writes.then(work)
    writes = done.catch(() => undefined)
    return done
  }

  async function replace(graphs: readonly string[], nquads: string): Promise<void> {
    for (const graph of graphs) if (graph !== DEFAULT_GRAPH) writeIri(graph)
    const seq = await journal.writer.appendReplace({ graphs, nquads })
    try {
      await inner.replaceGraphs(graphs, nquads)
    } catch (error) {
      await journal.writer.appendCancel(seq)
      throw error
    }
    for (const graph of graphs) journal.touched.add(graph)
    sinceSnapshot += 1
  }

  async function compact(): Promise<{ snapshot: string; journalSeq: number }> {
    const previous = await findSnapshot(dir)
    const journalSeq = journal.writer.lastSeq
    const net: string[] = []
    async function* dumpKeepingNet(): AsyncGenerator<string> {
      for await (const chunk of inner.dumpNQuads()) {
        for (const line of chunk.split('\n')) {
          const graph = graphOfLine(line, journal.touched)
          if (graph !== undefined && journal.touched.has(graph)) net.push(line + '\n')
        }
        yield chunk
      }
    }
    const snapshot = await writeSnapshot(dir, dumpKeepingNet(), {
      baseIri: previous?.meta.baseIri ?? '',
      createdAt: new Date().toISOString(),
      quads: await inner.size(),
      stats: previous?.meta.stats ?? {},
      inputs: previous?.meta.inputs ?? [],
      journalSeq,
    })
    // The snapshot holds every entry now; what stays is one entry with the present content of every graph ever
    // written live, so that a rebuild from sources (journalSeq absent) still ends with them as they are.
    const entry: JournalEntry = { seq: journalSeq, at: new Date().toISOString(), op: 'replace', graphs: [...journal.touched].sort(), nquads: net.join('') }
    await journal.writer.rewrite(journalSeq > 0 && journal.touched.size > 0 ? [entry] : [])
    sinceSnapshot = 0
    return { snapshot: snapshot.version, journalSeq }
  }

  return Object.assign(Object.create(inner) as GraphStore, {
    query: inner.query.bind(inner),
    size: inner.size.bind(inner),
    readGraphs: inner.readGraphs.bind(inner),
    dumpNQuads: inner.dumpNQuads.bind(inner),
    replaceGraphs: (graphs: readonly string[], nquads: string) => serially(() => replace(graphs, nquads)),
    compact: () => serially(compact),
    journalStats: () => ({ lastSeq: journal.writer.lastSeq, entriesSinceSnapshot: sinceSnapshot }),
    async close() {
      await writes
      await inner.close()
      await journal.writer.close()
      journal.release()
    },
  })
}
