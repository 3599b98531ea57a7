/** The record, search and page routes on a bare Hono app, mounted as createApp would (CORS, problem+json), over a fresh store. */
import { Hono } from 'hono'
import { cors } from 'hono/cors'
import pino from 'pino'
import { notFound, problemResponse } from '../../src/http/errors.ts'
import { recordsRoutes, createDefaultRecordService } from '../../src/http/records.ts'
import { searchRoutes } from '../../src/http/search.ts'
import { openApiRoutes } from '../../src/http/openapi.ts'
import { pagesRoutes } from '../../src/http/pages.ts'
import { createSearchService } from '../../src/records/search-service.ts'
import { createIris } from '../../src/model/iris.ts'
import { observeGraphChanges, type ObservedStore } from '../../src/records/graph-changes.ts'
import { createInProcessStore } from '../../src/store/in-process.ts'
import { BASE, fixtureNQuads } from './fixture-graph.ts'

export interface TestApp {
  app: Hono
  store: ObservedStore
}

export function createRecordsApp(options: { nquads?: string } = {}): TestApp {
  const store = observeGraphChanges(createInProcessStore({ nquads: options.nquads ?? fixtureNQuads() }))
  const logger = pino({ level: 'silent' })
  const deps = { store, config: { baseIri: BASE, queryTimeoutMs: 30_000 }, logger }
  const service = createDefaultRecordService(deps)
  const app = new Hono()
  app.use('*', cors({ origin: '*', allowMethods: ['GET', 'HEAD', 'POST', 'OPTIONS'], allowHeaders: ['Content-Type', 'Accept', 'If-None-Match', 'If-Modified-Since'], maxAge: 86400 }))
  const search = createSearchService({ store, iris: createIris(BASE) })
  app.route('/', recordsRoutes({ ...deps, service }))
  app.route('/', searchRoutes({ ...deps, search }))
  app.route('/', openApiRoutes(deps))
  app.route('/', pagesRoutes({ ...deps, search }))
  app.notFound((c) => problemResponse(c, notFound(c.req.path), logger))
  app.onError((error, c) => problemResponse(c, error, logger))
  return { app, store }
}
