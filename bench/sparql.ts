/**
 * Our SPARQL endpoint against Virtuoso 7 on the same N-Quads, in the same run: load times, p50/p99 of every
 * queries/*.rq and of a one-record DESCRIBE at 1 and 8 concurrent clients, DESCRIBE requests/s. Loopback only.
 *
 *   node bin/run-ts.js bench/sparql.ts [--snapshot DIR] [--repeat N] [--only NAME,NAME…] [--result-cache]
 *
 * Our result cache is off by default, so that the table compares the engines: every timed request is evaluated.
 * `--result-cache` turns it on at its default size, to measure what a client repeating queries sees.
 */
import { existsSync, mkdirSync } from 'node:fs'
import { cpus, freemem, loadavg, totalmem } from 'node:os'
import { dirname, join, resolve } from 'node:path'
import { fileURLToPath } from 'node:url'
import { parseArgs } from 'node:util'
import { requireSnapshot, type Snapshot } from '../src/store/snapshot.ts'
import { PARTIAL_STATUS, countRows, percentile, runClosedLoop, sendQuery, type BenchQuery, type Endpoint, type LoopLimits, type Reply } from './lib/sparql-client.ts'
import { startOurServer } from './lib/sparql-ours.ts'
import { DESCRIBE_NAME, countDatasets, countNamedGraphQuads, makeDescribeQuery, readExampleQueries } from './lib/sparql-queries.ts'
import { OURS, VIRTUOSO, geometricMeanRatio, isRowMatch, ratioOf, renderLatencyTable, renderThroughputTable, summarise, type EndpointName, type QueryRecord } from './lib/sparql-report.ts'
import { loadNQuads, startVirtuoso } from './lib/virtuoso-server.ts'

const REPO_ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '..')
// The default BASE_IRI of our config: the example queries' relative IRIs and the snapshot must both use it.
const BASE_IRI = 'http://localhost:8080'
const CLIENT_COUNTS = [1, 8]
// Our server stops a query at 30 s (its default deadline); Virtuoso is told 60 s (the client's own minus 5 s).
const CHECK_TIMEOUT_MS = 65_000
// A query whose first run took longer than this on an endpoint is timed there with one client and one request per
// round only: eight at once would hold the machine for minutes and starve the next measurements.
const SLOW_MS = 15_000
// Bounds of one closed loop (one query × endpoint × client count × round): count and time.
const LIMITS: Record<number, Omit<LoopLimits, 'clients'>> = {
  1: { maxRequests: 15, maxSeconds: 6, timeoutMs: CHECK_TIMEOUT_MS },
  8: { maxRequests: 64, maxSeconds: 10, timeoutMs: CHECK_TIMEOUT_MS },
}
// The one-record DESCRIBE is short: more requests, so that requests/s means something.
const DESCRIBE_LIMITS: Omit<LoopLimits, 'clients'> = { maxRequests: 5_000, maxSeconds: 5, timeoutMs: 10_000 }

const { values: args } = parseArgs({
  options: {
    snapshot: { type: 'string', default: join(REPO_ROOT, 'bench', 'out', 'snap-bench') },
    repeat: { type: 'string', default: '3' },
    only: { type: 'string' },
    'result-cache': { type: 'boolean', default: false },
  },
})
const rounds = Number(args.repeat)
if (!Number.isInteger(rounds) || rounds < 1) throw new Error(`--repeat must be a whole number ≥ 1, not ${args.repeat}`)

const cleanups: (() => Promise<void>)[] = []
async function cleanUp(): Promise<void> {
  for (const stop of cleanups.splice(0).reverse()) await stop().catch((error: unknown) => console.error('cleanup:', error))
}
for (const signal of ['SIGINT', 'SIGTERM'] as const) {
  process.once(signal, () => { void cleanUp().finally(() => process.exit(130)) })
}

try {
  await main()
} finally {
  await cleanUp()
}

