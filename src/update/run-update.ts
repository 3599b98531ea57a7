/**
 * SPARQL 1.1 Update over any GraphStore, as graph replacements. The update is planned (src/update/update-plan.ts:
 * which graphs it may read or write), those graphs are copied into a scratch oxigraph store, the update runs there
 * once, and exactly the graphs whose content changed are written back with ONE replaceGraphs. So the journal holds
 * the outcome, not the text (NOW(), BNODE(), RAND() and UUID() are evaluated once, not once per replica and again at
 * each replay), every replica and cache follows as for any write, the Virtuoso backend gets the same semantics, and
 * a request of several operations is applied all or nothing.
 */
import oxigraph from 'oxigraph'
import { AppError } from '../errors.ts'
import { dumpGraphs } from '../store/embedded-engine.ts'
import { DEFAULT_GRAPH, type GraphStore } from '../store/types.ts'
import { withWriteLock } from '../sync/write-lock.ts'
import { planUpdate, type PlanOptions } from './update-plan.ts'

const NQUADS = 'application/n-quads'

export interface UpdateOptions extends PlanOptions {
  /** An update that may touch every graph copies the whole store; past this many quads it is refused. */
  maxCopyQuads: number
  /** Called with the graphs about to be written and their new N-Quads (per graph); throws to refuse the write. */
  check?: (changed: ReadonlyMap<string, string>) => Promise<void>
}

export interface UpdateOutcome {
  operations: number
  /** Graphs whose content changed (DEFAULT_GRAPH for the default graph), in order. */
  changed: string[]
}

/** The store's named graphs (every graph an update on "all graphs" may read). */
export async function namedGraphsOf(store: GraphStore): Promise<string[]> {
  const result = await store.query({ query: 'SELECT DISTINCT ?g WHERE { GRAPH ?g { ?s ?p ?o } }', mediaType: 'application/sparql-results+json' })
  const bindings = (JSON.parse(result.body) as { results: { bindings: { g?: { type: string; value: string } }[] } }).results.bindings
  return bindings.flatMap(({ g }) => (g?.type === 'uri' ? [g.value] : []))
}

function scratchGraphs(store: oxigraph.Store): string[] {
  const json = store.query('SELECT DISTINCT ?g WHERE { GRAPH ?g { ?s ?p ?o } }', { results_format: 'application/sparql-results+json' }) as string
  return (JSON.parse(json) as { results: { bindings: { g: { type: string; value: string } }[] } }).results.bindings
    .filter(({ g }) => g.type === 'uri').map(({ g }) => g.value)
}

/** A graph's N-Quads with its lines sorted: equal content (up to blank-node labels the engine kept) compares equal. */
const canonicalLines = (nquads: string) => nquads.split('\n').filter(Boolean).sort().join('\n')

function loadScratch(nquads: string): oxigraph.Store {
  const store = new oxigraph.Store()
  if (nquads) store.load(nquads, { format: NQUADS })
  return store
}

/** Run one update request (the text as the client sent it) against `store`. */
export async function runUpdate(store: GraphStore, text: string, options: UpdateOptions): Promise<UpdateOutcome> {
  const plan = planUpdate(text, options)
  return withWriteLock(store, async () => {
    if (!plan.text) return { operations: plan.operations, changed: [] }
    let graphs: string[]
    if (plan.graphs === 'all') {
      const size = await store.size()
      if (size > options.maxCopyQuads) {
        throw new AppError('payload_too_large', `this update may touch every graph (a graph variable, or CLEAR/DROP NAMED or ALL), which means copying the whole store (${size} quads; the limit is ${options.maxCopyQuads}): name the graphs it works on (GRAPH <iri>, WITH <iri>)`, { quads: size, limit: options.maxCopyQuads })
      }
      graphs = [DEFAULT_GRAPH, ...(await namedGraphsOf(store))]
    } else {
      graphs = plan.graphs
    }
    // One scratch store, dumped before and after: loading N-Quads gives blank nodes new labels, so the "before" of
    // each graph must come from the same load as its "after" for an untouched graph to compare equal.
    const scratch = loadScratch(await store.readGraphs(graphs))
    const original = new Map(graphs.map((graph) => [graph, canonicalLines(dumpGraphs(scratch, [graph]))]))
    try {
      scratch.update(plan.text, { base_iri: options.baseIri })
    } catch (error) {
      throw new AppError('bad_query', `the update failed, nothing was changed: ${(error as Error).message}`)
    }
    const candidates = [...new Set([...graphs, ...scratchGraphs(scratch)])]
    const changed = new Map<string, string>()
    for (const graph of candidates) {
      const after = dumpGraphs(scratch, [graph])
      if (canonicalLines(after) !== (original.get(graph) ?? '')) changed.set(graph, after)
    }
    if (changed.size === 0) return { operations: plan.operations, changed: [] }
    await options.check?.(changed)
    const names = [...changed.keys()].sort()
    await store.replaceGraphs(names, names.map((g) => changed.get(g)!).join(''))
    return { operations: plan.operations, changed: names }
  })
}
