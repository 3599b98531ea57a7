/**
 * Our server over Virtuoso 7 against Virtuoso queried directly, in the same run, on a generated catalogue as large as
 * asked (default 500,000 datasets): the catalogue loaded by `ogd load --store virtuoso`, served by `ogd serve`
 * (STORE=virtuoso). Measures one-record JSON-LD p50/p99 (Virtuoso: the record's graph by CONSTRUCT), a DCAT-AP harvest
 * (datasets/s, our /catalog pages against keyset CONSTRUCT pages, time-bounded), the example queries p50/p99 at 1 and
 * 8 clients, and a Zipf mix of the example queries and variants with our result cache on; load time and memory of
 * both processes. Loopback only; ports from OGD_TEST_PORTS when set.
 *
 *   node bin/run-ts.js bench/virtuoso.ts [--datasets N] [--buffers PAGES] [--harvest-seconds S] [--only a,b]
 */
import { spawn, type ChildProcess } from 'node:child_process'
import { readFileSync, rmSync } from 'node:fs'
import { loadavg } from 'node:os'
import { join, resolve } from 'node:path'
import { createInterface } from 'node:readline'
import { parseArgs } from 'node:util'
import { launchVirtuoso, type LocalVirtuoso } from '../src/store/virtuoso-launch.ts'
import { percentile, runClosedLoop, sendQuery, type BenchQuery, type Endpoint } from './lib/sparql-client.ts'
import { readExampleQueries } from './lib/sparql-queries.ts'
import { writeLargeCatalog } from './lib/virtuoso-catalog.ts'

const ROOT = resolve(import.meta.dirname, '..')
const BASE = 'http://localhost:8080'
const { values: args } = parseArgs({ options: {
  datasets: { type: 'string', default: '500000' },
  buffers: { type: 'string', default: '340000' },
  'harvest-seconds': { type: 'string', default: '60' },
  only: { type: 'string' },
} })
const log = (message: string) => console.error(`[${new Date().toISOString().slice(11, 19)}] ${message}`)
const memoryOf = (pid: number) => {
  const status = readFileSync(`/proc/${pid}/status`, 'utf8')
  const kib = (field: string) => Number(status.match(new RegExp(`^${field}:\\s+(\\d+)`, 'm'))?.[1] ?? NaN)
  return { rssMiB: Math.round(kib('VmRSS') / 1024), peakMiB: Math.round(kib('VmHWM') / 1024) }
}
const stats = (ms: number[]) => ({ n: ms.length, p50: Number(percentile(ms, 50).toFixed(1)), p99: Number(percentile(ms, 99).toFixed(1)) })
const ratio = (a: number, b: number) => Number((a / b).toFixed(2))
const children: ChildProcess[] = []
let virtuoso: LocalVirtuoso | undefined
const outDir = join(ROOT, 'bench', 'out', 'virtuoso-bench')

