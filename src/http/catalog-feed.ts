/** GET /catalog/changes: the catalogue's change feed (ActivityStreams 2.0), deletions included, oldest first. */
import type { Context } from 'hono'
import type { Quad } from 'n3'
import type { CatalogOptions } from '../catalog/catalog-options.ts'
import type { CatalogService } from '../catalog/catalog-service.ts'
import { feedCollectionJson, feedCollectionQuads, feedPageJson, feedPageQuads, AS_CONTEXT } from '../catalog/change-feed.ts'
import { parseModifiedSince } from '../catalog/modified-since.ts'
import { parsePageNumber, parsePageSize, planPage } from '../catalog/paging.ts'
import { contentTypeOf, type Format } from '../serialize/formats.ts'
import { parseAccept } from '../serialize/negotiate.ts'
import { catalogFormat, linkTo, publicOrigin, singleParameter } from './catalog-request.ts'
import { serializeQuads } from './rdf-document.ts'
import { AS_CONTEXT_PATH } from '../serialize/activitystreams-context.ts'
import { makeForm } from '../records/record-forms.ts'
import { sendForm } from './records-response.ts'
import { readParameters } from './search-request.ts'

/** What the change feed takes; anything else is refused (400 naming it). */
const FEED_PARAMETERS = ['page', 'page_size', 'since', 'format'] as const

const ACTIVITY_JSON = 'application/activity+json'

type Representation = { json: string } | { format: Format }

/**
 * AS2 JSON for `application/activity+json` (asked by name, with no extension or format parameter) and for JSON-LD
 * (with the AS2 profile, RFC 9110 media type parameters); the RDF formats of the table get quads.
 */
function representation(c: Context, extension: string | undefined): Representation {
  const asksActivity = parseAccept(c.req.header('accept') ?? '').some((r) => `${r.type}/${r.subtype}` === ACTIVITY_JSON && r.q > 0)
  if (asksActivity && !extension && singleParameter(c, 'format') === undefined) return { json: ACTIVITY_JSON }
  const format = catalogFormat(c, extension)
  return format.id === 'jsonld' ? { json: `application/ld+json; profile="${AS_CONTEXT}"` } : { format }
}

async function render(c: Context, wanted: Representation, json: () => Record<string, unknown>, quads: () => Quad[]): Promise<Response> {
  const body = 'json' in wanted ? JSON.stringify(json(), null, 1) : await serializeQuads(quads(), wanted.format)
  return sendForm(c, makeForm(body), { contentType: 'json' in wanted ? wanted.json : contentTypeOf(wanted.format), vary: 'Accept' })
}

/** The collection (no `page`) or one page of it; `since` keeps changes seen at or after an ISO 8601 instant. */
export async function serveFeed(c: Context, service: CatalogService, options: CatalogOptions, extension?: string): Promise<Response> {
  readParameters(c, FEED_PARAMETERS)
  const wanted = representation(c, extension)
  const sinceText = singleParameter(c, 'since')
  const since = sinceText !== undefined ? parseModifiedSince(sinceText) : undefined
  const pageText = singleParameter(c, 'page')
  const pageSize = parsePageSize(singleParameter(c, 'page_size'), { defaultSize: options.pageSize, maxSize: options.maxPageSize })
  const all = await service.changes()
  const changes = since === undefined ? all : all.filter((change) => Date.parse(change.at) >= since)
  const origin = publicOrigin(c)
  const url = (page?: number) => linkTo(origin, c.req.path, { page, page_size: pageSize, since: sinceText, format: c.req.query('format') })
  const plan = planPage(changes.length, parsePageNumber(pageText), pageSize)
  const collection = { context: origin + AS_CONTEXT_PATH, collection: url(), first: url(1), last: url(plan.lastPage), totalItems: changes.length }
  if (pageText === undefined) return render(c, wanted, () => feedCollectionJson(collection), () => feedCollectionQuads(collection))
  const page = {
    ...collection,
    self: url(plan.page),
    startIndex: plan.start,
    items: changes.slice(plan.start, plan.end),
    catalog: service.iris.catalog(),
    ...(plan.page > 1 ? { previous: url(plan.page - 1) } : {}),
    ...(plan.page < plan.lastPage ? { next: url(plan.page + 1) } : {}),
  }
  return render(c, wanted, () => feedPageJson(page), () => feedPageQuads(page))
}
