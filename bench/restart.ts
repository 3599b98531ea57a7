/**
 * Up in seconds: (1) a restart with the snapshot already built, `ogd serve` started → GET /health 200 (one replica
 * ready), then until every replica is ready; (2) a replica replaced after a deadline kill: the kill → the store has
 * all its replicas ready again (GET /health's replicas.ready), with the replica's own load time from its log line;
 * (3) the engine's best load of the same bytes in this process (`load`, lenient + no_transaction, from a
 * Uint8Array: bench/load-store.ts's path) as the baseline of the replica's quads/s.
 *
 *   node bin/run-ts.js bench/restart.ts [--snapshot DIR] [--port 18601] [--repeat 3] [--deadline 20000] [--standby 0]
 */
import { spawn } from 'node:child_process'
import { readFileSync } from 'node:fs'
import { parseArgs } from 'node:util'
import oxigraph from 'oxigraph'
import { REPO_ROOT } from '../src/cli/paths.ts'
import { requireSnapshot } from '../src/store/snapshot.ts'

const { values: args } = parseArgs({
  options: {
    snapshot: { type: 'string', default: 'data/snapshot' },
    port: { type: 'string', default: '18601' },
    repeat: { type: 'string', default: '3' },
    // The deadline of the runaway that costs a replica (and of everything else: the VoID warm-up must fit in it).
    deadline: { type: 'string', default: '20000' },
    standby: { type: 'string', default: '0' },
  },
})
const base = `http://127.0.0.1:${args.port}`
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms))

async function health(): Promise<{ status: number; ready?: number; total?: number }> {
  try {
    const res = await fetch(`${base}/health`)
    const body = (await res.json().catch(() => ({}))) as { replicas?: { ready: number; total: number } }
    return { status: res.status, ready: body.replicas?.ready, total: body.replicas?.total }
  } catch {
    return { status: 0 }
  }
}

async function until(check: (h: Awaited<ReturnType<typeof health>>) => boolean, limitMs = 300_000): Promise<number> {
  const t0 = performance.now()
  while (performance.now() - t0 < limitMs) {
    if (check(await health())) return performance.now() - t0
    await sleep(25)
  }
  throw new Error('timed out')
}

async function runOnce() {
  const log: string[] = []
  const t0 = performance.now()
  const child = spawn(process.execPath, ['bin/ogd.js', 'serve'], {
    cwd: REPO_ROOT,
    env: { ...process.env, PORT: args.port, HOST: '127.0.0.1', SNAPSHOT_DIR: args.snapshot, LOG_LEVEL: 'info', QUERY_TIMEOUT_MS: args.deadline!, QUERY_STANDBY_REPLICAS: args.standby! },
    stdio: ['ignore', 'pipe', 'inherit'],
  })
  child.stdout.on('data', (chunk: Buffer) => log.push(...chunk.toString().split('\n').filter(Boolean)))
  try {
    await until((h) => h.status === 200)
    const firstMs = performance.now() - t0
    await until((h) => h.status === 200 && h.ready !== undefined && h.ready === h.total && (h.total ?? 0) >= 2)
    // Standbys load after the serving replicas: wait for their log lines before the kill.
    while (log.filter((l) => l.includes('"standby":true') && l.includes('replica loaded')).length < Number(args.standby)) await sleep(50)
    const allMs = performance.now() - t0
    // A runaway past the deadline costs its replica; the pool starts another, which loads from shared memory.
    const runaway = 'SELECT (COUNT(*) AS ?c) WHERE { ?a ?b ?c . ?d ?e ?f . ?g ?h ?i }'
    const res = await fetch(`${base}/sparql`, { method: 'POST', headers: { 'content-type': 'application/x-www-form-urlencoded', accept: 'text/csv' }, body: new URLSearchParams({ query: runaway }) })
    await res.arrayBuffer()
    // From the 503 (the deadline passed and the replica was stopped), not from the request.
    const killedAt = performance.now()
    await until((h) => h.status === 200 && h.ready !== undefined && h.ready < (h.total ?? 0), 5_000).catch(() => 0)
    await until((h) => h.status === 200 && h.ready !== undefined && h.ready === h.total)
    const replacedMs = performance.now() - killedAt
    const loads = log.map((l) => { try { return JSON.parse(l) } catch { return undefined } }).filter((l) => l?.msg === 'replica loaded')
    return { firstMs, allMs, replacedMs, deadlineStatus: res.status, replicaLoads: loads.map((l) => ({ replica: l.replica, quads: l.quads, ms: l.ms })) }
  } finally {
    child.kill('SIGTERM')
    await new Promise((r) => child.once('exit', r))
  }
}

const snapshot = await requireSnapshot(args.snapshot)
const runs = []
for (let i = 0; i < Number(args.repeat); i += 1) runs.push(await runOnce())

// The engine's own best on the same bytes, in this process.
const bytes = new Uint8Array(readFileSync(snapshot.nquadsPath))
const engineRuns = []
for (let i = 0; i < Number(args.repeat); i += 1) {
  const store = new oxigraph.Store()
  const t = performance.now()
  store.load(bytes, { format: 'application/n-quads', lenient: true, no_transaction: true })
  engineRuns.push(performance.now() - t)
  // Freed at once: the instance's 4 GiB hold one copy of the default graph, not three waiting for the collector.
  ;(store as unknown as { free(): void }).free()
}
const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]!
const quads = snapshot.meta.quads
const replicaMs = median(runs.flatMap((r) => r.replicaLoads.map((l) => l.ms)))
const engineMs = median(engineRuns)
console.log(`snapshot ${snapshot.version}: ${quads.toLocaleString('en')} quads (meta), ${(bytes.byteLength / 2 ** 20).toFixed(0)} MiB`)
console.log('| measure | median | runs |')
console.log('| --- | ---: | --- |')
console.log(`| start → /health 200 (one replica) | ${(median(runs.map((r) => r.firstMs)) / 1000).toFixed(2)} s | ${runs.map((r) => (r.firstMs / 1000).toFixed(2)).join(', ')} |`)
console.log(`| start → every replica ready | ${(median(runs.map((r) => r.allMs)) / 1000).toFixed(2)} s | ${runs.map((r) => (r.allMs / 1000).toFixed(2)).join(', ')} |`)
console.log(`| deadline kill → all replicas ready again | ${(median(runs.map((r) => r.replacedMs)) / 1000).toFixed(2)} s | ${runs.map((r) => (r.replacedMs / 1000).toFixed(2)).join(', ')} |`)
console.log(`| one replica's load (worker, shared bytes + journal) | ${(replicaMs / 1000).toFixed(2)} s = ${Math.round(quads / (replicaMs / 1000)).toLocaleString('en')} quads/s | |`)
console.log(`| engine's best (load lenient + no_transaction, Uint8Array, this thread) | ${(engineMs / 1000).toFixed(2)} s = ${Math.round(quads / (engineMs / 1000)).toLocaleString('en')} quads/s | ${engineRuns.map((ms) => (ms / 1000).toFixed(2)).join(', ')} |`)
console.log(`| ratio replica / engine's best (time) | ${(replicaMs / engineMs).toFixed(2)} | |`)
console.log(JSON.stringify({ quads, runs, engineRuns }))
