/**
 * The one place a sync (and a record PUT) validates: through the build's per-record validator
 * (`validateRecords(…, { only })`, src/validate/parallel.ts), so a record is judged exactly as `ogd build` judges
 * it — the same profiles, the same background (the shared graphs, read from the store once per context), the same
 * unit (the record's own nodes plus what the shapes can read of the nodes it links to, src/validate/partition.ts),
 * the same issues and messages, in worker threads when the batch is large enough to pay for them, with a unit cache.
 * The validator takes a graph: we hand it the background, the store's triples of the nodes the records link to
 * (as far as the shapes reach), and the batch, in the build's order (linked resources before records).
 */
import { createHash } from 'node:crypto'
import { DataFactory, type NamedNode, type Quad } from 'n3'
import { isBuildBackground } from '../build/run-build.ts'
import { assembleDocument } from '../records/record-document.ts'
import { summaryQuery } from '../records/record-queries.ts'
import { isValidationIri } from '../records/quality-dqv.ts'
import { VALIDATION_PROFILES, type RecordValidation } from '../records/record-validation.ts'
import { scoreDataset } from '../records/quality-score.ts'
import { reachOf, validateRecords } from '../validate/parallel.ts'
import type { ValidationIssue } from '../validate/validate.ts'
import type { ProfileName } from '../validate/shapes.ts'
import type { GraphStore } from '../store/types.ts'
import { RDF } from '../vocab/index.ts'
import type { RecordGraphs } from './record-graphs.ts'
import type { SyncContext } from './sync-context.ts'

interface Binding { type: string; value: string; 'xml:lang'?: string; datatype?: string }

const termOf = (b: Binding): Quad['object'] =>
  b.type === 'uri' ? DataFactory.namedNode(b.value) : b.type === 'bnode' ? DataFactory.blankNode(b.value) : DataFactory.literal(b.value, b['xml:lang'] || (b.datatype ? DataFactory.namedNode(b.datatype) : undefined))

async function select(store: GraphStore, query: string): Promise<Record<string, Binding>[]> {
  const { body } = await store.query({ query, mediaType: 'application/sparql-results+json', timeoutMs: 120_000 })
  return (JSON.parse(body) as { results: { bindings: Record<string, Binding>[] } }).results.bindings
}

const iriText = (iri: string) => `<${iri}>`
const CHUNK = 200

/** Type and names of the resources the records link to, as the store holds them (for the quality score). */
async function readSummaries(store: GraphStore, resources: readonly string[]): Promise<Quad[]> {
  const out: Quad[] = []
  for (let i = 0; i < resources.length; i += CHUNK) {
    const nodes: NamedNode[] = resources.slice(i, i + CHUNK).map((iri) => DataFactory.namedNode(iri))
    for (const row of await select(store, summaryQuery(nodes))) out.push(DataFactory.quad(termOf(row.s!) as NamedNode, termOf(row.p!) as NamedNode, termOf(row.o!)))
  }
  return out
}

/**
 * The store's triples (with their graph) whose subject is one of `subjects`, restricted to `predicates` unless
 * 'all'. Graphs the batch replaces, quality graphs (which the build makes after validating) and, when asked,
 * the background (already given whole) are left out.
 */
async function triplesOf(store: GraphStore, subjects: readonly string[], predicates: ReadonlySet<string> | 'all', skipGraph: (g: string) => boolean): Promise<Quad[]> {
  const out: Quad[] = []
  // A FILTER, not a second VALUES: oxigraph 0.5 joins `VALUES ?s … VALUES ?p …` by scanning every triple of those
  // predicates (rdf:type is in every record): 13.7 s per chunk on a 3.8 M-quad graph, against 4 ms with the FILTER.
  const filter = predicates === 'all' ? '' : `FILTER(?p IN (${[...predicates].map(iriText).join(', ')}))`
  for (let i = 0; i < subjects.length; i += CHUNK) {
    const query = `SELECT ?g ?s ?p ?o WHERE { VALUES ?s { ${subjects.slice(i, i + CHUNK).map(iriText).join(' ')} } GRAPH ?g { ?s ?p ?o ${filter} } }`
    for (const row of await select(store, query)) {
      if (skipGraph(row.g!.value)) continue
      out.push(DataFactory.quad(termOf(row.s!) as NamedNode, termOf(row.p!) as NamedNode, termOf(row.o!) as Quad['object'], DataFactory.namedNode(row.g!.value)))
    }
  }
  return out
}

