/**
 * Importer for the public's dataset requests to data.gov.tw (民眾資料集建議, 2014–2019; MANIFEST §7c): the raw crawl
 * re-aligned (src/sources/request-rows.ts) plus the agency file, as one record per request at `{base}/request/{id}`.
 * A request is a schema:Question (it asks for data) with schema:Answer replies; its status an ADMS status concept.
 * Agencies are handed to src/link by name; refusal reasons, quoted dates and linked dataset ids are read from the
 * replies, each with the words that show it.
 */
import { DataFactory, type NamedNode, type Quad } from 'n3'
import { ADMS, DCT, EXTERNAL, FOAF, PROV, RDF, SCHEMA, XSD } from '../vocab/index.ts'
import type { Iris } from '../model/iris.ts'
import { daysBetween, findQuotedSubmissionDate, parseReplyTime } from './request-date.ts'
import { maskContacts, parseReply, type Reply } from './request-replies.ts'
import { findRefusalReasons } from './request-refusals.ts'
import { parseRequestAgencies, parseRequestRows, type RawRequest } from './request-rows.ts'
import { ZH } from './quad-sink.ts'
import type { ImportContext, ImportResult, NameReference, SourceWarning } from './types.ts'

const { quad, literal, namedNode } = DataFactory

export interface RequestFiles {
  /** Display name of the agency file, used in its messages. */
  agenciesFile: string
}

// A reply that links a data.gov.tw dataset page names the dataset that answers the request.
const DATASET_URL = /https?:\/\/data\.gov\.tw\/dataset\/(\d+)/g

interface Dated { replyDay?: string; bound?: string; created?: { day: string; quote: string; reply: number } }

/** The latest day each request can have been submitted: Drupal node ids grow with time, and a reply follows its request. */
function submissionBounds(days: Map<string, string | undefined>): Map<string, string> {
  const bounds = new Map<string, string>()
  let earliest: string | undefined
  for (const id of [...days.keys()].sort((a, b) => Number(b) - Number(a))) {
    const day = days.get(id)
    if (day && (!earliest || day < earliest)) earliest = day
    if (earliest) bounds.set(id, earliest)
  }
  return bounds
}

/** Import the crawl (`csv`) and the agency file (`agenciesCsv`). */
export function importDataGovTwRequests(csv: string, agenciesCsv: string, ctx: ImportContext, files: RequestFiles): ImportResult {
  const crawl = parseRequestRows(csv, ctx.file)
  const assigned = parseRequestAgencies(agenciesCsv, files.agenciesFile)
  const warnings: SourceWarning[] = [...crawl.warnings, ...assigned.warnings]
  const result: ImportResult = { quads: [], warnings, references: [], stats: {} }
  const replies = new Map(crawl.requests.map((r) => [r.id, r.replies.map(parseReply)]))
  const dated = new Map<string, Dated>()
  for (const request of crawl.requests) dated.set(request.id, dateRequest(request, replies.get(request.id)!, ctx.file, warnings))
  const bounds = submissionBounds(new Map([...dated].map(([id, d]) => [id, d.replyDay])))
  const stats = { requests: 0, withReplyDate: 0, replies: 0, notices: 0, refusalReasons: 0, datasetLinks: 0, assignments: 0, onlyInAgencyFile: 0 }

  for (const request of crawl.requests) {
    const agencies = assigned.agencies.get(request.id)?.names ?? request.agencies
    checkAgencies(request, agencies, ctx.file, warnings)
    const d = { ...dated.get(request.id)!, bound: bounds.get(request.id) }
    addRequest(request, agencies, replies.get(request.id)!, d, ctx, result, stats)
  }
  const crawled = new Set(crawl.requests.map((r) => r.id))
  for (const [id, { names }] of assigned.agencies) {
    if (crawled.has(id)) continue
    // Assigned after the crawl (2019-01-25) or missed by it: only the id and the agencies are known.
    const request: RawRequest = { id, line: 0, title: '', requestedDataset: '', requestedFields: '', reason: '', agencies: names, replies: [] }
    // Not marked ogd:metadataStatus partial: that and ogd:missingProperty speak of DCAT-AP dataset records.
    addRequest(request, names, [], {}, ctx, result, stats)
    stats.onlyInAgencyFile++
  }
  result.stats = stats
  return result
}

function dateRequest(request: RawRequest, replies: Reply[], file: string, warnings: SourceWarning[]): Dated {
  const text = request.replyTimeText
  const time = text ? parseReplyTime(text) : undefined
  if (text && !time) warnings.push({ file, line: request.line, problem: `request ${request.id}: 回復時間 "${text.slice(0, 30)}" is not a date: no reply date` })
  if (time?.weekdayMismatch) warnings.push({ file, line: request.line, problem: `request ${request.id}: 回復時間 "${text}" names the wrong weekday; the date is kept` })
  const n = replies.findIndex((reply) => findQuotedSubmissionDate(reply.agencyAnswer) !== undefined)
  const quoted = n < 0 ? undefined : findQuotedSubmissionDate(replies[n]!.agencyAnswer)
  return { replyDay: time?.day, created: quoted && { ...quoted, reply: n + 1 } }
}

function checkAgencies(request: RawRequest, agencies: string[], file: string, warnings: SourceWarning[]): void {
  const missing = request.agencies.filter((name) => !agencies.includes(name))
  if (missing.length) warnings.push({ file, line: request.line, problem: `request ${request.id}: the crawl names ${missing.join('、')}, the agency file does not; the agency file is kept` })
}

