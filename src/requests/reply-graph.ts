/**
 * A request's graph with one more reply: the graph as the store holds it, plus reply N+1 modelled as the importer
 * models the crawled ones (src/sources/datagovtw-requests.ts: schema:Answer with schema:position, schema:text,
 * ogd:agencyAnswer; refusal reasons read from the answer's wording; laws it names cited), its author, its date
 * (schema:dateCreated), the request's new adms:status and ogd:replyDate, and ogd:answeredBy for each dataset the
 * agency names, with a link record saying the agency stated it.
 */
import { DataFactory, type NamedNode, type Quad } from 'n3'
import { findLawMentions, indexLawTitles } from '../link/law-mentions.ts'
import type { Iris } from '../model/iris.ts'
import { provenance } from '../sources/datagovtw-requests.ts'
import { daysBetween } from '../sources/request-date.ts'
import { findRefusalReasons } from '../sources/request-refusals.ts'
import { maskContacts } from '../sources/request-replies.ts'
import { ZH } from '../sources/quad-sink.ts'
import { ADMS, DCT, RDF, SCHEMA, XSD } from '../vocab/index.ts'
import type { ReplyInput } from './reply-input.ts'

const { quad, literal, namedNode } = DataFactory

export interface NewReply {
  /** The request's whole graph after the reply. */
  quads: Quad[]
  reply: NamedNode
  position: number
}

/** The link method of an answeredBy the agency itself stated through the write API (src/link/request-link-methods.ts). */
export const AGENCY_STATED = 'agency-stated'

/** Whether the request already holds an agency's answer (then a new reply changes it: If-Match is required). */
export function hasAgencyAnswer(quads: readonly Quad[], iris: Iris): boolean {
  return quads.some((q) => q.predicate.equals(iris.ogd.agencyAnswer) && q.object.value.trim() !== '')
}

/** The request's graph with `input` as its next reply. `datasets` are the IRIs of the (existing) datasets opened. */
export function addReply(current: readonly Quad[], request: NamedNode, input: ReplyInput & { dateTime: string; day: string }, options: { iris: Iris; author?: NamedNode; lawQuads: readonly Quad[]; datasets: readonly NamedNode[] }): NewReply {
  const { iris } = options
  const r = request
  const isFirstAnswer = !hasAgencyAnswer(current, iris)
  const positions = current.filter((q) => q.predicate.equals(SCHEMA.position) && q.subject.value.startsWith(`${r.value}#reply-`)).map((q) => Number(q.object.value))
  const n = Math.max(0, ...positions.filter(Number.isFinite)) + 1
  const previousReplyDate = current.find((q) => q.subject.equals(r) && q.predicate.equals(iris.ogd.replyDate))?.object.value
  const created = current.find((q) => q.subject.equals(r) && q.predicate.equals(DCT.created))?.object.value
  // The request's reply time is its latest reply's; its status is the new reply's.
  const replyDate = previousReplyDate && Date.parse(previousReplyDate) > Date.parse(input.dateTime) ? undefined : input.dateTime
  const replaced = (q: Quad) => q.subject.equals(r) && (q.predicate.equals(ADMS.status) || (replyDate !== undefined && q.predicate.equals(iris.ogd.replyDate)) || (isFirstAnswer && created !== undefined && q.predicate.equals(iris.ogd.daysToReply)))
  const out = current.filter((q) => !replaced(q)).map((q) => quad(q.subject, q.predicate, q.object, r))
  const add = (s: NamedNode, p: NamedNode, o: Quad['object']) => out.push(quad(s, p, o, r))
  const has = (s: NamedNode, p: NamedNode, o: Quad['object']) => out.some((q) => q.subject.equals(s) && q.predicate.equals(p) && q.object.equals(o))

  add(r, ADMS.status, iris.concept('request-status', input.status))
  if (replyDate) add(r, iris.ogd.replyDate, literal(replyDate, XSD.dateTime))
  // Days to reply count to the first agency answer, and only from a known submission day (as the importer's).
  if (isFirstAnswer && created && created <= input.day) add(r, iris.ogd.daysToReply, literal(String(daysBetween(created, input.day)), XSD.integer))

  const node = iris.part(r, `reply-${n}`)
  // Contacts are masked as in every reply the graph holds (src/sources/request-replies.ts).
  const zh = maskContacts(input.text.zh)
  add(r, SCHEMA.suggestedAnswer, node)
  add(node, RDF.type, SCHEMA.Answer)
  add(node, SCHEMA.position, literal(String(n), XSD.integer))
  add(node, SCHEMA.text, literal(zh, ZH))
  if (input.text.en) add(node, SCHEMA.text, literal(maskContacts(input.text.en), 'en'))
  add(node, iris.ogd.agencyAnswer, literal(zh, ZH))
  add(node, SCHEMA.dateCreated, literal(input.dateTime, XSD.dateTime))
  if (options.author) add(node, SCHEMA.author, options.author)
  for (const { code, phrase } of findRefusalReasons(zh)) {
    add(node, iris.ogd.refusalReason, iris.concept('refusal-reason', code))
    provenance(node, `reply-${n}-refusal-${code}`, phrase, 'reply-phrase', 'refusal-reason', iris, add, r)
  }
  const laws = findLawMentions(zh, indexLawTitles(options.lawQuads, { minLength: 3, alternatives: true }))
  for (const law of new Map(laws.map((l) => [l.iri, l])).values()) {
    add(node, SCHEMA.citation, namedNode(law.iri))
    provenance(node, `reply-${n}-law-${law.iri.slice(law.iri.lastIndexOf('/') + 1)}`, law.title, 'reply-mention', 'reply-law-mention', iris, add, r)
  }
  for (const dataset of options.datasets) {
    if (has(r, iris.ogd.answeredBy, dataset)) continue
    add(r, iris.ogd.answeredBy, dataset)
    provenance(r, `answered-by-${dataset.value.slice(dataset.value.lastIndexOf('/') + 1)}`, `reply-${n}`, AGENCY_STATED, 'request-dataset', iris, add)
  }
  return { quads: out, reply: node, position: n }
}
