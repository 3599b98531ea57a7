/** One dataset request as a member of the `/api/requests` collection (keys of our JSON-LD context). */
import type { DirectoryEntry } from '../records/search-directory.ts'

/** The closed lists `/api/requests` filters on (the codes of schemes request-status and refusal-reason). */
export const REQUEST_STATUSES = ['answered', 'unanswered', 'under-study'] as const
export const REFUSAL_REASON_CODES = ['not-collected', 'personal-data', 'legally-restricted', 'already-open', 'fee-based', 'not-competent'] as const

export function requestMember(entry: DirectoryEntry, statusIri: (code: string) => string, reasonIri: (code: string) => string): Record<string, unknown> {
  return {
    id: entry.iri,
    type: 'DatasetRequest',
    ...(entry.code ? { identifier: entry.code } : {}),
    ...(entry.names.zh ? { title: { 'zh-hant': entry.names.zh } } : {}),
    ...(entry.altLabels[0] ? { requestedDataset: { 'zh-hant': entry.altLabels[0] } } : {}),
    assignedTo: entry.facets.agency ?? [],
    ...(entry.facets.status?.[0] ? { status: statusIri(entry.facets.status[0]) } : {}),
    ...(entry.facets.reason?.length ? { refusalReason: entry.facets.reason.map(reasonIri) } : {}),
    ...(entry.links.replyDate ? { replyDate: entry.links.replyDate } : {}),
  }
}
