/**
 * Dereferenceable IRIs: every IRI the graph mints under BASE_IRI answers with its document, as HTML for browsers
 * and JSON-LD, Turtle, N-Triples or RDF/XML by Accept or suffix. A Hono sub-app: `app.route('/', recordsRoutes(deps))`.
 */
import { Hono, type Context } from 'hono'
import type { Logger } from 'pino'
import type { Config } from '../config.ts'
import { createIris } from '../model/iris.ts'
import type { RecordDocument } from '../records/record-document.ts'
import type { CachedForm } from '../records/record-cache.ts'
import type { RecordFormat } from '../records/record-forms.ts'
import { createRecordService, type RecordService } from '../records/record-service.ts'
import { contextPath, contextTables, type ContextLanguage } from '../serialize/context.ts'
import { contentTypeOf, formatById } from '../serialize/formats.ts'
import type { GraphStore } from '../store/types.ts'
import { DCAT } from '../vocab/index.ts'
import { createRecordPageRenderer } from '../pages/record-pages.ts'
import { pageSections } from '../pages/sections.ts'
import { AppError } from '../errors.ts'
import { readTombstone, type Tombstone } from '../sync/tombstone.ts'
import { notFound, problemResponse } from './errors.ts'
import { chooseFormat, chooseLanguage, readTarget, requestOrigin, SUFFIXES } from './records-request.ts'
import { sendForm } from './records-response.ts'
import { contextRoutes } from './records-context.ts'
import { redirectLocation, replacementOf } from './records-redirect.ts'
import { shapesRoutes } from './records-shapes.ts'
import { validationRoutes } from './records-validation.ts'

export interface RecordsDeps {
  store: GraphStore
  config: Pick<Config, 'baseIri' | 'queryTimeoutMs'>
  logger: Logger
  /** Shared with the search and page routes so that they read one cache; made here when absent. */
  service?: RecordService
  /** Where the SHACL shapes live (default: the repository's shapes/). */
  shapesDir?: string
}

/** The record IRI patterns of the graph (src/model/iris.ts), as Hono routes; the OpenAPI document lists them too. */
export const RECORD_PATTERNS = [
  '/dataset/:id', '/dataset/:id/distribution/:n', '/dataset/:id/service',
  '/agency/:code', '/agency/unresolved/:name', '/agency/:code/unit/:name', '/agency/:code/change/:to',
  '/law/:pcode', '/law/:pcode/article/:n', '/license/:id', '/license/:id/policy',
  '/request/:id', '/scheme/:name', '/scheme/:name/:code', '/provenance/link/:method', '/graph/:kind', '/catalog/record/:id',
  '/agency/uncoded/:name', '/provenance/source/:key', '/provenance/activity/:key',
] as const

const CONTENT_LANGUAGE: Record<ContextLanguage, string | undefined> = { all: undefined, zh: 'zh-Hant', en: 'en' }

function contentTypeFor(format: RecordFormat): string {
  return format === 'html' ? 'text/html; charset=utf-8' : contentTypeOf(formatById(format))
}

/** Link header: the record's other forms, its canonical IRI, its context, its validation report. */
function linksFor(document: RecordDocument, href: string, contextUrl: string, format: RecordFormat): string {
  const links = [`<${document.iri}>; rel="canonical"`]
  for (const [suffix, type] of [['jsonld', 'application/ld+json'], ['ttl', 'text/turtle'], ['nt', 'application/n-triples'], ['rdf', 'application/rdf+xml'], ['html', 'text/html']] as const) {
    if (suffix !== format) links.push(`<${href}.${suffix}>; rel="alternate"; type="${type}"`)
  }
  if (format === 'jsonld') links.push(`<${contextUrl}>; rel="http://www.w3.org/ns/json-ld#context"; type="application/ld+json"`)
  if (document.kind === 'record' && document.quads.some((q) => q.subject.value === document.iri && q.object.equals(DCAT.Dataset))) {
    links.push(`<${href}/validation>; rel="describedby"; type="application/ld+json"; title="SHACL validation and metadata quality"`)
  }
  return links.join(', ')
}

/** How a route finds its document: by default the record or part at the request's IRI. */
export type ResolveDocument = (service: RecordService, iri: string) => RecordDocument | undefined | Promise<RecordDocument | undefined>

const resolveByIri: ResolveDocument = (service, iri) => service.document(iri)

/** The headers of one variant, made once per form, public origin and path. */
const headerPlans = new WeakMap<CachedForm, Map<string, Record<string, string>>>()

