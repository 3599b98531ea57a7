/**
 * The crash run: a real `ogd serve` process takes PUTs from concurrent clients that log every acknowledged one, and is
 * SIGKILLed at random moments; after each restart every acknowledged write must be there, every unacknowledged one
 * wholly there or wholly absent (its record graph and its quality graph, every triple), and the graph must pass SHACL.
 * Used by test/store/crash.test.ts (≥ 20 kills) and bench/crash.ts (100).
 */
import { spawn, type ChildProcess } from 'node:child_process'
import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { Parser } from 'n3'
import { createToken } from '../../src/auth/tokens.ts'
import { writeSnapshot } from '../../src/store/snapshot.ts'
import { validateQuads } from '../../src/validate/validate.ts'
import { createPrng } from './prng.ts'

const ROOT = join(import.meta.dirname, '../..')
const AGENCY = 'A41000000G'

export interface CrashRunOptions {
  kills: number
  clients: number
  port: number
  /** How long the server takes writes before each kill, from the round's first acknowledged write: uniform in [min, max] ms. */
  runMs: [number, number]
  /** Worker replicas of the server (QUERY_CONCURRENCY; default 2). */
  replicas?: number
  seed?: number
  log?: (line: string) => void
}

export interface CrashRunResult {
  kills: number
  acknowledged: number
  /** Writes sent whose answer never came (the kill cut them off). */
  unacknowledged: number
  /** Of those, how many were found applied after the restart (wholly). */
  unacknowledgedPresent: number
  /** Acknowledged writes missing after a restart: must be 0. */
  lost: string[]
  /** Records found partly applied (some triples or one of the two graphs): must be 0. */
  torn: string[]
  /** SHACL violations in the final graph (DCAT-AP 3.0.1 and our profile): must be 0. */
  violations: number
  ms: number
}

const baseIri = (port: number) => `http://127.0.0.1:${port}`

/** The starting graph: the agency whose token writes, as the build would describe it. */
const baseGraph = (base: string) => {
  const a = `<${base}/agency/${AGENCY}>`
  return [
    `${a} <http://www.w3.org/1999/02/22-rdf-syntax-ns#type> <http://xmlns.com/foaf/0.1/Agent> ${a} .`,
    `${a} <http://www.w3.org/1999/02/22-rdf-syntax-ns#type> <http://www.w3.org/ns/org#Organization> ${a} .`,
    `${a} <http://xmlns.com/foaf/0.1/name> "國家發展委員會"@zh-Hant ${a} .`,
    `${a} <http://www.w3.org/2004/02/skos/core#prefLabel> "國家發展委員會"@zh-Hant ${a} .`,
    `${a} <http://purl.org/dc/terms/identifier> "${AGENCY}" ${a} .`,
  ].join('\n') + '\n'
}

/** One record's Turtle; 4 triples about the dataset, so a torn one shows as fewer. */
const recordTurtle = (base: string, id: string) => `<${base}/dataset/${id}> a <http://www.w3.org/ns/dcat#Dataset> ;
  <http://purl.org/dc/terms/identifier> "${id}" ; <http://purl.org/dc/terms/title> "寫入 ${id}"@zh-Hant ;
  <http://purl.org/dc/terms/description> "崩潰測試的紀錄 ${id}"@zh-Hant ; <http://purl.org/dc/terms/publisher> <${base}/agency/${AGENCY}> .`
const TRIPLES_PER_RECORD = 5

function startServer(dir: string, port: number, replicas: number): { child: ChildProcess; exited: Promise<number | null>; stderr: () => string } {
  let stderr = ''
  const child = spawn(process.execPath, [join(ROOT, 'bin/ogd.js'), 'serve'], {
    env: { ...process.env, SNAPSHOT_DIR: dir, PORT: String(port), HOST: '127.0.0.1', BASE_IRI: baseIri(port), LOG_LEVEL: 'warn', QUERY_CONCURRENCY: String(replicas) },
    stdio: ['ignore', 'ignore', 'pipe'],
  })
  child.stderr!.on('data', (chunk: Buffer) => { stderr = (stderr + chunk.toString()).slice(-4000) })
  const exited = new Promise<number | null>((resolve) => child.on('exit', (code) => resolve(code)))
  return { child, exited, stderr: () => stderr }
}

async function waitHealthy(port: number, server: ReturnType<typeof startServer>): Promise<void> {
  const deadline = Date.now() + 120_000
  while (Date.now() < deadline) {
    if (server.child.exitCode !== null) throw new Error(`the server exited (${server.child.exitCode}): ${server.stderr()}`)
    const ok = await fetch(`${baseIri(port)}/health`).then((r) => r.status === 200, () => false)
    if (ok) return
    await new Promise((resolve) => setTimeout(resolve, 50))
  }
  throw new Error(`the server did not become healthy: ${server.stderr()}`)
}

async function select(port: number, query: string): Promise<Record<string, { value: string }>[]> {
  const response = await fetch(`${baseIri(port)}/sparql`, { method: 'POST', headers: { 'content-type': 'application/sparql-query', accept: 'application/sparql-results+json' }, body: query })
  if (!response.ok) throw new Error(`query failed: ${response.status} ${await response.text()}`)
  return (await response.json()).results.bindings
}

