/**
 * replaceGraphs as one SPARQL Update operation: the N-Quads are parsed and checked here first (strictly, so a bad
 * change fails before the remote is touched), then one DELETE/INSERT deletes the listed graphs, inserts the new
 * quads and bumps the store's generation with a record of the graphs replaced: one statement, which Virtuoso runs as
 * one transaction (test/store/virtuoso-differences.test.ts shows that several operations in one request are not).
 * A change too large for one statement with its quads as constants (Virtuoso's generated-SQL limit) is staged in a
 * hidden graph first and switched in by one statement of fixed size (StagedWrite): atomic all the same.
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
    // A staged write's bookkeeping is told from its data by these names (stagingTriples).
    if (quad.predicate.value.startsWith(STORE_STATE.namespace)) throw new AppError('bad_request', `the predicate ${quad.predicate.value} is in a namespace the store keeps for itself (${STORE_STATE.namespace})`)
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

/**
 * Lines of generated SQL past which Virtuoso refuses a statement ("SP031: The length of generated SQL text has
 * exceeded 10000 lines of code": a hard-coded limit, SSG_MAX_ALLOWED_LINE_COUNT in its sparql2sql.h). Each triple
 * written as a constant in a DELETE/INSERT template costs several lines (measured on 7.2: 674 quads in 10 graphs
 * pass, 1,557 in 100 fail); a replacement estimated above this many terms is staged instead (stagedSwitchOperation).
 */
export const DIRECT_MAX_TERMS = 400

/** The size replaceOperation's statement grows with: its constant triples, VALUES rows and graph bindings. */
export function directStatementTerms(change: Pick<Replacement, 'old' | 'quads' | 'graphs'>): number {
  const oldKeys = new Set(change.old.map(quadKey))
  const newKeys = new Set(change.quads.filter((quad) => !isBlankQuad(quad)).map(quadKey))
  const deletes = change.old.filter((quad) => !newKeys.has(quadKey(quad))).length
  const inserts = change.quads.filter((quad) => isBlankQuad(quad) || !oldKeys.has(quadKey(quad))).length
  return deletes * 2 + inserts + change.graphs.length * 2
}

/**
 * A large replacement in two steps, the second of which is its only statement of consequence. First its new quads
 * go into the hidden staging graph (STORE_STATE.staging) by the Graph Store Protocol's POST, which Virtuoso parses
 * with its bulk Turtle reader and which has no size limit: as triples of one node per (graph, subject) of the write,
 * that node also naming the graph and the subject (stagingTriples). Then ONE DELETE/INSERT whose template has a
 * fixed size, whatever the data (stagedSwitchOperation): it deletes what the target graphs hold and the staging does
 * not, inserts what the staging holds, bumps the generation and records the change — atomic as every single
 * operation is in Virtuoso, and a no-op if the generation moved (the writer then tries again, without staging again).
 * Nothing is visible of a write before its switch: the staging graph is hidden from every query.
 */
export interface StagedWrite {
  /** The write's node, urn:x-ogd:store:write:<uuid>. */
  write: string
  graphs: readonly string[]
}

/** The staging triples (N-Triples, for a GSP POST into STORE_STATE.staging) of new quads of `graphs`. */
export function stagingTriples(staged: StagedWrite, quads: readonly oxigraph.Quad[], at: Date): string {
  const s = STORE_STATE
  const write = writeIri(staged.write)
  const lines = [`${write} ${writeIri(s.stagedAt)} "${at.toISOString()}"^^${writeIri(XSD.dateTime.value)} .`]
  for (const graph of staged.graphs) lines.push(`${write} ${writeIri(s.stagedTarget)} ${writeIri(graph)} .`)
  const nodes = new Map<string, string>()
  for (const quad of quads) {
    const key = `${quad.graph.value} ${quad.subject.termType} ${quad.subject.value}`
    let node = nodes.get(key)
    if (!node) {
      node = writeIri(`${staged.write}/${nodes.size}`)
      nodes.set(key, node)
      lines.push(`${node} ${writeIri(s.stagedBy)} ${write} .`, `${node} ${writeIri(s.stagedGraph)} ${writeIri(quad.graph.value)} .`, `${node} ${writeIri(s.stagedSubject)} ${termText(quad.subject)} .`)
    }
    lines.push(`${node} ${writeIri(quad.predicate.value)} ${termText(quad.object)} .`)
  }
  return `${lines.join('\n')}\n`
}

