/**
 * Bench: record fetches (JSON-LD, Turtle) and searches against Hono answering a precomputed 2 KB JSON body, all in
 * one run, with autocannon (10 connections) in a child process. Reports req/s ratios and latency percentiles.
 *
 *   node bin/run-ts.js bench/records.ts --snapshot DIR | --nquads FILE | --catalog CSV [--save-nquads FILE]  [--seconds 10] [--sample 2000]
 *
 * `--catalog` builds the graph through the real pipeline from the default sources with that catalogue export
 * (no validation); `--snapshot` reads a snapshot made by `ogd build`.
 */
import { execFile } from 'node:child_process'
import { appendFileSync, readFileSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import type { AddressInfo } from 'node:net'
import { join, resolve } from 'node:path'
import { parseArgs, promisify } from 'node:util'
import { serve, type ServerType } from '@hono/node-server'
import { Hono } from 'hono'
import { Writer } from 'n3'
import pino from 'pino'
import { buildGraph } from '../src/build/build-graph.ts'
import { defaultInputs } from '../src/build/inputs.ts'
import { createRecordsFamily } from '../src/http/records-family.ts'
import { observeGraphChanges } from '../src/records/graph-changes.ts'
import { createIris } from '../src/model/iris.ts'
import { createInProcessStore } from '../src/store/in-process.ts'
import type { GraphStore } from '../src/store/types.ts'

const run = promisify(execFile)
const ROOT = resolve(import.meta.dirname, '..')
const BASE = 'http://localhost:8080'

interface Load { requests: number; rps: number; p50: number; p90: number; p99: number; max: number; errors: number; non2xx: number }

function readOptions() {
  const { values } = parseArgs({ options: { snapshot: { type: 'string' }, nquads: { type: 'string' }, catalog: { type: 'string' }, 'save-nquads': { type: 'string' }, seconds: { type: 'string', default: '10' }, sample: { type: 'string', default: '2000' } } })
  if (!values.snapshot && !values.nquads && !values.catalog) throw new Error('give --snapshot DIR, --nquads FILE or --catalog CSV')
  return { ...values, seconds: Number(values.seconds), sample: Number(values.sample) }
}

/** The graph as N-Quads bytes (a 50,000-dataset graph is larger than the longest string V8 can hold). */
function readNQuads(options: ReturnType<typeof readOptions>): Uint8Array {
  if (options.nquads) return readFileSync(options.nquads)
  if (options.snapshot) return readFileSync(join(options.snapshot, readFileSync(join(options.snapshot, 'CURRENT'), 'utf8').trim(), 'graph.nq'))
  const silent = { step() {}, tick() {}, done() {}, log() {} }
  const inputs = { ...defaultInputs(ROOT), catalog: [resolve(options.catalog!)] }
  const { quads } = buildGraph({ iris: createIris(BASE), inputs, root: ROOT, read: (path) => readFileSync(path), progress: silent })
  const file = options['save-nquads'] ?? join(tmpdir(), `records-bench-${process.pid}.nq`)
  writeFileSync(file, '')
  for (let start = 0; start < quads.length; start += 200_000) appendFileSync(file, new Writer({ format: 'N-Quads' }).quadsToString(quads.slice(start, start + 200_000)))
  quads.length = 0
  return readFileSync(file)
}

const listen = (app: Hono) => new Promise<ServerType>((done) => { const server = serve({ fetch: app.fetch, port: 0, hostname: '127.0.0.1' }, () => done(server)) })
const urlOf = (server: ServerType) => `http://127.0.0.1:${(server.address() as AddressInfo).port}`

async function load(url: string, paths: string[], headers: Record<string, string>, seconds: number): Promise<Load> {
  const { stdout } = await run(process.execPath, [join(ROOT, 'bin/run-ts.js'), join(ROOT, 'bench/records-load.ts'), JSON.stringify({ url, paths, headers, seconds, connections: 10 })], { maxBuffer: 1 << 20 })
  return JSON.parse(stdout.trim().split('\n').pop()!) as Load
}

/** Every k-th dataset IRI, as paths. */
async function sampleDatasets(store: GraphStore, size: number): Promise<string[]> {
  const body = (await store.query({ query: 'SELECT ?d WHERE { GRAPH ?d { ?d a <http://www.w3.org/ns/dcat#Dataset> } }', mediaType: 'text/tab-separated-values' })).body
  const all = body.split('\n').slice(1).filter(Boolean).map((line) => line.slice(1, -1))
  const step = Math.max(1, Math.floor(all.length / size))
  return all.filter((_, n) => n % step === 0).slice(0, size).map((iri) => iri.slice(BASE.length))
}

/** Search requests: bigrams and words cut from sampled titles, some with filters. */
function searchPaths(titles: string[]): string[] {
  const paths: string[] = []
  titles.forEach((title, n) => {
    const chars = [...title.replace(/\s+/g, '')]
    const start = n % Math.max(1, chars.length - 3)
    const q = chars.slice(start, start + 2 + (n % 3)).join('')
    const filter = n % 4 === 0 ? '&format=CSV' : n % 4 === 1 ? '&issued_after=2018' : ''
    paths.push(`/api/datasets?q=${encodeURIComponent(q)}${filter}&page_size=20`)
  })
  paths.push('/api/datasets?page_size=20', '/api/datasets?format=CSV&page_size=20', `/api/datasets?q=${encodeURIComponent('臺北 公車')}`)
  return paths
}

async function timeSequential(url: string, paths: string[], headers: Record<string, string>): Promise<{ ms: number[]; titles: string[] }> {
  const ms: number[] = []
  const titles: string[] = []
  for (const path of paths) {
    const started = performance.now()
    // One retry: a keep-alive socket the server closed while it was busy building an index fails once (ECONNRESET).
    const response = await fetch(url + path, { headers }).catch(() => fetch(url + path, { headers })).catch((error: Error) => {
      throw new Error(`GET ${path}: ${error.message} (${String((error.cause as Error | undefined)?.message ?? '')})`)
    })
    const text = await response.text()
    ms.push(performance.now() - started)
    if (headers.accept === 'application/ld+json' && response.ok) {
      const title = (JSON.parse(text) as { title?: Record<string, string> }).title
      if (title) titles.push(Object.values(title)[0]!)
    }
  }
  return { ms, titles }
}

const percentile = (values: number[], p: number) => [...values].sort((a, b) => a - b)[Math.min(values.length - 1, Math.floor((values.length - 1) * p))] ?? 0

async function main() {
  const options = readOptions()
  let started = performance.now()
  const nquads = readNQuads(options)
  const store = createInProcessStore({ nquads })
  const quads = await store.size()
  const loadSeconds = (performance.now() - started) / 1000
  const { app, search } = createRecordsFamily({ store: observeGraphChanges(store), config: { baseIri: BASE, queryTimeoutMs: 30_000 }, logger: pino({ level: 'silent' }) })
  const baseline = new Hono()
  const precomputed = JSON.stringify({ items: Array.from({ length: 20 }, (_, n) => ({ id: `item-${n}`, title: `Item number ${n}`, value: n * 7 })) }).padEnd(2048, ' ')
  baseline.get('/baseline', (c) => c.body(precomputed, 200, { 'Content-Type': 'application/json' }))
  const [recordsServer, baselineServer] = await Promise.all([listen(app), listen(baseline)])
  const url = urlOf(recordsServer)

  const paths = await sampleDatasets(store, options.sample)
  const cold = await timeSequential(url, paths, { accept: 'application/ld+json' })
  const coldTurtle = await timeSequential(url, paths, { accept: 'text/turtle' })
  started = performance.now()
  await search.indexes()
  const indexSeconds = (performance.now() - started) / 1000
  const queries = searchPaths(cold.titles.slice(0, 200))
  // Each search once, in order, before the load run: latencies of searches nobody asked before (no result cache).
  const coldSearch = await timeSequential(url, queries, {})

  // The machine is shared: a baseline run before and after each measured run, each ratio against the mean of the two.
  const baselineUrl = urlOf(baselineServer)
  const runBaseline = () => load(baselineUrl, ['/baseline'], {}, options.seconds)
  const baselines = [await runBaseline()]
  const measured: Record<'jsonld' | 'turtle' | 'search', Load> = {} as never
  for (const [name, runPaths, headers] of [['jsonld', paths, { accept: 'application/ld+json' }], ['turtle', paths, { accept: 'text/turtle' }], ['search', queries, {}]] as const) {
    measured[name] = await load(url, [...runPaths], headers, options.seconds)
    baselines.push(await runBaseline())
  }
  const around = (n: number) => (baselines[n]!.rps + baselines[n + 1]!.rps) / 2
  const results = { baseline: baselines[0]!, ...measured }
  const report = {
    quads, datasetsSampled: paths.length, loadSeconds: +loadSeconds.toFixed(1), searchIndexSeconds: +indexSeconds.toFixed(1),
    coldJsonLdMs: { p50: +percentile(cold.ms, 0.5).toFixed(1), p99: +percentile(cold.ms, 0.99).toFixed(1) },
    firstTurtleMs: { p50: +percentile(coldTurtle.ms, 0.5).toFixed(1), p99: +percentile(coldTurtle.ms, 0.99).toFixed(1) },
    firstSearchMs: { p50: +percentile(coldSearch.ms, 0.5).toFixed(1), p99: +percentile(coldSearch.ms, 0.99).toFixed(1), queries: queries.length },
    ...results,
    baselineRps: baselines.map((b) => Math.round(b.rps)),
    ratio: { jsonld: +(measured.jsonld.rps / around(0)).toFixed(2), turtle: +(measured.turtle.rps / around(1)).toFixed(2), search: +(measured.search.rps / around(2)).toFixed(2) },
    heapMiB: Math.round(process.memoryUsage().heapUsed / 2 ** 20), rssMiB: Math.round(process.memoryUsage().rss / 2 ** 20),
  }
  const ratioOf: Record<string, number> = { baseline: 1, ...report.ratio }
  const row = (name: string, r: Load) => `| ${name} | ${Math.round(r.rps)} | ${ratioOf[name]!.toFixed(2)} | ${r.p50} | ${r.p99} | ${r.max} | ${r.errors + r.non2xx} |`
  console.log(`records bench: ${quads} quads, ${paths.length} datasets sampled, ${options.seconds} s per run, 10 connections\n`)
  console.log(`baseline req/s before, between and after the runs: ${report.baselineRps.join(', ')} (each ratio is against the mean of the baselines around its run)\n`)
  console.log('| run | req/s | ratio to baseline | p50 ms | p99 ms | max ms | errors+non2xx |\n| --- | ---: | ---: | ---: | ---: | ---: | ---: |')
  for (const [name, r] of Object.entries(results)) console.log(row(name, r))
  console.log(`\ncold JSON-LD fetch (store → document → form) p50 ${report.coldJsonLdMs.p50} ms, p99 ${report.coldJsonLdMs.p99} ms; first Turtle form p50 ${report.firstTurtleMs.p50} ms; search index built in ${indexSeconds.toFixed(1)} s`)
  console.log(`first time each search is asked (${queries.length} searches, one at a time): p50 ${report.firstSearchMs.p50} ms, p99 ${report.firstSearchMs.p99} ms; the load run then repeats them (result cache warm)`)
  console.log(JSON.stringify(report))
  recordsServer.close()
  baselineServer.close()
  await store.close()
}

main().catch((error: unknown) => {
  console.error(error instanceof Error ? error.stack : error)
  process.exit(1)
})