/** Triples per crash record graph, and which quality graphs exist. */
async function readState(port: number): Promise<{ triples: Map<string, number>; quality: Set<string> }> {
  const base = baseIri(port)
  const rows = await select(port, `SELECT ?g (COUNT(*) AS ?n) WHERE { GRAPH ?g { ?s ?p ?o } FILTER(STRSTARTS(STR(?g), "${base}/dataset/k")) } GROUP BY ?g`)
  const triples = new Map<string, number>()
  const quality = new Set<string>()
  for (const row of rows) {
    const id = row.g!.value.slice(`${base}/dataset/`.length)
    if (id.endsWith('/validation')) quality.add(id.slice(0, -'/validation'.length))
    else triples.set(id, Number(row.n!.value))
  }
  return { triples, quality }
}

async function countViolations(port: number): Promise<number> {
  const response = await fetch(`${baseIri(port)}/sparql`, { method: 'POST', headers: { 'content-type': 'application/sparql-query', accept: 'application/n-triples' }, body: 'CONSTRUCT { ?s ?p ?o } WHERE { GRAPH ?g { ?s ?p ?o } }' })
  const quads = new Parser({ format: 'N-Triples' }).parse(await response.text())
  let violations = 0
  for (const profile of ['dcat-ap-3.0.1', 'ogd'] as const) {
    const report = await validateQuads(quads, { shapesDir: join(ROOT, 'shapes'), profile })
    violations += report.issues.filter((i) => i.severity === 'Violation').length
  }
  return violations
}

/** Run the whole crash test; the temporary snapshot directory is removed at the end. */
export async function runCrashTest(options: CrashRunOptions): Promise<CrashRunResult> {
  const started = performance.now()
  const { port, log = () => undefined } = options
  const base = baseIri(port)
  const rng = createPrng(options.seed ?? 1)
  const dir = join(mkdtempSync(join(tmpdir(), 'ogd-crash-')), 'snapshot')
  await writeSnapshot(dir, baseGraph(base), { baseIri: base, createdAt: new Date().toISOString(), quads: 5, stats: {}, inputs: [] })
  const { token } = await createToken(dir, { scope: 'write', agency: AGENCY })
  const acked = new Set<string>()
  const unacked = new Set<string>()
  const result: CrashRunResult = { kills: 0, acknowledged: 0, unacknowledged: 0, unacknowledgedPresent: 0, lost: [], torn: [], violations: 0, ms: 0 }
  let server = startServer(dir, port, options.replicas ?? 2)
  try {
    for (let round = 0; round <= options.kills; round += 1) {
      await waitHealthy(port, server)
      const state = await readState(port)
      for (const id of acked) if (!state.triples.has(id)) result.lost.push(id)
      for (const [id, n] of state.triples) if (n !== TRIPLES_PER_RECORD || !state.quality.has(id)) result.torn.push(id)
      for (const id of state.quality) if (!state.triples.has(id)) result.torn.push(`${id}/validation`)
      if (round === options.kills) break
      let stopped = false
      let firstAck!: () => void
      const writing = new Promise<void>((resolve) => { firstAck = resolve })
      const client = async (c: number) => {
        for (let n = 0; !stopped; n += 1) {
          const id = `k${round}c${c}n${n}`
          try {
            const response = await fetch(`${base}/dataset/${id}`, { method: 'PUT', headers: { authorization: `Bearer ${token}`, 'content-type': 'text/turtle', 'if-none-match': '*' }, body: recordTurtle(base, id) })
            if (response.status !== 201) throw new Error(`PUT ${id}: ${response.status} ${await response.text()}`)
            acked.add(id)
            firstAck()
          } catch (error) {
            if (error instanceof Error && error.message.startsWith('PUT ')) throw error
            unacked.add(id) // the connection died with the server: never acknowledged
            return
          }
        }
      }
      const clients = Array.from({ length: options.clients }, (_, c) => client(c))
      const [min, max] = options.runMs
      // The clock starts at the round's first acknowledged write, so that every kill lands among writes in flight.
      await Promise.race([writing, Promise.all(clients)])
      await new Promise((resolve) => setTimeout(resolve, min + rng.nextFloat() * (max - min)))
      server.child.kill('SIGKILL')
      await server.exited
      stopped = true
      await Promise.all(clients)
      result.kills += 1
      log(`kill ${result.kills}: ${acked.size} acknowledged, ${unacked.size} cut off so far`)
      server = startServer(dir, port, options.replicas ?? 2)
    }
    const final = await readState(port)
    result.acknowledged = acked.size
    result.unacknowledged = unacked.size
    result.unacknowledgedPresent = [...unacked].filter((id) => final.triples.has(id)).length
    result.violations = await countViolations(port)
  } finally {
    server.child.kill('SIGKILL')
    await server.exited
    rmSync(join(dir, '..'), { recursive: true, force: true })
  }
  result.ms = Math.round(performance.now() - started)
  return result
}