/** Whether a subject belongs to the record `iri` (itself, its fragments and sub-paths). */
const isOwnedBy = (subject: string, iri: string) => subject === iri || subject.startsWith(`${iri}#`) || subject.startsWith(`${iri}/`)

/**
 * A record's blank nodes under labels of its own, numbered in order of appearance: records of one batch stay apart,
 * the labels survive the trip to a worker (partition.ts), and the same record gets the same unit (cache hits when
 * the same export is applied again).
 */
function relabelBlanks(record: RecordGraphs): Quad[] {
  const prefix = `r${createHash('sha256').update(record.iri).digest('hex').slice(0, 10)}b`
  const labels = new Map<string, string>()
  const rename = <T extends Quad['subject'] | Quad['object']>(term: T): T => {
    if (term.termType !== 'BlankNode') return term
    let label = labels.get(term.value)
    if (label === undefined) labels.set(term.value, (label = `${prefix}${labels.size}`))
    return DataFactory.blankNode(label) as T
  }
  return record.own.map((q) => DataFactory.quad(rename(q.subject), q.predicate, rename(q.object), DataFactory.namedNode(record.iri)))
}

/**
 * Syncs' unit cache, beside the snapshot like the build's (validation-cache.json) but apart from it: the background
 * read from the store has another triple order, so another hash, and sharing one file would void the build's entries.
 */
export const SYNC_CACHE_FILE = 'sync-validation-cache.json'

/**
 * The niceness of a sync's validation threads: the lowest priority, so that on a busy machine the replicas' reads
 * (and the main thread, which serves them) run first; when nothing else wants the cores the sync is as fast.
 */
const THREAD_NICENESS = 19

/** Batches at least this large validate in worker threads; smaller ones (a PUT) in this thread, sparing the threads' start. */
const THREADED_FROM = 32

export interface ValidateRecordsOptions {
  /** The unit cache (src/validate/cache.ts) of syncs: beside the snapshot, apart from the build's (another background order). */
  cachePath?: string
  /** Worker threads (default: none below THREADED_FROM records, else the validator's default). */
  workers?: number
}

/**
 * Validate every record (dataset IRI → its validation: conforms, issues in zh and en, score). An issue counts for
 * the record whose unit owns its focus node, as in the build; issues about what a record merely links to count for
 * none, as on /dataset/{id}/validation.
 */