async function main(): Promise<void> {
  const snapshot = await readSnapshot(resolve(args.snapshot))
  const loadAtStart = loadavg()
  log(`snapshot ${snapshot.version}: ${snapshot.meta.quads.toLocaleString('en')} quads; load average ${loadAtStart.map((l) => l.toFixed(2)).join(' ')}`)
  const { endpoints, load } = await startEndpoints(snapshot)
  const describe = await makeDescribeQuery(endpoints[OURS])
  const only = args.only?.split(',').map((name) => name.trim())
  const queries = [...readExampleQueries(join(REPO_ROOT, 'queries'), BASE_IRI), describe.query].filter((q) => !only || only.includes(q.name))
  const unionCheck = await checkUnionDefaultGraph(endpoints)

  const records = await checkAll(queries, endpoints)
  for (let round = 1; round <= rounds; round += 1) {
    log(`round ${round}/${rounds}`)
    for (const [index, query] of queries.entries()) await measureQuery(query, records[index]!, endpoints, round + index)
  }

  const result = {
    bench: 'sparql-vs-virtuoso',
    date: new Date().toISOString(),
    machine: { cpus: cpus().length, cpuModel: cpus()[0]?.model, memGiB: Math.round(totalmem() / 2 ** 30), freeMemGiBAtEnd: Number((freemem() / 2 ** 30).toFixed(1)), node: process.version, loadAverageStart: loadAtStart, loadAverageEnd: loadavg() },
    snapshot: { dir: snapshot.dir, version: snapshot.version, quads: snapshot.meta.quads },
    load,
    unionCheck,
    describeIri: describe.iri,
    rounds,
    resultCache: args['result-cache'],
    limits: { ...LIMITS, describe: DESCRIBE_LIMITS },
    geometricMeanRatios: Object.fromEntries(CLIENT_COUNTS.map((c) => {
      const examples = records.filter((r) => r.name !== DESCRIBE_NAME)
      return [c, { p50: geometricMeanRatio(examples, c, 'p50'), p99: geometricMeanRatio(examples, c, 'p99') }]
    })),
    queries: records.map(toJson),
  }
  printReport(result, records)
}

async function readSnapshot(dir: string): Promise<Snapshot> {
  if (!existsSync(join(dir, 'CURRENT'))) {
    throw new Error(`no snapshot in ${dir}; build one first:\n  node bin/ogd.js build --catalog bench/out/catalog-50000.csv --snapshot ${args.snapshot}`)
  }
  const snapshot = await requireSnapshot(dir)
  if (snapshot.meta.baseIri !== BASE_IRI) throw new Error(`the snapshot was built for ${snapshot.meta.baseIri}; the example queries need ${BASE_IRI} (the default BASE_IRI)`)
  return snapshot
}

/** Our server, then Virtuoso with the same N-Quads bulk-loaded (one after the other: loads are CPU-bound). */
async function startEndpoints(snapshot: Snapshot) {
  const outDir = join(REPO_ROOT, 'bench', 'out')
  mkdirSync(outDir, { recursive: true })
  const resultCacheBytes = args['result-cache'] ? 64 * 1024 * 1024 : 0
  const ours = await startOurServer({ repoRoot: REPO_ROOT, snapshotDir: snapshot.dir, logFile: join(outDir, 'sparql-server.log'), resultCacheBytes })
  cleanups.push(ours.stop)
  const oursQuads = await countNamedGraphQuads({ name: OURS, url: ours.endpoint })
  log(`ours: ${ours.endpoint}, ${ours.replicas} replicas loaded in ${(ours.loadMs / 1000).toFixed(1)} s (${oursQuads.toLocaleString('en')} quads), result cache ${resultCacheBytes ? 'on' : 'off'}`)

  const virtuoso = await startVirtuoso({ loadDir: dirname(snapshot.nquadsPath) })
  cleanups.push(virtuoso.stop)
  const version = (await virtuoso.isql("select sys_stat('st_dbms_ver');")).match(/\d+\.\d+\.\d+/)?.[0] ?? 'unknown'
  log(`virtuoso ${version}: ${virtuoso.endpoint}; bulk-loading ${snapshot.nquadsPath}`)
  const virtuosoLoad = await loadNQuads(virtuoso, snapshot.nquadsPath, `${BASE_IRI}/graph/unnamed`)
  log(`virtuoso: ${virtuosoLoad.quads.toLocaleString('en')} quads loaded in ${virtuosoLoad.seconds.toFixed(1)} s`)

  const endpoints: Record<EndpointName, Endpoint> = {
    [OURS]: { name: OURS, url: ours.endpoint },
    // Our server stops a query at its own deadline (30 s by default); Virtuoso only at the one the client sends.
    [VIRTUOSO]: { name: VIRTUOSO, url: virtuoso.endpoint, timeoutParam: 'timeout' },
  }
  const load = { ours: { seconds: ours.loadMs / 1000, quads: oursQuads, replicas: ours.replicas }, virtuoso: { ...virtuosoLoad, version } }
  return { endpoints, load }
}

