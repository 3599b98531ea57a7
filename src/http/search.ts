/**
 * The search API: `/api/datasets`, `/api/agencies`, `/api/laws` — Hydra collections in JSON-LD with facet counts,
 * Chinese full text by character bigrams (臺/台 and full/half width folded). A Hono sub-app: `app.route('/', searchRoutes(deps))`.
 */
import { Hono, type Context } from 'hono'
import type { Logger } from 'pino'
import type { Config } from '../config.ts'
import { createIris, type Iris } from '../model/iris.ts'
import { makeForm } from '../records/record-forms.ts'
import { createSearchService, type SearchService } from '../records/search-service.ts'
import { contextPath } from '../serialize/context.ts'
import { formatById } from '../serialize/formats.ts'
import { negotiate } from '../serialize/negotiate.ts'
import type { GraphStore } from '../store/types.ts'
import { ADMS, DCAT, DCT, ELI, HYDRA, ORG } from '../vocab/index.ts'
import { publicOrigin } from './catalog-request.ts'
import { badRequest, problemResponse } from './errors.ts'
import { sendForm } from './records-response.ts'
import { createFilterReader, readChoice, readDateBound, readPaging, readParameters, readQueryText } from './search-request.ts'
import { agencyMember, datasetMember, hydraCollection, lawMember, pageLinks } from './search-response.ts'
import { REFUSAL_REASON_CODES, REQUEST_STATUSES, requestMember } from './search-request-member.ts'

export interface SearchDeps {
  store: GraphStore
  config: Pick<Config, 'baseIri'>
  logger: Logger
  /** Shared with the pages (home, search, dashboard); made here when absent. */
  search?: SearchService
}

export const DATASET_PARAMETERS = ['q', 'publisher', 'theme', 'format', 'license', 'issued_after', 'issued_before', 'status', 'page', 'page_size'] as const
export const AGENCY_PARAMETERS = ['q', 'level', 'kind', 'status', 'page', 'page_size'] as const
export const LAW_PARAMETERS = ['q', 'kind', 'status', 'agency', 'page', 'page_size'] as const
export const REQUEST_PARAMETERS = ['q', 'agency', 'status', 'reason', 'year', 'page', 'page_size'] as const

/** JSON-LD (also for `application/json`); anything else is 406 naming it. */
const JSONLD = [formatById('jsonld')]

function respond(c: Context, body: Record<string, unknown>, input: Parameters<typeof pageLinks>[0]): Response {
  negotiate(c.req.header('accept'), JSONLD)
  const links = pageLinks(input)
  const link = Object.entries(links).filter(([, url]) => url !== undefined).map(([rel, url]) => `<${url}>; rel="${rel === 'previous' ? 'prev' : rel}"`).join(', ')
  return sendForm(c, makeForm(JSON.stringify(body, null, 1) + '\n'), { contentType: 'application/ld+json', vary: 'Accept', headers: { Link: link, 'Cache-Control': 'public, max-age=30' } })
}

function datasetsHandler(search: SearchService, iris: Iris) {
  const filters = createFilterReader(iris)
  return async (c: Context) => {
    const parameters = readParameters(c, DATASET_PARAMETERS)
    const paging = readPaging(parameters)
    const q = readQueryText(parameters.q)
    const issuedAfter = readDateBound('issued_after', parameters.issued_after)
    const issuedBefore = readDateBound('issued_before', parameters.issued_before)
    const { datasets } = await search.indexes()
    const result = datasets.search({
      q, publisher: filters.publisher(parameters.publisher), theme: filters.theme(parameters.theme), format: filters.format(parameters.format),
      license: filters.license(parameters.license), issuedAfter, issuedBefore, status: filters.metadataStatus(parameters.status),
    }, { offset: paging.offset, limit: paging.pageSize })
    const given = Object.fromEntries(DATASET_PARAMETERS.filter((name) => name !== 'page' && name !== 'page_size').map((name) => [name, parameters[name]]))
    const input = { origin: publicOrigin(c), path: c.req.path, filters: given, paging, total: result.total }
    return respond(c, hydraCollection({
      ...input,
      members: result.members.map((entry) => datasetMember(entry, entry.publisher ? datasets.labels.get(entry.publisher) : undefined)),
      facets: result.facets,
      variables: [['q', HYDRA.freetextQuery.value], ['publisher', DCT.publisher.value], ['theme', DCAT.theme.value], ['format', DCT.format.value],
        ['license', DCT.license.value], ['issued_after', DCT.issued.value], ['issued_before', DCT.issued.value], ['status', iris.ogd.metadataStatus.value]],
      contextUrl: publicOrigin(c) + contextPath('all'),
    }), input)
  }
}

