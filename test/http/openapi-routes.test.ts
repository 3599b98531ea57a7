/**
 * /openapi.json describes every route the app serves, each operation with a unique operationId, a summary, tags and
 * a 4xx answer, and passes Redocly's recommended rules (the real @redocly/cli, run on the document we serve).
 */
import { execFileSync } from 'node:child_process'
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import type { Hono } from 'hono'
import { openApiPath } from '../../src/http/openapi-document.ts'
import { createInProcessStore } from '../../src/store/in-process.ts'
import { BASE, fixtureNQuads } from '../records/fixture-graph.ts'
import { buildApp } from './support.ts'

let app: Hono
let document: Record<string, any>
const dir = mkdtempSync(join(tmpdir(), 'openapi-'))
beforeAll(async () => {
  app = buildApp({ store: createInProcessStore({ nquads: await fixtureNQuads() }), env: { BASE_IRI: BASE, TRUST_PROXY: 'loopback' } }) as unknown as Hono
  // As served behind a proxy in production (Redocly warns on a localhost server URL).
  document = await (await app.request('/openapi.json', { headers: { 'x-forwarded-proto': 'https', 'x-forwarded-host': 'opendata-kg.tw' } })).json()
})
afterAll(() => rmSync(dir, { recursive: true, force: true }))

const METHODS = ['get', 'post', 'put', 'patch', 'delete'] as const
const operations = () => Object.entries(document.paths as Record<string, Record<string, any>>)
  .flatMap(([path, item]) => METHODS.filter((method) => item[method]).map((method) => ({ path, method, operation: item[method] })))

/** The GET routes the app has, as OpenAPI paths (the records family's suffix and asset routes aside). */
function appRoutes(): string[] {
  const paths = new Set<string>()
  for (const route of (app as unknown as { routes: { path: string; method: string }[] }).routes) {
    if (route.path === '/*' || route.path.includes('{') || /\.(ttl|rdf|jsonld|nt|html)$/.test(route.path) || route.path.startsWith('/assets')) continue
    if (route.method !== 'GET' && route.method !== 'POST' && route.method !== 'ALL') continue
    // A trailing wildcard (the Graph Store's direct identification, /store/*) is documented as /store and /store/{path}.
    paths.add(openApiPath(route.path.replace(/\/\*$/, '/{path}')))
  }
  return [...paths]
}

describe('/openapi.json covers the app', () => {
  it.each(['/sparql', '/catalog', '/catalog/changes', '/.well-known/void', '/dump.nq.gz', '/health', '/metrics', '/queries', '/queries/{name}', '/api/datasets', '/dataset/{id}', '/openapi.json', '/', '/dashboard'])('describes %s', (path) => {
    expect(document.paths[path], path).toBeDefined()
  })

  it('describes every route the app serves', () => {
    const missing = appRoutes().filter((path) => !document.paths[path] && !document.paths[path.replace(/\/\{document\}$/, '/validation')])
    expect(missing).toEqual([])
  })

  it('SPARQL is described for GET and POST', () => {
    expect(document.paths['/sparql'].get.operationId).toBeTruthy()
    expect(Object.keys(document.paths['/sparql'].post.requestBody.content)).toEqual(['application/x-www-form-urlencoded', 'application/sparql-query'])
  })
})

describe('every operation is ready for client generators', () => {
  it('has an operationId, unique and URL-safe', () => {
    const ids = operations().map(({ operation }) => operation.operationId)
    expect(ids.every((id) => typeof id === 'string' && /^[A-Za-z][A-Za-z0-9]*$/.test(id))).toBe(true)
    expect(new Set(ids).size).toBe(ids.length)
  })

  it('has a summary, a declared tag, a 2xx and a 4xx response', () => {
    const tags = new Set((document.tags as { name: string }[]).map((tag) => tag.name))
    for (const { path, method, operation } of operations()) {
      const where = `${method} ${path}`
      expect(operation.summary, where).toBeTruthy()
      expect(operation.tags?.every((tag: string) => tags.has(tag)), where).toBe(true)
      const codes = Object.keys(operation.responses)
      expect(codes.some((code) => code.startsWith('2')), where).toBe(true)
      expect(codes.some((code) => code.startsWith('4')), where).toBe(true)
    }
  })

  it('declares every path parameter it uses', () => {
    for (const { path, operation } of operations()) {
      const declared = (operation.parameters ?? []).filter((p: any) => p.in === 'path').map((p: any) => p.name)
      expect(declared, path).toEqual([...path.matchAll(/\{(\w+)\}/g)].map((m) => m[1]))
    }
  })

  it('passes Redocly CLI lint with the recommended rules', () => {
    const file = join(dir, 'openapi.json')
    writeFileSync(file, JSON.stringify(document))
    const redocly = join(import.meta.dirname, '../../node_modules/.bin/redocly')
    // Exit status 0 (no error); the JSON report lists the warnings too. No telemetry, no update check (no network).
    const env = { ...process.env, REDOCLY_TELEMETRY: 'off', REDOCLY_SUPPRESS_UPDATE_NOTICE: 'true' }
    const output = execFileSync(redocly, ['lint', file, '--extends=recommended', '--format=json'], { encoding: 'utf8', env, stdio: ['ignore', 'pipe', 'ignore'] })
    const report = JSON.parse(output)
    expect(report.problems).toEqual([])
    expect(report.totals).toMatchObject({ errors: 0, warnings: 0 })
  }, 60_000)
})
