/**
 * All the routes of records, search, pages and the API description as one Hono sub-app over one shared record
 * service and one search index: `app.route('/', createRecordsFamily(deps).app)`. Give it the store the writes go
 * through, wrapped once by observeGraphChanges, so that caches and indexes follow replaceGraphs.
 */
import { Hono } from 'hono'
import type { Logger } from 'pino'
import type { Config } from '../config.ts'
import { createIris } from '../model/iris.ts'
import type { RecordService } from '../records/record-service.ts'
import { createSearchService, type SearchService } from '../records/search-service.ts'
import type { GraphStore } from '../store/types.ts'
import { openApiRoutes } from './openapi.ts'
import { pagesRoutes } from './pages.ts'
import { createDefaultRecordService, recordsRoutes } from './records.ts'
import { searchRoutes } from './search.ts'

export interface RecordsFamilyDeps {
  store: GraphStore
  config: Pick<Config, 'baseIri' | 'queryTimeoutMs'>
  logger: Logger
  shapesDir?: string
}

export interface RecordsFamily {
  app: Hono
  service: RecordService
  search: SearchService
}

export function createRecordsFamily(deps: RecordsFamilyDeps): RecordsFamily {
  const service = createDefaultRecordService(deps)
  const search = createSearchService({ store: deps.store, iris: createIris(deps.config.baseIri) })
  const app = new Hono()
  app.route('/', recordsRoutes({ ...deps, service }))
  app.route('/', searchRoutes({ ...deps, search }))
  app.route('/', pagesRoutes({ ...deps, search }))
  app.route('/', openApiRoutes(deps))
  return { app, service, search }
}
