/**
 * An agency answers a dataset request assigned to it: `POST /request/{id}/replies` appends a reply to the request's
 * replies (a collection, as a portal's comment or reply API does; the request's earlier replies stay as they were
 * published), with the request's new status and the datasets opened for it. Who may: a write token of an agency the
 * graph holds as the request's assignee (ogd:assignedTo), or — with --include-subordinates — of an agency above one;
 * never what the body says. The first agency answer needs no precondition; once the request holds one, a further
 * reply changes the answer the public sees, so it needs `If-Match` with the request's ETag (412 stale, 428 without).
 * The new graph passes SHACL before the one replaceGraphs; a refused reply changes nothing.
 */
import { Hono, type Context } from 'hono'
import { bodyLimit } from 'hono/body-limit'
import { DataFactory, Writer, type NamedNode, type Quad } from 'n3'
import { isWithinTokenAgency } from '../auth/ownership.ts'
import type { TokenVerifier } from '../auth/tokens.ts'
import { AppError } from '../errors.ts'
import { sparql } from '../query/sparql-tag.ts'
import type { RecordService } from '../records/record-service.ts'
import { addReply, hasAgencyAnswer } from '../requests/reply-graph.ts'
import { readJsonReply, readRdfReply, taiwanDateTime, type ReplyInput } from '../requests/reply-input.ts'
import type { GraphStore } from '../store/types.ts'
import { currentGraph } from '../sync/apply-sync.ts'
import type { SyncContext } from '../sync/sync-context.ts'
import { validateRecordGraphs } from '../sync/validate-records.ts'
import { withWriteLock } from '../sync/write-lock.ts'
import { DCAT, DCT, RDF } from '../vocab/index.ts'
import { requireToken, type WriteEnv } from './auth.ts'
import { payloadTooLarge, unsupportedMediaType } from './errors.ts'
import { parseRdf } from './record-body.ts'
import { currentEtags, ifMatchValues } from './record-writes.ts'
import { requestOrigin } from './records-request.ts'

export interface RequestReplyDeps {
  store: GraphStore
  service: RecordService
  verifier: TokenVerifier
  context: () => Promise<SyncContext>
  maxWriteBytes: number
}

export const REPLY_BODY_TYPES = ['application/json', 'text/turtle', 'application/n-triples', 'application/ld+json'] as const

// A reply dated later than this past the server's clock is refused (clocks of agencies' systems drift a little).
const CLOCK_SKEW_MS = 5 * 60_000

async function readInput(c: Context, deps: RequestReplyDeps, request: string, context: SyncContext): Promise<ReplyInput> {
  const mediaType = c.req.header('content-type')?.split(';')[0]?.trim().toLowerCase()
  if (!mediaType || !(REPLY_BODY_TYPES as readonly string[]).includes(mediaType)) throw unsupportedMediaType(mediaType, REPLY_BODY_TYPES)
  const body = await c.req.text()
  if (mediaType === 'application/json') return readJsonReply(body, context.iris)
  return readRdfReply(await parseRdf(body, mediaType, request, { origin: requestOrigin(c), tables: deps.service.tables }), request, context.iris)
}

async function checkAssignee(deps: RequestReplyDeps, c: Context<WriteEnv>, request: string, current: readonly Quad[], context: SyncContext): Promise<void> {
  const token = c.get('token')
  const assignees = current.filter((q) => q.subject.value === request && q.predicate.equals(context.iris.ogd.assignedTo)).map((q) => q.object.value)
  for (const assignee of assignees) if (await isWithinTokenAgency(deps.store, context.iris, token, assignee)) return
  const who = `token ${token.id} may answer only requests assigned to agency ${token.agency ?? '(none)'}${token.includeSubordinates ? ' or its subordinates' : ''}`
  if (assignees.length === 0) throw new AppError('forbidden', `${request} is assigned to no agency; ${who}`)
  throw new AppError('forbidden', `${request} is assigned to ${assignees.join(', ')}; ${who}`, { assignedTo: assignees })
}

async function checkPreconditions(c: Context, service: RecordService, request: string, current: readonly Quad[], context: SyncContext): Promise<void> {
  if (c.req.header('if-none-match') !== undefined) throw new AppError('bad_request', 'If-None-Match does not apply to a reply (the request exists); send If-Match with the request\'s ETag to change its answer')
  const ifMatch = c.req.header('if-match')
  if (ifMatch === undefined) {
    if (hasAgencyAnswer(current, context.iris)) throw new AppError('precondition_required', `${request} has an agency's answer already: to change it send If-Match with the ETag of the request as you last read it (no lost updates)`)
    return
  }
  const values = ifMatchValues(ifMatch)
  if (values.includes('*')) return
  const etags = await currentEtags(c, service, request)
  if (!values.some((v) => etags.has(v))) throw new AppError('precondition_failed', `${request} has changed since the ETag ${values.join(', ')} was read: read it again and resend`)
}