function toJson(record: QueryRecord) {
  const clients = CLIENT_COUNTS.map((c) => [c, {
    ours: summarise(record.rounds[c]?.[OURS] ?? []),
    virtuoso: summarise(record.rounds[c]?.[VIRTUOSO] ?? []),
    ratioP50: ratioOf(record, c, 'p50'),
    ratioP99: ratioOf(record, c, 'p99'),
  }])
  const { name, rows, timedOutMs, firstMs, errorSamples } = record
  return { name, rows, timedOutMs, isRowMatch: isRowMatch(record), firstMs, clients: Object.fromEntries(clients), errorSamples }
}

/** Without FROM, both engines must read the union of the named graphs: count the datasets on each. */
async function checkUnionDefaultGraph(endpoints: Record<EndpointName, Endpoint>): Promise<Record<EndpointName, number>> {
  const counts = { [OURS]: await countDatasets(endpoints[OURS]), [VIRTUOSO]: await countDatasets(endpoints[VIRTUOSO]) }
  log(`dcat:Dataset in the default graph (no FROM): ours ${counts[OURS]}, virtuoso ${counts[VIRTUOSO]}`)
  if (counts[OURS] === 0 || counts[OURS] !== counts[VIRTUOSO]) log('  ⚠ the default graphs differ: ratios below compare different data')
  return counts
}

/** One untimed-for-the-table request per query and endpoint: the row counts to compare, and a warm-up. */
async function checkAll(queries: BenchQuery[], endpoints: Record<EndpointName, Endpoint>): Promise<QueryRecord[]> {
  const records: QueryRecord[] = []
  for (const query of queries) {
    const record: QueryRecord = { name: query.name, rows: { [OURS]: 'not run', [VIRTUOSO]: 'not run' }, firstMs: { [OURS]: NaN, [VIRTUOSO]: NaN }, timedOutMs: {}, rounds: {}, errorSamples: [] }
    for (const name of [OURS, VIRTUOSO] as const) {
      try {
        const reply = await sendQuery(endpoints[name], query, CHECK_TIMEOUT_MS)
        record.firstMs[name] = reply.ms
        record.rows[name] = reply.status === 200 ? countRows(query.kind, reply.body) : `HTTP ${reply.status}: ${reply.body.slice(0, 300)}`
        if (isDeadlineReply(reply)) record.timedOutMs[name] = reply.ms
      } catch (error) {
        record.rows[name] = (error as Error).message
        if ((error as Error).name === 'TimeoutError') record.timedOutMs[name] = CHECK_TIMEOUT_MS
      }
    }
    const note = isRowMatch(record) ? '' : `  ⚠ rows differ: ${JSON.stringify(record.rows)}`
    log(`check ${query.name}: ours ${Math.round(record.firstMs[OURS])} ms, virtuoso ${Math.round(record.firstMs[VIRTUOSO])} ms${note}`)
    records.push(record)
  }
  return records
}

/** The engine stopped the query at a deadline: our 503 problem "timeout", or Virtuoso's flagged partial answer. */
function isDeadlineReply(reply: Reply): boolean {
  return reply.status === PARTIAL_STATUS || (reply.status === 503 && /timeout|deadline/i.test(reply.body))
}

