/**
 * A snapshot applied to a store that is already serving a catalogue, as the changes it implies: every graph of the
 * snapshot is compared with the store's copy (in normal form: src/sync/normal-form.ts), and only the graphs that
 * differ, the new ones and the ones the snapshot no longer has are written — through `replaceGraphs`, the store's
 * atomic write, so readers are served throughout and see each graph whole, old or new, never half-written.
 *
 * Changes are gathered into as few statements as `statementQuads` allows: a reload whose changes fit one statement
 * (a rebuild after a day's changes) switches the whole catalogue at once; a larger one switches in that many steps,
 * each atomic, and the report says how many. On Virtuoso this is the load-and-switch `ogd load` does over a
 * catalogue that is being served (src/store/virtuoso-load.ts): its bulk loader writes rows unlogged and visible as
 * they land, so it is kept for an empty store.
 */
import { Parser, type Quad } from 'n3'
import rdfCanonize from 'rdf-canonize'
import { normalForms } from '../sync/normal-form.ts'
import { DEFAULT_GRAPH, type GraphStore } from './types.ts'

export interface SnapshotApplyOptions {
  /** Quads (new content plus removed graphs' old content) one replaceGraphs carries at most; default 50,000. */
  statementQuads?: number
  /** Graphs compared per read of the store; default 500. */
  batchGraphs?: number
  log?: (message: string) => void
}

export interface SnapshotApplyReport {
  /** Graphs in the snapshot (the default graph counts as one when it has triples). */
  graphs: number
  /** Graphs written: new or different in the snapshot. */
  replaced: number
  /** Graphs the store had and the snapshot has not: emptied. */
  removed: number
  unchanged: number
  /** replaceGraphs calls: 1 means the whole change was one atomic switch; 0, nothing to change. */
  statements: number
  seconds: number
}

const code = (c: string) => c.charCodeAt(0)
const [LF, SPACE, TAB, LT, GT, QUOTE, BACKSLASH, HASH, CARET, AT, UNDERSCORE, DOT] = [code('\n'), code(' '), code('\t'), code('<'), code('>'), code('"'), code('\\'), code('#'), code('^'), code('@'), code('_'), code('.')] as const

/**
 * The graph of one N-Quads line (`start` to the byte before its newline): its IRI, '' for a triple of the default
 * graph, undefined for a blank or comment line. Terms are scanned, not guessed from the end: `<s> <p> <o> .` (a
 * triple) and `<s> <p> "o" <g> .` both end in `> .`.
 */
export function graphOfLine(bytes: Uint8Array, start: number, end: number): string | undefined {
  let at = start
  const skipSpace = () => { while (at < end && (bytes[at] === SPACE || bytes[at] === TAB)) at += 1 }
  const skipIri = () => { while (at < end && bytes[at] !== GT) at += 1; at += 1 }
  const skipWord = () => { while (at < end && bytes[at] !== SPACE && bytes[at] !== TAB) at += 1 }
  const skipTerm = () => {
    if (bytes[at] === LT) return skipIri()
    if (bytes[at] !== QUOTE) return skipWord()
    at += 1
    while (at < end && bytes[at] !== QUOTE) at += bytes[at] === BACKSLASH ? 2 : 1
    at += 1
    if (bytes[at] === AT) skipWord()
    else if (bytes[at] === CARET) { at += 2; skipIri() }
  }
  skipSpace()
  if (at >= end || bytes[at] === HASH) return undefined
  for (let term = 0; term < 3; term += 1) { skipTerm(); skipSpace() }
  if (bytes[at] === DOT || at >= end) return ''
  if (bytes[at] === LT) {
    const from = at + 1
    skipIri()
    return Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength).toString('utf8', from, at - 1)
  }
  if (bytes[at] === UNDERSCORE) throw new Error(`a snapshot line names a blank node as its graph (byte ${start}): not a snapshot of ours`)
  throw new Error(`unreadable N-Quads line at byte ${start}`)
}

/** Each graph's lines (byte ranges, newline included) in the order the graphs first appear. */
export function indexGraphs(bytes: Uint8Array): Map<string, number[]> {
  const graphs = new Map<string, number[]>()
  for (let start = 0; start < bytes.length;) {
    let end = bytes.indexOf(LF, start)
    if (end === -1) end = bytes.length
    const graph = graphOfLine(bytes, start, end)
    if (graph !== undefined) {
      let ranges = graphs.get(graph)
      if (!ranges) graphs.set(graph, (ranges = []))
      ranges.push(start, end)
    }
    start = end + 1
  }
  return graphs
}

const parseQuads = (text: string): Quad[] => new Parser({ format: 'application/n-quads', blankNodePrefix: '' }).parse(text)

/** Quads by graph name ('' for the default graph). */
function byGraph(quads: readonly Quad[]): Map<string, Quad[]> {
  const map = new Map<string, Quad[]>()
  for (const q of quads) {
    const name = q.graph.termType === 'DefaultGraph' ? '' : q.graph.value
    let list = map.get(name)
    if (!list) map.set(name, (list = []))
    list.push(q)
  }
  return map
}

