/**
 * Bench: a full harvest of the catalogue (every page, Turtle, over loopback HTTP, as a harvester walks it) against
 * the baseline of Python rdflib serialising the same graph (the union of the pages) to Turtle, in the same run.
 *
 *   node bin/ogd.js build --catalog bench/out/catalog-50000.csv --snapshot /tmp/x
 *   node bin/run-ts.js bench/harvest.ts --snapshot /tmp/x [--page-size 1000] [--profile 3.0.1] [--validate] [--baseline-timeout 3600]
 *
 * `--validate` also checks every harvested page alone with the official shapes of the profile (not timed).
 * rdflib's Turtle serialiser grows worse than linearly (434k triples: 152 s; 4.4M: over an hour here): past
 * `--baseline-timeout` it is stopped and the time it had run is reported as a lower bound (≥) of the ratio.
 * (`bench/harvest-snapshot.ts` makes the same snapshot without the build's SHACL step, when that is too slow.)
 */
import { execFileSync, spawnSync } from 'node:child_process'
import { appendFileSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs'
import type { AddressInfo } from 'node:net'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { fileURLToPath } from 'node:url'
import { parseArgs } from 'node:util'
import { serve } from '@hono/node-server'
import { Hono } from 'hono'
import { Parser, Writer } from 'n3'
import { pino } from 'pino'
import { REPO_ROOT } from '../src/cli/paths.ts'
import { catalogRoutes } from '../src/http/catalog.ts'
import { requireSnapshot } from '../src/store/snapshot.ts'
import { validateQuads } from '../src/validate/validate.ts'
import { DCAT } from '../src/vocab/index.ts'
import { loadSnapshotStore } from './harvest-store.ts'

const USAGE = 'usage: harvest.ts --snapshot DIR [--page-size N] [--profile 3.0.1|2.1.1] [--validate] [--baseline-timeout SECONDS]'
const PYTHON = '/usr/bin/python3'

const RDFLIB_BASELINE = `
import json, sys, time, rdflib
g = rdflib.Graph()
t = time.perf_counter(); g.parse(sys.argv[1], format='nt'); parsed = time.perf_counter() - t
print(json.dumps({'triples': len(g), 'parseSeconds': parsed}), file=sys.stderr, flush=True)
t, c = time.perf_counter(), time.process_time(); text = g.serialize(format='turtle'); serialised, cpu = time.perf_counter() - t, time.process_time() - c
print(json.dumps({'triples': len(g), 'parseSeconds': parsed, 'serializeSeconds': serialised, 'serializeCpuSeconds': cpu, 'bytes': len(text.encode('utf-8'))}))
`

function readOptions() {
  const { values } = parseArgs({
    options: {
      snapshot: { type: 'string' }, 'page-size': { type: 'string', default: '1000' }, profile: { type: 'string', default: '3.0.1' },
      validate: { type: 'boolean', default: false }, child: { type: 'string' }, 'baseline-timeout': { type: 'string', default: '3600' },
    },
  })
  if (!values.snapshot) throw new Error(`--snapshot is required (${USAGE})`)
  const pageSize = Number(values['page-size'])
  if (!Number.isInteger(pageSize) || pageSize < 1) throw new Error(`--page-size must be a positive integer (${USAGE})`)
  if (!['3.0.1', '2.1.1'].includes(values.profile!)) throw new Error(`--profile must be 3.0.1 or 2.1.1 (${USAGE})`)
  const baselineTimeout = Number(values['baseline-timeout'])
  if (!(baselineTimeout > 0)) throw new Error(`--baseline-timeout must be a number of seconds (${USAGE})`)
  return { snapshot: values.snapshot, pageSize, profile: values.profile as '3.0.1' | '2.1.1', validate: values.validate!, child: values.child, baselineTimeout }
}

/** Serve the catalogue routes over the snapshot on a loopback port. */
async function startServer(snapshotDir: string, pageSize: number) {
  const snapshot = await requireSnapshot(snapshotDir)
  const started = performance.now()
  const store = loadSnapshotStore(snapshot.nquadsPath)
  const loadSeconds = (performance.now() - started) / 1000
  const app = new Hono().route('/', catalogRoutes({
    store,
    config: { baseIri: snapshot.meta.baseIri, queryTimeoutMs: 120_000 },
    logger: pino({ level: 'silent' }),
    options: { pageSize, maxPageSize: Math.max(pageSize, 1000) },
  }))
  const server = serve({ fetch: app.fetch, port: 0, hostname: '127.0.0.1' })
  await new Promise((resolve) => server.once('listening', resolve))
  return { server, port: (server.address() as AddressInfo).port, loadSeconds, quads: await store.size() }
}

/** Walk every page as a harvester does (next from the Link header, which every page also states as hydra:next). */
async function harvest(first: string, profile: string): Promise<{ pages: string[]; seconds: number; cpuSeconds: number; bytes: number }> {
  const pages: string[] = []
  let bytes = 0
  let url: string | undefined = first
  const started = performance.now()
  const cpu = process.cpuUsage()
  while (url) {
    const response: Response = await fetch(url, { headers: { accept: 'text/turtle', 'accept-profile': profile } })
    if (!response.ok) throw new Error(`GET ${url}: ${response.status} ${await response.text()}`)
    const text = await response.text()
    bytes += Buffer.byteLength(text)
    pages.push(text)
    if (pages.length % 10 === 0) console.error(`  ${pages.length} pages in ${round((performance.now() - started) / 1000)} s`)
    url = /<([^>]+)>;\s*rel="next"/.exec(response.headers.get('link') ?? '')?.[1]
  }
  const used = process.cpuUsage(cpu)
  return { pages, seconds: (performance.now() - started) / 1000, cpuSeconds: (used.user + used.system) / 1e6, bytes }
}

/**
 * The pages written one after the other as N-Triples to `file` (rdflib's graph makes them the union: the catalogue
 * node and shared agents repeat on every page), how many datasets they list, and, with `validate`, the violations
 * of the profile's official shapes, each page checked alone (each must stand alone); not timed.
 */
async function writePages(pages: string[], file: string, validate?: '3.0.1' | '2.1.1') {
  const writer = new Writer({ format: 'N-Triples' })
  const result = { triples: 0, datasets: 0, violations: 0, validateSeconds: 0 }
  writeFileSync(file, '')
  for (let n = 0; n < pages.length; n++) {
    const page = new Parser({ format: 'text/turtle' }).parse(pages[n]!)
    pages[n] = ''
    result.datasets += page.filter((q) => q.predicate.equals(DCAT.dataset)).length
    result.triples += page.length
    appendFileSync(file, page.map((q) => writer.quadToString(q.subject, q.predicate, q.object)).join(''))
    if (validate) {
      const started = performance.now()
      const report = await validateQuads(page, { shapesDir: join(REPO_ROOT, 'shapes'), profile: `dcat-ap-${validate}` })
      result.violations += report.issues.filter((issue) => issue.severity === 'Violation').length
      result.validateSeconds += (performance.now() - started) / 1000
    }
  }
  return result
}

interface HarvestResult {
  snapshotQuads: number
  storeLoadSeconds: number
  pages: number
  datasets: number
  megabytes: number
  harvestSecondsCold: number
  harvestSeconds: number
  /** Triples served, summed over the pages (rdflib reports the distinct ones). */
  triples: number
  /** CPU time of this process (server and client) during the second walk: what the walk costs whatever else runs. */
  harvestCpuSeconds: number
  shapeViolations?: number
  validateSeconds?: number
}

/** The child's work: serve, walk twice, write the union to `unionFile`, validate if asked; its result on stdout. */
async function runHarvest(options: ReturnType<typeof readOptions>, unionFile: string): Promise<HarvestResult> {
  const { snapshot, pageSize, profile, validate } = options
  const { server, port, loadSeconds, quads } = await startServer(snapshot, pageSize)
  console.error(`store: ${quads} quads loaded in ${round(loadSeconds)} s`)
  const first = `http://127.0.0.1:${port}/catalog?page_size=${pageSize}`
  const profileIri = `<https://semiceu.github.io/DCAT-AP/releases/${profile}>`
  const cold = { ...(await harvest(first, profileIri)), pages: [] }
  const warm = await harvest(first, profileIri)
  server.close()
  console.error(`harvested ${warm.pages.length} pages: first walk ${round(cold.seconds)} s, second ${round(warm.seconds)} s (${round(warm.cpuSeconds)} s CPU)`)
  const pages = warm.pages.length
  const union = await writePages(warm.pages, unionFile, validate ? profile : undefined)
  return {
    snapshotQuads: quads, storeLoadSeconds: round(loadSeconds), pages, datasets: union.datasets, triples: union.triples,
    megabytes: round(warm.bytes / 1e6), harvestSecondsCold: round(cold.seconds), harvestSeconds: round(warm.seconds), harvestCpuSeconds: round(warm.cpuSeconds),
    ...(validate ? { shapeViolations: union.violations, validateSeconds: round(union.validateSeconds) } : {}),
  }
}

/** Run the harvest in a child process, so that its store and pages are freed before rdflib needs the memory. */
function harvestInChild(unionFile: string): HarvestResult {
  const args = ['--max-old-space-size=4096', '--import', 'tsx', fileURLToPath(import.meta.url), ...process.argv.slice(2), '--child', unionFile]
  const out = execFileSync(process.execPath, args, { encoding: 'utf8', stdio: ['ignore', 'pipe', 'inherit'], maxBuffer: 1 << 26 })
  return JSON.parse(out.trim().split('\n').pop()!) as HarvestResult
}

async function main() {
  const options = readOptions()
  if (options.child) return void console.log(JSON.stringify(await runHarvest(options, options.child)))
  const dir = mkdtempSync(join(tmpdir(), 'harvest-bench-'))
  try {
    const harvested = harvestInChild(join(dir, 'union.nt'))
    console.error(`pages written as N-Triples (${harvested.triples} triples); rdflib baseline running`)
    const rdflib = runBaseline(join(dir, 'union.nt'), options.baselineTimeout)
    report({ ...harvested, pageSize: options.pageSize, profile: options.profile, rdflib })
  } finally {
    rmSync(dir, { recursive: true, force: true })
  }
}

interface RdflibResult {
  triples: number
  parseSeconds: number
  /** Absent when the serialisation did not end within the baseline timeout. */
  serializeSeconds?: number
  serializeCpuSeconds?: number
  /** Seconds the serialisation had run when it was stopped. */
  stoppedAfterSeconds?: number
}

/** rdflib parses the pages, then serialises the graph to Turtle; stopped after `timeoutSeconds` in all. */
function runBaseline(file: string, timeoutSeconds: number): RdflibResult {
  const started = performance.now()
  const run = spawnSync(PYTHON, ['-c', RDFLIB_BASELINE, file], { encoding: 'utf8', timeout: timeoutSeconds * 1000, maxBuffer: 1 << 24 })
  const parsed = JSON.parse(run.stderr.trim().split('\n')[0] ?? '{}') as Pick<RdflibResult, 'triples' | 'parseSeconds'>
  if (run.status === 0) return JSON.parse(run.stdout.trim()) as RdflibResult
  if (!parsed.triples) throw new Error(`rdflib failed: ${run.error?.message ?? run.stderr.slice(-500)}`)
  return { ...parsed, stoppedAfterSeconds: round((performance.now() - started) / 1000 - parsed.parseSeconds) }
}

function report(r: HarvestResult & { pageSize: number; profile: string; rdflib: RdflibResult }) {
  // When rdflib was stopped, the time it had run is a lower bound of its serialisation, and so of the ratio.
  const serialize = r.rdflib.serializeSeconds ?? r.rdflib.stoppedAfterSeconds!
  const bound = r.rdflib.serializeSeconds === undefined ? '≥ ' : ''
  const result = {
    ...r, rdflib: undefined, datasetsPerSecond: Math.round(r.datasets / r.harvestSeconds),
    rdflibTriples: r.rdflib.triples, rdflibParseSeconds: round(r.rdflib.parseSeconds), rdflibSerializeSeconds: round(serialize),
    ...(r.rdflib.serializeCpuSeconds !== undefined ? { rdflibSerializeCpuSeconds: round(r.rdflib.serializeCpuSeconds), ratioCpuVsRdflibSerialize: round(r.rdflib.serializeCpuSeconds / r.harvestCpuSeconds) } : {}),
    ratioVsRdflibSerialize: round(serialize / r.harvestSeconds), ratioColdVsRdflibSerialize: round(serialize / r.harvestSecondsCold),
    ...(bound ? { rdflibStopped: true } : {}),
  }
  console.log(`store: ${r.snapshotQuads} quads loaded in ${r.storeLoadSeconds} s`)
  console.log(`harvest (${r.profile}, page_size ${r.pageSize}): ${r.pages} pages, ${r.datasets} datasets, ${r.triples} triples (${r.rdflib.triples} distinct), ${r.megabytes} MB of Turtle`)
  console.log(`  first walk ${r.harvestSecondsCold} s, second walk ${r.harvestSeconds} s (${result.datasetsPerSecond} datasets/s), ${r.harvestCpuSeconds} s of CPU`)
  const cpu = result.rdflibSerializeCpuSeconds === undefined ? 'stopped by the baseline timeout' : `${result.rdflibSerializeCpuSeconds} s of CPU`
  console.log(`rdflib ${r.rdflib.triples} triples: parse ${result.rdflibParseSeconds} s, serialise to Turtle ${bound}${result.rdflibSerializeSeconds} s (${cpu})`)
  console.log(`ratio rdflib serialise / our harvest: ${bound}${result.ratioVsRdflibSerialize}× wall (first walk ${bound}${result.ratioColdVsRdflibSerialize}×)${result.ratioCpuVsRdflibSerialize ? `, ${result.ratioCpuVsRdflibSerialize}× CPU` : ''}`)
  if (r.shapeViolations !== undefined) console.log(`DCAT-AP ${r.profile} shapes, every page alone: ${r.shapeViolations} violation(s) (${r.validateSeconds} s, not timed above)`)
  console.log(JSON.stringify(result))
}

const round = (value: number) => Math.round(value * 100) / 100

main().catch((error: unknown) => {
  console.error(error instanceof Error ? error.message : error)
  process.exit(1)
})
