/**
 * The W3C SPARQL 1.1 Graph Store HTTP Protocol tests (graph-store-protocol/manifest-{direct,indirect}.ttl) through
 * our /store endpoint. Each test is one connection: a list of HTTP requests run in order on an empty store behind our
 * app, each checked for its expected status (one of several), its Content-Type and its body (by isomorphism). The
 * manifests' `/gsp` prefix is our `/store`, their authority `www.example` the request's host; a `Location` answered
 * to a request with `mf:expectedLocation` replaces that template in later paths and bodies.
 */
import { mkdtempSync, readFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { Parser, Store, type Quad, type Term } from 'n3'
import { createToken, createTokenVerifier } from '../../src/auth/tokens.ts'
import { createInProcessStore } from '../../src/store/in-process.ts'
import { listItems, localPath, SUITE_IRI } from './conformance-manifest.ts'
import { compareGraphs } from './conformance-results.ts'
import type { Outcome } from './conformance-runner.ts'
import { buildApp } from './support.ts'

const MF = 'http://www.w3.org/2001/sw/DataAccess/tests/test-manifest#'
const HT = 'http://www.w3.org/2011/http#'
const HTS = 'http://www.w3.org/2011/http-statusCodes#'
const CNT = 'http://www.w3.org/2011/content#'
const RDF = 'http://www.w3.org/1999/02/22-rdf-syntax-ns#'

/** hts: status names to codes; `StatusCodeNxx` is a class. */
const STATUS: Record<string, number> = { OK: 200, Created: 201, NoContent: 204, NotFound: 404, BadRequest: 400 }
const statusMatches = (expected: string, actual: number) => {
  const name = expected.slice(HTS.length)
  const klass = /^StatusCode(\d)xx$/.exec(name)
  return klass ? Math.floor(actual / 100) === Number(klass[1]) : STATUS[name] === actual
}

export interface GspTest { id: string; file: string; name: string; requires: string[]; node: Term; manifest: Store }

export function readGspTests(file: 'manifest-direct.ttl' | 'manifest-indirect.ttl'): GspTest[] {
  const iri = `${SUITE_IRI}graph-store-protocol/${file}`
  const manifest = new Store(new Parser({ baseIRI: iri }).parse(readFileSync(localPath(iri), 'utf8')))
  const top = manifest.getSubjects(`${RDF}type`, `${MF}Manifest`, null)[0]!
  // The listed entries, then any test the manifest defines but does not list (head_non_existing_direct).
  const listed = listItems(manifest, manifest.getObjects(top, `${MF}entries`, null)[0])
  const unlisted = manifest.getSubjects(`${RDF}type`, `${MF}GraphStoreProtocolTest`, null).filter((node) => !listed.some((l) => l.equals(node)))
  return [...listed, ...unlisted].map((node) => ({
    id: node.value.slice(node.value.indexOf('#') + 1),
    file,
    name: manifest.getObjects(node, `${MF}name`, null)[0]?.value ?? node.value,
    requires: manifest.getObjects(node, `${MF}requires`, null).map((r) => r.value.slice(MF.length)),
    node,
    manifest,
  }))
}

const RDF_TYPES: Record<string, 'Turtle' | 'N-Triples' | 'N-Quads'> = { 'text/turtle': 'Turtle', 'application/n-triples': 'N-Triples', 'application/n-quads': 'N-Quads' }

export async function runGspTest(test: GspTest): Promise<Outcome> {
  const outcome = (status: Outcome['status'], reason?: string): Outcome => ({ id: test.id, dir: `graph-store-protocol/${test.file}`, kind: 'graph-store-protocol', name: test.name, status, ...(reason ? { reason } : {}) })
  const m = test.manifest
  const one = (subject: Term, predicate: string) => m.getObjects(subject, predicate, null)[0]
  const action = one(test.node, `${MF}action`)!
  const authority = one(action, `${HT}connectionAuthority`)?.value ?? 'www.example'
  const requests = listItems(m, one(action, `${HT}requests`))
  const dir = mkdtempSync(join(tmpdir(), 'ogd-gsp-suite-'))
  const admin = (await createToken(dir, { scope: 'admin' })).token
  const app = buildApp({ store: createInProcessStore({ nquads: '', unionDefaultGraph: false }), tokens: createTokenVerifier(dir), isUnionDefaultGraph: false })
  const templates = new Map<string, string>()
  const fill = (text: string) => [...templates].reduce((t, [name, value]) => t.replaceAll(name, value), text)
  for (const [i, request] of requests.entries()) {
    const step = `request ${i + 1} (${one(request, `${HT}methodName`)!.value})`
    const method = one(request, `${HT}methodName`)!.value
    const path = fill(one(request, `${HT}absolutePath`)!.value).replace(/^\/gsp/, '/store')
    const headers: Record<string, string> = { authorization: `Bearer ${admin}` }
    for (const header of listItems(m, one(request, `${HT}headers`))) headers[one(header, `${HT}fieldName`)!.value.toLowerCase()] = one(header, `${HT}fieldValue`)!.value
    const body = one(request, `${HT}body`)
    const text = body ? fill(one(body, `${CNT}chars`)!.value) : undefined
    const response = await app.request(`http://${authority}${path}`, { method, headers, ...(text !== undefined ? { body: text } : {}) })
    const expected = one(request, `${HT}resp`)!
    const statuses = m.getObjects(expected, `${MF}expectedStatus`, null).map((s) => s.value)
    const answer = await response.text()
    if (statuses.length > 0 && !statuses.some((s) => statusMatches(s, response.status))) {
      return outcome('fail', `${step} ${path}: HTTP ${response.status}, expected ${statuses.map((s) => s.slice(HTS.length)).join(' or ')}: ${answer.slice(0, 200)}`)
    }
    const location = one(expected, `${MF}expectedLocation`)?.value
    if (location) {
      const value = response.headers.get('location')
      if (!value) return outcome('fail', `${step}: no Location header`)
      templates.set(location, value)
    }
    for (const header of listItems(m, one(expected, `${HT}headers`))) {
      const name = one(header, `${HT}fieldName`)!.value.toLowerCase()
      const want = one(header, `${HT}fieldValue`)!.value.replace(/\s+/g, '').toLowerCase()
      const got = (response.headers.get(name) ?? '').replace(/\s+/g, '').toLowerCase()
      if (got !== want) return outcome('fail', `${step}: ${name} is ${JSON.stringify(response.headers.get(name))}, expected ${JSON.stringify(want)}`)
    }
    const expectedBody = one(expected, `${HT}body`)
    if (expectedBody) {
      const type = (response.headers.get('content-type') ?? '').split(';')[0]!.trim()
      const format = RDF_TYPES[type]
      if (!format) return outcome('fail', `${step}: body as ${type}, which the runner cannot compare`)
      const base = `http://${authority}${path}`
      let actual: Quad[]
      try {
        actual = new Parser({ format, baseIRI: base }).parse(answer)
      } catch (error) {
        return outcome('fail', `${step}: the body does not parse as ${format}: ${(error as Error).message}`)
      }
      const want = new Parser({ format: 'Turtle', baseIRI: base }).parse(fill(one(expectedBody, `${CNT}chars`)!.value))
      const diff = await compareGraphs(want, actual)
      if (diff) return outcome('fail', `${step}: ${diff}`)
    }
  }
  return outcome('pass')
}
