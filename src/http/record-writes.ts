/**
 * PUT and DELETE of a dataset at its own IRI (/dataset/{id}), for agencies' systems: a write token, the record the
 * graph holds as the token's agency's (or a subordinate's, with --include-subordinates), `If-Match` with the ETag of
 * the record as last read (RFC 9110 §13.1.1: 412 when it moved on, 428 without) or `If-None-Match: *` to create.
 * The record passes the same SHACL and quality scoring as a sync before it is written; a refused write changes
 * nothing (no journal entry, no cache dropped).
 */
import { Hono, type Context } from 'hono'
import { bodyLimit } from 'hono/body-limit'
import { DataFactory, Writer, type Quad } from 'n3'
import { isWithinTokenAgency, publishersOf } from '../auth/ownership.ts'
import type { TokenVerifier } from '../auth/tokens.ts'
import { AppError } from '../errors.ts'
import { storedScoreQuads, validationIriOf } from '../records/quality-dqv.ts'
import type { RecordService } from '../records/record-service.ts'
import type { RecordFormat } from '../records/record-forms.ts'
import { contextPath } from '../serialize/context.ts'
import type { GraphStore } from '../store/types.ts'
import { currentGraph, existingGraphs } from '../sync/apply-sync.ts'
import type { RecordGraphs } from '../sync/record-graphs.ts'
import type { SyncContext } from '../sync/sync-context.ts'
import { readTombstone, tombstoneQuads } from '../sync/tombstone.ts'
import { validateRecordGraphs } from '../sync/validate-records.ts'
import { withWriteLock } from '../sync/write-lock.ts'
import { DCT } from '../vocab/index.ts'
import { requireToken, type WriteEnv } from './auth.ts'
import { payloadTooLarge, unsupportedMediaType } from './errors.ts'
import { parseRecordBody, RECORD_BODY_TYPES } from './record-body.ts'
import { requestOrigin } from './records-request.ts'

export interface RecordWriteDeps {
  store: GraphStore
  service: RecordService
  verifier: TokenVerifier
  context: () => Promise<SyncContext>
  maxWriteBytes: number
}

const FORMATS: readonly Exclude<RecordFormat, 'html'>[] = ['jsonld', 'ttl', 'nt', 'rdf']

/** Every ETag a GET of the record may have answered (each form and language; encodings are suffixes of these). */
export async function currentEtags(c: Context, service: RecordService, iri: string): Promise<Set<string>> {
  const document = await service.document(iri)
  if (!document) return new Set()
  const origin = requestOrigin(c)
  const etags = new Set<string>()
  for (const format of FORMATS) {
    for (const language of format === 'jsonld' ? (['all', 'zh', 'en'] as const) : (['all'] as const)) {
      const form = await service.form(document, { format, language, origin, contextUrl: origin + contextPath(language) })
      etags.add(form.etag)
    }
  }
  return etags
}

