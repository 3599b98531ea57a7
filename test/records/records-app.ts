/** The records family mounted on a bare Hono app as createApp would mount it (CORS, problem+json), over a fresh store. */
import { Hono } from 'hono'
import { cors } from 'hono/cors'
import pino from 'pino'
import { notFound, problemResponse } from '../../src/http/errors.ts'
import { forwarding } from '../../src/http/forwarding.ts'
import { createRecordsFamily } from '../../src/http/records-family.ts'
import { observeGraphChanges, type ObservedStore } from '../../src/records/graph-changes.ts'
import { createInProcessStore } from '../../src/store/in-process.ts'
import { BASE, fixtureNQuads } from './fixture-graph.ts'

export interface TestApp {
  app: Hono
  store: ObservedStore
}

/** `trustProxy` as TRUST_PROXY (default: none trusted, as createApp); tests of links behind a proxy pass 'true'. */
export async function createRecordsApp(options: { nquads?: string; trustProxy?: string } = {}): Promise<TestApp> {
  const store = observeGraphChanges(createInProcessStore({ nquads: options.nquads ?? await fixtureNQuads() }))
  const logger = pino({ level: 'silent' })
  const app = new Hono()
  app.use('*', forwarding({ trustProxy: options.trustProxy ?? '' }))
  app.use('*', cors({ origin: '*', allowMethods: ['GET', 'HEAD', 'POST', 'OPTIONS'], allowHeaders: ['Content-Type', 'Accept', 'If-None-Match', 'If-Modified-Since'], maxAge: 86400 }))
  app.route('/', createRecordsFamily({ store, config: { baseIri: BASE, queryTimeoutMs: 30_000 }, logger }).app)
  app.notFound((c) => problemResponse(c, notFound(c.req.path), logger))
  app.onError((error, c) => problemResponse(c, error, logger))
  return { app, store }
}
