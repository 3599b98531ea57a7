/**
 * replaceGraphs as one SPARQL Update operation: the N-Quads are parsed and checked here first (strictly, so a bad
 * change fails before the remote is touched), then one DELETE/INSERT deletes the listed graphs, inserts the new
 * quads and bumps the store's generation with a record of the graphs replaced: one statement, which Virtuoso runs as
 * one transaction (test/store/virtuoso.test.ts shows that several operations in one request are not).
 */
import oxigraph from 'oxigraph'
import { AppError } from '../errors.ts'
import { isSparqlIri, writeIri, writeLiteral } from '../query/sparql-tag.ts'
import { XSD } from '../vocab/index.ts'
import { STORE_STATE } from '../vocab/store-state.ts'
import { DEFAULT_GRAPH } from './types.ts'

/** Change records kept in the state graph: a server that missed more than this many writes re-reads everything. */
export const CHANGES_KEPT = 1_000

/** The graph IRIs of a replacement, checked: each must be a plain absolute IRI (it is written into update text), or DEFAULT_GRAPH. */
export function checkGraphIris(graphs: readonly string[]): void {
  for (const graph of graphs) {
    if (graph === DEFAULT_GRAPH) continue
    if (!isSparqlIri(graph) || !/^[a-z][a-z0-9+.-]*:/i.test(graph)) throw new AppError('bad_request', `not a graph IRI that can be replaced: ${JSON.stringify(graph.slice(0, 200))}`)
    if (graph === STORE_STATE.graph || graph === STORE_STATE.defaultGraph) throw new AppError('bad_request', `the store keeps ${graph} for itself`)
  }
}

/**
 * The graph Virtuoso keeps a graph of ours in: it has no default graph of its own (every quad has a graph), so ours is
 * STORE_STATE.defaultGraph, which queries see in the union default graph and never as a named graph.
 */
export const storedGraphName = (graph: string) => (graph === DEFAULT_GRAPH ? STORE_STATE.defaultGraph : graph)

/**
 * The quads of `nquads`, strictly parsed, each in one of `graphs` (AppError invalid_data otherwise); those of the
 * default graph (when DEFAULT_GRAPH is listed) are put in the graph that stands in for it (storedGraphName).
 */
export function parseReplacement(graphs: readonly string[], nquads: string): oxigraph.Quad[] {
  let quads: oxigraph.Quad[]
  try {
    quads = oxigraph.parse(nquads, { format: 'application/n-quads' })
  } catch (error) {
    throw new AppError('invalid_data', `the replacement N-Quads do not parse: ${(error as Error).message}`)
  }
  const listed = new Set(graphs)
  const outside = new Set<string>()
  const standIn = oxigraph.namedNode(STORE_STATE.defaultGraph)
  const out: oxigraph.Quad[] = []
  for (const quad of quads) {
    if (quad.graph.termType === 'DefaultGraph') {
      if (!listed.has(DEFAULT_GRAPH)) throw new AppError('invalid_data', 'the replacement has quads in the default graph; every quad must be in one of the graphs replaced')
      out.push(oxigraph.quad(quad.subject, quad.predicate, quad.object, standIn))
      continue
    }
    if (!listed.has(quad.graph.value)) outside.add(quad.graph.value)
    out.push(quad)
  }
  if (outside.size > 0) throw new AppError('invalid_data', `the replacement has quads in graphs it does not replace: ${[...outside].slice(0, 5).join(', ')}`, { graphs: [...outside] })
  return out
}

/** A term in SPARQL syntax (xsd:string literals written plain, as RDF 1.1 has them: Virtuoso would keep the two apart). */
function termText(term: oxigraph.Quad['subject'] | oxigraph.Quad['object'], isStored = false): string {
  if (term.termType === 'NamedNode') return writeIri(term.value)
  // Blank nodes read back from Virtuoso (`_:b10000`, its stable internal ids) are named <nodeID://b10000> to reach them.
  if (term.termType === 'BlankNode') return /^b\d+$/.test(term.value) && isStored ? `<nodeID://${term.value}>` : `_:${term.value}`
  if (term.termType === 'Literal') return writeLiteral(term as unknown as Parameters<typeof writeLiteral>[0])
  throw new AppError('invalid_data', `the store cannot hold a ${term.termType} term (RDF 1.2 triple terms are not SPARQL 1.1)`)
}

