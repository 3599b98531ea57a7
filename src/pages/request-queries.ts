/** What an agency's page says about the dataset requests assigned to it; terms enter only through the `sparql` tag. */
import { DataFactory } from 'n3'
import type { Iris } from '../model/iris.ts'
import { sparql } from '../query/sparql-tag.ts'
import type { GraphStore } from '../store/types.ts'
import { ADMS, DCT, SCHEMA } from '../vocab/index.ts'

export interface AgencyRequests {
  total: number
  answered: number
  /** Requests with a reply giving a refusal reason. */
  refused: number
  sample: { iri: string; label?: string }[]
  /** Datasets that answer requests assigned to the agency. */
  datasets: { iri: string; label?: string }[]
}

const LIMIT = 20

async function rows(store: GraphStore, query: string, timeoutMs?: number): Promise<Record<string, string>[]> {
  const result = await store.query({ query, mediaType: 'application/sparql-results+json', ...(timeoutMs ? { timeoutMs } : {}) })
  const bindings = (JSON.parse(result.body) as { results: { bindings: Record<string, { value: string }>[] } }).results.bindings
  return bindings.map((b) => Object.fromEntries(Object.entries(b).map(([k, v]) => [k, v.value])))
}

/** Counts and samples of the requests assigned to `agency`. */
export async function requestsOfAgency(store: GraphStore, iris: Iris, agency: string, timeoutMs?: number): Promise<AgencyRequests> {
  const a = DataFactory.namedNode(agency)
  const answered = iris.concept('request-status', 'answered')
  const [counts] = await rows(store, sparql`SELECT (COUNT(DISTINCT ?r) AS ?total) (COUNT(DISTINCT ?ok) AS ?answered) (COUNT(DISTINCT ?no) AS ?refused) WHERE {
  GRAPH ?r { ?r ${iris.ogd.assignedTo} ${a} }
  OPTIONAL { GRAPH ?r { ?r ${ADMS.status} ${answered} } BIND(?r AS ?ok) }
  OPTIONAL { GRAPH ?r { ?r ${SCHEMA.suggestedAnswer} ?reply . ?reply ${iris.ogd.refusalReason} ?reason } BIND(?r AS ?no) }
}`, timeoutMs)
  const sample = await rows(store, `${sparql`SELECT ?x (SAMPLE(?t) AS ?label) WHERE { GRAPH ?x { ?x ${iris.ogd.assignedTo} ${a} OPTIONAL { ?x ${DCT.title} ?t } } }`} GROUP BY ?x ORDER BY DESC(?x) LIMIT ${LIMIT}`, timeoutMs)
  const datasets = await rows(store, `${sparql`SELECT DISTINCT ?x ?label WHERE { GRAPH ?r { ?r ${iris.ogd.assignedTo} ${a} ; ${iris.ogd.answeredBy} ?x } OPTIONAL { GRAPH ?x { ?x ${DCT.title} ?label } } }`} LIMIT ${LIMIT}`, timeoutMs)
  return {
    total: Number(counts?.total ?? 0), answered: Number(counts?.answered ?? 0), refused: Number(counts?.refused ?? 0),
    sample: sample.map((r) => ({ iri: r.x!, label: r.label })),
    datasets: [...new Map(datasets.map((r) => [r.x!, { iri: r.x!, label: r.label }])).values()],
  }
}