/** The datasets named, each live in the graph (a dcat:Dataset in its own graph, not withdrawn). */
async function checkDatasets(store: GraphStore, input: ReplyInput, context: SyncContext): Promise<NamedNode[]> {
  const named = input.datasets.map((d) => ({ ...d, iri: context.iris.dataset(d.id) }))
  if (named.length === 0) return []
  const { body } = await store.query({ query: sparql`SELECT DISTINCT ?d WHERE { VALUES ?d { ${named.map((d) => d.iri)} } GRAPH ?d { ?d ${RDF.type} ${DCAT.Dataset} } }`, mediaType: 'application/sparql-results+json', timeoutMs: 60_000 })
  const live = new Set((JSON.parse(body) as { results: { bindings: { d: { value: string } }[] } }).results.bindings.map((b) => b.d.value))
  const missing = named.find((d) => !live.has(d.iri.value))
  if (missing) throw new AppError('unprocessable', `${missing.where}: dataset ${missing.id} (${missing.iri.value}) is not in the graph (unknown or withdrawn): a reply can name only a dataset that is open`, { pointer: missing.where })
  return [...new Map(named.map((d) => [d.iri.value, d.iri])).values()]
}

function replyTime(input: ReplyInput, request: string, current: readonly Quad[], now: Date): { dateTime: string; day: string } {
  if (!input.date) return taiwanDateTime(now)
  if (Date.parse(input.date.dateTime) > now.getTime() + CLOCK_SKEW_MS) throw new AppError('unprocessable', `${input.date.where}: the reply date ${input.date.dateTime} is in the future`, { pointer: input.date.where })
  const created = current.find((q) => q.subject.value === request && q.predicate.equals(DCT.created))?.object.value
  if (created && input.date.day < created) throw new AppError('unprocessable', `${input.date.where}: the reply date ${input.date.day} is before the request was made (${created})`, { pointer: input.date.where })
  return input.date
}

async function post(deps: RequestReplyDeps, c: Context<WriteEnv>): Promise<Response> {
  const context = await deps.context()
  const requestNode = context.iris.request(c.req.param('id')!)
  const request = requestNode.value
  const input = await readInput(c, deps, request, context)
  return withWriteLock(deps.store, async () => {
    const current = await currentGraph(deps.store, request)
    if (!current.some((q) => q.subject.value === request && q.predicate.equals(RDF.type) && q.object.equals(context.iris.ogd.DatasetRequest))) throw new AppError('not_found', `${request} is not a dataset request of this graph`)
    await checkAssignee(deps, c, request, current, context)
    await checkPreconditions(c, deps.service, request, current, context)
    const datasets = await checkDatasets(deps.store, input, context)
    const time = replyTime(input, request, current, new Date())
    const token = c.get('token')
    const made = addReply(current, requestNode, { ...input, ...time }, { iris: context.iris, author: token.agency ? context.iris.agency(token.agency) : undefined, lawQuads: context.lawQuads, datasets })
    const validation = (await validateRecordGraphs([{ iri: request, own: made.quads, agents: new Map(), warnings: [] }], deps.store, context)).get(request)!
    const violations = validation.issues.filter((i) => i.severity === 'Violation')
    if (violations.length > 0) {
      throw new AppError('unprocessable', `the request with this reply fails SHACL with ${violations.length} violation(s); nothing was written`, {
        violations: violations.map((v) => `${v.path ?? '(node)'} of ${v.focusNode}: ${v.message.zh} / ${v.message.en}`),
      })
    }
    const graph = DataFactory.namedNode(request)
    await deps.store.replaceGraphs([request], new Writer({ format: 'N-Quads' }).quadsToString(made.quads.map((q) => DataFactory.quad(q.subject, q.predicate, q.object, graph))))
    const path = new URL(request).pathname
    return c.json({ request, reply: made.reply.value, position: made.position, status: input.status, replyDate: time.dateTime, answeredBy: datasets.map((d) => d.value) }, 201, { Location: `${path}#reply-${made.position}` })
  })
}

/** POST /request/{id}/replies; mounted with the other write routes (off until a token exists). */
export function requestReplyRoutes(deps: RequestReplyDeps): Hono<WriteEnv> {
  const app = new Hono<WriteEnv>()
  const limit = bodyLimit({ maxSize: deps.maxWriteBytes, onError: () => { throw payloadTooLarge('the reply', deps.maxWriteBytes) } })
  app.post('/request/:id{[^/.]+}/replies', requireToken(deps.verifier, ['write']), limit, (c) => post(deps, c))
  return app
}