const tripleText = (quad: oxigraph.Quad, isStored: boolean) => `${termText(quad.subject, isStored)} ${writeIri(quad.predicate.value)} ${termText(quad.object, isStored)} .`

/** Quads grouped by graph, in order of first appearance. */
function byGraph(quads: readonly oxigraph.Quad[], isStored: boolean): Map<string, string[]> {
  const groups = new Map<string, string[]>()
  for (const quad of quads) {
    const lines = groups.get(quad.graph.value) ?? []
    lines.push(tripleText(quad, isStored))
    groups.set(quad.graph.value, lines)
  }
  return groups
}

const isBlankQuad = (quad: oxigraph.Quad) => quad.subject.termType === 'BlankNode' || quad.object.termType === 'BlankNode'
const quadKey = (quad: oxigraph.Quad) => `${quad.graph.value} ${quad.subject.value} ${quad.predicate.value} ${quad.object.toString()}`

export interface Replacement {
  graphs: readonly string[]
  /** The quads the listed graphs hold now (read at `generation`). */
  old: readonly oxigraph.Quad[]
  /** The quads they are to hold. */
  quads: readonly oxigraph.Quad[]
  /** The store's generation when `old` was read: the statement does nothing if another write came in between. */
  generation: number
  writer: string
  /** Marks this change's record, so that the writer can tell that the statement applied. */
  token: string
}

/**
 * The one statement of a replaceGraphs (a single SPARQL operation is a single SQL statement in Virtuoso, atomic; the
 * operations of one request are not — each commits on its own, measured). Virtuoso also applies a statement's
 * inserts before its deletes (SPARQL 1.1 says the reverse), so a quad both old and new would end up deleted: the
 * statement deletes exactly old − new and inserts new − old, computed here from the old quads read at a known
 * generation; its WHERE matches only while the generation is still that one (another server's write in between
 * makes it a no-op, and the writer reads again). The generation and the change record are written as constants.
 * Old blank nodes are named by Virtuoso's <nodeID://…> form; they are never among the new (new ones are fresh).
 * The new quads sit under ?G… graph variables bound in one solution only, so they are inserted once (blank nodes
 * included); the generation bump and the change record go with them.
 */
