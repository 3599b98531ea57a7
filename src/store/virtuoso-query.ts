/**
 * What a client's query becomes on its way to Virtuoso 7, and what Virtuoso's errors become on the way back. Each
 * rewrite hides one way Virtuoso departs from SPARQL 1.1 (test/store/virtuoso-differences.test.ts names them all):
 *
 * - its own graphs (the quad-map schema, samples, our state graph) are excluded from the union default graph and
 *   from GRAPH ?g, so the dataset is ours alone;
 * - `"a"^^xsd:string` constants are written `"a"` (RDF 1.1: one term; Virtuoso keeps two, and we store the plain form);
 * - DESCRIBE answers the concise bounded description, as the embedded store does (Virtuoso's default mode answers
 *   nothing for our data);
 * - errors Virtuoso raises where SPARQL leaves a variable unbound, and its SQ156 compiler failure, are answered as
 *   such — never as an empty or shorter result.
 */
import { AppError } from '../errors.ts'
import { scanTokens } from '../query/guard.ts'
import { writeIri } from '../query/sparql-tag.ts'
import { XSD } from '../vocab/index.ts'
import { STORE_STATE, VIRTUOSO_SYSTEM_GRAPHS } from '../vocab/store-state.ts'
import type { QueryForm } from './types.ts'

/** Graphs never part of the union default graph. */
export const HIDDEN_FROM_DEFAULT = [...VIRTUOSO_SYSTEM_GRAPHS, STORE_STATE.graph, STORE_STATE.staging]
/** Graphs never matched by GRAPH ?g (the default-graph stand-in too: its triples are in the default graph). */
export const HIDDEN_FROM_NAMED = [...HIDDEN_FROM_DEFAULT, STORE_STATE.defaultGraph]

/** `"…"^^xsd:string` (prefixed or full IRI) without the datatype. */
export function dropStringDatatypes(query: string): string {
  const tokens = [...scanTokens(query)]
  const cuts: [number, number][] = []
  for (let i = 0; i + 3 < tokens.length; i += 1) {
    const [literal, hat1, hat2, datatype] = [tokens[i]!, tokens[i + 1]!, tokens[i + 2]!, tokens[i + 3]!]
    if (literal.kind !== 'string' || hat1.text !== '^' || hat2.text !== '^' || hat2.offset !== hat1.offset + 1) continue
    const isString = datatype.text === `<${XSD.string.value}>` || /^xsd:string$/i.test(datatype.text)
    if (isString) cuts.push([hat1.offset, datatype.offset + datatype.text.length])
  }
  let out = query
  for (const [from, to] of cuts.reverse()) out = out.slice(0, from) + out.slice(to)
  return out
}

export interface VirtuosoQueryOptions {
  form: QueryForm
  /** The query or the protocol request names its own dataset: no exclusions (they would not apply). */
  hasDataset: boolean
  baseIri?: string
}

const BOOLEAN_FUNCTIONS = new Set(['BOUND', 'ISIRI', 'ISURI', 'ISBLANK', 'ISLITERAL', 'ISNUMERIC', 'REGEX', 'CONTAINS', 'STRSTARTS', 'STRENDS', 'SAMETERM', 'LANGMATCHES', 'EXISTS', 'NOT'])

/**
 * Variables the query binds to a boolean expression (`BIND(?a = ?b AS ?v)`, `(BOUND(?x) AS ?v)`, `(true AS ?v)`):
 * Virtuoso returns booleans as the integers 1 and 0, so these are written back as xsd:boolean.
 */
export function booleanVariables(query: string): Set<string> {
  const tokens = [...scanTokens(query)]
  const found = new Set<string>()
  for (let i = 1; i + 1 < tokens.length; i += 1) {
    if (tokens[i]!.kind !== 'word' || tokens[i]!.text.toUpperCase() !== 'AS' || tokens[i + 1]!.kind !== 'variable') continue
    let depth = 0
    let start = -1
    for (let j = i - 1; j >= 0; j -= 1) {
      const text = tokens[j]!.kind === 'punct' ? tokens[j]!.text : ''
      if (text === ')') depth += 1
      else if (text === '(') {
        if (depth === 0) { start = j; break }
        depth -= 1
      }
    }
    if (start < 0) continue
    const expression = tokens.slice(start + 1, i)
    let level = 0
    let isBoolean = false
    for (const token of expression) {
      if (token.kind === 'punct' && token.text === '(') level += 1
      else if (token.kind === 'punct' && token.text === ')') level -= 1
      else if (level === 0 && token.kind === 'punct' && '=!<>&|'.includes(token.text)) isBoolean = true
    }
    const first = expression[0]
    if (expression.length === 1 && first?.kind === 'word' && /^(true|false)$/i.test(first.text)) isBoolean = true
    if (first?.kind === 'word' && BOOLEAN_FUNCTIONS.has(first.text.toUpperCase()) && expression.at(-1)?.text === ')') {
      // The call is the whole expression: its closing bracket is the last token.
      let callDepth = 0
      const closesAt = expression.findIndex((token) => token.kind === 'punct' && (token.text === '(' ? (callDepth += 1, false) : token.text === ')' ? --callDepth === 0 : false))
      if (closesAt === expression.length - 1) isBoolean = true
    }
    if (isBoolean) found.add(tokens[i + 1]!.text.slice(1))
  }
  return found
}

