/** The W3C SPARQL 1.1 Protocol tests (protocol/manifest.ttl, HTTP-in-RDF) replayed against our app in-process. */
import { mkdtempSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import type { Store, Term } from 'n3'
import { createToken, createTokenVerifier } from '../../src/auth/tokens.ts'
import { listItems, protocolGraphData, readTestCases, type TestCase } from './conformance-manifest.ts'
import { parseSrj, parseSrx } from './conformance-results.ts'
import { createWritableSuiteStore, type Outcome } from './conformance-runner.ts'
import { buildApp } from './support.ts'

const HT = 'http://www.w3.org/2011/http#'
const CNT = 'http://www.w3.org/2011/content#'
const MF = 'http://www.w3.org/2001/sw/DataAccess/tests/test-manifest#'
const HTS = 'http://www.w3.org/2011/http-statusCodes#'

interface ProtocolRequest {
  method: string
  path: string
  headers: Record<string, string>
  body?: Uint8Array
  expectedStatusClasses: number[]
  expectedFormat?: string
  expectedBoolean?: boolean
}

const FORMAT_TYPES: Record<string, string[]> = {
  boolean: ['application/sparql-results+json', 'application/sparql-results+xml'],
  tabular: ['application/sparql-results+json', 'application/sparql-results+xml', 'text/csv', 'text/tab-separated-values'],
  RDF: ['application/rdf+xml', 'text/turtle', 'application/n-triples', 'application/n-quads', 'application/trig', 'application/ld+json'],
}

/** UTF-8, or UTF-16 (with a byte-order mark) when the manifest says so. */
function encode(chars: string, encoding: string): Uint8Array {
  if (/utf-?16/i.test(encoding)) return new Uint8Array(Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from(chars, 'utf16le')]))
  return new TextEncoder().encode(chars)
}

function readRequests(store: Store, test: TestCase): ProtocolRequest[] {
  const one = (subject: Term, predicate: string) => store.getObjects(subject, predicate, null)[0]
  const action = one(test.node, `${MF}action`)!
  return store.getObjects(action, `${HT}requests`, null).flatMap((head) => listItems(store, head)).map((request) => {
    const headers = Object.fromEntries(store.getObjects(request, `${HT}headers`, null).flatMap((h) => listItems(store, h))
      .map((header) => [one(header, `${HT}fieldName`)!.value, one(header, `${HT}fieldValue`)!.value]))
    const body = one(request, `${HT}body`)
    const response = one(request, `${HT}resp`)!
    const expectedBoolean = one(response, `${MF}expectedBoolean`)
    return {
      method: one(request, `${HT}methodName`)!.value,
      // The suite addresses the endpoint as /sparql/; ours is /sparql.
      path: one(request, `${HT}absolutePath`)!.value.replace(/^\/sparql\/?/, '/sparql'),
      headers,
      ...(body ? { body: encode(one(body, `${CNT}chars`)!.value, one(body, `${CNT}characterEncoding`)?.value ?? 'UTF-8') } : {}),
      expectedStatusClasses: store.getObjects(response, `${MF}expectedStatus`, null).map((s) => Number(s.value.slice(HTS.length).match(/StatusCode(\d)xx/)?.[1])),
      expectedFormat: one(response, `${MF}expectedFormat`)?.value,
      ...(expectedBoolean ? { expectedBoolean: expectedBoolean.value === 'true' } : {}),
    }
  })
}

async function checkResponse(request: ProtocolRequest, response: Response): Promise<string | undefined> {
  const statusClass = Math.floor(response.status / 100)
  if (!request.expectedStatusClasses.includes(statusClass)) return `HTTP ${response.status}, expected ${request.expectedStatusClasses.map((c) => `${c}xx`).join(' or ')}: ${(await response.text()).slice(0, 200)}`
  const type = (response.headers.get('content-type') ?? '').split(';')[0]!.trim()
  if (request.expectedFormat && !FORMAT_TYPES[request.expectedFormat]?.includes(type)) return `Content-Type ${type} is not a ${request.expectedFormat} format`
  if (request.expectedBoolean !== undefined) {
    const text = await response.text()
    const result = type.includes('json') ? parseSrj(text) : parseSrx(text)
    if (result.kind !== 'boolean' || result.value !== request.expectedBoolean) return `expected boolean ${request.expectedBoolean}`
  }
  return undefined
}

/**
 * The suite sends queries and updates to one endpoint (/sparql/); ours takes updates at /sparql/update, with an admin
 * token. A POST whose body is an update (application/sparql-update, or a form with update=) goes there.
 */
function routeUpdate(request: ProtocolRequest, admin: string): ProtocolRequest {
  const type = Object.entries(request.headers).find(([name]) => name.toLowerCase() === 'content-type')?.[1] ?? ''
  const body = request.body ? new TextDecoder().decode(request.body) : ''
  const isUpdate = request.method === 'POST' && (/^application\/sparql-update/i.test(type) || (/^application\/x-www-form-urlencoded/i.test(type) && /(?:^|&)update=/.test(body)))
  if (!isUpdate) return request
  return { ...request, path: request.path.replace(/^\/sparql/, '/sparql/update'), headers: { ...request.headers, authorization: `Bearer ${admin}` } }
}

/** Run every protocol test, updates through /sparql/update. */
export async function runProtocolTests(): Promise<Outcome[]> {
  const outcomes: Outcome[] = []
  for (const test of readTestCases('protocol')) {
    const outcome = (status: Outcome['status'], reason?: string) => outcomes.push({ id: test.id, dir: 'protocol', kind: 'protocol', name: test.name, status, ...(reason ? { reason } : {}) })
    const store = createWritableSuiteStore([], protocolGraphData(test))
    const tokens = mkdtempSync(join(tmpdir(), 'ogd-protocol-'))
    const admin = (await createToken(tokens, { scope: 'admin' })).token
    const app = buildApp({ store, isUnionDefaultGraph: false, tokens: createTokenVerifier(tokens) })
    let failure: string | undefined
    for (const original of readRequests(test.manifest, test)) {
      const request = routeUpdate(original, admin)
      const response = await app.request(request.path.replace(/^\/sparql\/update\/?/, '/sparql/update'), { method: request.method, headers: request.headers, ...(request.body ? { body: request.body as unknown as BodyInit } : {}) })
      failure ??= await checkResponse(request, response)
    }
    outcome(failure ? 'fail' : 'pass', failure)
  }
  return outcomes
}
