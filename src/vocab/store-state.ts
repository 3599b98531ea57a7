/**
 * IRIs a remote store keeps for itself: the graph with its write generation and the recent changes (so that several
 * servers over one store learn of each other's writes), and the graph that stands in for the default graph (a
 * Virtuoso quad always has a graph). Hidden from every query a client sends (src/store/virtuoso-query.ts).
 */
export const STORE_STATE = {
  graph: 'urn:x-ogd:store:state',
  subject: 'urn:x-ogd:store:state',
  generation: 'urn:x-ogd:store:generation',
  status: 'urn:x-ogd:store:status',
  snapshot: 'urn:x-ogd:store:snapshot',
  changePrefix: 'urn:x-ogd:store:change:',
  changeNumber: 'urn:x-ogd:store:changeNumber',
  replaced: 'urn:x-ogd:store:replaced',
  replacedAll: 'urn:x-ogd:store:replacedAll',
  writer: 'urn:x-ogd:store:writer',
  token: 'urn:x-ogd:store:token',
  defaultGraph: 'urn:x-ogd:store:default-graph',
  /**
   * A large replacement's new quads, staged here before the one statement that switches them in
   * (src/store/remote-update.ts): the write's node, its target graphs, and per (graph, subject) a node that carries
   * the subject's triples.
   */
  staging: 'urn:x-ogd:store:staging',
  writePrefix: 'urn:x-ogd:store:write:',
  stagedBy: 'urn:x-ogd:store:stagedBy',
  stagedTarget: 'urn:x-ogd:store:target',
  stagedGraph: 'urn:x-ogd:store:stagedGraph',
  stagedSubject: 'urn:x-ogd:store:stagedSubject',
  stagedAt: 'urn:x-ogd:store:stagedAt',
  /** No quad of a client's may use these names (a staged predicate must not pass for staging bookkeeping). */
  namespace: 'urn:x-ogd:store:',
} as const

/** Virtuoso's quad-map schema graph: its own, never part of our dataset (and never deleted). */
export const VIRTUOSO_SCHEMA_GRAPH = 'http://www.openlinksw.com/schemas/virtrdf#'

/** Graphs of Virtuoso's own (its schema, and samples a fresh database holds, which `ogd load` deletes). */
export const VIRTUOSO_SYSTEM_GRAPHS = [VIRTUOSO_SCHEMA_GRAPH, 'http://www.w3.org/ns/ldp#', 'http://localuriqaserver/sparql'] as const