export function replaceOperation(change: Replacement): string {
  const s = STORE_STATE
  const [state, subject, generation] = [writeIri(s.graph), writeIri(s.subject), writeIri(s.generation)]
  const oldKeys = new Set(change.old.map(quadKey))
  const newKeys = new Set(change.quads.filter((quad) => !isBlankQuad(quad)).map(quadKey))
  const deletes = change.old.filter((quad) => !newKeys.has(quadKey(quad)))
  const inserts = change.quads.filter((quad) => isBlankQuad(quad) || !oldKeys.has(quadKey(quad)))
  // A language-tagged literal written as a constant in a multi-graph DELETE is not found by Virtuoso when it has
  // non-ASCII text (measured: "環境部"@zh-tw stays): those quads are matched by pattern instead, from VALUES rows.
  const isTagged = (quad: oxigraph.Quad) => quad.object.termType === 'Literal' && (quad.object as oxigraph.Literal).language !== ''
  const constantBlocks = [...byGraph(deletes.filter((quad) => !isTagged(quad)), true)].map(([graph, lines]) => `GRAPH ${writeIri(graph)} {\n${lines.join('\n')}\n}`)
  const tagged = deletes.filter(isTagged).map((quad) => {
    const literal = quad.object as oxigraph.Literal
    return `(${writeIri(quad.graph.value)} ${termText(quad.subject, true)} ${writeIri(quad.predicate.value)} ${writeLiteral({ termType: 'Literal', value: literal.value, language: '', datatype: { value: XSD.string.value } } as unknown as Parameters<typeof writeLiteral>[0])} ${JSON.stringify(literal.language)})`
  })
  const groups = [...byGraph(inserts, false)]
  const insertBlocks = groups.map(([, lines], i) => `GRAPH ?G${i} {\n${lines.join('\n')}\n}`)
  const binds = groups.map(([graph], i) => `BIND(${writeIri(graph)} AS ?G${i})`)
  const taggedBranch = tagged.length
    ? `{ VALUES (?gL ?sL ?pL ?vL ?lL) {\n${tagged.join('\n')}\n} GRAPH ?gL { ?sL ?pL ?oL } FILTER(isLiteral(?oL) && STR(?oL) = ?vL && LANG(?oL) = ?lL) } UNION `
    : ''
  const next = change.generation + 1
  return `DELETE { ${tagged.length ? 'GRAPH ?gL { ?sL ?pL ?oL }' : ''}
${constantBlocks.join('\n')}
GRAPH ${state} { ${subject} ${generation} ${change.generation} } }
INSERT {
${insertBlocks.join('\n')}
GRAPH ${state} { ${subject} ${generation} ${next} .
${changeRecord(next, change.writer, change.graphs, change.token)} }
}
WHERE { GRAPH ${state} { ${subject} ${generation} ${change.generation} } { ${taggedBranch}{ ${binds.join(' ') || 'BIND(1 AS ?one)'} } } }`
}

/** The triples recording change number `n` (constants: Virtuoso loses BIND values after an OPTIONAL in updates). */
function changeRecord(n: number, writer: string, graphs: readonly string[] | 'all', token?: string): string {
  const s = STORE_STATE
  const change = writeIri(`${s.changePrefix}${n}`)
  const replaced = graphs === 'all' ? [`${change} ${writeIri(s.replacedAll)} true .`] : graphs.map((g) => `${change} ${writeIri(s.replaced)} ${writeIri(g)} .`)
  return [`${change} ${writeIri(s.changeNumber)} ${n} .`, `${change} ${writeIri(s.writer)} ${JSON.stringify(writer)} .`, ...(token ? [`${change} ${writeIri(s.token)} ${JSON.stringify(token)} .`] : []), ...replaced].join('\n')
}

/** The statement that records a change of every graph (after a load, from generation `current`): each server drops all it has cached. */
export function changedAllOperation(current: number | undefined, writer: string): string {
  const s = STORE_STATE
  const [state, subject, generation] = [writeIri(s.graph), writeIri(s.subject), writeIri(s.generation)]
  const next = (current ?? 0) + 1
  const inserted = `GRAPH ${state} { ${subject} ${generation} ${next} .\n${changeRecord(next, writer, 'all')} }`
  if (current === undefined) return `INSERT DATA { ${inserted} }`
  return `DELETE { GRAPH ${state} { ${subject} ${generation} ${current} } } INSERT { ${inserted} } WHERE { GRAPH ${state} { ${subject} ${generation} ${current} } }`
}

/** The statement that starts the generation of a store that has none (idempotent: a set of one triple). */
export function initialGenerationOperation(): string {
  const s = STORE_STATE
  return `INSERT DATA { GRAPH ${writeIri(s.graph)} { ${writeIri(s.subject)} ${writeIri(s.generation)} 0 } }`
}

/** Drop change records older than CHANGES_KEPT generations (its own request: losing it loses nothing but space). */
export function pruneOperation(): string {
  const s = STORE_STATE
  return `DELETE { GRAPH ${writeIri(s.graph)} { ?c ?p ?o } } WHERE { GRAPH ${writeIri(s.graph)} { ${writeIri(s.subject)} ${writeIri(s.generation)} ?current . ?c ${writeIri(s.changeNumber)} ?n . ?c ?p ?o } FILTER(?n <= ?current - ${CHANGES_KEPT}) }`
}