/** Whether the query names a graph by IRI (`GRAPH <…>` or `GRAPH prefix:name`). */
export function namesAGraph(query: string): boolean {
  const tokens = [...scanTokens(query)]
  return tokens.some((token, i) => token.kind === 'word' && token.text.toUpperCase() === 'GRAPH' && (tokens[i + 1]?.kind === 'iri' || (tokens[i + 1]?.kind === 'word' && tokens[i + 1]!.text.includes(':'))))
}

/**
 * The query text sent to Virtuoso: its pragmas, the base, the client's text with xsd:string constants plain.
 * Virtuoso 7.2 answers nothing for `GRAPH <iri> { … }` once any graph-exclude pragma is given (measured), so a query
 * naming a graph goes without them: its default-graph patterns then also see Virtuoso's schema graph (virtrdf#,
 * whose triples use only Virtuoso's own vocabulary) — stated in the service description.
 */
export function writeVirtuosoQuery(query: string, options: VirtuosoQueryOptions): string {
  const isExcluding = !options.hasDataset && !namesAGraph(query)
  const pragmas = [
    ...(options.form === 'DESCRIBE' ? ['define sql:describe-mode "CBD"'] : []),
    ...(isExcluding ? HIDDEN_FROM_DEFAULT.map((g) => `define input:default-graph-exclude ${writeIri(g)}`) : []),
    ...(isExcluding ? HIDDEN_FROM_NAMED.map((g) => `define input:named-graph-exclude ${writeIri(g)}`) : []),
  ]
  // Virtuoso refuses a second BASE in the prologue (SP030): a query that brings its own goes with it alone.
  const hasOwnBase = [...scanTokens(query)].some((token) => token.kind === 'word' && token.text.toUpperCase() === 'BASE')
  const base = options.baseIri && !hasOwnBase ? `BASE ${writeIri(options.baseIri)}\n` : ''
  return `${pragmas.join('\n')}\n${base}${dropStringDatatypes(query)}`
}

/** Virtuoso's error text (`Virtuoso 22007 Error DT001: …\n\nSPARQL query:\n…`) without the echoed query. */
const errorHead = (text: string) => text.split(/\n\s*SPARQL query:/)[0]!.trim().slice(0, 500)

/** A failed Virtuoso answer as the AppError the same failure gets on the embedded store. */
export function classifyVirtuosoError(status: number, text: string): AppError {
  const head = errorHead(text)
  if (/\bS1T00\b|timed? ?out/i.test(head)) return new AppError('timeout', `the query ran past its deadline in the store: ${head}`)
  if (/\bSQ156\b/.test(head)) {
    return new AppError('engine_limit', `the store (Virtuoso 7) could not compile this query (its SQ156 internal error, a known limit of Virtuoso's SQL compiler on some nestings of OPTIONAL, UNION and sub-SELECT); rewrite the query, e.g. move the OPTIONAL into a sub-SELECT: ${head}`, { store: 'virtuoso' })
  }
  if (/\bSR353\b/.test(head)) {
    return new AppError('engine_limit', `the store (Virtuoso 7) sorts at most MaxSortedTopRows rows for ORDER BY with LIMIT/OFFSET, and this query asks for more; page with a smaller OFFSET + LIMIT, or without ORDER BY: ${head}`, { store: 'virtuoso' })
  }
  if (/\bDT\d{3}\b|DB_NULL/.test(head)) {
    return new AppError('bad_query', `the store (Virtuoso 7) raised an error evaluating an expression where SPARQL 1.1 would leave the value unbound (e.g. a function of an unbound variable); guard it with BOUND() or COALESCE(): ${head}`, { store: 'virtuoso' })
  }
  if (/^Virtuoso 37000\b/.test(head) || status === 400) return new AppError('bad_query', `the store refused the query: ${head}`, { store: 'virtuoso' })
  if (/\bSQ200\b/.test(head)) {
    return new AppError('engine_limit', `the store (Virtuoso 7) ran out of stack compiling or running this query (its SQ200 error); simplify it (fewer nested OPTIONAL/UNION/sub-SELECT): ${head}`, { store: 'virtuoso' })
  }
  if (/\b(SR186|42000)\b/.test(head) || status === 401 || status === 403) return new AppError('unavailable', `the store refused our credentials or permissions: ${head}`)
  return new AppError('unavailable', `the store failed (HTTP ${status}): ${head}`, { retryAfterSeconds: 5 })
}