function directoryHandler(search: SearchService, kind: 'agencies' | 'laws', iris: Iris) {
  const filters = createFilterReader(iris)
  const allowed = kind === 'agencies' ? AGENCY_PARAMETERS : LAW_PARAMETERS
  return async (c: Context) => {
    const parameters = readParameters(c, allowed)
    const paging = readPaging(parameters)
    const q = readQueryText(parameters.q)
    const indexes = await search.indexes()
    const wanted = kind === 'agencies'
      ? { level: filters.level(parameters.level), kind: readChoice('kind', parameters.kind, ['coded', 'unit', 'unresolved']), status: readChoice('status', parameters.status, ['active', 'abolished']) }
      : { kind: filters.lawKind(parameters.kind), status: readChoice('status', parameters.status, ['in-force', 'not-in-force']), agency: filters.agency(parameters.agency) }
    const result = indexes[kind].search(q, wanted, { offset: paging.offset, limit: paging.pageSize })
    const given = Object.fromEntries(allowed.filter((name) => name !== 'page' && name !== 'page_size').map((name) => [name, parameters[name]]))
    const input = { origin: publicOrigin(c), path: c.req.path, filters: given, paging, total: result.total }
    const label = (value: string) => indexes.datasets.labels.get(value)?.zh ?? indexes.datasets.labels.get(value)?.en ?? value.replace(/^.*\//, '')
    return respond(c, hydraCollection({
      ...input,
      members: result.members.map(kind === 'agencies' ? agencyMember : lawMember),
      facets: Object.fromEntries(Object.entries(result.facets).map(([name, values]) => [name, values.map((value) => ({ ...value, label: label(value.value) }))])),
      variables: kind === 'agencies'
        ? [['q', HYDRA.freetextQuery.value], ['level', ORG.classification.value], ['kind', ORG.classification.value], ['status', ORG.classification.value]]
        : [['q', HYDRA.freetextQuery.value], ['kind', ELI.type_document.value], ['status', ELI.in_force.value], ['agency', ELI.responsibility_of.value]],
      contextUrl: publicOrigin(c) + contextPath('all'),
    }), input)
  }
}

/** `/api/requests`: the public's dataset requests, by text, assigned agency, reply status, refusal reason and year. */
function requestsHandler(search: SearchService, iris: Iris) {
  const filters = createFilterReader(iris)
  return async (c: Context) => {
    const parameters = readParameters(c, REQUEST_PARAMETERS)
    const paging = readPaging(parameters)
    const q = readQueryText(parameters.q)
    if (parameters.year !== undefined && !/^\d{4}$/.test(parameters.year)) throw badRequest(`year must be four digits (got ${JSON.stringify(parameters.year)})`, { parameter: 'year' })
    const wanted = {
      agency: filters.agency(parameters.agency), status: readChoice('status', parameters.status, REQUEST_STATUSES),
      reason: readChoice('reason', parameters.reason, REFUSAL_REASON_CODES), year: parameters.year,
    }
    const indexes = await search.indexes()
    const result = indexes.requests.search(q, wanted, { offset: paging.offset, limit: paging.pageSize })
    const given = Object.fromEntries(REQUEST_PARAMETERS.filter((name) => name !== 'page' && name !== 'page_size').map((name) => [name, parameters[name]]))
    const input = { origin: publicOrigin(c), path: c.req.path, filters: given, paging, total: result.total }
    const label = (value: string) => indexes.datasets.labels.get(value)?.zh ?? indexes.datasets.labels.get(value)?.en
    const status = (code: string) => iris.concept('request-status', code).value
    const reason = (code: string) => iris.concept('refusal-reason', code).value
    const labelled = (name: string, value: string) => label(name === 'agency' ? value : name === 'status' ? status(value) : name === 'reason' ? reason(value) : '') ?? value.replace(/^.*\//, '')
    return respond(c, hydraCollection({
      ...input,
      members: result.members.map((entry) => requestMember(entry, status, reason)),
      facets: Object.fromEntries(Object.entries(result.facets).map(([name, values]) => [name, values.map((value) => ({ ...value, label: labelled(name, value.value) }))])),
      variables: [['q', HYDRA.freetextQuery.value], ['agency', iris.ogd.assignedTo.value], ['status', ADMS.status.value], ['reason', iris.ogd.refusalReason.value], ['year', iris.ogd.submittedNoLaterThan.value]],
      contextUrl: publicOrigin(c) + contextPath('all'),
    }), input)
  }
}

/**
 * Answers already made, by URL (with the public origin) and index generation: a popular search or a page someone
 * pages through again is sent as it is. Bounded; the oldest goes first.
 */
function cachedAnswers(search: SearchService, handler: (c: Context) => Promise<Response>) {
  const answers = new Map<string, { body: ArrayBuffer; headers: [string, string][] }>()
  return async (c: Context) => {
    const { datasets, agencies, laws, requests } = await search.indexes()
    const request = (name: string) => c.req.header(name) ?? ''
    const key = [datasets.generation, agencies.index.version, laws.index.version, requests.index.version, publicOrigin(c), request('accept'), request('accept-encoding'), c.req.url].join('|')
    const answer = answers.get(key)
    if (answer && !c.req.header('if-none-match') && !c.req.header('if-modified-since')) return new Response(answer.body, { status: 200, headers: answer.headers })
    const response = await handler(c)
    if (response.status !== 200) return response
    const body = await response.arrayBuffer()
    const headers = [...response.headers.entries()]
    answers.set(key, { body, headers })
    if (answers.size > 500) answers.delete(answers.keys().next().value!)
    return new Response(body, { status: 200, headers })
  }
}

export function searchRoutes(deps: SearchDeps): Hono {
  const iris = createIris(deps.config.baseIri)
  const search = deps.search ?? createSearchService({ store: deps.store, iris })
  const app = new Hono()
  app.get('/api/datasets', cachedAnswers(search, datasetsHandler(search, iris)))
  app.get('/api/agencies', cachedAnswers(search, directoryHandler(search, 'agencies', iris)))
  app.get('/api/laws', cachedAnswers(search, directoryHandler(search, 'laws', iris)))
  app.get('/api/requests', cachedAnswers(search, requestsHandler(search, iris)))
  app.onError((error, c) => problemResponse(c, error, deps.logger))
  return app
}
