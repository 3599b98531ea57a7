/**
 * Bench: a full harvest of the catalogue (every page, Turtle, over loopback HTTP, as a harvester walks it) against
 * the baseline of Python rdflib serialising the same graph (the union of the pages) to Turtle, in the same run.
 *
 *   node bin/ogd.js build --catalog bench/out/catalog-50000.csv --snapshot /tmp/x
 *   node bin/run-ts.js bench/harvest.ts --snapshot /tmp/x [--page-size 1000] [--profile 3.0.1] [--validate]
 *
 * `--validate` also checks every harvested page alone with the official shapes of the profile (not timed).
 * (`bench/harvest-snapshot.ts` makes the same snapshot without the build's SHACL step, when that is too slow.)
 */
import { execFileSync } from 'node:child_process'
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs'
import type { AddressInfo } from 'node:net'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { parseArgs } from 'node:util'
import { serve } from '@hono/node-server'
import { Hono } from 'hono'
import { Parser, Writer, type Quad } from 'n3'
import { pino } from 'pino'
import { REPO_ROOT } from '../src/cli/paths.ts'
import { catalogRoutes } from '../src/http/catalog.ts'
import { requireSnapshot } from '../src/store/snapshot.ts'
import { validateQuads } from '../src/validate/validate.ts'
import { DCAT } from '../src/vocab/index.ts'
import { loadSnapshotStore } from './harvest-store.ts'

const USAGE = 'usage: harvest.ts --snapshot DIR [--page-size N] [--profile 3.0.1|2.1.1] [--validate]'
const PYTHON = '/usr/bin/python3'

const RDFLIB_BASELINE = `
import json, sys, time, rdflib
g = rdflib.Graph()
t = time.perf_counter(); g.parse(sys.argv[1], format='nt'); parsed = time.perf_counter() - t
t = time.perf_counter(); text = g.serialize(format='turtle'); serialised = time.perf_counter() - t
print(json.dumps({'triples': len(g), 'parseSeconds': parsed, 'serializeSeconds': serialised, 'bytes': len(text.encode('utf-8'))}))
`

