/**
 * One oxigraph store and what is done to it: load, query, replace graphs, count, dump. Both the in-process
 * store and every worker replica run this; the text reaching `query` has already passed the guard.
 */
import oxigraph from 'oxigraph'
import { AppError } from '../errors.ts'
import { writeIri } from '../query/sparql-tag.ts'
import { restoreLanguageCase } from '../serialize/language-case.ts'
import { DEFAULT_GRAPH, type QueryForm } from './types.ts'

/** A query the guard accepted, with its negotiated media type and dataset. */
export interface EngineQuery {
  query: string
  form: QueryForm
  /** Already resolved by resolveMediaType. */
  mediaType: string
  hasDatasetClause: boolean
  defaultGraphUris?: string[]
  namedGraphUris?: string[]
  baseIri?: string
}

/** One replaceGraphs call, as kept in the change log and replayed on a fresh replica. */
export interface GraphChange {
  graphs: readonly string[]
  nquads: string
}

export interface EngineOptions {
  /** Query the union of all graphs as the default graph (our design: one named graph per record). */
  unionDefaultGraph: boolean
}

const NQUADS = 'application/n-quads'

/** Load N-Quads the fast way (lenient, no transaction): the base is our own snapshot, checked when it was built. */
export function loadBase(store: oxigraph.Store, nquads: string | Uint8Array): void {
  store.load(nquads, { format: NQUADS, lenient: true, no_transaction: true })
}

function datasetOptions(request: EngineQuery, options: EngineOptions) {
  // SPARQL 1.1 Protocol §2.1.4: default-graph-uri / named-graph-uri, when given, are the whole dataset.
  if (request.defaultGraphUris?.length || request.namedGraphUris?.length) {
    return {
      default_graph: (request.defaultGraphUris ?? []).map(toGraphName),
      named_graphs: (request.namedGraphUris ?? []).map(toGraphName),
    }
  }
  // oxigraph 0.5 lets use_default_graph_as_union override FROM clauses, so a query naming its dataset goes without it.
  return { use_default_graph_as_union: options.unionDefaultGraph && !request.hasDatasetClause }
}

function toGraphName(iri: string): oxigraph.NamedNode {
  writeIri(iri)
  return oxigraph.namedNode(iri)
}

/**
 * Run one query; the result is serialised inside the engine (crossing WASM per term is slow), its language tags
 * given back their BCP 47 case (the engine lower-cases them), here in the replica's thread rather than the server's.
 */
export function runQuery(store: oxigraph.Store, request: EngineQuery, options: EngineOptions): string {
  const result = store.query(request.query, {
    results_format: request.mediaType,
    ...(request.baseIri ? { base_iri: request.baseIri } : {}),
    ...datasetOptions(request, options),
  })
  return restoreLanguageCase(result as string, request.mediaType)
}

/**
 * Replace the named graphs listed with the N-Quads given. The N-Quads are parsed into a scratch store first
 * (strictly, unlike the base), so a bad change fails before the store is touched; applying it is then a
 * transactional DROP and a load that cannot fail on syntax. Both run in one synchronous call, so no query on
 * this thread sees the graphs half replaced.
 */
export function replaceGraphs(store: oxigraph.Store, change: GraphChange): void {
  const drops = change.graphs.map((graph) => (graph === DEFAULT_GRAPH ? 'DROP SILENT DEFAULT' : `DROP SILENT GRAPH ${writeIri(graph)}`))
  checkChange(change)
  if (drops.length > 0) store.update(drops.join(' ;\n'))
  store.load(change.nquads, { format: NQUADS })
}

function checkChange(change: GraphChange): void {
  const scratch = new oxigraph.Store()
  try {
    scratch.load(change.nquads, { format: NQUADS })
  } catch (error) {
    throw new AppError('invalid_data', `the replacement N-Quads do not parse: ${(error as Error).message}`)
  }
  if (!change.graphs.includes(DEFAULT_GRAPH) && scratch.query('ASK { ?s ?p ?o }')) throw new AppError('invalid_data', 'the replacement has quads in the default graph; every quad must be in one of the graphs replaced')
  const json = scratch.query('SELECT DISTINCT ?g WHERE { GRAPH ?g { ?s ?p ?o } }', { results_format: 'application/sparql-results+json' }) as string
  const bindings = (JSON.parse(json) as { results: { bindings: { g: { type: string; value: string } }[] } }).results.bindings
  const outside = bindings.filter(({ g }) => g.type !== 'uri' || !change.graphs.includes(g.value)).map(({ g }) => g.value)
  if (outside.length > 0) throw new AppError('invalid_data', `the replacement has quads in graphs it does not replace: ${outside.slice(0, 5).join(', ')}`, { graphs: outside })
}