/**
 * The switch of a staged write at generation `generation` (see StagedWrite). Virtuoso applies a statement's inserts
 * before its deletes (see replaceOperation), so the deletes are exactly the old quads the staging does not hold: a
 * quad both old and new is left alone. Template size is constant: the SQL limit cannot be reached by the data.
 */
export function stagedSwitchOperation(change: { write: string; generation: number; writer: string; token: string }): string {
  const s = STORE_STATE
  const [state, subject, generation, staging, write] = [writeIri(s.graph), writeIri(s.subject), writeIri(s.generation), writeIri(s.staging), writeIri(change.write)]
  const [by, inGraph, ofSubject] = [writeIri(s.stagedBy), writeIri(s.stagedGraph), writeIri(s.stagedSubject)]
  const next = change.generation + 1
  const record = writeIri(`${s.changePrefix}${next}`)
  return `DELETE { GRAPH ?g { ?s ?p ?o } GRAPH ${state} { ${subject} ${generation} ${change.generation} } }
INSERT {
GRAPH ?g2 { ?s2 ?p2 ?o2 }
GRAPH ${state} { ${subject} ${generation} ${next} .
${record} ${writeIri(s.changeNumber)} ${next} .
${record} ${writeIri(s.writer)} ${JSON.stringify(change.writer)} .
${record} ${writeIri(s.token)} ${JSON.stringify(change.token)} .
${record} ${writeIri(s.replaced)} ?g3 . }
}
WHERE { GRAPH ${state} { ${subject} ${generation} ${change.generation} }
{ { GRAPH ${staging} { ${write} ${writeIri(s.stagedTarget)} ?g } GRAPH ?g { ?s ?p ?o }
    FILTER NOT EXISTS { GRAPH ${staging} { ?k ${by} ${write} ; ${inGraph} ?g ; ${ofSubject} ?s ; ?p ?o } } }
  UNION { GRAPH ${staging} { ?k2 ${by} ${write} ; ${inGraph} ?g2 ; ${ofSubject} ?s2 ; ?p2 ?o2 } FILTER(?p2 NOT IN (${by}, ${inGraph}, ${ofSubject})) }
  UNION { GRAPH ${staging} { ${write} ${writeIri(s.stagedTarget)} ?g3 } }
  UNION { BIND(1 AS ?one) } } }`
}

/** The statements that remove a staged write (after its switch, or after it failed): losing them loses only space. */
export function stagingCleanupOperations(write: string): string[] {
  const s = STORE_STATE
  const [staging, node] = [writeIri(s.staging), writeIri(write)]
  return [
    `DELETE { GRAPH ${staging} { ?k ?p ?o } } WHERE { GRAPH ${staging} { ?k ${writeIri(s.stagedBy)} ${node} . ?k ?p ?o } }`,
    `DELETE { GRAPH ${staging} { ${node} ?p ?o } } WHERE { GRAPH ${staging} { ${node} ?p ?o } }`,
  ]
}

/**
 * The statements that remove staged writes left behind by a writer that died between staging and cleanup, staged
 * before `before`: their nodes first, then each write's own node (which dates them). Two statements, in this order.
 */
export function staleStagingOperations(before: Date): string[] {
  const s = STORE_STATE
  const staging = writeIri(s.staging)
  const stale = `?w ${writeIri(s.stagedAt)} ?at FILTER(?at < "${before.toISOString()}"^^${writeIri(XSD.dateTime.value)})`
  return [
    `DELETE { GRAPH ${staging} { ?k ?p ?o } } WHERE { GRAPH ${staging} { ${stale} ?k ${writeIri(s.stagedBy)} ?w . ?k ?p ?o } }`,
    `DELETE { GRAPH ${staging} { ?w ?p ?o } } WHERE { GRAPH ${staging} { ${stale} ?w ?p ?o } }`,
  ]
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