async function main() {
  rmSync(outDir, { recursive: true, force: true })
  log(`generating ${Number(args.datasets).toLocaleString('en')} datasets; load average ${loadavg().map((l) => l.toFixed(1)).join(' ')}`)
  const snapshot = await writeLargeCatalog(join(outDir, 'snapshot'), Number(args.datasets), BASE)
  log(`snapshot: ${snapshot.datasets.toLocaleString('en')} datasets, ${snapshot.quads.toLocaleString('en')} quads`)
  virtuoso = await launchVirtuoso({ loadDirs: [outDir], numberOfBuffers: Number(args.buffers), dbDir: undefined })
  const env = { ...process.env, STORE: 'virtuoso', STORE_URL: virtuoso.endpoint, STORE_SQL: virtuoso.sqlAddress, STORE_USER: 'dba', STORE_PASSWORD: 'dba' }

  const loadStarted = performance.now()
  const loader = spawn(process.execPath, [join(ROOT, 'bin/ogd.js'), 'load', '--store', 'virtuoso', snapshot.dir], { env, stdio: ['ignore', 'pipe', 'inherit'] })
  let loaded = ''
  loader.stdout!.on('data', (chunk: Buffer) => { loaded += chunk.toString() })
  const code = await new Promise<number | null>((resolve) => loader.once('exit', resolve))
  if (code !== 0) throw new Error(`ogd load failed (${code})`)
  const loadSeconds = (performance.now() - loadStarted) / 1000
  log(`ogd load: ${loaded.trim()} (${loadSeconds.toFixed(1)} s); Virtuoso ${JSON.stringify(memoryOf(virtuoso.pid))}`)

  // Two servers: result cache off (the engine comparisons) and on (the Zipf mix).
  const [plain, cached] = await Promise.all([serve(env, '0'), serve(env, String(256 * 1024 * 1024))])
  const ours: Endpoint = { name: 'ours', url: `${plain.url}/sparql` }
  const oursCached: Endpoint = { name: 'ours+cache', url: `${cached.url}/sparql` }
  const direct: Endpoint = { name: 'virtuoso', url: virtuoso.endpoint, timeoutParam: 'timeout' }

  const record = await measureRecords(plain.url, snapshot.sampleDatasets)
  log(`records: ${JSON.stringify(record)}`)
  // A section that fails is reported as such and the run goes on (each is minutes of setup away).
  const harvest = await measureHarvest(plain.url, Number(args['harvest-seconds'])).catch((error: Error) => ({ failed: error.message.slice(0, 400) }))
  log(`harvest: ${JSON.stringify(harvest)}`)
  const only = args.only?.split(',')
  const queries = readExampleQueries(join(ROOT, 'queries'), BASE).filter((q) => !only || only.includes(q.name))
  const examples: Record<string, unknown>[] = []
  for (const query of queries) examples.push(await measureQuery(query, ours, direct))
  const zipf = await measureZipf(queries.filter((q) => examples.find((e) => e.name === q.name)?.ok), oursCached, direct)
  log(`zipf: ${JSON.stringify(zipf)}`)
  const memory = { virtuoso: memoryOf(virtuoso.pid), oursCacheOff: memoryOf(plain.pid), oursCacheOn: memoryOf(cached.pid) }
  const result = { bench: 'ours-over-virtuoso-vs-virtuoso', date: new Date().toISOString(), loadAverageEnd: loadavg(), snapshot: { datasets: snapshot.datasets, quads: snapshot.quads }, loadSeconds, serverReadySeconds: { cacheOff: plain.readySeconds, cacheOn: cached.readySeconds }, memory, record, harvest, examples, zipf }
  console.log(JSON.stringify(result, null, 1))
}

async function serve(env: NodeJS.ProcessEnv, cacheBytes: string): Promise<{ url: string; pid: number; readySeconds: number }> {
  const started = performance.now()
  const child = spawn(process.execPath, [join(ROOT, 'bin/ogd.js'), 'serve'], { env: { ...env, PORT: '0', HOST: '127.0.0.1', BASE_IRI: BASE, QUERY_CACHE_BYTES: cacheBytes, QUERY_STRIKE_LIMIT: '0', LOG_LEVEL: 'info' }, stdio: ['ignore', 'pipe', 'inherit'] })
  children.push(child)
  let port = 0
  await new Promise<void>((resolve, reject) => {
    child.once('exit', (code) => reject(new Error(`ogd serve exited ${code}`)))
    createInterface({ input: child.stdout! }).on('line', (text) => {
      const line = JSON.parse(text) as { msg?: string; port?: number }
      if (line.msg === 'listening; loading the store') port = Number(line.port)
      if (line.msg === 'remote store answers; ready') resolve()
    })
  })
  return { url: `http://127.0.0.1:${port}`, pid: child.pid!, readySeconds: Number(((performance.now() - started) / 1000).toFixed(1)) }
}

async function timed(run: () => Promise<Response>): Promise<number> {
  const started = performance.now()
  const response = await run()
  await response.text()
  if (response.status !== 200) throw new Error(`HTTP ${response.status}`)
  return performance.now() - started
}

