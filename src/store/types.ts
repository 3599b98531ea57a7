/** The one store interface: embedded Oxigraph (worker replicas) and remote SPARQL 1.1 both implement it. */

/**
 * The name replaceGraphs and readGraphs give the default graph. Not an IRI (no scheme), so no named graph can be it;
 * the journal keeps it as it is. SPARQL Update and the Graph Store Protocol write the default graph through it.
 */
export const DEFAULT_GRAPH = '@default'

export type QueryForm = 'SELECT' | 'ASK' | 'CONSTRUCT' | 'DESCRIBE'

export interface QueryRequest {
  query: string
  /** SPARQL protocol default-graph-uri / named-graph-uri (dataset clause override). */
  defaultGraphUris?: string[]
  namedGraphUris?: string[]
  /** Media type of the serialised result, already negotiated (e.g. application/sparql-results+json, text/turtle). */
  mediaType: string
  /** Wall-clock deadline for this query; past it the work is really stopped. */
  timeoutMs?: number
  /** Base IRI for relative IRIs in the query. */
  baseIri?: string
  /**
   * A query the server wrote itself (terms through the `sparql` tag, never a client's text): a remote store may skip
   * re-checking it as SPARQL 1.1. Never set for a client's query.
   */
  trusted?: boolean
}

export interface QueryResult {
  form: QueryForm
  mediaType: string
  /** The serialised result (serialised inside the engine: crossing WASM per term is slow). */
  body: string
}

export interface GraphStore {
  query(request: QueryRequest): Promise<QueryResult>
  /**
   * Atomically replace the graphs listed (all their quads) with the N-Quads given: named graphs by IRI, the default
   * graph as DEFAULT_GRAPH (its quads are the N-Quads lines without a graph).
   */
  replaceGraphs(graphs: readonly string[], nquads: string): Promise<void>
  /** The graphs listed (IRIs, or DEFAULT_GRAPH) as N-Quads; a graph without quads gives nothing. */
  readGraphs(graphs: readonly string[]): Promise<string>
  /** Number of quads in the store. */
  size(): Promise<number>
  /**
   * The whole store as N-Quads, in chunks of whole lines: a large store's dump does not fit one JS string (V8 stops
   * near 512 M characters; the 50,000-dataset catalogue is past that).
   */
  dumpNQuads(): AsyncIterable<string>
  close(): Promise<void>
  /**
   * Rows one ordered, limited read of the server's own may ask for (Virtuoso sorts at most MaxSortedTopRows rows of
   * an ORDER BY with LIMIT, and each sort costs a pass): large reads go in keyset pages of this size. Absent: one query.
   */
  readonly pageRows?: number
}
