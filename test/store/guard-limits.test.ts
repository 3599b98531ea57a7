/**
 * The default guard limits against the engine itself: for each shape that recurses in oxigraph's parser or
 * optimiser, the longest query the guard still accepts must not crash the engine. Run in a worker replica, so a
 * crash costs a replica and shows as AppError 'internal' instead of poisoning the test process.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { AppError } from '../../src/errors.ts'
import { DEFAULT_QUERY_LIMITS, guardQueryText } from '../../src/query/guard.ts'
import { createEmbeddedStore, type EmbeddedStore } from '../../src/store/embedded.ts'
import { GRAPH_NQ } from './contract.ts'

const times = (n: number, f: (i: number) => string) => Array.from({ length: n }, (_, i) => f(i)).join(' ')

// Measured on oxigraph 0.5.11: these overflow the WASM stack at roughly the counts given.
const SHAPES: Record<string, (n: number) => string> = {
  'negations (~2,200)': (n) => `SELECT * WHERE { FILTER(${'!'.repeat(n)}true) }`,
  'additions (~2,200)': (n) => `SELECT * WHERE { BIND(${'1+'.repeat(n)}1 AS ?x) }`,
  'disjunctions (~2,200)': (n) => `SELECT * WHERE { FILTER(${'true||'.repeat(n)}true) }`,
  'path alternatives (~1,600)': (n) => `SELECT * WHERE { ?s ${'<p>|'.repeat(n)}<p> ?o }`,
  'unions (~2,400)': (n) => `SELECT * WHERE { ${'{?s ?p ?o} UNION '.repeat(n)}{?s ?p ?o} }`,
  'optionals (~830)': (n) => `SELECT * WHERE { ?s ?p ?o ${'OPTIONAL { ?s ?p ?o } '.repeat(n)}}`,
  'minus groups (~830)': (n) => `SELECT * WHERE { ?s ?p ?o ${'MINUS { ?s ?p ?o } '.repeat(n)}}`,
  'binds (~830)': (n) => `SELECT * WHERE { ?s ?p ?o ${times(n, (i) => `BIND(1 AS ?v${i})`)} }`,
  'filters (~2,200)': (n) => `SELECT * WHERE { ?s ?p ?o ${'FILTER(true) '.repeat(n)}}`,
  'projected expressions (~800)': (n) => `SELECT ${times(n, (i) => `(1 AS ?v${i})`)} WHERE {}`,
  'sibling groups (~5,000)': (n) => `SELECT * WHERE { ${'{} '.repeat(n)}}`,
  'nested subqueries (~700)': (n) => `SELECT * WHERE { ${'{ SELECT * WHERE '.repeat(n)}{?s ?p ?o}${'}'.repeat(n)} }`,
  'nested groups (~700)': (n) => `SELECT * WHERE ${'{'.repeat(n)}${'}'.repeat(n)}`,
  'nested parentheses (~1,200)': (n) => `SELECT * WHERE { FILTER${'('.repeat(n)}1${')'.repeat(n)} }`,
  'nested blank nodes (~720)': (n) => `SELECT * WHERE { ?s <p> ${'[<p>'.repeat(n)} 1${']'.repeat(n)} }`,
  'IN list (~3,500)': (n) => `SELECT * WHERE { FILTER(1 IN (${'1,'.repeat(n)}1)) }`,
  'GROUP BY keys (~9,700)': (n) => `SELECT (COUNT(*) AS ?c) WHERE { ?s ?p ?o } GROUP BY ${times(n, (i) => `?v${i}`)}`,
}

/** The query buried 30 groups deep, to spend the nesting budget too. */
const buried = (query: string) => query.replace('{', '{ ' + '{ '.repeat(30)) + ' }'.repeat(30)

function isAccepted(query: string): boolean {
  try {
    guardQueryText(query, DEFAULT_QUERY_LIMITS)
    return true
  } catch {
    return false
  }
}

/** The longest query of this shape the default limits accept. */
function longestAccepted(make: (n: number) => string): string {
  let [accepted, refused] = [1, 20_000]
  while (refused - accepted > 1) {
    const mid = (accepted + refused) >> 1
    if (isAccepted(make(mid))) accepted = mid
    else refused = mid
  }
  return make(accepted)
}

describe('default guard limits keep the engine alive', () => {
  let store: EmbeddedStore
  beforeAll(async () => {
    store = createEmbeddedStore({ nquads: GRAPH_NQ, replicas: 1, defaultTimeoutMs: 10_000, baseIri: 'http://kg.example.tw/' })
    await store.ready
  })
  afterAll(() => store.close())

  it.each(Object.entries(SHAPES))('%s', async (_shape, make) => {
    const crashedBefore = store.stats().crashed
    for (const query of [longestAccepted(make), longestAccepted((n) => buried(make(n)))]) {
      expect(isAccepted(query)).toBe(true)
      const error = await store.query({ query, mediaType: 'application/sparql-results+json' }).then(() => undefined, (e: AppError) => e)
      // A syntax error is fine (some shapes are not valid at every length); a crash is not.
      if (error) expect(error.code).toBe('bad_query')
    }
    expect(store.stats().crashed).toBe(crashedBefore)
  })
})
