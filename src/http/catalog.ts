/**
 * GET /catalog (and .ttl .rdf .jsonld .nt): the DCAT-AP catalogue in Hydra pages pinned to a version, by profile;
 * GET /catalog/changes: its change feed. A Hono sub-app: mount with `app.route('/', catalogRoutes(deps))`.
 */
import { Hono, type Context } from 'hono'
import type { Logger } from 'pino'
import type { Config } from '../config.ts'
import { DataFactory } from 'n3'
import { createIris, type Iris } from '../model/iris.ts'
import { completeGraphRowsQuery } from '../catalog/catalog-queries.ts'
import { createPriorGraphs, recordGraphReader, type PriorGraphs } from '../catalog/prior-graphs.ts'
import { isValidationIri } from '../records/quality-dqv.ts'
import { DEFAULT_CATALOG_OPTIONS, type CatalogOptions } from '../catalog/catalog-options.ts'
import { CatalogVersionGone, createCatalogService, type CatalogService } from '../catalog/catalog-service.ts'
import { parseModifiedSince } from '../catalog/modified-since.ts'
import { parsePageNumber, parsePageSize } from '../catalog/paging.ts'
import { negotiateProfile, profileFromParameter } from '../catalog/profiles.ts'
import { createFileArchive } from '../catalog/version-archive.ts'
import { contentTypeOf } from '../serialize/formats.ts'
import { writePagedDocument } from '../serialize/hydra-page.ts'
import { isObservedStore, type ObservedStore } from '../records/graph-changes.ts'
import type { GraphStore } from '../store/types.ts'
import { serveFeed } from './catalog-feed.ts'
import { renderCatalogHtml } from './catalog-html.ts'
import { CATALOG_FORMATS, catalogFormat, linkTo, publicOrigin, singleParameter } from './catalog-request.ts'
import { problemResponse } from './errors.ts'
import { makeForm } from '../records/record-forms.ts'
import { prefersHtml } from '../serialize/negotiate.ts'
import { chooseLanguage } from './records-request.ts'
import { sendForm } from './records-response.ts'
import { readParameters } from './search-request.ts'

export interface CatalogDeps {
  store: GraphStore
  config: Pick<Config, 'baseIri' | 'queryTimeoutMs'>
  logger: Logger
  options?: Partial<CatalogOptions>
  /** The store's write counter (default: the store's generation() or, on an observed store, its writes; else refreshMs). */
  generation?: () => number | undefined
}

const EXTENSIONS = ['ttl', 'rdf', 'jsonld', 'nt'] as const

/** What a catalogue page takes; anything else is refused (400 naming it), as /api/datasets does: a typo must not pass. */
export const CATALOG_PARAMETERS = ['page', 'page_size', 'modified_since', 'profile', 'format', 'version', 'lang'] as const


/**
 * How the catalogue learns that the store changed: its generation() counter when it has one, else a counter of the
 * writes an observed store (createApp wraps every store so) reports; undefined leaves it to refreshMs.
 */
function storeGeneration(store: GraphStore): (() => number | undefined) | undefined {
  const candidate = (store as unknown as { generation?: unknown }).generation
  if (typeof candidate === 'function') return () => (candidate as () => number).call(store)
  if (typeof candidate === 'number') return () => (store as unknown as { generation: number }).generation
  if (!isObservedStore(store)) return undefined
  let writes = 0
  store.onGraphsReplaced(() => void writes++)
  return () => writes
}

/** The query parameters a page link keeps from the request (the version is set per link). */
function keptParameters(c: Context) {
  return {
    page_size: singleParameter(c, 'page_size'),
    modified_since: singleParameter(c, 'modified_since'),
    profile: singleParameter(c, 'profile'),
    format: singleParameter(c, 'format'),
  }
}

async function servePage(c: Context, service: CatalogService, options: CatalogOptions, extension?: string): Promise<Response> {
  readParameters(c, CATALOG_PARAMETERS)
  // A browser (text/html first, no extension or format named) gets the page as HTML; a harvester gets RDF.
  const isHtml = !extension && singleParameter(c, 'format') === undefined && prefersHtml(c.req.header('accept'), CATALOG_FORMATS)
  const format = isHtml ? CATALOG_FORMATS[0]! : catalogFormat(c, extension)
  const kept = keptParameters(c)
  const profile = kept.profile !== undefined ? profileFromParameter(kept.profile) : negotiateProfile(c.req.header('accept-profile'))
  const pageSize = parsePageSize(kept.page_size, { defaultSize: options.pageSize, maxSize: options.maxPageSize })
  const modifiedSince = kept.modified_since !== undefined ? parseModifiedSince(kept.modified_since) : undefined
  const origin = publicOrigin(c)
  // Links always carry page_size: a harvest keeps its page boundaries even if the default changes meanwhile.
  const urlOf = (page: number, version: string) => linkTo(origin, c.req.path, { page, ...kept, page_size: pageSize, version })
  const result = await service.page({ token: singleParameter(c, 'version'), page: parsePageNumber(singleParameter(c, 'page')), pageSize, modifiedSince, profile, urlOf })
  const { plan } = result
  const links = [`<${profile.iri}>; rel="profile"`, `<${urlOf(1, result.version.token)}>; rel="first"`, `<${urlOf(plan.lastPage, result.version.token)}>; rel="last"`]
  if (plan.page > 1) links.push(`<${urlOf(plan.page - 1, result.version.token)}>; rel="prev"`)
  if (plan.page < plan.lastPage) links.push(`<${urlOf(plan.page + 1, result.version.token)}>; rel="next"`)
  const body = isHtml
    ? renderCatalogHtml({
      result, profile, origin, base: service.iris.base, language: chooseLanguage(c) === 'en' ? 'en' : 'zh',
      urlOf: (page, extra = {}) => linkTo(origin, c.req.path, { page, ...kept, page_size: pageSize, version: result.version.token, ...extra }),
    })
    : writePagedDocument(result.document, format)
  // As records and /api: a validator (the body's hash), the data's date, a short freshness, compression.
  return sendForm(c, makeForm(body), {
    contentType: isHtml ? 'text/html; charset=utf-8' : contentTypeOf(format),
    vary: isHtml ? 'Accept, Accept-Profile, Accept-Language' : 'Accept, Accept-Profile',
    modified: new Date(result.version.modified),
    headers: { 'Content-Profile': `<${profile.iri}>`, Link: links.join(', ') },
  })
}

