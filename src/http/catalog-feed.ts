/** GET /catalog/changes: the catalogue's change feed (ActivityStreams 2.0), deletions included, oldest first. */
import type { Context } from 'hono'
import type { CatalogOptions } from '../catalog/catalog-options.ts'
import type { CatalogService } from '../catalog/catalog-service.ts'
import { feedCollectionJson, feedCollectionQuads, feedPageJson, feedPageQuads, AS_CONTEXT } from '../catalog/change-feed.ts'
import { parseModifiedSince } from '../catalog/modified-since.ts'
import { parsePageNumber, parsePageSize, planPage } from '../catalog/paging.ts'
import { contentTypeOf, type Format } from '../serialize/formats.ts'
import { parseAccept } from '../serialize/negotiate.ts'
import { catalogFormat, linkTo, publicOrigin, singleParameter } from './catalog-request.ts'
import { serializeQuads } from './rdf-document.ts'

const ACTIVITY_JSON = 'application/activity+json'

/** AS2 JSON answers `application/activity+json` (when asked by name) and JSON-LD; RDF formats get quads. */
function jsonMediaType(c: Context, format: Format): string | undefined {
  const asksActivity = parseAccept(c.req.header('accept') ?? '').some((r) => `${r.type}/${r.subtype}` === ACTIVITY_JSON && r.q > 0)
  if (asksActivity && !c.req.query('format') && !c.req.path.includes('.')) return ACTIVITY_JSON
  return format.id === 'jsonld' ? `application/ld+json; profile="${AS_CONTEXT}"` : undefined
}

async function render(c: Context, format: Format, json: () => Record<string, unknown>, quads: () => ReturnType<typeof feedPageQuads>) {
  const mediaType = jsonMediaType(c, format)
  if (mediaType) return c.body(JSON.stringify(json(), null, 1), 200, { 'Content-Type': mediaType, Vary: 'Accept' })
  return c.body(await serializeQuads(quads(), format), 200, { 'Content-Type': contentTypeOf(format), Vary: 'Accept' })
}

/** The collection (no `page`) or one page of it; `since` keeps changes seen at or after an ISO 8601 instant. */
export async function serveFeed(c: Context, service: CatalogService, options: CatalogOptions, extension?: string): Promise<Response> {
  const format = catalogFormat(c, extension)
  const sinceText = singleParameter(c, 'since')
  const since = sinceText !== undefined ? parseModifiedSince(sinceText) : undefined
  const pageText = singleParameter(c, 'page')
  const pageSize = parsePageSize(singleParameter(c, 'page_size'), { defaultSize: options.pageSize, maxSize: options.maxPageSize })
  const all = await service.changes()
  const changes = since === undefined ? all : all.filter((change) => Date.parse(change.at) >= since)
  const origin = publicOrigin(c)
  const url = (page?: number) => linkTo(origin, c.req.path, { page, page_size: pageSize, since: sinceText, format: c.req.query('format') })
  const plan = planPage(changes.length, parsePageNumber(pageText), pageSize)
  const collection = { collection: url(), first: url(1), last: url(plan.lastPage), totalItems: changes.length }
  if (pageText === undefined) return render(c, format, () => feedCollectionJson(collection), () => feedCollectionQuads(collection))
  const page = {
    ...collection,
    self: url(plan.page),
    startIndex: plan.start,
    items: changes.slice(plan.start, plan.end),
    catalog: service.iris.catalog(),
    ...(plan.page > 1 ? { previous: url(plan.page - 1) } : {}),
    ...(plan.page < plan.lastPage ? { next: url(plan.page + 1) } : {}),
  }
  return render(c, format, () => feedPageJson(page), () => feedPageQuads(page))
}
