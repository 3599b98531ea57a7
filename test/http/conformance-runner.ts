/** Run W3C SPARQL 1.1 query tests through our HTTP endpoint (`app.request`) and write test/conformance/REPORT.md. */
import { writeFileSync } from 'node:fs'
import { join } from 'node:path'
import { Parser, type Quad } from 'n3'
import oxigraph from 'oxigraph'
import type { GraphStore } from '../../src/store/types.ts'
import { createInProcessStore } from '../../src/store/in-process.ts'
import {
  compareBindings, compareGraphs, parseSrj, parseSrx, parseTextTable, parseTurtleResult, textTableToBindings, type Expected, type Tabular,
} from './conformance-results.ts'
import { localPath, readSuiteFile, SUITE_DIR, type GraphFile, type TestCase } from './conformance-manifest.ts'
import { buildApp, createLocalStore } from './support.ts'

export type Status = 'pass' | 'fail' | 'skip'
export interface Outcome { id: string; dir: string; kind: string; name: string; status: Status; reason?: string }

const RDF_FORMATS: Record<string, string> = { ttl: 'text/turtle', nt: 'application/n-triples', nq: 'application/n-quads', trig: 'application/trig', rdf: 'application/rdf+xml' }
const extensionOf = (iri: string) => iri.slice(iri.lastIndexOf('.') + 1).toLowerCase()

/** A fresh store with standard SPARQL semantics (no union default graph): default data, then named graphs. */
export function createSuiteStore(data: string[], graphData: GraphFile[]): GraphStore & { raw: oxigraph.Store } {
  const store = createLocalStore({ unionDefaultGraph: false })
  const load = (iri: string, graph?: string) => store.raw.load(readSuiteFile(iri), {
    format: RDF_FORMATS[extensionOf(iri)] ?? 'text/turtle',
    base_iri: iri,
    ...(graph ? { to_graph_name: oxigraph.namedNode(graph) } : {}),
  })
  for (const iri of data) load(iri)
  for (const graph of graphData) load(graph.iri, graph.name)
  return store
}

/** The same, writable (updates, Graph Store writes): the in-process store, standard SPARQL semantics. */
export function createWritableSuiteStore(data: string[], graphData: GraphFile[]): GraphStore {
  return createInProcessStore({ nquads: createSuiteStore(data, graphData).raw.dump({ format: 'application/n-quads' }), unionDefaultGraph: false })
}