/** The If-Match values, without weakness (W/) and the content-coding suffix our ETags get (src/http/records-response.ts). */
export const ifMatchValues = (header: string) => header.split(',').map((v) => v.trim().replace(/^W\//, '').replace(/-(?:gzip|br|deflate|zstd)"$/, '"')).filter(Boolean)

async function checkPreconditions(c: Context, service: RecordService, iri: string, isLive: boolean, method: 'PUT' | 'DELETE'): Promise<void> {
  const ifMatch = c.req.header('if-match')
  const ifNoneMatch = c.req.header('if-none-match')
  if (ifNoneMatch !== undefined) {
    if (method !== 'PUT' || ifNoneMatch.trim() !== '*') throw new AppError('bad_request', 'If-None-Match on a write must be "*" (create only if absent)')
    if (isLive) throw new AppError('precondition_failed', `${iri} exists already (If-None-Match: *); to replace it send If-Match with its ETag`)
    return
  }
  if (!isLive) {
    if (method === 'DELETE') throw new AppError('not_found', `${iri} was not found`)
    throw new AppError('precondition_required', `${iri} does not exist: to create it send If-None-Match: *`)
  }
  if (ifMatch === undefined) throw new AppError('precondition_required', `to ${method === 'PUT' ? 'replace' : 'withdraw'} ${iri} send If-Match with the ETag of the record as you last read it (no lost updates)`)
  const values = ifMatchValues(ifMatch)
  if (values.includes('*')) return
  const etags = await currentEtags(c, service, iri)
  if (!values.some((v) => etags.has(v))) throw new AppError('precondition_failed', `${iri} has changed since the ETag ${values.join(', ')} was read: read it again and resend`)
}

async function checkOwnership(deps: RecordWriteDeps, c: Context<WriteEnv>, iri: string, publishers: readonly string[], what: string): Promise<void> {
  const token = c.get('token')
  const { iris } = await deps.context()
  for (const publisher of publishers) {
    if (!(await isWithinTokenAgency(deps.store, iris, token, publisher))) {
      throw new AppError('forbidden', `${what} ${iri} is published by ${publisher}; token ${token.id} may write only records of agency ${token.agency ?? '(none)'}${token.includeSubordinates ? ' and its subordinates' : ''}`)
    }
  }
}

function contentTypeOf(c: Context): string {
  const mediaType = c.req.header('content-type')?.split(';')[0]?.trim().toLowerCase()
  if (!mediaType || !(RECORD_BODY_TYPES as readonly string[]).includes(mediaType)) throw unsupportedMediaType(mediaType, RECORD_BODY_TYPES)
  return mediaType
}

async function put(deps: RecordWriteDeps, c: Context<WriteEnv>): Promise<Response> {
  const id = c.req.param('id')!
  const context = await deps.context()
  const iri = context.iris.dataset(id).value
  const mediaType = contentTypeOf(c)
  const body = await c.req.text()
  const graphs: RecordGraphs = await parseRecordBody(body, mediaType, id, iri, { origin: requestOrigin(c), tables: deps.service.tables, context: deps.context })
  const newPublishers = graphs.own.filter((q) => q.subject.value === iri && q.predicate.equals(DCT.publisher)).map((q) => q.object.value)
  if (newPublishers.length === 0) throw new AppError('invalid_data', `the record names no dct:publisher: who publishes ${iri}?`)
  return withWriteLock(deps.store, async () => {
    const current = await currentGraph(deps.store, iri)
    const isLive = current.length > 0 && !readTombstone(iri, current)
    await checkPreconditions(c, deps.service, iri, isLive, 'PUT')
    if (isLive) await checkOwnership(deps, c, iri, await publishersOf(deps.store, iri), 'the record')
    await checkOwnership(deps, c, iri, newPublishers, 'the new record')
    const validation = (await validateRecordGraphs([graphs], deps.store, context)).get(iri)!
    const violations = validation.issues.filter((i) => i.severity === 'Violation')
    if (violations.length > 0) {
      throw new AppError('invalid_data', `the record fails SHACL with ${violations.length} violation(s); nothing was written`, {
        violations: violations.map((v) => `${v.path ?? '(node)'} of ${v.focusNode}: ${v.message.zh} / ${v.message.en}`),
      })
    }
    const out = new Map<string, Quad[]>([[iri, graphs.own], [validationIriOf(iri).value, storedScoreQuads(iri, validation.score, validationIriOf(iri))]])
    const present = await existingGraphs(deps.store, [...graphs.agents.keys()])
    for (const [graph, quads] of graphs.agents) if (!present.has(graph)) out.set(graph, quads)
    await replace(deps.store, out)
    return c.body(null, isLive ? 204 : 201, isLive ? {} : { Location: new URL(c.req.url).pathname })
  })
}

async function replace(store: GraphStore, graphs: Map<string, Quad[]>): Promise<void> {
  const quads = [...graphs.entries()].flatMap(([graph, list]) => list.map((q) => DataFactory.quad(q.subject, q.predicate, q.object, DataFactory.namedNode(graph))))
  await store.replaceGraphs([...graphs.keys()].sort(), new Writer({ format: 'N-Quads' }).quadsToString(quads))
}

async function remove(deps: RecordWriteDeps, c: Context<WriteEnv>): Promise<Response> {
  const id = c.req.param('id')!
  const { iris } = await deps.context()
  const iri = iris.dataset(id).value
  return withWriteLock(deps.store, async () => {
    const current = await currentGraph(deps.store, iri)
    const tombstone = readTombstone(iri, current)
    if (tombstone) throw new AppError('gone', `${iri} was withdrawn at ${tombstone.withdrawnAt}`)
    await checkPreconditions(c, deps.service, iri, current.length > 0, 'DELETE')
    await checkOwnership(deps, c, iri, await publishersOf(deps.store, iri), 'the record')
    const token = c.get('token')
    const title = current.find((q) => q.subject.value === iri && q.predicate.equals(DCT.title) && q.object.termType === 'Literal' && q.object.language.startsWith('zh'))?.object.value
    const reason = { zh: `由機關以權杖 ${token.id} 下架（DELETE）`, en: `withdrawn by its agency with token ${token.id} (DELETE)` }
    await replace(deps.store, new Map([[iri, tombstoneQuads({ iri, identifier: id, title, withdrawnAt: new Date().toISOString(), reason })], [validationIriOf(iri).value, []]]))
    return c.body(null, 204)
  })
}

/** The write routes of /dataset/{id}; mount before the read routes (they answer GET only). */
export function recordWriteRoutes(deps: RecordWriteDeps): Hono<WriteEnv> {
  const app = new Hono<WriteEnv>()
  const limit = bodyLimit({ maxSize: deps.maxWriteBytes, onError: () => { throw payloadTooLarge('the record', deps.maxWriteBytes) } })
  const auth = requireToken(deps.verifier, ['write'])
  app.put('/dataset/:id{[^/.]+}', auth, limit, (c) => put(deps, c))
  app.delete('/dataset/:id{[^/.]+}', auth, (c) => remove(deps, c))
  return app
}