/** Every named graph the store holds (keyset pages where the store asks for them: GraphStore.pageRows). */
export async function listGraphs(store: GraphStore): Promise<string[]> {
  const graphs: string[] = []
  for (;;) {
    const after = graphs.length ? `FILTER(STR(?g) > ${JSON.stringify(graphs.at(-1))})` : ''
    const limit = store.pageRows ? ` ORDER BY STR(?g) LIMIT ${store.pageRows}` : ''
    const { body } = await store.query({ query: `SELECT DISTINCT ?g WHERE { GRAPH ?g { ?s ?p ?o } ${after} }${limit}`, mediaType: 'text/tab-separated-values', trusted: true, timeoutMs: 600_000 })
    const page = body.split('\n').slice(1).filter(Boolean).map((cell) => cell.slice(1, -1))
    graphs.push(...page)
    if (!store.pageRows || page.length < store.pageRows) return graphs
  }
}

const BLANK = /_:[^\s]+/g

/**
 * Whether two normal forms are the same graph. Without blank nodes: equal text. With them, labels are the store's own
 * (Virtuoso names them by internal id), so: the text with every label alike first (different: changed), then RDF
 * Dataset Canonicalization (RDFC-1.0) of both — equal canonical forms ⇔ isomorphic graphs.
 */
async function isSameGraph(a: string, b: string): Promise<boolean> {
  if (a === b) return true
  if (!a.includes('_:') && !b.includes('_:')) return false
  const unlabelled = (text: string) => text.replace(BLANK, '_:b').split('\n').sort().join('\n')
  if (unlabelled(a) !== unlabelled(b)) return false
  const canonical = (text: string) => rdfCanonize.canonize(`${text}\n`, { algorithm: 'RDFC-1.0', inputFormat: 'application/n-quads' }) as Promise<string>
  return (await canonical(a)) === (await canonical(b))
}

const toStoreName = (graph: string) => (graph === '' ? DEFAULT_GRAPH : graph)

/** Batches of stored graphs asked for ahead of the one being compared. */
const READ_AHEAD = 2

/** Apply the snapshot's N-Quads (the bytes of its graph.nq) to `store` as the changes they imply. */
export async function applySnapshot(store: GraphStore, nquads: Uint8Array, options: SnapshotApplyOptions = {}): Promise<SnapshotApplyReport> {
  const started = performance.now()
  const statementQuads = options.statementQuads ?? 50_000
  const batchGraphs = options.batchGraphs ?? 500
  const log = options.log ?? (() => undefined)
  const bytes = Buffer.from(nquads.buffer, nquads.byteOffset, nquads.byteLength)
  const index = indexGraphs(bytes)
  const textOf = (ranges: readonly number[]) => {
    let text = ''
    for (let i = 0; i < ranges.length; i += 2) text += `${bytes.toString('utf8', ranges[i]!, ranges[i + 1]!)}\n`
    return text
  }
  log(`snapshot: ${index.size.toLocaleString('en')} graphs; comparing with the store`)

  const report: SnapshotApplyReport = { graphs: index.size, replaced: 0, removed: 0, unchanged: 0, statements: 0, seconds: 0 }
  let pending: { graphs: string[]; text: string[]; quads: number } = { graphs: [], text: [], quads: 0 }
  const flush = async () => {
    if (!pending.graphs.length) return
    await store.replaceGraphs(pending.graphs, pending.text.join(''))
    report.statements += 1
    log(`switched ${pending.graphs.length.toLocaleString('en')} graphs (statement ${report.statements})`)
    pending = { graphs: [], text: [], quads: 0 }
  }
  const write = async (graph: string, text: string, quads: number) => {
    if (pending.quads && pending.quads + quads > statementQuads) await flush()
    pending.graphs.push(toStoreName(graph))
    pending.text.push(text)
    pending.quads += quads
  }

  const names = [...index.keys()]
  // The store's reads are the wait (a remote store: most of the time is its answer): the next batches are asked for
  // while this one is compared, READ_AHEAD at a time.
  const reads = new Map<number, Promise<string>>()
  const readBatch = (i: number) => {
    if (i >= names.length || reads.has(i)) return
    const read = store.readGraphs(names.slice(i, i + batchGraphs).map(toStoreName))
    read.catch(() => undefined)
    reads.set(i, read)
  }
  for (let i = 0; i < names.length; i += batchGraphs) {
    for (let ahead = 0; ahead <= READ_AHEAD; ahead += 1) readBatch(i + ahead * batchGraphs)
    const batch = names.slice(i, i + batchGraphs)
    const texts = batch.map((graph) => textOf(index.get(graph)!))
    const fresh = texts.map(parseQuads)
    const storedText = await reads.get(i)!
    reads.delete(i)
    const stored = byGraph(parseQuads(storedText))
    const normal = normalForms([...fresh, ...stored.values()])
    for (const [k, graph] of batch.entries()) {
      const old = stored.get(graph)
      // Normal forms are of triples: the graph is the comparison's key already.
      const isSame = old !== undefined && await isSameGraph(normal(old), normal(fresh[k]!))
      if (isSame) report.unchanged += 1
      else {
        report.replaced += 1
        await write(graph, texts[k]!, fresh[k]!.length + (old?.length ?? 0))
      }
    }
  }

  const kept = new Set(names)
  const gone = (await listGraphs(store)).filter((graph) => !kept.has(graph))
  if (!kept.has('') && (await store.readGraphs([DEFAULT_GRAPH])).trim()) gone.push('')
  for (let i = 0; i < gone.length; i += batchGraphs) {
    const batch = gone.slice(i, i + batchGraphs)
    const old = byGraph(parseQuads(await store.readGraphs(batch.map(toStoreName))))
    for (const graph of batch) await write(graph, '', old.get(graph)?.length ?? 1)
    report.removed += batch.length
  }
  await flush()
  report.seconds = (performance.now() - started) / 1000
  return report
}
