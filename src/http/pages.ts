/**
 * Pages for people: `/` (search and headline figures), `/search` (results with facets), `/dashboard` (charts of the
 * catalogue). Read from the search indexes; no script. A Hono sub-app: `app.route('/', pagesRoutes(deps))`.
 */
import { Hono, type Context } from 'hono'
import type { Logger } from 'pino'
import type { Config } from '../config.ts'
import { createIris, type Iris } from '../model/iris.ts'
import { computeCatalogStats } from '../records/catalog-stats.ts'
import { createDashboardData } from '../records/dashboard-data.ts'
import { makeForm } from '../records/record-forms.ts'
import { createSearchService, type SearchService } from '../records/search-service.ts'
import { renderDashboardPage, renderHomePage, renderSearchPage, type PageContext } from '../pages/site-pages.ts'
import { computeRequestStats } from '../records/request-stats.ts'
import { renderRequestDashboard } from '../pages/request-dashboard.ts'
import type { GraphStore } from '../store/types.ts'
import { publicOrigin } from './catalog-request.ts'
import { problemResponse } from './errors.ts'
import { chooseLanguage } from './records-request.ts'
import { sendForm } from './records-response.ts'
import { searchUrl } from './search-response.ts'
import { DATASET_PARAMETERS } from './search.ts'
import { createFilterReader, readDateBound, readPaging, readParameters, readQueryText } from './search-request.ts'

export interface PagesDeps {
  store: GraphStore
  config: Pick<Config, 'baseIri'>
  logger: Logger
  /** The same search service as the API's, so both read one index. */
  search?: SearchService
}

const HTML = 'text/html; charset=utf-8'

function contextOf(c: Context, iris: Iris): PageContext {
  return { origin: publicOrigin(c), base: iris.base, language: chooseLanguage(c) === 'en' ? 'en' : 'zh' }
}

const send = (c: Context, page: string) => sendForm(c, makeForm(page), { contentType: HTML, vary: 'Accept-Language', headers: { 'Cache-Control': 'public, max-age=30' } })

function searchPage(search: SearchService, iris: Iris) {
  const filters = createFilterReader(iris)
  return async (c: Context) => {
    const parameters = readParameters(c, [...DATASET_PARAMETERS, 'lang'])
    const paging = readPaging(parameters)
    const q = readQueryText(parameters.q)
    const { datasets } = await search.indexes()
    const results = datasets.search({
      q, publisher: filters.publisher(parameters.publisher), theme: filters.theme(parameters.theme), format: filters.format(parameters.format),
      license: filters.license(parameters.license), issuedAfter: readDateBound('issued_after', parameters.issued_after), issuedBefore: readDateBound('issued_before', parameters.issued_before),
    }, { offset: paging.offset, limit: paging.pageSize })
    const context = contextOf(c, iris)
    const given = Object.fromEntries(DATASET_PARAMETERS.filter((name) => name !== 'page').map((name) => [name, parameters[name]]))
    const urlWith = (changes: Record<string, string | number | undefined>) => searchUrl(context.origin, '/search', { ...given, lang: parameters.lang, ...changes })
    return send(c, renderSearchPage(context, { q, filters: given, results, page: paging.page, pageSize: paging.pageSize, urlWith }))
  }
}

export function pagesRoutes(deps: PagesDeps): Hono {
  const iris = createIris(deps.config.baseIri)
  const search = deps.search ?? createSearchService({ store: deps.store, iris })
  const dashboard = createDashboardData(deps.store, iris.base)
  const app = new Hono()
  app.get('/', async (c) => {
    readParameters(c, ['lang'])
    const context = contextOf(c, iris)
    return send(c, renderHomePage(context, computeCatalogStats(await search.indexes(), iris, context.language)))
  })
  app.get('/search', searchPage(search, iris))
  app.get('/dashboard', async (c) => {
    readParameters(c, ['lang'])
    const context = contextOf(c, iris)
    const indexes = await search.indexes()
    return send(c, renderDashboardPage(context, computeCatalogStats(indexes, iris, context.language), await dashboard(), renderRequestDashboard(context, computeRequestStats(indexes, iris, context.language))))
  })
  app.onError((error, c) => problemResponse(c, error, deps.logger))
  return app
}