/** Does the query order its solutions (an ORDER BY outside every group, i.e. at brace depth 0)? */
export function isOrderedQuery(query: string): boolean {
  const stripped = query.replace(/#[^\n]*|"(?:[^"\\]|\\.)*"|'(?:[^'\\]|\\.)*'|<[^<>\s]*>/g, ' ')
  let depth = 0
  for (let i = 0; i < stripped.length; i++) {
    const ch = stripped[i]
    if (ch === '{') depth++
    else if (ch === '}') depth--
    else if (depth === 0 && /^ORDER\s+BY\b/i.test(stripped.slice(i, i + 20))) return true
  }
  return false
}

function readExpected(iri: string): Expected {
  const text = readSuiteFile(iri)
  switch (extensionOf(iri)) {
    case 'srx': return parseSrx(text)
    case 'srj': return parseSrj(text)
    case 'csv': return { kind: 'text-table', syntax: 'csv', ...parseTextTable(text, 'csv') }
    case 'tsv': return { kind: 'text-table', syntax: 'tsv', ...parseTextTable(text, 'tsv') }
    default: return parseTurtleResult(text, iri)
  }
}

function acceptFor(expected: Expected): string {
  if (expected.kind === 'text-table') return expected.syntax === 'csv' ? 'text/csv' : 'text/tab-separated-values'
  return 'application/sparql-results+json, application/n-triples;q=0.9'
}

async function readActual(response: Response, expected: Expected): Promise<Tabular | { kind: 'graph'; quads: Quad[] }> {
  const type = response.headers.get('content-type') ?? ''
  const text = await response.text()
  if (expected.kind === 'text-table') return textTableToBindings(parseTextTable(text, expected.syntax), expected.syntax)
  if (type.startsWith('application/sparql-results+json')) return parseSrj(text)
  return { kind: 'graph', quads: new Parser({ format: 'N-Triples' }).parse(text) }
}

/** Compare one answer with the expected result; undefined when they agree. */
async function compare(expected: Expected, response: Response, query: string): Promise<string | undefined> {
  const actual = await readActual(response, expected)
  const want: Expected = expected.kind === 'text-table' ? textTableToBindings(expected, expected.syntax) : expected
  if (want.kind === 'graph') return actual.kind === 'graph' ? compareGraphs(want.quads, actual.quads) : `expected a graph, got ${actual.kind}`
  if (want.kind === 'boolean') return actual.kind === 'boolean' ? (actual.value === want.value ? undefined : `expected ${want.value}, got ${actual.value}`) : `expected a boolean, got ${actual.kind}`
  if (want.kind !== 'bindings' || actual.kind !== 'bindings') return `expected ${want.kind}, got ${actual.kind}`
  return compareBindings(want.rows, actual.rows, isOrderedQuery(query))
}

/** Send the query text through POST /sparql (application/sparql-query), with the query file as BASE. */
async function runQuery(store: GraphStore, queryIri: string, accept: string): Promise<{ response: Response; query: string }> {
  const query = readSuiteFile(queryIri)
  const app = buildApp({ store, isUnionDefaultGraph: false, env: { QUERY_TIMEOUT_MS: '20000', MAX_QUERY_DEPTH: '200' } })
  const response = await app.request('/sparql', { method: 'POST', headers: { 'content-type': 'application/sparql-query', accept }, body: `BASE <${queryIri}>\n${query}` })
  return { response, query }
}

/** One mf:QueryEvaluationTest or mf:CSVResultFormatTest. */
export async function runEvaluationTest(test: TestCase): Promise<Outcome> {
  const outcome = (status: Status, reason?: string): Outcome => ({ id: test.id, dir: test.dir, kind: 'evaluation', name: test.name, status, ...(reason ? { reason } : {}) })
  if (test.hasServiceData) return outcome('skip', 'federated (qt:serviceData)')
  if (!test.query || !test.result) return outcome('skip', 'no query or result')
  try {
    const expected = readExpected(test.result)
    const { response, query } = await runQuery(createSuiteStore(test.data, test.graphData), test.query, acceptFor(expected))
    if (response.status !== 200) return outcome('fail', `HTTP ${response.status}: ${(await response.text()).slice(0, 300)}`)
    const reason = await compare(expected, response, query)
    return reason ? outcome('fail', reason) : outcome('pass')
  } catch (error) {
    return outcome('fail', `runner error: ${(error as Error).message.slice(0, 300)}`)
  }
}

/** One positive or negative syntax test: the endpoint must answer 200, or 400 for a bad query. */
export async function runSyntaxTest(test: TestCase): Promise<Outcome> {
  const isNegative = test.type.includes('Negative')
  const outcome = (status: Status, reason?: string): Outcome => ({ id: test.id, dir: test.dir, kind: 'syntax', name: test.name, status, ...(reason ? { reason } : {}) })
  const { response } = await runQuery(createSuiteStore([], []), test.query!, '*/*')
  const detail = response.status === 200 ? '' : ((await response.json().catch(() => ({}))) as { detail?: string }).detail ?? ''
  if (isNegative) return response.status === 400 ? outcome('pass') : outcome('fail', `a malformed query was answered with HTTP ${response.status}`)
  if (response.status === 200) return outcome('pass')
  if (/SERVICE \(federated query\) is disabled/.test(detail)) return outcome('skip', 'SERVICE is refused by policy (no SERVICE_ALLOWLIST)')
  return outcome('fail', `HTTP ${response.status}: ${detail.slice(0, 300)}`)
}

const percent = (pass: number, total: number) => (total === 0 ? '—' : `${((100 * pass) / total).toFixed(1)} %`)

const QUERY_INTRO = [
    '# W3C SPARQL 1.1 conformance through our HTTP endpoint',
    '',
    'Generated by `npx vitest run test/http/conformance.test.ts` (do not edit). Each test loads its data into a fresh store',
    '(default data in the default graph, union default graph off), sends the query through `POST /sparql` and compares the',
    'answer: solutions as a multiset under a blank-node bijection (ordered when the query ends with ORDER BY), graphs by',
    'RDFC-1.0 canonical form. Numeric and boolean literals compare by value within their type family (integer and its',
    'derived types, decimal, double, float): the engine stores canonical forms (`\"1.0\"^^xsd:decimal` is kept as `\"1\"`,',
    'xsd:negativeInteger as xsd:integer), which is not what these tests are about. Everything else compares as exact terms.',
    'Pass rate = passed / (passed + failed); skipped tests are listed with the reason.',
    '',
]

/** Markdown: totals by kind and directory, then every failure with its reason. */
export function writeReport(outcomes: Outcome[], file = join(SUITE_DIR, '..', 'REPORT.md'), intro: readonly string[] = QUERY_INTRO): void {
  const lines = [
    ...intro,
    '| kind | directory | passed | failed | skipped | pass rate |',
    '|---|---|---:|---:|---:|---:|',
  ]
  const groups = new Map<string, Outcome[]>()
  for (const o of outcomes) groups.set(`${o.kind}|${o.dir}`, [...(groups.get(`${o.kind}|${o.dir}`) ?? []), o])
  const row = (kind: string, dir: string, list: Outcome[]) => {
    const count = (s: Status) => list.filter((o) => o.status === s).length
    return `| ${kind} | ${dir} | ${count('pass')} | ${count('fail')} | ${count('skip')} | ${percent(count('pass'), count('pass') + count('fail'))} |`
  }
  for (const [key, list] of groups) lines.push(row(...(key.split('|') as [string, string]), list))
  for (const kind of [...new Set(outcomes.map((o) => o.kind))]) lines.push(row(`**${kind}**`, '**all**', outcomes.filter((o) => o.kind === kind)))
  const failures = outcomes.filter((o) => o.status !== 'pass')
  lines.push('', '## Not passed', '', '| status | kind | test | reason |', '|---|---|---|---|')
  for (const o of failures) lines.push(`| ${o.status} | ${o.kind} | ${o.dir}/${o.id} — ${o.name.replace(/\|/g, '\\|')} | ${(o.reason ?? '').replace(/\s+/g, ' ').replace(/\|/g, '\\|')} |`)
  writeFileSync(file, lines.join('\n') + '\n')
}

export { localPath }