function readOptions() {
  const { values } = parseArgs({
    options: { snapshot: { type: 'string' }, 'page-size': { type: 'string', default: '1000' }, profile: { type: 'string', default: '3.0.1' }, validate: { type: 'boolean', default: false } },
  })
  if (!values.snapshot) throw new Error(`--snapshot is required (${USAGE})`)
  const pageSize = Number(values['page-size'])
  if (!Number.isInteger(pageSize) || pageSize < 1) throw new Error(`--page-size must be a positive integer (${USAGE})`)
  if (!['3.0.1', '2.1.1'].includes(values.profile!)) throw new Error(`--profile must be 3.0.1 or 2.1.1 (${USAGE})`)
  return { snapshot: values.snapshot, pageSize, profile: values.profile as '3.0.1' | '2.1.1', validate: values.validate! }
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
async function harvest(first: string, profile: string): Promise<{ pages: string[]; seconds: number; bytes: number }> {
  const pages: string[] = []
  let bytes = 0
  let url: string | undefined = first
  const started = performance.now()
  while (url) {
    const response: Response = await fetch(url, { headers: { accept: 'text/turtle', 'accept-profile': profile } })
    if (!response.ok) throw new Error(`GET ${url}: ${response.status} ${await response.text()}`)
    const text = await response.text()
    bytes += Buffer.byteLength(text)
    pages.push(text)
    url = /<([^>]+)>;\s*rel="next"/.exec(response.headers.get('link') ?? '')?.[1]
  }
  return { pages, seconds: (performance.now() - started) / 1000, bytes }
}

/** Each page's triples, the union as N-Triples (for the baseline), and how many datasets the pages list. */
function readPages(pages: readonly string[]): { quads: Quad[][]; ntriples: string; triples: number; datasets: number } {
  const seen = new Set<string>()
  const writer = new Writer({ format: 'N-Triples' })
  const quads = pages.map((page) => new Parser({ format: 'text/turtle' }).parse(page))
  let datasets = 0
  for (const q of quads.flat()) {
    if (q.predicate.equals(DCAT.dataset)) datasets++
    seen.add(writer.quadToString(q.subject, q.predicate, q.object))
  }
  return { quads, ntriples: [...seen].join(''), triples: seen.size, datasets }
}

/** Violations of the profile's official shapes, page by page (each page must stand alone). */
async function countViolations(pages: readonly Quad[][], profile: '3.0.1' | '2.1.1'): Promise<{ violations: number; seconds: number }> {
  const started = performance.now()
  let violations = 0
  for (const quads of pages) {
    const report = await validateQuads(quads, { shapesDir: join(REPO_ROOT, 'shapes'), profile: `dcat-ap-${profile}` })
    violations += report.issues.filter((issue) => issue.severity === 'Violation').length
  }
  return { violations, seconds: (performance.now() - started) / 1000 }
}

async function main() {
  const { snapshot, pageSize, profile, validate } = readOptions()
  const profileIri = `<https://semiceu.github.io/DCAT-AP/releases/${profile}>`
  const { server, port, loadSeconds, quads } = await startServer(snapshot, pageSize)
  const first = `http://127.0.0.1:${port}/catalog?page_size=${pageSize}`
  const cold = await harvest(first, profileIri)
  const warm = await harvest(first, profileIri)
  server.close()
  const union = readPages(warm.pages)
  const shapes = validate ? await countViolations(union.quads, profile) : undefined
  const dir = mkdtempSync(join(tmpdir(), 'harvest-bench-'))
  writeFileSync(join(dir, 'union.nt'), union.ntriples)
  const rdflib = JSON.parse(execFileSync(PYTHON, ['-c', RDFLIB_BASELINE, join(dir, 'union.nt')], { encoding: 'utf8', maxBuffer: 1 << 30 })) as { triples: number; parseSeconds: number; serializeSeconds: number; bytes: number }
  rmSync(dir, { recursive: true, force: true })
  const result = {
    snapshotQuads: quads, storeLoadSeconds: round(loadSeconds), pageSize, profile,
    pages: warm.pages.length, datasets: union.datasets, triples: union.triples, megabytes: round(warm.bytes / 1e6),
    harvestSecondsCold: round(cold.seconds), harvestSeconds: round(warm.seconds), datasetsPerSecond: Math.round(union.datasets / warm.seconds),
    rdflibParseSeconds: round(rdflib.parseSeconds), rdflibSerializeSeconds: round(rdflib.serializeSeconds), rdflibTriples: rdflib.triples,
    ratioVsRdflibSerialize: round(rdflib.serializeSeconds / warm.seconds), ratioColdVsRdflibSerialize: round(rdflib.serializeSeconds / cold.seconds),
    ...(shapes ? { shapeViolations: shapes.violations, validateSeconds: round(shapes.seconds) } : {}),
  }
  console.log(`store: ${quads} quads loaded in ${result.storeLoadSeconds} s`)
  console.log(`harvest (${profile}, page_size ${pageSize}): ${result.pages} pages, ${result.datasets} datasets, ${result.triples} distinct triples, ${result.megabytes} MB of Turtle`)
  console.log(`  first walk ${result.harvestSecondsCold} s, second walk ${result.harvestSeconds} s (${result.datasetsPerSecond} datasets/s)`)
  console.log(`rdflib ${rdflib.triples} triples: parse ${result.rdflibParseSeconds} s, serialise to Turtle ${result.rdflibSerializeSeconds} s`)
  console.log(`ratio rdflib serialise / our harvest: ${result.ratioVsRdflibSerialize}× (first walk ${result.ratioColdVsRdflibSerialize}×)`)
  if (shapes) console.log(`DCAT-AP ${profile} shapes, every page alone: ${shapes.violations} violation(s) (${round(shapes.seconds)} s, not timed above)`)
  console.log(JSON.stringify(result))
}

const round = (value: number) => Math.round(value * 100) / 100

main().catch((error: unknown) => {
  console.error(error instanceof Error ? error.message : error)
  process.exit(1)
})
