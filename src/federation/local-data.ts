/**
 * Gathering the local part of a federated query: one SELECT over our store for every quad matching any local
 * pattern (one query, so blank node labels agree across patterns), then its JSON results as RDF/JS quads.
 */
import { DataFactory, type Quad, type Quad_Graph, type Quad_Object, type Quad_Predicate, type Quad_Subject, type Term } from 'n3'
import { AppError } from '../errors.ts'
import { sparql, type SparqlTerm } from '../query/sparql-tag.ts'
import type { ConstantTerm, LocalPattern } from './local-patterns.ts'

const { namedNode, literal, blankNode, variable, quad, defaultGraph } = DataFactory

/** More local patterns than this would make a query our own guard refuses for its length. */
export const MAX_LOCAL_PATTERNS = 60

const S = variable('s')
const P = variable('p')
const O = variable('o')
const G = variable('g')

function toSparqlTerm(term: ConstantTerm): SparqlTerm {
  return term.termType === 'NamedNode'
    ? { termType: 'NamedNode', value: term.value }
    : { termType: 'Literal', value: term.value, language: term.language ?? '', datatype: { value: term.datatype?.value ?? '' } }
}

/** One UNION branch: the pattern with its constants in place, and VALUES giving them back as ?s ?p ?o ?g. */
function branchOf(pattern: LocalPattern): string {
  const graph = pattern.graph.kind === 'named' && pattern.graph.iri ? toSparqlTerm({ termType: 'NamedNode', value: pattern.graph.iri }) : undefined
  const positions: [typeof S, SparqlTerm | undefined][] = [
    [S, pattern.subject && toSparqlTerm(pattern.subject)],
    [P, pattern.predicate && toSparqlTerm(pattern.predicate)],
    [O, pattern.object && toSparqlTerm(pattern.object)],
    [G, graph],
  ]
  const [s, p, o, g] = positions.map(([name, term]) => term ?? name)
  const bound = positions.filter((entry): entry is [typeof S, SparqlTerm] => entry[1] !== undefined)
  const triple = sparql`${s!} ${p!} ${o!}`
  const match = pattern.graph.kind === 'default' ? triple : sparql`GRAPH ${g!} { ` + triple + ' }'
  const values = bound.length === 0 ? '' : sparql` VALUES (${bound.map(([name]) => name)}) { (${bound.map(([, term]) => term)}) }`
  return `{ ${match}${values} }`
}

/**
 * The query gathering the local quads; rows without ?g are in the (union) default graph. It asks for one row
 * more than `maxQuads`, so that a caller can tell "complete" from "too many" without reading everything.
 */
export function buildLocalQuery(patterns: readonly LocalPattern[], maxQuads: number): string {
  if (patterns.length > MAX_LOCAL_PATTERNS) {
    throw new AppError('bad_query', `this federated query has ${patterns.length} triple patterns outside SERVICE; the limit is ${MAX_LOCAL_PATTERNS}`, { maxLocalPatterns: MAX_LOCAL_PATTERNS })
  }
  if (!Number.isSafeInteger(maxQuads) || maxQuads < 1) throw new TypeError(`maxQuads must be a positive integer, not ${maxQuads}`)
  // A checked integer: the one value written without the tag, which takes RDF terms only.
  return `SELECT DISTINCT ?s ?p ?o ?g WHERE {\n  ${patterns.map(branchOf).join('\n  UNION\n  ')}\n} LIMIT ${maxQuads + 1}`
}

interface JsonTerm { type: string; value: string; 'xml:lang'?: string; datatype?: string }

function termOf(term: JsonTerm): Term {
  switch (term.type) {
    case 'uri': return namedNode(term.value)
    case 'bnode': return blankNode(term.value)
    case 'literal': case 'typed-literal': return term['xml:lang'] ? literal(term.value, term['xml:lang']) : literal(term.value, term.datatype ? namedNode(term.datatype) : undefined)
    default: throw new AppError('bad_query', `a ${term.type} term cannot be used in a federated query`)
  }
}

/** The quads of buildLocalQuery's JSON results; more than `maxQuads` is an error saying so, never a cut. */
export function readLocalQuads(json: string, maxQuads: number): Quad[] {
  const bindings = (JSON.parse(json) as { results: { bindings: Record<string, JsonTerm>[] } }).results.bindings
  if (bindings.length > maxQuads) {
    throw new AppError('bad_query', `the part of this federated query outside SERVICE matches more than ${maxQuads} quads of our graph (SERVICE_MAX_LOCAL_QUADS); bind more of its terms, or run it without SERVICE`, { maxLocalQuads: maxQuads })
  }
  return bindings.map((row) => quad(
    termOf(row.s!) as Quad_Subject,
    termOf(row.p!) as Quad_Predicate,
    termOf(row.o!) as Quad_Object,
    row.g ? (termOf(row.g) as Quad_Graph) : defaultGraph(),
  ))
}
