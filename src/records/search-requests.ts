/**
 * The dataset-request search (`/api/requests`): one entry per request, the same text index as agencies and laws
 * (title, requested dataset, id) and facets by assigned agency, reply status, refusal reason and year.
 */
import { DataFactory, type NamedNode } from 'n3'
import type { Iris } from '../model/iris.ts'
import { sparql } from '../query/sparql-tag.ts'
import type { GraphStore } from '../store/types.ts'
import { ADMS, DCT, RDF, SCHEMA } from '../vocab/index.ts'
import type { DirectoryEntry } from './search-directory.ts'
import { readTsvRows } from './sparql-tsv.ts'

export const REQUEST_FACETS = ['agency', 'status', 'reason', 'year'] as const

/** One row per fact of each request (or of `records` only), refusal reasons lifted from its replies. */
export function requestFactsQuery(iris: Iris, records?: readonly NamedNode[]): string {
  const o = iris.ogd
  const values = records ? sparql`VALUES ?r { ${records} }` : ''
  return `SELECT ?r ?p ?o WHERE {\n  ${values}\n  ${sparql`
  { GRAPH ?r { ?r ${RDF.type} ${o.DatasetRequest} ; ?p ?o }
    FILTER(?p IN (${DCT.title}, ${DCT.identifier}, ${o.requestedDataset}, ${o.assignedTo}, ${ADMS.status}, ${o.replyDate}, ${DCT.created}, ${o.submittedNoLaterThan}, ${o.daysToReply})) }
  UNION
  { GRAPH ?r { ?r ${RDF.type} ${o.DatasetRequest} ; ${SCHEMA.suggestedAnswer} ?reply . ?reply ${o.refusalReason} ?o } BIND(${o.refusalReason} AS ?p) }`}\n}`
}

interface Draft { title?: string; id?: string; requested?: string; agencies: string[]; status: string[]; reasons: string[]; replyDate?: string; created?: string; bound?: string; days?: string }

const lastSegment = (iri: string) => iri.slice(iri.lastIndexOf('/') + 1)

/** The year a request belongs to: the date it was made if a reply quotes it, else the latest it can have been made. */
const yearOf = (draft: Draft): string | undefined => (draft.created ?? draft.bound ?? draft.replyDate)?.slice(0, 4)

/** Read the search entries of every request (or of `records`). */
export async function readRequestEntries(store: GraphStore, iris: Iris, records?: readonly string[]): Promise<DirectoryEntry[]> {
  const query = requestFactsQuery(iris, records?.map((iri) => DataFactory.namedNode(iri)))
  const drafts = new Map<string, Draft>()
  for (const row of readTsvRows((await store.query({ query, mediaType: 'text/tab-separated-values' })).body)) {
    if (!row.r || !row.p || !row.o) continue
    let draft = drafts.get(row.r.value)
    if (!draft) drafts.set(row.r.value, (draft = { agencies: [], status: [], reasons: [] }))
    const value = row.o.value
    switch (row.p.value) {
      case DCT.title.value: draft.title ??= value; break
      case DCT.identifier.value: draft.id = value; break
      case iris.ogd.requestedDataset.value: draft.requested ??= value; break
      case iris.ogd.assignedTo.value: draft.agencies.push(value); break
      case ADMS.status.value: draft.status.push(lastSegment(value)); break
      case iris.ogd.refusalReason.value: if (!draft.reasons.includes(lastSegment(value))) draft.reasons.push(lastSegment(value)); break
      case iris.ogd.replyDate.value: draft.replyDate = value; break
      case DCT.created.value: draft.created = value; break
      case iris.ogd.submittedNoLaterThan.value: draft.bound = value; break
      case iris.ogd.daysToReply.value: draft.days = value; break
    }
  }
  return [...drafts].map(([iri, draft]) => {
    const year = yearOf(draft)
    return {
      iri,
      code: draft.id,
      names: { zh: draft.title ?? draft.requested },
      altLabels: [draft.requested ?? ''].filter(Boolean),
      // `days` is not a facet of the API (REQUEST_FACETS); the dashboard reads it for the median wait.
      facets: { agency: [...new Set(draft.agencies)], status: draft.status, reason: draft.reasons, year: year ? [year] : [], days: draft.days ? [draft.days] : [] },
      links: { replyDate: draft.replyDate },
    }
  })
}