/** Every client count, both endpoints, in an order that alternates with `parity` (neither always goes first). */
async function measureQuery(query: BenchQuery, record: QueryRecord, endpoints: Record<EndpointName, Endpoint>, parity: number): Promise<void> {
  const order: EndpointName[] = parity % 2 === 0 ? [OURS, VIRTUOSO] : [VIRTUOSO, OURS]
  for (const clients of CLIENT_COUNTS) {
    const byEndpoint = (record.rounds[clients] ??= { [OURS]: [], [VIRTUOSO]: [] })
    for (const name of order) {
      // A query that failed its check is not timed there: its errors would only measure the failure.
      if (typeof record.rows[name] !== 'number') continue
      const isSlow = record.firstMs[name] > SLOW_MS
      if (isSlow && clients > 1) continue
      const limits = { clients, ...(query.name === DESCRIBE_NAME ? DESCRIBE_LIMITS : LIMITS[clients]!), ...(isSlow ? { maxRequests: 1 } : {}) }
      const loop = await runClosedLoop(endpoints[name], query, limits)
      byEndpoint[name].push({ p50: percentile(loop.latencies, 50), p99: percentile(loop.latencies, 99), n: loop.latencies.length, errors: loop.errors.length, requestsPerSecond: loop.latencies.length / loop.wallSeconds })
      record.errorSamples.push(...loop.errors.slice(0, Math.max(0, 5 - record.errorSamples.length)).map((e) => `${name}, ${clients} clients: ${e}`))
    }
    const last = (name: EndpointName) => {
      const cell = byEndpoint[name].at(-1)
      return cell ? `${cell.p50.toFixed(1)} ms (n ${cell.n}${cell.errors ? `, ${cell.errors} failed` : ''})` : 'not timed'
    }
    log(`  ${query.name} ×${clients}: p50 ours ${last(OURS)}, virtuoso ${last(VIRTUOSO)}`)
  }
}

function printReport(result: { load: { ours: { seconds: number; quads: number; replicas: number }; virtuoso: { seconds: number; quads: number } }; machine: { loadAverageStart: number[]; loadAverageEnd: number[] } }, records: QueryRecord[]): void {
  const describe = records.find((r) => r.name === DESCRIBE_NAME)
  const timed = records.filter((r) => r.name !== DESCRIBE_NAME)
  const mismatches = records.filter((r) => !isRowMatch(r))
  const out = [
    '',
    `Load average at start ${result.machine.loadAverageStart.map((l) => l.toFixed(2)).join(' ')}, at end ${result.machine.loadAverageEnd.map((l) => l.toFixed(2)).join(' ')}; ${rounds} round(s); medians over rounds.`,
    '',
    '| endpoint | load s | quads |',
    '| --- | ---: | ---: |',
    `| ours (${result.load.ours.replicas} replicas, until all serve) | ${result.load.ours.seconds.toFixed(1)} | ${result.load.ours.quads.toLocaleString('en')} |`,
    `| Virtuoso (ld_dir + rdf_loader_run + checkpoint) | ${result.load.virtuoso.seconds.toFixed(1)} | ${result.load.virtuoso.quads.toLocaleString('en')} |`,
    '',
    'Latency, ms: ours / Virtuoso (**ratio ours/Virtuoso**; below 1 = ours faster). ⚠ = some requests failed; ≠ = row counts differ.',
    '',
    renderLatencyTable(timed, CLIENT_COUNTS),
    '',
    ...(describe ? [
      `One-record DESCRIBE (${describe.name}): latency, then throughput (req/s above 1 = ours faster):`,
      '',
      renderLatencyTable([describe], CLIENT_COUNTS, false),
      '',
      renderThroughputTable(describe, CLIENT_COUNTS),
      '',
    ] : []),
    ...(mismatches.length > 0 ? ['Row count differences or failures:', ...mismatches.map((r) => `- ${r.name}: ours ${firstLine(r.rows[OURS])}; Virtuoso ${firstLine(r.rows[VIRTUOSO])}`), ''] : []),
    ...records.flatMap((r) => [OURS, VIRTUOSO].filter((name) => r.firstMs[name as EndpointName] > SLOW_MS).map((name) => `- ${r.name} on ${name}: first run ${(r.firstMs[name as EndpointName] / 1000).toFixed(1)} s, so timed with 1 client and 1 request per round only`)),
    ...records.filter((r) => r.errorSamples.length > 0).map((r) => `- errors in ${r.name}: ${r.errorSamples.join(' | ').slice(0, 400)}`),
  ]
  console.log(out.join('\n'))
  console.log(JSON.stringify(result))
}

/** A row count, or the first line of an error (Virtuoso's messages go on with the whole query text). */
function firstLine(value: number | string): string {
  return typeof value === 'number' ? String(value) : value.split('\n')[0]!.slice(0, 200)
}

function log(message: string): void {
  console.error(`[${new Date().toISOString().slice(11, 19)}] ${message}`)
}