function planHeaders(document: RecordDocument, form: CachedForm, variant: { format: RecordFormat; language: ContextLanguage; href: string; contextUrl: string; hasSuffix: boolean }): Record<string, string> {
  let plans = headerPlans.get(form)
  if (!plans) headerPlans.set(form, (plans = new Map()))
  const key = `${variant.href}|${variant.hasSuffix}`
  let headers = plans.get(key)
  if (headers) return headers
  const { format, language, href, contextUrl, hasSuffix } = variant
  headers = { Link: linksFor(document, href, contextUrl, format) }
  if (!hasSuffix) headers['Content-Location'] = `${href}.${format}`
  const contentLanguage = format === 'jsonld' || format === 'html' ? CONTENT_LANGUAGE[format === 'html' && language === 'all' ? 'zh' : language] : undefined
  if (contentLanguage) headers['Content-Language'] = contentLanguage
  if (plans.size < 16) plans.set(key, headers)
  return headers
}

/** Serve the document at the request's path in the negotiated form. */
/** 410 Gone for a withdrawn record, with its tombstone: what it was, when and why it was withdrawn. */
const goneError = (t: Tombstone) =>
  new AppError('gone', `${t.iri} was withdrawn at ${t.withdrawnAt}: ${t.reason.en}`, {
    identifier: t.identifier ?? '', title: t.title ?? '', withdrawnAt: t.withdrawnAt, reasonZh: t.reason.zh, reasonEn: t.reason.en,
  })

export async function serveRecord(c: Context, service: RecordService, resolve: ResolveDocument = resolveByIri): Promise<Response> {
  const target = readTarget(c.req.url)
  const found = resolve(service, service.iris.base + target.path)
  const document = found instanceof Promise ? await found : found
  if (!document) throw notFound(`${target.path} (no record or resource has this IRI)`)
  const tombstone = document.kind === 'record' ? readTombstone(document.iri, document.quads) : undefined
  if (tombstone) throw goneError(tombstone)
  const replacement = replacementOf(document)
  if (replacement) return c.redirect(redirectLocation(replacement, service.iris.base, requestOrigin(c), target.suffix), 301)
  const format = chooseFormat(c.req.header('accept'), target.suffix)
  const language = chooseLanguage(c, format === 'html')
  const origin = requestOrigin(c)
  const contextUrl = origin + contextPath(language)
  const made = service.form(document, { format, language, origin, contextUrl })
  const form = made instanceof Promise ? await made : made
  // Only a page for people follows Accept-Language; JSON-LD changes with ?lang= alone (part of the URL).
  const isLanguageVariant = format === 'html'
  const vary = target.suffix ? (isLanguageVariant ? 'Accept-Language' : undefined) : isLanguageVariant ? 'Accept, Accept-Language' : 'Accept'
  return sendForm(c, form, {
    contentType: contentTypeFor(format),
    vary,
    modified: document.modified,
    headers: planHeaders(document, form, { format, language, href: origin + target.path, contextUrl, hasSuffix: target.suffix !== undefined }),
    onEncoded: (bytes) => service.cache.grow(document.iri, bytes),
  })
}

/** The service the routes share: records with HTML pages whose sections read across domains. */
export function createDefaultRecordService(deps: RecordsDeps): RecordService {
  const iris = createIris(deps.config.baseIri)
  const tables = contextTables(iris)
  const pageDeps = { store: deps.store, iris, tables, timeoutMs: deps.config.queryTimeoutMs }
  const renderHtml = createRecordPageRenderer(pageDeps, pageSections(iris))
  return createRecordService({ store: deps.store, iris, tables, renderHtml, timeoutMs: deps.config.queryTimeoutMs })
}

export function recordsRoutes(deps: RecordsDeps): Hono {
  const service = deps.service ?? createDefaultRecordService(deps)
  const app = new Hono()
  const handler = (c: Context) => serveRecord(c, service)
  app.route('/', contextRoutes(service))
  app.route('/', validationRoutes(service, deps.shapesDir))
  app.route('/', shapesRoutes(service, deps.shapesDir))
  for (const pattern of RECORD_PATTERNS) app.get(pattern, handler)
  app.get('/ontology', handler)
  for (const suffix of Object.keys(SUFFIXES)) app.get(`/ontology.${suffix}`, handler)
  app.onError((error, c) => problemResponse(c, error, deps.logger))
  return app
}