/** How many graphs one dump chunk holds: a dataset record is a few kB, so a chunk is a few MB. */
export const DUMP_GRAPHS_PER_CHUNK = 500

/** The store's named graphs (IRIs; our stores have no blank-node graph names), in IRI order, for a dump in chunks. */
export function graphNames(store: oxigraph.Store): string[] {
  const json = store.query('SELECT DISTINCT ?g WHERE { GRAPH ?g { } } ORDER BY ?g', { results_format: 'application/sparql-results+json' }) as string
  return (JSON.parse(json) as { results: { bindings: { g: { type: string; value: string } }[] } }).results.bindings
    .filter(({ g }) => g.type === 'uri')
    .map(({ g }) => g.value)
}

/**
 * N-Quads of the default graph (`null`) or of the graphs listed (DEFAULT_GRAPH among them: its lines have no graph).
 * Each graph is dumped as N-Triples and its name appended to every line: oxigraph dumps one graph only as triples,
 * and N-Triples escapes every newline inside a term, so each " .\n" ends a statement.
 */
export function dumpGraphs(store: oxigraph.Store, graphs: readonly string[] | null): string {
  const dump = (graph: oxigraph.NamedNode | oxigraph.DefaultGraph) =>
    restoreLanguageCase(store.dump({ format: 'application/n-triples', from_graph_name: graph }), 'application/n-triples')
  if (graphs === null) return dump(oxigraph.defaultGraph())
  let out = ''
  for (const graph of graphs) out += graph === DEFAULT_GRAPH ? dump(oxigraph.defaultGraph()) : dump(oxigraph.namedNode(graph)).replaceAll(' .\n', ` <${graph}> .\n`)
  return out
}

/** The whole store as N-Quads in chunks (see GraphStore.dumpNQuads), from any way of running the two steps above. */
export async function* dumpInChunks(list: () => Promise<string[]>, dump: (graphs: string[] | null) => Promise<string>): AsyncGenerator<string> {
  const defaultGraph = await dump(null)
  if (defaultGraph) yield defaultGraph
  const graphs = await list()
  for (let i = 0; i < graphs.length; i += DUMP_GRAPHS_PER_CHUNK) {
    const chunk = await dump(graphs.slice(i, i + DUMP_GRAPHS_PER_CHUNK))
    if (chunk) yield chunk
  }
}

export const ENGINE_LIMIT_MESSAGE = 'the query engine ran out of memory or stack on this query (its solutions or its result are too large for the engine, or it nests too deeply) and was restarted; narrow the query (more specific patterns, a LIMIT)'

/**
 * An engine error as an AppError, and whether the engine must be thrown away. A WebAssembly RuntimeError (or a
 * RangeError from the stack) leaves oxigraph's WASM memory corrupt for every later call (design §4), so it is
 * fatal. During a query it becomes 'engine_limit' (503, with this message): a query past the guard that still traps
 * has exhausted the engine's 4 GiB of memory (the graph included) or its stack, a limit of the server that the client
 * is told about; the store logs the query's head, so that a gap in the guard shows. Elsewhere it is 'internal'.
 */
export function classifyEngineError(error: unknown, otherCode: 'bad_query' | 'internal' = 'bad_query'): { error: AppError; isFatal: boolean } {
  if (error instanceof WebAssembly.RuntimeError || error instanceof RangeError) {
    if (otherCode === 'bad_query') return { error: new AppError('engine_limit', ENGINE_LIMIT_MESSAGE, { cause: String(error) }), isFatal: true }
    return { error: new AppError('internal', 'the query engine crashed and was restarted', { cause: String(error) }), isFatal: true }
  }
  if (error instanceof AppError) return { error, isFatal: false }
  const message = error instanceof Error ? error.message : String(error)
  // For a query: parse errors (`error at 1:20: …`), an unknown SERVICE, a bad base IRI — all about its text.
  return { error: new AppError(otherCode, message), isFatal: false }
}
