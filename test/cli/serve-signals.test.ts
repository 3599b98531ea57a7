/**
 * `ogd serve` (what `npm start` runs) as a process: SIGTERM and SIGINT stop it cleanly — a query in flight still gets
 * its answer, no new connection is taken, the process exits 0.
 */
import { spawn, type ChildProcess } from 'node:child_process'
import { get } from 'node:http'
import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { createInterface } from 'node:readline'
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest'
import { REPO_ROOT } from '../../src/cli/paths.ts'
import { writeSnapshot } from '../../src/store/snapshot.ts'
import { generateNQuads } from '../fixtures/store/synthetic.ts'

const BASE = 'http://kg.example.tw'
// 150 records ≈ 3,000 quads: four independent patterns never end by themselves; the deadline stops them.
const RUNAWAY = 'SELECT (COUNT(*) AS ?c) WHERE { ?a ?b ?c . ?d ?e ?f . ?g ?h ?i . ?j ?k ?l }'
const DEADLINE_MS = 1500

let work: string
let snapshotDir: string
let largeSnapshotDir: string
const children: ChildProcess[] = []

beforeAll(async () => {
  work = mkdtempSync(join(tmpdir(), 'ogd-serve-'))
  snapshotDir = join(work, 'snapshot')
  await writeSnapshot(snapshotDir, generateNQuads(150), { baseIri: BASE, createdAt: '2026-01-01T00:00:00.000Z', quads: 0, stats: {}, inputs: [] })
  // ≈ 32,000 quads: their JSON-LD takes seconds to write.
  largeSnapshotDir = join(work, 'large-snapshot')
  await writeSnapshot(largeSnapshotDir, generateNQuads(1600), { baseIri: BASE, createdAt: '2026-01-01T00:00:00.000Z', quads: 0, stats: {}, inputs: [] })
})
afterAll(() => rmSync(work, { recursive: true, force: true }))
afterEach(() => { for (const child of children.splice(0)) child.kill('SIGKILL') })

interface Served {
  child: ChildProcess
  url: string
  /** Every log line so far (pino JSON). */
  lines: { msg?: string; [key: string]: unknown }[]
  exited: Promise<number | null>
}

/** Start `ogd serve` on a free loopback port and wait until the store is loaded. */
async function serve(dir = snapshotDir, deadlineMs = DEADLINE_MS): Promise<Served> {
  const child = spawn(process.execPath, [join(REPO_ROOT, 'bin/ogd.js'), 'serve'], {
    env: { ...process.env, PORT: '0', HOST: '127.0.0.1', BASE_IRI: BASE, SNAPSHOT_DIR: dir, QUERY_TIMEOUT_MS: String(deadlineMs), QUERY_CACHE_BYTES: '0', LOG_LEVEL: 'info' },
    stdio: ['ignore', 'pipe', 'inherit'],
  })
  children.push(child)
  const exited = new Promise<number | null>((resolve) => child.once('exit', (code) => resolve(code)))
  const lines: Served['lines'] = []
  let port = 0
  await new Promise<void>((resolve, reject) => {
    child.once('exit', (code) => reject(new Error(`ogd serve exited (${code}) before it was ready`)))
    createInterface({ input: child.stdout! }).on('line', (text) => {
      const line = JSON.parse(text) as Served['lines'][number]
      lines.push(line)
      if (line.msg === 'listening; loading the store') port = Number(line.port)
      if (line.msg === 'store loaded; ready') resolve()
    })
  })
  return { child, url: `http://127.0.0.1:${port}`, lines, exited }
}

const sparqlGet = (base: string, query: string) => fetch(`${base}/sparql?query=${encodeURIComponent(query)}`, { headers: { accept: 'text/csv' } })

/** GET on a new connection (fetch would reuse a pooled keep-alive one): its status, or the connection error. */
const getOnNewConnection = (url: string) => new Promise<number | Error>((resolve) => {
  get(url, { agent: false }, (response) => { response.resume(); resolve(response.statusCode ?? 0) }).on('error', resolve)
})

async function waitFor(isDone: () => Promise<boolean>): Promise<void> {
  while (!(await isDone())) await new Promise((resolve) => setTimeout(resolve, 20))
}

describe('ogd serve stops cleanly on a signal', () => {
  it('SIGTERM: the query in flight still gets its answer, new connections are refused, exit 0', async () => {
    const served = await serve()
    const inFlight = sparqlGet(served.url, RUNAWAY)
    await waitFor(async () => /sparql_queries_running 1/.test(await (await fetch(`${served.url}/metrics`)).text()))

    served.child.kill('SIGTERM')
    await waitFor(async () => served.lines.some((line) => line.msg?.startsWith('stopping')))
    expect(await getOnNewConnection(`${served.url}/health`)).toMatchObject({ code: 'ECONNREFUSED' })

    // The runaway is answered (stopped at its deadline, 503 problem+json), not cut off with the connection.
    const response = await inFlight
    expect(response.status).toBe(503)
    expect(response.headers.get('content-type')).toBe('application/problem+json')
    expect(await served.exited).toBe(0)
    expect(served.lines.map((line) => line.msg)).toContain('stopped')
  }, 60_000)

  it('SIGINT (Ctrl-C) with nothing in flight: exit 0 at once', async () => {
    const served = await serve()
    expect((await sparqlGet(served.url, 'ASK { ?s ?p ?o }')).status).toBe(200)
    served.child.kill('SIGINT')
    expect(await served.exited).toBe(0)
    expect(served.lines.map((line) => line.msg)).toContain('stopped')
  }, 60_000)

  it('SIGTERM_while_a_30k_triple_answer_is_written_as_json_ld: the signal is taken at once, the answer still arrives, exit 0', async () => {
    const served = await serve(largeSnapshotDir, 30_000)
    const events: string[] = []
    const query = 'CONSTRUCT { ?s ?p ?o } WHERE { ?s ?p ?o } LIMIT 30000'
    const construct = fetch(`${served.url}/sparql?query=${encodeURIComponent(query)}`, { headers: { accept: 'application/ld+json' } })
      .then(async (response) => { events.push('construct answered'); return { status: response.status, body: await response.text() } })
    // The engine has answered (no query running) while the request is still open: its JSON-LD is being written.
    await waitFor(async () => /sparql_queries_running 0/.test(await (await fetch(`${served.url}/metrics`)).text()))
    expect(events).toEqual([])
    served.child.kill('SIGTERM')
    await waitFor(async () => served.lines.some((line) => line.msg?.startsWith('stopping')))
    events.push('stopping')
    const answer = await construct
    expect(events).toEqual(['stopping', 'construct answered'])
    expect(answer.status).toBe(200)
    expect((JSON.parse(answer.body) as { '@graph': unknown[] })['@graph'].length).toBeGreaterThan(1000)
    expect(await served.exited).toBe(0)
  }, 120_000)
})
