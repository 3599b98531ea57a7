/**
 * Benchmark of a daily sync (issue 14): a change export of --changes records (80 % 修改, 10 % 上架, 10 % 下架) applied
 * with POST /admin/sync to a generated catalogue of --count datasets on the embedded store (2 replicas, journal),
 * against the baseline of a full `ogd import` of the same catalogue (same run); and the p99 of concurrent record and
 * SPARQL reads during the sync against the same reads without it. The write context (agencies, laws, the validation
 * background) is read ahead, as `ogd serve` does once ready when a write token exists, and timed apart. Second baseline, same run: Virtuoso 7's Graph
 * Store Protocol PUT of exactly the graphs our sync wrote (read back from its journal entry), one request per graph,
 * on a Virtuoso loaded with the same snapshot — Virtuoso validates nothing and links nothing; we do both.
 *
 *   node bin/run-ts.js bench/sync.ts [--count 2000] [--changes 200] [--readers 4] [--seconds 10] [--virtuoso on|off]
 */
import { mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs'
import { join } from 'node:path'
import { parseArgs } from 'node:util'
import { DataFactory, Parser, Writer, type Quad } from 'n3'
import pino from 'pino'
import { createToken, createTokenVerifier } from '../src/auth/tokens.ts'
import { defaultInputs } from '../src/build/inputs.ts'
import { runBuild } from '../src/build/run-build.ts'
import { REPO_ROOT } from '../src/cli/paths.ts'
import { loadConfig } from '../src/config.ts'
import { createApp } from '../src/http/app.ts'
import { parseCsvRows } from '../src/sources/catalog-csv.ts'
import { EXPORT_HEADER } from '../src/sources/datagovtw-export.ts'
import { createEmbeddedStore } from '../src/store/embedded.ts'
import { createDigestFetch } from '../src/store/digest-auth.ts'
import { createJournaledStore, openJournal } from '../src/store/journaled-store.ts'
import { isVirtuosoInstalled, launchVirtuoso } from '../src/store/virtuoso-launch.ts'
import { loadSnapshotIntoVirtuoso } from '../src/store/virtuoso-load.ts'
import { generateCatalogCsv } from './lib/catalog-generator.ts'

const { values } = parseArgs({ options: { count: { type: 'string', default: '2000' }, changes: { type: 'string', default: '200' }, readers: { type: 'string', default: '4' }, seconds: { type: 'string', default: '10' }, seed: { type: 'string', default: '14' }, virtuoso: { type: 'string', default: 'on' } } })
const count = Number(values.count)
const changes = Number(values.changes)
const BASE = 'http://localhost:8080'
const out = join(REPO_ROOT, 'bench/out', `sync-${count}`)
rmSync(out, { recursive: true, force: true })
mkdirSync(out, { recursive: true })

// The catalogue, plus rows that only the change export has (its 上架).
const created = Math.round(changes * 0.1)
const csv = [...generateCatalogCsv(count + 2 * created, values.seed!)].join('')
const [header, ...rows] = parseCsvRows(csv, 'generated')
const catalogPath = join(out, 'catalog.csv')
const quote = (f: string) => `"${f.replaceAll('"', '""')}"`
writeFileSync(catalogPath, [header!.fields.join(','), ...rows.slice(0, count).map((r) => r.fields.map(quote).join(','))].join('\n') + '\n')

const log = (line: string) => process.stderr.write(`${line}\n`)
log(`importing ${count} datasets (baseline: a full ogd import)…`)
const quiet = { step() {}, tick() {}, done() {}, log() {} }
const t0 = performance.now()
const inputs = { ...defaultInputs(REPO_ROOT), catalog: [catalogPath] }
const { snapshot } = await runBuild({ root: REPO_ROOT, snapshotDir: join(out, 'snapshot'), baseIri: BASE, inputs, progress: quiet, allowInvalid: true })
const importSeconds = (performance.now() - t0) / 1000

const asRecord = (fields: string[], status: string) => ({ ...Object.fromEntries(EXPORT_HEADER.map((c, i) => [c, fields[i] ?? ''])), 資料集變動狀態: status })
const modified = Math.round(changes * 0.8)
const withdrawn = changes - modified - created
/** A change export; `round` makes its 修改 titles differ from the previous round's, and takes other rows. */
const makeExport = (round: number) => {
  const at = round * (modified + withdrawn)
  return [
    ...rows.slice(at, at + modified).map((r) => ({ ...asRecord(r.fields, '修改'), 資料集名稱: `${r.fields[1]}（修訂 ${round}）` })),
    ...rows.slice(at + modified, at + modified + withdrawn).map((r) => asRecord(r.fields, '下架')),
    ...rows.slice(count + round * created, count + (round + 1) * created).map((r) => asRecord(r.fields, '上架')),
  ]
}
const exportRecords = makeExport(0)
const ids = rows.slice(0, count).map((r) => r.fields[0]!)

const journal = await openJournal(snapshot.dir, snapshot, { onFatal: (error) => { throw error } })
const embedded = createEmbeddedStore({ nquadsPath: snapshot.nquadsPath, replicas: 2, changes: journal.changes })
await embedded.ready
const store = createJournaledStore(embedded, snapshot.dir, journal)
const { token } = await createToken(snapshot.dir, { scope: 'sync' })
const config = loadConfig({ BASE_IRI: BASE, SNAPSHOT_DIR: snapshot.dir, QUERY_CACHE_BYTES: '0' })
const app = createApp({ store, config, logger: pino({ level: 'silent' }), tokens: createTokenVerifier(snapshot.dir) })
// What `ogd serve` does once ready when a write token exists (src/server.ts): read the write context ahead. Timed
// apart: it is paid once per process, not per sync.
const warming = performance.now()
await app.warmUp()
const writeContextSeconds = (performance.now() - warming) / 1000

let n = 0
async function reader(kind: 'record' | 'sparql', until: () => boolean, latencies: number[]): Promise<void> {
  while (!until()) {
    const id = ids[(n = (n * 7919 + 13) % ids.length)]!
    const started = performance.now()
    const response = kind === 'record'
      ? await app.request(`/dataset/${id}`, { headers: { accept: 'text/turtle' } })
      : await app.request(`/sparql?query=${encodeURIComponent(`SELECT ?t WHERE { <${BASE}/dataset/${id}> <http://purl.org/dc/terms/title> ?t }`)}`, { headers: { accept: 'application/sparql-results+json' } })
    await response.arrayBuffer()
    latencies.push(performance.now() - started)
    // A cached read resolves without I/O: without this yield the loop runs on microtasks alone and starves the
    // worker replies the sync waits for (in-process requests only; a socket client yields by itself).
    await new Promise((resolve) => setImmediate(resolve))
  }
}

const p = (list: number[], q: number) => { const s = [...list].sort((a, b) => a - b); return Math.round(s[Math.min(s.length - 1, Math.floor(q * s.length))]! * 10) / 10 }
async function readLoad(until: () => boolean) {
  const record: number[] = []
  const sparql: number[] = []
  const readers = Number(values.readers)
  await Promise.all(Array.from({ length: readers }, (_, i) => reader(i % 2 ? 'sparql' : 'record', until, i % 2 ? sparql : record)))
  return { recordP50: p(record, 0.5), recordP99: p(record, 0.99), sparqlP50: p(sparql, 0.5), sparqlP99: p(sparql, 0.99), reads: record.length + sparql.length }
}

log('warming up and measuring reads without a sync…')
await app.request('/catalog') // the catalogue's first version, so the sync's changes are a change
const quietEnd = performance.now() + Number(values.seconds) * 1000
const without = await readLoad(() => performance.now() > quietEnd)
log(JSON.stringify({ phase: 'reads without sync', ...without }))

const sync = async (records: unknown[]) => {
  const started = performance.now()
  const response = await app.request('/admin/sync', { method: 'POST', headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json' }, body: JSON.stringify(records) })
  return { report: await response.json() as Record<string, unknown[]>, seconds: (performance.now() - started) / 1000 }
}
log(`applying ${exportRecords.length} changes alone…`)
const { report, seconds: syncSeconds } = await sync(exportRecords)
log(JSON.stringify({ phase: 'sync alone', importSeconds, syncSeconds, records: exportRecords.length, recordsPerSecond: exportRecords.length / syncSeconds, importDatasetsPerSecond: count / importSeconds }))
log(`applying ${exportRecords.length} other changes while reading…`)
let syncing = true
// How long the event loop is held during the sync: the in-process reads wait for every turn of it.
const blocks: number[] = []
let last = performance.now()
const drift = setInterval(() => { const t = performance.now(); if (t - last > 40) blocks.push(t - last); last = t }, 5)
const during = readLoad(() => !syncing)
const second = await sync(makeExport(1))
syncing = false
clearInterval(drift)
const withSync = await during
await store.close()

/** The graphs the first sync wrote, as its journal entry holds them: N-Triples per graph ('' for a dropped graph). */
function firstSyncGraphs(): Map<string, string> {
  const lines = readFileSync(join(snapshot.dir, 'journal.log'), 'utf8').split('\n').filter(Boolean)
  const entry = lines.map((line) => JSON.parse(line.slice(line.indexOf(' ') + 1)) as { op: string; graphs?: string[]; nquads?: string }).find((e) => e.op === 'replace')!
  const byGraph = new Map<string, Quad[]>(entry.graphs!.map((g) => [g, []]))
  for (const q of new Parser({ format: 'N-Quads' }).parse(entry.nquads!)) byGraph.get(q.graph.value)?.push(DataFactory.quad(q.subject, q.predicate, q.object))
  return new Map([...byGraph].map(([g, quads]) => [g, quads.length ? new Writer({ format: 'N-Triples' }).quadsToString(quads) : '']))
}

/** Virtuoso 7, loaded with the same snapshot, takes the same graphs by GSP PUT (DELETE for a dropped one). */
async function virtuosoBaseline() {
  if (values.virtuoso === 'off' || !isVirtuosoInstalled()) return { skipped: values.virtuoso === 'off' ? '--virtuoso off' : 'virtuoso-t is not installed' }
  const graphs = firstSyncGraphs()
  const virtuoso = await launchVirtuoso({ loadDirs: [out] })
  try {
    const load = await loadSnapshotIntoVirtuoso(virtuoso.sql, snapshot.nquadsPath, { snapshotVersion: snapshot.version })
    log(`virtuoso: loaded ${load.quads} quads in ${load.seconds.toFixed(1)} s; PUT of ${graphs.size} graphs…`)
    const crud = virtuoso.endpoint.replace(/\/sparql$/, '/sparql-graph-crud-auth')
    const put = createDigestFetch({ user: 'dba', password: 'dba' })
    const send = async ([graph, triples]: [string, string]) => {
      const url = `${crud}?graph-uri=${encodeURIComponent(graph)}`
      const response = triples
        ? await put(url, { method: 'PUT', headers: { 'content-type': 'text/turtle' }, body: triples })
        : await put(url, { method: 'DELETE' })
      await response.arrayBuffer()
      if (response.status >= 300 && !(response.status === 404 && !triples)) throw new Error(`Virtuoso GSP ${response.status} for <${graph}>`)
    }
    const entries = [...graphs]
    const t = performance.now()
    for (const entry of entries) await send(entry)
    const oneClientSeconds = (performance.now() - t) / 1000
    // Again with 4 clients (the same graphs, now a replacement of what the first pass wrote).
    const t4 = performance.now()
    let next = 0
    await Promise.all(Array.from({ length: 4 }, async () => { while (next < entries.length) await send(entries[next++]!) }))
    const fourClientSeconds = (performance.now() - t4) / 1000
    await virtuoso.sql('checkpoint;')
    return { graphs: graphs.size, loadSeconds: Math.round(load.seconds * 10) / 10, oneClientSeconds: Math.round(oneClientSeconds * 100) / 100, fourClientSeconds: Math.round(fourClientSeconds * 100) / 100 }
  } finally {
    await virtuoso.stop()
  }
}
const virtuosoPut = await virtuosoBaseline().catch((error: Error) => ({ failed: error.message.slice(0, 400) }))
log(JSON.stringify({ phase: 'virtuoso GSP PUT', ...virtuosoPut }))

const counts = Object.fromEntries(['created', 'modified', 'withdrawn', 'unchanged', 'rejected'].map((k) => [k, report[k]?.length ?? 0]))
const result = {
  count, changes: exportRecords.length, counts, importSeconds: Math.round(importSeconds * 10) / 10, writeContextSeconds: Math.round(writeContextSeconds * 10) / 10, syncSeconds: Math.round(syncSeconds * 100) / 100,
  importDatasetsPerSecond: Math.round(count / importSeconds), syncRecordsPerSecond: Math.round(exportRecords.length / syncSeconds),
  importOverSyncTime: Math.round((importSeconds / syncSeconds) * 10) / 10,
  syncSecondsWhileReading: Math.round(second.seconds * 100) / 100,
  readsWithout: without, readsDuringSync: withSync,
  recordP99Ratio: Math.round((withSync.recordP99 / without.recordP99) * 10) / 10, sparqlP99Ratio: Math.round((withSync.sparqlP99 / without.sparqlP99) * 10) / 10,
  journalBytes: readFileSync(join(snapshot.dir, 'journal.log')).length,
  eventLoopBlocksOver40ms: blocks.length, longestBlockMs: Math.round(Math.max(0, ...blocks)),
  virtuosoPut,
  ...(typeof (virtuosoPut as { oneClientSeconds?: number }).oneClientSeconds === 'number' ? (({ oneClientSeconds, fourClientSeconds }: { oneClientSeconds: number; fourClientSeconds: number }) => ({
    virtuosoRecordsPerSecond: Math.round(exportRecords.length / oneClientSeconds),
    virtuosoOverSyncTime: Math.round((oneClientSeconds / syncSeconds) * 100) / 100,
    virtuoso4ClientsOverSyncTime: Math.round((fourClientSeconds / syncSeconds) * 100) / 100,
  }))(virtuosoPut as { oneClientSeconds: number; fourClientSeconds: number }) : {}),
}
console.log(JSON.stringify(result))
