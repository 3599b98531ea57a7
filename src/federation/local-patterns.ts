/**
 * The local part of a federated query: every quad pattern outside SERVICE, read from the query's algebra, as
 * a shape (the constants of the pattern, its graph). Gathering every quad that matches any shape gives a
 * subset of our graph on which the whole query has the same answers as on the full graph: each solution,
 * and each pattern a FILTER NOT EXISTS or MINUS tests, only ever touches quads matching one of its patterns.
 */
import { AppError } from '../errors.ts'

/** An RDF/JS term in plain JSON (it crosses a thread boundary). */
export interface ConstantTerm {
  termType: 'NamedNode' | 'Literal'
  value: string
  language?: string
  datatype?: { value: string }
}

/** Where a pattern looks: the (union) default graph, one named graph, or any named graph (`GRAPH ?g`). */
export type GraphShape = { kind: 'default' } | { kind: 'named'; iri?: string }

export interface LocalPattern {
  subject?: ConstantTerm
  predicate?: ConstantTerm
  object?: ConstantTerm
  graph: GraphShape
}

interface Term { termType: string; value: string; language?: string; datatype?: { value: string } }
interface PathNode { type: string; iri?: Term; path?: PathNode; input?: PathNode[] }
interface Operation { type?: string; subject?: Term; predicate?: Term | PathNode; object?: Term; graph?: Term; input?: unknown }

function constantOf(term: Term | undefined): ConstantTerm | undefined {
  if (term?.termType === 'NamedNode') return { termType: 'NamedNode', value: term.value }
  if (term?.termType === 'Literal') return { termType: 'Literal', value: term.value, language: term.language ?? '', datatype: { value: term.datatype?.value ?? '' } }
  // Variables, blank nodes (variables in a query) and quoted triples match anything here: a superset is still right.
  return undefined
}

function graphOf(term: Term | undefined): GraphShape {
  if (!term || term.termType === 'DefaultGraph') return { kind: 'default' }
  return term.termType === 'NamedNode' ? { kind: 'named', iri: term.value } : { kind: 'named' }
}

/** The links of a property path (SPARQL 1.1 §9) as patterns; `subject`/`object` are kept where they stay the ends. */
function pathPatterns(path: PathNode, subject: Term | undefined, object: Term | undefined, graph: GraphShape): LocalPattern[] {
  const ends = { ...(constantOf(subject) ? { subject: constantOf(subject) } : {}), ...(constantOf(object) ? { object: constantOf(object) } : {}), graph }
  switch (path.type) {
    case 'link': return [{ ...ends, predicate: constantOf(path.iri) }]
    case 'nps': return [ends]
    case 'inv': return pathPatterns(path.path!, object, subject, graph)
    case 'alt': return path.input!.flatMap((branch) => pathPatterns(branch, subject, object, graph))
    case 'seq': case 'OneOrMorePath': return (path.input ?? [path.path!]).flatMap((step) => pathPatterns(step, undefined, undefined, graph))
    case 'ZeroOrMorePath': case 'ZeroOrOnePath':
      // With both ends unbound, the zero-length path matches every node of the graph (§9.3): every quad is needed.
      if (!constantOf(subject) && !constantOf(object)) return [{ graph }]
      return pathPatterns(path.path!, undefined, undefined, graph)
    default: throw new AppError('bad_query', `the property path form ${path.type} is not supported in a federated query`)
  }
}

function visit(node: unknown, found: LocalPattern[]): void {
  if (Array.isArray(node)) return node.forEach((item) => visit(item, found))
  if (typeof node !== 'object' || node === null) return
  const operation = node as Operation
  switch (operation.type) {
    case 'service': return // evaluated by the remote endpoint
    case 'construct': return visit(operation.input, found) // the template makes quads, it matches none
    case 'describe': throw new AppError('bad_query', 'DESCRIBE is not supported together with SERVICE; write a CONSTRUCT query naming the triples you want')
    case 'nodes': throw new AppError('bad_query', 'an empty GRAPH ?g {} pattern is not supported together with SERVICE')
    case 'pattern': {
      const { subject, predicate, object } = operation as { subject?: Term; predicate?: Term; object?: Term }
      found.push(withoutUndefined({ subject: constantOf(subject), predicate: constantOf(predicate), object: constantOf(object), graph: graphOf(operation.graph) }))
      return
    }
    case 'path':
      found.push(...pathPatterns(operation.predicate as PathNode, operation.subject, operation.object, graphOf(operation.graph)).map(withoutUndefined))
      return
  }
  for (const value of Object.values(node)) if (typeof value === 'object') visit(value, found)
}

function withoutUndefined(pattern: LocalPattern): LocalPattern {
  return Object.fromEntries(Object.entries(pattern).filter(([, value]) => value !== undefined)) as unknown as LocalPattern
}

/** The distinct local patterns of a parsed query (Comunica's algebra); throws AppError 'bad_query' for forms we cannot split. */
export function collectLocalPatterns(algebra: unknown): LocalPattern[] {
  const found: LocalPattern[] = []
  visit(algebra, found)
  const unique = new Map(found.map((pattern) => [JSON.stringify(pattern), pattern]))
  return [...unique.values()]
}