/** 410 Gone as problem+json (RFC 9457), with the URL to restart from. */
function goneResponse(c: Context, error: CatalogVersionGone): Response {
  const { page_size, modified_since, profile, format } = Object.fromEntries(['page_size', 'modified_since', 'profile', 'format'].map((k) => [k, c.req.query(k)]))
  const restart = linkTo(publicOrigin(c), c.req.path, { page_size, modified_since, profile, format })
  const body = { type: 'about:blank', title: 'Gone', status: 410, code: 'gone', detail: error.message, version: error.token, restart }
  return c.body(JSON.stringify(body), 410, { 'Content-Type': 'application/problem+json', Link: `<${restart}>; rel="first"` })
}

/**
 * Earlier record content for pinned harvests, when this server sees every write (an observed store that lets its
 * writes be intercepted); a store written by others too leaves pinned pages on today's records.
 */
function pinnedContent(store: GraphStore, iris: Iris, options: CatalogOptions, timeoutMs: number | undefined): PriorGraphs | undefined {
  if (!isObservedStore(store) || !store.interceptWrites) return undefined
  const status = iris.ogd.metadataStatus
  const complete = iris.concept('metadata-status', 'complete')
  const prior = createPriorGraphs({
    readGraphs: recordGraphReader(store, (graphs) => completeGraphRowsQuery(graphs.map((g) => DataFactory.namedNode(g)), status, complete), timeoutMs),
    isRecordGraph: (graph) => graph.startsWith(`${iris.base}/dataset/`) && !isValidationIri(graph),
    holdMs: options.retainMs,
    maxBytes: options.priorMaxBytes,
  })
  store.interceptWrites((graphs, write) => prior.around(graphs, write))
  return prior
}

/** The catalogue routes, and the read a server does ahead of its first harvester. */
export type CatalogRoutes = Hono & {
  /** Read the member list now (the first page of a large catalogue reads all of it: 500,000 members take tens of seconds). */
  warm(): Promise<void>
}

/** The catalogue routes over `deps.store`; the service (versions, change log) is made on first use, or by warm(). */
export function catalogRoutes(deps: CatalogDeps): CatalogRoutes {
  const options: CatalogOptions = { ...DEFAULT_CATALOG_OPTIONS, ...deps.options }
  let service: Promise<CatalogService> | undefined
  const iris = createIris(deps.config.baseIri)
  const prior = pinnedContent(deps.store, iris, options, deps.config.queryTimeoutMs)
  const getService = () =>
    (service ??= createCatalogService({
      ...(prior ? { prior } : {}),
      store: deps.store,
      iris,
      limits: { defaultSize: options.pageSize, maxSize: options.maxPageSize },
      retainMs: options.retainMs,
      maxVersions: options.maxVersions,
      refreshMs: options.refreshMs,
      generation: deps.generation ?? storeGeneration(deps.store),
      ...(isObservedStore(deps.store) ? { onGraphsReplaced: (listener: (graphs: readonly string[]) => void) => (deps.store as ObservedStore).onGraphsReplaced(listener) } : {}),
      timeoutMs: deps.config.queryTimeoutMs,
      onRefreshError: (error) => deps.logger.error({ err: error }, 'catalogue refresh failed; still answering from the previous read'),
      ...(options.stateDir ? { archive: createFileArchive(options.stateDir) } : {}),
    }).catch((error: unknown) => {
      service = undefined
      throw error
    }))
  const app = new Hono()
  const page = (extension?: string) => async (c: Context) => servePage(c, await getService(), options, extension)
  const feed = (extension?: string) => async (c: Context) => serveFeed(c, await getService(), options, extension)
  app.get('/catalog', page())
  app.get('/catalog/changes', feed())
  for (const extension of EXTENSIONS) {
    app.get(`/catalog.${extension}`, page(extension))
    app.get(`/catalog/changes.${extension}`, feed(extension))
  }
  app.onError((error, c) => (error instanceof CatalogVersionGone ? goneResponse(c, error) : problemResponse(c, error, deps.logger)))
  return Object.assign(app, { warm: async () => { await (await getService()).changes() } })
}