export async function validateRecordGraphs(records: readonly RecordGraphs[], store: GraphStore, context: SyncContext, options: ValidateRecordsOptions = {}): Promise<Map<string, RecordValidation>> {
  const batch = new Set(records.map((r) => r.iri))
  const own = records.map(relabelBlanks)
  const agentQuads = records.flatMap((r) => [...r.agents.entries()].flatMap(([graph, quads]) => quads.map((q) => DataFactory.quad(q.subject, q.predicate, q.object, DataFactory.namedNode(graph)))))
  const batchGraphs = new Set([...batch, ...records.flatMap((r) => [...r.agents.keys()])])
  const skip = (g: string) => batchGraphs.has(g) || isValidationIri(g) || isBuildBackground(g)
  // The records' nodes (owner = the first record graph that describes them, as partition.ts decides).
  const owner = new Map<string, string>()
  own.forEach((quads, i) => { for (const q of quads) if (!owner.has(q.subject.value)) owner.set(q.subject.value, records[i]!.iri) })
  const ownedIris = [...new Set(own.flat().flatMap((q) => (q.subject.termType === 'NamedNode' ? [q.subject.value] : [])))]
  // What the shapes may read of linked nodes, hop by hop from the records (the batch's agent graphs answer first).
  const reach = reachOf(context.shapesDir, VALIDATION_PROFILES)
  const predicates = reach.supported ? reach.predicates : 'all'
  const depth = reach.supported ? Math.min(reach.depth, 8) : 8
  const known = new Set<string>([...owner.keys()])
  const linked: Quad[] = []
  let frontier = [...new Set([...own.flat(), ...agentQuads].flatMap((q) => (q.object.termType === 'NamedNode' && !known.has(q.object.value) ? [q.object.value] : [])))]
  for (let hop = 1; hop <= depth && frontier.length > 0; hop += 1) {
    for (const node of frontier) known.add(node)
    const found = await triplesOf(store, frontier.sort(), predicates, (g) => batchGraphs.has(g) || isValidationIri(g))
    linked.push(...found.filter((q) => !owner.has(q.subject.value)))
    frontier = [...new Set(found.flatMap((q) => (q.object.termType === 'NamedNode' && !known.has(q.object.value) ? [q.object.value] : [])))]
  }
  // The records' own nodes as other graphs of the store describe them (the build's unit takes a node's triples from every graph).
  const elsewhere = await triplesOf(store, ownedIris.sort(), 'all', skip)
  const quads = [...linked, ...agentQuads, ...own.flat(), ...elsewhere]
  const { reports } = await validateRecords(quads, {
    // The same background for every sync of this context: prepared once (src/validate/partition.ts).
    background: context.validationBackground,
    shapesDir: context.shapesDir,
    profiles: VALIDATION_PROFILES,
    isBackground: isBuildBackground,
    only: batch,
    recordOf: (focus) => owner.get(focus),
    cachePath: options.cachePath ?? context.validationCachePath,
    workers: options.workers ?? (records.length >= THREADED_FROM ? undefined : 0),
    // The graph is serving while it syncs: its reads come first (THREAD_NICENESS).
    niceness: THREAD_NICENESS,
  })
  const issues = new Map<string, (ValidationIssue & { profile: ProfileName })[]>(records.map((r) => [r.iri, []]))
  for (const report of reports) for (const issue of report.issues) if (issue.record && batch.has(issue.record)) issues.get(issue.record)!.push({ ...issue, profile: report.profile })
  return scoreRecords(records, issues, store)
}

/** The quality score of each record, as /dataset/{id}/validation computes it (the record and a summary of what it links to). */
async function scoreRecords(records: readonly RecordGraphs[], issues: Map<string, (ValidationIssue & { profile: ProfileName })[]>, store: GraphStore): Promise<Map<string, RecordValidation>> {
  const linkedIris = new Set<string>()
  for (const record of records) {
    for (const q of record.own) if (q.object.termType === 'NamedNode' && !q.predicate.equals(RDF.type) && !isOwnedBy(q.object.value, record.iri)) linkedIris.add(q.object.value)
  }
  const summaries = await readSummaries(store, [...linkedIris].sort())
  const bySubject = new Map<string, Quad[]>()
  for (const q of [...summaries, ...records.flatMap((r) => [...r.agents.values()].flat())]) bySubject.set(q.subject.value, [...(bySubject.get(q.subject.value) ?? []), q])
  const results = new Map<string, RecordValidation>()
  for (const [i, record] of records.entries()) {
    // Scoring is synchronous (≈ 0.4 ms a record): let reads in between, as apply-sync.ts does.
    if (i % 16 === 15) await new Promise<void>((resolve) => setImmediate(resolve))
    const objects = new Set(record.own.filter((q) => q.object.termType === 'NamedNode').map((q) => q.object.value))
    const summary = [...objects].flatMap((iri) => bySubject.get(iri) ?? [])
    const document = assembleDocument({ iri: record.iri, graph: record.iri, kind: 'record', own: record.own, summary, summaryGraphs: [] })
    const found = issues.get(record.iri) ?? []
    const dcatApConforms = !found.some((i) => i.profile === 'dcat-ap-3.0.1' && i.severity === 'Violation')
    results.set(record.iri, {
      dataset: record.iri,
      conforms: !found.some((i) => i.severity === 'Violation'),
      dcatApConforms,
      issues: found,
      score: scoreDataset(document.quads, record.iri, { dcatApConforms }),
      validatedAt: new Date(),
    })
  }
  return results
}
