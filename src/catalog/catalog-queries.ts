/** The SPARQL the catalogue runs, with IRIs bound only through the `sparql` tag (it escapes nothing: it refuses). */
import type { NamedNode } from 'n3'
import { AppError } from '../errors.ts'
import { DCAT, DCT, FOAF } from '../vocab/index.ts'

/** A list written with commas, for `IN (…)`; a plain array is written space-separated, for VALUES. */
interface CommaList {
  readonly commaSeparated: readonly NamedNode[]
}
type Bound = NamedNode | readonly NamedNode[] | CommaList

export const commaList = (nodes: readonly NamedNode[]): CommaList => ({ commaSeparated: nodes })

// SPARQL 1.1 IRIREF excludes these characters (grammar rule [139]).
const NOT_IN_IRIREF = /[\u0000-\u0020<>"{}|^`\\]/

/** `<iri>`; an IRI that cannot be written as an IRIREF is refused, never patched. */
function iriRef(node: NamedNode): string {
  if (node?.termType !== 'NamedNode' || NOT_IN_IRIREF.test(node.value)) {
    throw new AppError('invalid_data', `cannot put ${JSON.stringify(node?.value)} in a query: not an IRI`)
  }
  return `<${node.value}>`
}

/** One bound value as query text. */
function write(value: Bound): string {
  if (Array.isArray(value)) return value.map(iriRef).join(' ')
  if (value && typeof value === 'object' && 'commaSeparated' in value) return value.commaSeparated.map(iriRef).join(', ')
  return iriRef(value as NamedNode)
}

/** Template tag: values must be NamedNodes, arrays of them (space-separated) or commaList()s; strings are refused. */
export function sparql(strings: TemplateStringsArray, ...values: Bound[]): string {
  return strings.reduce((text, part, i) => (i === 0 ? part : text + write(values[i - 1]!) + part), '')
}

/** Complete records: dataset, its graph, and the modification dates of its catalogue record and of itself. */
export const membersQuery = (metadataStatus: NamedNode, complete: NamedNode) => sparql`
SELECT ?dataset ?graph ?recordModified ?datasetModified WHERE {
  GRAPH ?graph { ?dataset ${metadataStatus} ${complete} }
  OPTIONAL { GRAPH ?graph { ?record ${FOAF.primaryTopic} ?dataset ; ${DCT.modified} ?recordModified } }
  OPTIONAL { GRAPH ?graph { ?dataset ${DCT.modified} ?datasetModified } }
}`

/** The catalogue graph without its member lists (those are the pages' business). */
export const catalogNodeQuery = (graph: NamedNode) => sparql`
CONSTRUCT { ?s ?p ?o } WHERE {
  GRAPH ${graph} { ?s ?p ?o }
  FILTER(?p NOT IN (${DCAT.dataset}, ${DCAT.record}, ${DCAT.service}))
}`

/** Every quad of the given named graphs (the records of one page), as triples. */
export const graphsQuery = (graphs: readonly NamedNode[]) => sparql`
CONSTRUCT { ?s ?p ?o } WHERE {
  VALUES ?g { ${graphs} }
  GRAPH ?g { ?s ?p ?o }
}`

/**
 * What the named graphs say about `nodes` with the given predicates, wherever it is said. The predicates go in a
 * FILTER, not a second VALUES: with two VALUES blocks Oxigraph 0.5 plans a scan of the whole store (6 s on the
 * 1.4M-quad graph for 150 nodes, against 12 ms this way).
 */
export const describeQuery = (nodes: readonly NamedNode[], predicates: readonly NamedNode[]) => sparql`
CONSTRUCT { ?s ?p ?o } WHERE {
  VALUES ?s { ${nodes} }
  GRAPH ?g { ?s ?p ?o }
  FILTER(?p IN (${commaList(predicates)}))
}`
