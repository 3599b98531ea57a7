/**
 * What a SPARQL 1.1 Update may touch, read from its syntax tree before it runs: the graphs it names (GRAPH <iri>,
 * WITH, USING, the targets of CLEAR, DROP, ADD, MOVE, COPY, CREATE), always the default graph, or every graph when a
 * graph is a variable (GRAPH ?g) or the operation says so (CLEAR/DROP NAMED or ALL). The update then runs on a copy
 * of exactly those graphs (src/update/run-update.ts). The protocol's using-graph-uri and using-named-graph-uri become
 * USING / USING NAMED of every DELETE/INSERT … WHERE (SPARQL 1.1 Protocol §2.2.3); LOAD is refused (no outbound
 * requests from updates), LOAD SILENT dropped (SPARQL 1.1 Update §3.1.4: a failed LOAD SILENT succeeds doing nothing).
 */
import sparqljs from 'sparqljs'
import { AppError } from '../errors.ts'
import { DEFAULT_GRAPH } from '../store/types.ts'

export interface UpdatePlan {
  /** The update text to run (the request's own, unless the protocol's dataset or a dropped LOAD SILENT rewrote it). */
  text: string
  /** The graphs it may read or write (DEFAULT_GRAPH always among them), or every graph. */
  graphs: 'all' | string[]
  /** How many operations the request holds, and how many LOAD SILENT were dropped. */
  operations: number
  droppedLoads: number
}

export interface PlanOptions {
  baseIri: string
  usingGraphUris?: readonly string[]
  usingNamedGraphUris?: readonly string[]
}

type Node = Record<string, unknown>

const isTerm = (value: unknown): value is { termType: string; value: string } => typeof value === 'object' && value !== null && 'termType' in value

/** The position sparqljs' parser reports (its message says `Parse error on line N:` and shows the line with a caret). */
function syntaxError(error: Error): AppError {
  const loc = (error as { hash?: { loc?: { first_line?: number; first_column?: number } } }).hash?.loc
  const line = loc?.first_line
  const column = loc?.first_column === undefined ? undefined : loc.first_column + 1
  const where = line === undefined ? '' : ` at line ${line}${column === undefined ? '' : `, column ${column}`}`
  return new AppError('bad_query', `the update does not parse${where}: ${error.message.replace(/^Parse error on line \d+:\n/, '')}`, { ...(line !== undefined ? { line } : {}), ...(column !== undefined ? { column } : {}) })
}

/** Every graph the tree names; `all` when one is a variable or an operation covers every graph. */
function collectGraphs(root: unknown): { graphs: Set<string>; isAll: boolean; hasService: boolean } {
  const graphs = new Set<string>([DEFAULT_GRAPH])
  let isAll = false
  let hasService = false
  const visit = (value: unknown, key: string): void => {
    if (Array.isArray(value)) {
      for (const item of value) visit(item, key)
      return
    }
    if (typeof value !== 'object' || value === null) return
    if (isTerm(value)) {
      // WITH <g> (key graph), USING <g> and LOAD … INTO GRAPH <g> (destination) are plain IRIs in the tree.
      if (value.termType === 'NamedNode' && ['graph', 'default', 'named', 'destination'].includes(key)) graphs.add(value.value)
      return
    }
    const node = value as Node
    // CLEAR/DROP ALL and NAMED are { all: true } / { named: true } in sparqljs' tree (no type); GRAPH ?g a variable.
    if (node.all === true || node.named === true) isAll = true
    if (node.type === 'graph') {
      const name = node.name
      if (isTerm(name) && name.termType === 'Variable') isAll = true
      else if (isTerm(name) && name.termType === 'NamedNode') graphs.add(name.value)
    }
    if (node.type === 'service') hasService = true
    for (const [k, v] of Object.entries(node)) if (k !== 'name' || node.type !== 'graph') visit(v, k)
  }
  visit(root, '')
  return { graphs, isAll, hasService }
}

/** Parse and plan one update request; a syntax error is bad_query (400) with its position. */
export function planUpdate(text: string, options: PlanOptions): UpdatePlan {
  let parsed: sparqljs.SparqlQuery
  try {
    parsed = new sparqljs.Parser({ baseIRI: options.baseIri }).parse(text)
  } catch (error) {
    throw syntaxError(error as Error)
  }
  if (parsed.type !== 'update') throw new AppError('bad_query', `this is a SPARQL query (${parsed.queryType}), not an update: send queries to /sparql`)
  const update = parsed as sparqljs.Update
  let isRewritten = false
  const loads = update.updates.filter((op): op is sparqljs.LoadOperation => 'type' in op && op.type === 'load')
  const refused = loads.find((op) => !op.silent)
  if (refused) {
    throw new AppError('forbidden', `LOAD <${refused.source.value}> is refused: this server makes no outbound requests for updates (no LOAD allow-list exists); put the data with the Graph Store Protocol (PUT /store?graph=…) or INSERT DATA instead`, { source: refused.source.value })
  }
  if (loads.length > 0) {
    update.updates = update.updates.filter((op) => !loads.includes(op as sparqljs.LoadOperation))
    isRewritten = true
  }
  const using = { default: [...(options.usingGraphUris ?? [])], named: [...(options.usingNamedGraphUris ?? [])] }
  if (using.default.length + using.named.length > 0) {
    for (const op of update.updates) {
      if (!('updateType' in op) || op.updateType !== 'insertdelete') continue
      // SPARQL 1.1 Protocol §2.2.3: the request's dataset and the update's own may not both be given.
      if (op.graph || (op.using && op.using.default.length + op.using.named.length > 0)) {
        throw new AppError('bad_request', 'using-graph-uri / using-named-graph-uri are given, and the update names its own dataset (USING, USING NAMED or WITH): give the dataset in one place (SPARQL 1.1 Protocol §2.2.3)')
      }
      op.using = { default: using.default.map((iri) => namedNode(iri)), named: using.named.map((iri) => namedNode(iri)) }
      isRewritten = true
    }
  }
  const { graphs, isAll, hasService } = collectGraphs(update.updates)
  if (hasService) throw new AppError('forbidden', 'SERVICE is refused in updates: this server makes no outbound requests for updates')
  return {
    text: isRewritten ? (update.updates.length === 0 ? '' : new sparqljs.Generator().stringify(update)) : text,
    graphs: isAll ? 'all' : [...graphs].sort(),
    operations: update.updates.length + loads.length,
    droppedLoads: loads.length,
  }
}

function namedNode(iri: string): sparqljs.IriTerm {
  if (!/^[a-z][a-z0-9+.-]*:[^\s<>"{}|^`\\]*$/i.test(iri)) throw new AppError('bad_request', `not an absolute IRI: ${JSON.stringify(iri.slice(0, 200))}`)
  return { termType: 'NamedNode', value: iri, equals: (other) => other?.termType === 'NamedNode' && other.value === iri } as sparqljs.IriTerm
}