type Stats = Record<'requests' | 'withReplyDate' | 'replies' | 'notices' | 'refusalReasons' | 'datasetLinks' | 'assignments' | 'onlyInAgencyFile', number>

function addRequest(request: RawRequest, agencies: string[], replies: Reply[], dated: Dated, ctx: ImportContext, result: ImportResult, stats: Stats): void {
  const { iris } = ctx
  const r = iris.request(request.id)
  const add = (s: NamedNode, p: NamedNode, o: Quad['object']) => result.quads.push(quad(s, p, o, r))
  add(r, RDF.type, iris.ogd.DatasetRequest)
  add(r, RDF.type, SCHEMA.Question)
  add(r, DCT.identifier, literal(request.id))
  add(r, FOAF.page, namedNode(EXTERNAL.dataGovTwNode + request.id))
  const texts: [NamedNode, string][] = [[DCT.title, request.title], [iris.ogd.requestedDataset, request.requestedDataset], [iris.ogd.requestedFields, request.requestedFields], [iris.ogd.requestReason, request.reason]]
  for (const [predicate, value] of texts) if (value) add(r, predicate, literal(maskContacts(value), ZH))
  if (request.replyStatus) add(r, ADMS.status, iris.concept('request-status', request.replyStatus))
  if (request.assignmentStatus) add(r, iris.ogd.assignmentStatus, iris.concept('request-assignment', request.assignmentStatus))
  addDates(r, request, dated, iris, add, ctx.file, result.warnings)
  agencies.forEach((name, n) => {
    const reference: NameReference = { kind: 'request-agency', subject: r, graph: r, text: name, file: ctx.file, line: request.line || undefined, linkKey: `assigned-${n + 1}` }
    result.references.push(reference)
  })
  replies.forEach((reply, n) => addReply(r, n + 1, reply, iris, add, stats))
  stats.requests++
  stats.assignments += agencies.length
  if (dated.replyDay) stats.withReplyDate++
}

function addDates(r: NamedNode, request: RawRequest, dated: Dated, iris: Iris, add: (s: NamedNode, p: NamedNode, o: Quad['object']) => void, file: string, warnings: SourceWarning[]): void {
  if (dated.replyDay) add(r, iris.ogd.replyDate, parseReplyTime(request.replyTimeText!)!.literal)
  if (dated.bound) add(r, iris.ogd.submittedNoLaterThan, literal(dated.bound, XSD.date))
  let created = dated.created
  if (created && dated.bound && created.day > dated.bound) {
    warnings.push({ file, line: request.line, problem: `request ${request.id}: reply ${created.reply} quotes ${created.quote}, later than a reply to an earlier request: not used as its date` })
    created = undefined
  }
  if (created) {
    add(r, DCT.created, literal(created.day, XSD.date))
    provenance(r, `created`, created.quote, 'quoted-in-reply', 'request-date', iris, add)
  }
  // Only from a quoted date: the node-order bound is often the reply's own day and would make every wait look like 0.
  if (dated.replyDay && created && created.day <= dated.replyDay) add(r, iris.ogd.daysToReply, literal(String(daysBetween(created.day, dated.replyDay)), XSD.integer))
}

function addReply(r: NamedNode, n: number, reply: Reply, iris: Iris, add: (s: NamedNode, p: NamedNode, o: Quad['object']) => void, stats: Stats): void {
  const node = iris.part(r, `reply-${n}`)
  add(r, SCHEMA.suggestedAnswer, node)
  add(node, RDF.type, SCHEMA.Answer)
  if (reply.isNotice) add(node, RDF.type, iris.ogd.PlatformNotice)
  add(node, SCHEMA.position, literal(String(n), XSD.integer))
  add(node, SCHEMA.text, literal(reply.text, ZH))
  if (reply.agencyAnswer) add(node, iris.ogd.agencyAnswer, literal(reply.agencyAnswer, ZH))
  if (reply.boilerplate) add(node, iris.ogd.boilerplateText, literal(reply.boilerplate, ZH))
  stats.replies++
  if (reply.isNotice) stats.notices++
  for (const { code, phrase } of findRefusalReasons(reply.agencyAnswer)) {
    add(node, iris.ogd.refusalReason, iris.concept('refusal-reason', code))
    provenance(node, `reply-${n}-refusal-${code}`, phrase, 'reply-phrase', 'refusal-reason', iris, add, r)
    stats.refusalReasons++
  }
  const linked = new Map([...reply.agencyAnswer.matchAll(DATASET_URL)].map((m) => [m[1]!, m[0]]))
  for (const [id, url] of linked) {
    add(r, iris.ogd.answeredBy, iris.dataset(id))
    provenance(r, `answered-by-${id}`, url, 'reply-links-dataset', 'request-dataset', iris, add)
    stats.datasetLinks++
  }
}

/** A provenance record for an inferred value, `{request}#link-{kind}`, pointed to from `subject`. */
export function provenance(subject: NamedNode, kind: string, text: string, method: string, activity: string, iris: Iris, add: (s: NamedNode, p: NamedNode, o: Quad['object']) => void, owner: NamedNode = subject): void {
  const record = iris.linkRecord(owner, kind)
  add(subject, iris.ogd.linkRecord, record)
  add(record, RDF.type, iris.ogd.LinkProvenance)
  add(record, iris.ogd.sourceText, literal(text))
  add(record, iris.ogd.linkMethod, iris.concept('link-method', method))
  add(record, PROV.wasGeneratedBy, iris.linkActivity(activity))
}