/** One record as JSON-LD from us, and its graph (the record's data) from Virtuoso directly, alternating. */
async function measureRecords(url: string, iris: string[]) {
  const ours: number[] = []
  const theirs: number[] = []
  for (const iri of iris) {
    ours.push(await timed(() => fetch(url + new URL(iri).pathname, { headers: { accept: 'application/ld+json' } })))
    theirs.push(await timed(() => fetch(virtuoso!.endpoint, { method: 'POST', headers: { 'content-type': 'application/x-www-form-urlencoded', accept: 'application/n-triples' }, body: new URLSearchParams({ query: `CONSTRUCT { ?s ?p ?o } WHERE { GRAPH <${iri}> { ?s ?p ?o } }` }).toString() })))
  }
  const [a, b] = [stats(ours), stats(theirs)]
  return { ours: a, virtuoso: b, ratioP50: ratio(a.p50, b.p50), ratioP99: ratio(a.p99, b.p99) }
}

/** Walk our /catalog (N-Triples pages, hydra:next) and Virtuoso keyset pages of the same size, each for at most `seconds`. */
async function measureHarvest(url: string, seconds: number) {
  const pageSize = 100
  const walk = async (next: (cursor: string | undefined) => Promise<{ text: string; cursor?: string }>): Promise<Record<string, unknown>> => {
    const started = performance.now()
    let datasets = 0
    let cursor: string | undefined
    // The first page of a server that just started also reads the member list (once per catalogue version).
    let first: { seconds: number; datasets: number } | undefined
    do {
      let page: { text: string; cursor?: string }
      try {
        page = await next(cursor)
      } catch (error) {
        return { datasets, seconds: Number(((performance.now() - started) / 1000).toFixed(1)), failed: (error as Error).message.slice(0, 300) }
      }
      datasets += (page.text.match(/> <http:\/\/www\.w3\.org\/1999\/02\/22-rdf-syntax-ns#type> <http:\/\/www\.w3\.org\/ns\/dcat#Dataset> \./g) ?? []).length
      first ??= { seconds: (performance.now() - started) / 1000, datasets }
      cursor = page.cursor
    } while (cursor && performance.now() - started < seconds * 1000)
    const s = (performance.now() - started) / 1000
    const after = s - first!.seconds
    return {
      datasets, seconds: Number(s.toFixed(1)), datasetsPerSecond: Math.round(datasets / s), complete: !cursor,
      firstPageSeconds: Number(first!.seconds.toFixed(2)),
      datasetsPerSecondAfterFirstPage: after > 0 ? Math.round((datasets - first!.datasets) / after) : null,
    }
  }
  const ours = await walk(async (cursor) => {
    const response = await fetch(cursor ?? `${url}/catalog?page_size=${pageSize}`, { headers: { accept: 'application/n-triples' } })
    const text = await response.text()
    if (response.status !== 200) throw new Error(`catalog page: HTTP ${response.status} ${text.slice(0, 200)}`)
    const next = text.match(/<http:\/\/www\.w3\.org\/ns\/hydra\/core#next> <([^>]+)>/)?.[1]
    return { text, cursor: next?.replace(BASE, url) }
  })
  const theirs = await walk(async (cursor) => {
    const after = cursor ? `FILTER(STR(?d) > ${JSON.stringify(cursor)})` : ''
    const query = `CONSTRUCT { ?d ?p ?o } WHERE { { SELECT ?d WHERE { ?d a <http://www.w3.org/ns/dcat#Dataset> ${after} } ORDER BY STR(?d) LIMIT ${pageSize} } ?d ?p ?o }`
    const response = await fetch(virtuoso!.endpoint, { method: 'POST', headers: { 'content-type': 'application/x-www-form-urlencoded', accept: 'application/n-triples' }, body: new URLSearchParams({ query }).toString() })
    const text = await response.text()
    const subjects = [...text.matchAll(/^<([^>]+)>\s+<http:\/\/www\.w3\.org\/1999\/02\/22-rdf-syntax-ns#type>\s+<http:\/\/www\.w3\.org\/ns\/dcat#Dataset>/gm)].map((m) => m[1]!).sort()
    return { text: subjects.map((s) => `<${s}> <http://www.w3.org/1999/02/22-rdf-syntax-ns#type> <http://www.w3.org/ns/dcat#Dataset> .`).join('\n'), cursor: subjects.length === pageSize ? subjects.at(-1) : undefined }
  })
  return { pageSize, ours, virtuoso: theirs, ratio: ratio(Number(ours.datasetsPerSecond), Number(theirs.datasetsPerSecond)) }
}

/** p50/p99 at 1 and 8 clients on both; a query slower than 5 s the first time is timed once, with 1 client. */
async function measureQuery(query: BenchQuery, ours: Endpoint, direct: Endpoint) {
  const first = await Promise.all([ours, direct].map(async (endpoint) => sendQuery(endpoint, query, 30_000).catch((error: Error) => ({ status: 0, ms: NaN, body: error.message }))))
  const ok = first.every((reply) => reply.status === 200)
  const row: Record<string, unknown> = { name: query.name, ok, firstMs: first.map((r) => Math.round(r.ms)), status: first.map((r) => r.status) }
  if (!ok) row.errors = first.map((r) => r.body.slice(0, 160))
  for (const clients of [1, 8]) {
    if (!ok || (clients > 1 && first.some((r) => r.ms > 5000))) continue
    const limits = { clients, maxRequests: clients === 1 ? 8 : 24, maxSeconds: clients === 1 ? 4 : 6, timeoutMs: 65_000 }
    const [a, b] = [await runClosedLoop(ours, query, limits), await runClosedLoop(direct, query, limits)]
    const [sa, sb] = [stats(a.latencies), stats(b.latencies)]
    row[`c${clients}`] = { ours: sa, virtuoso: sb, ratioP50: ratio(sa.p50, sb.p50), ratioP99: ratio(sa.p99, sb.p99), errors: a.errors.length + b.errors.length }
  }
  log(`${query.name}: ${JSON.stringify(row).slice(0, 400)}`)
  return row
}

/** 300 requests drawn Zipf (s = 1) over the example queries × 4 variants; one client; total time on each. */
async function measureZipf(queries: BenchQuery[], cached: Endpoint, direct: Endpoint) {
  if (queries.length === 0) return { skipped: 'no example query answered on both' }
  const items = queries.flatMap((q) => [0, 1, 2, 3].map((v) => ({ ...q, text: v === 0 ? q.text : `${q.text}\n# variant ${v}` })))
  const weights = items.map((_, i) => 1 / (i + 1))
  const total = weights.reduce((a, b) => a + b, 0)
  let seed = 42
  const random = () => ((seed = (seed * 1103515245 + 12345) % 2 ** 31) / 2 ** 31)
  const draws = Array.from({ length: 300 }, () => {
    let r = random() * total
    return items.findIndex((_, i) => (r -= weights[i]!) <= 0)
  })
  const run = async (endpoint: Endpoint) => {
    const ms: number[] = []
    for (const index of draws) {
      const reply = await sendQuery(endpoint, items[Math.max(0, index)]!, 65_000)
      if (reply.status === 200) ms.push(reply.ms)
    }
    return { ...stats(ms), totalSeconds: Number((ms.reduce((a, b) => a + b, 0) / 1000).toFixed(2)) }
  }
  const [a, b] = [await run(cached), await run(direct)]
  return { requests: draws.length, distinct: new Set(draws).size, oursWithCache: a, virtuoso: b, ratioTotal: ratio(a.totalSeconds, b.totalSeconds), ratioP50: ratio(a.p50, b.p50) }
}

try {
  await main()
} finally {
  for (const child of children) child.kill('SIGTERM')
  await virtuoso?.stop()
}
