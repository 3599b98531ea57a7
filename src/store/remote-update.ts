/**
 * replaceGraphs as one SPARQL Update operation: the N-Quads are parsed and checked here first (strictly, so a bad
 * change fails before the remote is touched), then one DELETE/INSERT deletes the listed graphs, inserts the new
 * quads and bumps the store's generation with a record of the graphs replaced: one statement, which Virtuoso runs as
 * one transaction (test/store/virtuoso.test.ts shows that several operations in one request are not).
 */
import oxigraph from 'oxigraph'
import { AppError } from '../errors.ts'
import { isSparqlIri, writeIri, writeLiteral } from '../query/sparql-tag.ts'
import { STORE_STATE } from '../vocab/store-state.ts'

/** Change records kept in the state graph: a server that missed more than this many writes re-reads everything. */
export const CHANGES_KEPT = 1_000

/** The graph IRIs of a replacement, checked: each must be a plain absolute IRI (it is written into update text). */
export function checkGraphIris(graphs: readonly string[]): void {
  for (const graph of graphs) {
    if (!isSparqlIri(graph) || !/^[a-z][a-z0-9+.-]*:/i.test(graph)) throw new AppError('bad_request', `not a graph IRI that can be replaced: ${JSON.stringify(graph.slice(0, 200))}`)
    if (graph === STORE_STATE.graph || graph === STORE_STATE.defaultGraph) throw new AppError('bad_request', `the store keeps ${graph} for itself`)
  }
}

/** The quads of `nquads`, strictly parsed, each in one of `graphs` (AppError invalid_data otherwise). */
export function parseReplacement(graphs: readonly string[], nquads: string): oxigraph.Quad[] {
  let quads: oxigraph.Quad[]
  try {
    quads = oxigraph.parse(nquads, { format: 'application/n-quads' })
  } catch (error) {
    throw new AppError('invalid_data', `the replacement N-Quads do not parse: ${(error as Error).message}`)
  }
  const listed = new Set(graphs)
  const outside = new Set<string>()
  for (const quad of quads) {
    if (quad.graph.termType === 'DefaultGraph') throw new AppError('invalid_data', 'the replacement has quads in the default graph; every quad must be in one of the graphs replaced')
    if (!listed.has(quad.graph.value)) outside.add(quad.graph.value)
  }
  if (outside.size > 0) throw new AppError('invalid_data', `the replacement has quads in graphs it does not replace: ${[...outside].slice(0, 5).join(', ')}`, { graphs: [...outside] })
  return quads
}

/** A term in SPARQL syntax (xsd:string literals written plain, as RDF 1.1 has them: Virtuoso would keep the two apart). */
function termText(term: oxigraph.Quad['subject'] | oxigraph.Quad['object']): string {
  if (term.termType === 'NamedNode') return writeIri(term.value)
  if (term.termType === 'BlankNode') return `_:${term.value}`
  if (term.termType === 'Literal') return writeLiteral(term as unknown as Parameters<typeof writeLiteral>[0])
  throw new AppError('invalid_data', `the store cannot hold a ${term.termType} term (RDF 1.2 triple terms are not SPARQL 1.1)`)
}

const tripleText = (quad: oxigraph.Quad) => `${termText(quad.subject)} ${writeIri(quad.predicate.value)} ${termText(quad.object)} .`

/** Quads grouped by graph, in order of first appearance. */
function byGraph(quads: readonly oxigraph.Quad[]): Map<string, string[]> {
  const groups = new Map<string, string[]>()
  for (const quad of quads) {
    const lines = groups.get(quad.graph.value) ?? []
    lines.push(tripleText(quad))
    groups.set(quad.graph.value, lines)
  }
  return groups
}

/**
 * The one operation of a replaceGraphs (a single SPARQL operation is a single SQL statement in Virtuoso, atomic; the
 * operations of one request are not — each commits on its own, measured). Its WHERE has one solution per old quad
 * (deleted) plus one more solution that alone binds ?next, ?change and the ?G… graph variables of the INSERT
 * template, so the new quads and the generation bump are inserted once, in the same statement as the deletes.
 * `graphs === 'all'` records a change of every graph (a load) and deletes nothing.
 */
export function replaceOperation(graphs: readonly string[] | 'all', quads: readonly oxigraph.Quad[], writer: string): string {
  const s = STORE_STATE
  const [state, subject, generation] = [writeIri(s.graph), writeIri(s.subject), writeIri(s.generation)]
  const groups = [...byGraph(quads)]
  const templates = groups.map(([, lines], i) => `GRAPH ?G${i} {\n${lines.join('\n')}\n}`)
  const binds = groups.map(([graph], i) => `BIND(${writeIri(graph)} AS ?G${i})`)
  const replaced = graphs === 'all' ? `?change ${writeIri(s.replacedAll)} true .` : graphs.map((g) => `?change ${writeIri(s.replaced)} ${writeIri(g)} .`).join('\n')
  const oldQuads = graphs === 'all' || graphs.length === 0 ? '' : `{ VALUES ?g { ${graphs.map(writeIri).join(' ')} } GRAPH ?g { ?s ?p ?o } } UNION `
  return `DELETE { GRAPH ?g { ?s ?p ?o } GRAPH ${state} { ${subject} ${generation} ?old } }
INSERT {
${templates.join('\n')}
GRAPH ${state} { ${subject} ${generation} ?next . ?change ${writeIri(s.changeNumber)} ?next . ?change ${writeIri(s.writer)} ${JSON.stringify(writer)} .
${replaced} }
}
WHERE { ${oldQuads}{ OPTIONAL { GRAPH ${state} { ${subject} ${generation} ?old } } BIND(COALESCE(?old, 0) + 1 AS ?next) BIND(IRI(CONCAT(${JSON.stringify(s.changePrefix)}, STR(?next))) AS ?change) ${binds.join(' ')} } }`
}

/** Drop change records older than CHANGES_KEPT generations (its own request: losing it loses nothing but space). */
export function pruneOperation(): string {
  const s = STORE_STATE
  return `DELETE { GRAPH ${writeIri(s.graph)} { ?c ?p ?o } } WHERE { GRAPH ${writeIri(s.graph)} { ${writeIri(s.subject)} ${writeIri(s.generation)} ?current . ?c ${writeIri(s.changeNumber)} ?n . ?c ?p ?o } FILTER(?n <= ?current - ${CHANGES_KEPT}) }`
}
