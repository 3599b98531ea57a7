/**
 * The W3C SPARQL 1.1 Update tests through our HTTP endpoints: each evaluation test starts an empty in-process store
 * behind our app with an admin token, puts the test's initial graphs with the Graph Store Protocol (PUT /store),
 * POSTs the update to /sparql/update, reads every graph back (GET /store, the graph list over /sparql) and compares
 * them by isomorphism with the expected ones. Syntax tests: a positive one must not be refused as a syntax error, a
 * negative one must be answered 400.
 */
import { mkdtempSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { DataFactory, Parser, Writer, type Quad, type Store, type Term } from 'n3'
import { createToken, createTokenVerifier } from '../../src/auth/tokens.ts'
import { createInProcessStore } from '../../src/store/in-process.ts'
import { readSuiteFile, type TestCase } from './conformance-manifest.ts'
import { compareGraphs } from './conformance-results.ts'
import type { Outcome } from './conformance-runner.ts'
import { buildApp } from './support.ts'

const MF = 'http://www.w3.org/2001/sw/DataAccess/tests/test-manifest#'
const UT = 'http://www.w3.org/2009/sparql/tests/test-update#'
const RDFS = 'http://www.w3.org/2000/01/rdf-schema#'

interface GraphState { data: string[]; graphs: { file: string; name: string }[] }

function stateOf(store: Store, node: Term | undefined): GraphState {
  if (!node) return { data: [], graphs: [] }
  return {
    data: store.getObjects(node, `${UT}data`, null).map((d) => d.value),
    graphs: store.getObjects(node, `${UT}graphData`, null).map((g) => ({
      file: store.getObjects(g, `${UT}graph`, null)[0]!.value,
      name: store.getObjects(g, `${RDFS}label`, null)[0]?.value ?? store.getObjects(g, `${UT}graph`, null)[0]!.value,
    })),
  }
}

/** A suite file's triples (relative IRIs against the file's own IRI). */
const triplesOf = (file: string): Quad[] => new Parser({ baseIRI: file }).parse(readSuiteFile(file))

async function setUp() {
  const dir = mkdtempSync(join(tmpdir(), 'ogd-update-suite-'))
  const admin = (await createToken(dir, { scope: 'admin' })).token
  const app = buildApp({ store: createInProcessStore({ nquads: '', unionDefaultGraph: false }), tokens: createTokenVerifier(dir), isUnionDefaultGraph: false, env: { MAX_WRITE_BYTES: String(8 * 1024 * 1024) } })
  return { app, admin }
}

type App = Awaited<ReturnType<typeof setUp>>['app']

async function putGraph(app: App, admin: string, target: string, quads: Quad[]): Promise<void> {
  const body = new Writer({ format: 'N-Triples' }).quadsToString(quads.map((q) => DataFactory.quad(q.subject, q.predicate, q.object)))
  const response = await app.request(`/store?${target}`, { method: 'PUT', headers: { authorization: `Bearer ${admin}`, 'content-type': 'application/n-triples' }, body })
  if (response.status >= 300) throw new Error(`setting up ${target}: HTTP ${response.status} ${await response.text()}`)
}

async function getGraph(app: App, target: string): Promise<Quad[]> {
  const response = await app.request(`/store?${target}`, { headers: { accept: 'application/n-triples' } })
  if (response.status === 404) return []
  return new Parser({ format: 'N-Triples' }).parse(await response.text())
}

async function namedGraphs(app: App): Promise<string[]> {
  const response = await app.request('/sparql', { method: 'POST', headers: { 'content-type': 'application/sparql-query', accept: 'application/sparql-results+json' }, body: 'SELECT DISTINCT ?g WHERE { GRAPH ?g { ?s ?p ?o } }' })
  const json = (await response.json()) as { results: { bindings: { g: { value: string } }[] } }
  return json.results.bindings.map((b) => b.g.value).sort()
}

const target = (name: string | null) => (name === null ? 'default' : `graph=${encodeURIComponent(name)}`)

export async function runUpdateEvaluationTest(test: TestCase): Promise<Outcome> {
  const outcome = (status: Outcome['status'], reason?: string): Outcome => ({ id: test.id, dir: test.dir, kind: 'update-evaluation', name: test.name, status, ...(reason ? { reason } : {}) })
  const one = (subject: Term, predicate: string) => test.manifest.getObjects(subject, predicate, null)[0]
  const action = one(test.node, `${MF}action`)!
  const request = one(action, `${UT}request`)!.value
  const before = stateOf(test.manifest, action)
  const after = stateOf(test.manifest, one(test.node, `${MF}result`))
  const { app, admin } = await setUp()
  for (const file of before.data) await putGraph(app, admin, 'default', triplesOf(file))
  for (const graph of before.graphs) await putGraph(app, admin, target(graph.name), triplesOf(graph.file))
  // The update's relative IRIs resolve against its file, as the suite's other runners do.
  const text = `BASE <${request}>\n${readSuiteFile(request)}`
  const response = await app.request('/sparql/update', { method: 'POST', headers: { authorization: `Bearer ${admin}`, 'content-type': 'application/sparql-update' }, body: text })
  if (response.status !== 200) return outcome('fail', `HTTP ${response.status}: ${(await response.text()).slice(0, 200)}`)
  const expectedDefault = after.data.flatMap(triplesOf)
  const defaultDiff = await compareGraphs(expectedDefault, await getGraph(app, 'default'))
  if (defaultDiff) return outcome('fail', `default graph: ${defaultDiff}`)
  const expectedNames = after.graphs.filter((g) => triplesOf(g.file).length > 0).map((g) => g.name).sort()
  const actualNames = await namedGraphs(app)
  if (JSON.stringify(expectedNames) !== JSON.stringify(actualNames)) return outcome('fail', `named graphs ${JSON.stringify(actualNames)}, expected ${JSON.stringify(expectedNames)}`)
  for (const graph of after.graphs) {
    const diff = await compareGraphs(triplesOf(graph.file), await getGraph(app, target(graph.name)))
    if (diff) return outcome('fail', `graph <${graph.name}>: ${diff}`)
  }
  return outcome('pass')
}

export async function runUpdateSyntaxTest(test: TestCase): Promise<Outcome> {
  const outcome = (status: Outcome['status'], reason?: string): Outcome => ({ id: test.id, dir: test.dir, kind: 'update-syntax', name: test.name, status, ...(reason ? { reason } : {}) })
  const isPositive = test.type.includes('Positive')
  const { app, admin } = await setUp()
  const response = await app.request('/sparql/update', { method: 'POST', headers: { authorization: `Bearer ${admin}`, 'content-type': 'application/sparql-update' }, body: readSuiteFile(test.query!) })
  const detail = response.status === 200 ? '' : (((await response.json()) as { detail?: string }).detail ?? '')
  // A positive test may still fail when run (DROP of a graph that does not exist, LOAD refused): that is not a syntax error.
  const isSyntaxError = response.status === 400 && /does not parse|^the update failed, nothing was changed: (?:error at|Parser error)/i.test(detail)
  if (isPositive) return isSyntaxError || response.status >= 500 ? outcome('fail', `HTTP ${response.status}: ${detail.slice(0, 200)}`) : outcome('pass')
  return response.status === 400 ? outcome('pass') : outcome('fail', `HTTP ${response.status}, expected 400`)
}
