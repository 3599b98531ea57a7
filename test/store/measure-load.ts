/**
 * Measures how long a replica takes to load a graph and to be replaced after a kill: N synthetic records
 * (~20 quads each) or an N-Quads file such as a snapshot's graph.nq.
 * Run: `node bin/run-ts.js test/store/measure-load.ts [records=50000 | path/graph.nq] [replicas=2]`
 */
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { createEmbeddedStore } from '../../src/store/embedded.ts'
import { generateNQuads } from '../fixtures/store/synthetic.ts'

const input = process.argv[2] ?? '50000'
const replicas = Number(process.argv[3] ?? 2)
const dir = mkdtempSync(join(tmpdir(), 'ogd-load-'))
const path = join(dir, 'graph.nq')
writeFileSync(path, existsSync(input) ? readFileSync(input) : generateNQuads(Number(input)))
const bytes = readFileSync(path).byteLength
const mib = (n: number) => `${(n / 2 ** 20).toFixed(0)} MiB`

const logs: { quads: number; ms: number; replica: number }[] = []
const logger = { info: (o: object) => { if ('ms' in o) logs.push(o as (typeof logs)[number]) }, warn: () => {}, error: () => {} }
let started = performance.now()
const store = createEmbeddedStore({ nquadsPath: path, replicas, defaultTimeoutMs: 1000, logger })
await store.ready
const readyMs = performance.now() - started
const quads = await store.size()
console.log(`${input}: ${quads} quads, ${mib(bytes)} of N-Quads, ${replicas} replicas`)
console.log(`all replicas ready in ${readyMs.toFixed(0)} ms; per replica (load in its thread): ${logs.map((l) => l.ms + ' ms').join(', ')}`)
console.log(`rss ${mib(process.memoryUsage().rss)}`)

started = performance.now()
const killed = await store.query({ query: 'SELECT (COUNT(*) AS ?c) WHERE { ?a ?b ?c . ?d ?e ?f . ?g ?h ?i }', mediaType: 'text/csv', timeoutMs: 500 }).catch((e: Error) => e.message)
const simple = performance.now()
await store.query({ query: 'ASK { ?s ?p ?o }', mediaType: 'application/sparql-results+json' })
console.log(`runaway: ${killed}; a simple query meanwhile answered ${(performance.now() - simple).toFixed(0)} ms after it`)
while (store.stats().ready < replicas) await new Promise((resolve) => setTimeout(resolve, 50))
console.log(`replacement ready ${(performance.now() - started).toFixed(0)} ms after the runaway started (deadline 500 ms); load ${logs.at(-1)!.ms} ms`, store.stats())
await store.close()
rmSync(dir, { recursive: true, force: true })
