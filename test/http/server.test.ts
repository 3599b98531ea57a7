import { mkdtemp, rm } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { request as httpRequest } from 'node:http'
import { join } from 'node:path'
import { Writable } from 'node:stream'
import pino from 'pino'
import { afterEach, describe, expect, it } from 'vitest'
import { startServer, type RunningServer } from '../../src/server.ts'
import { writeSnapshot } from '../../src/store/snapshot.ts'
import { createLocalStore, fixture, silentLogger, testConfig } from './support.ts'

const cleanups: (() => Promise<void>)[] = []
afterEach(async () => { for (const cleanup of cleanups.splice(0)) await cleanup() })

async function snapshotDir(): Promise<string> {
  const dir = await mkdtemp(join(tmpdir(), 'ogd-server-'))
  cleanups.push(() => rm(dir, { recursive: true, force: true }))
  await writeSnapshot(dir, fixture('graph.nq'), { baseIri: 'http://kg.example.tw', createdAt: new Date().toISOString(), quads: 8, stats: {}, inputs: [] })
  return dir
}

async function start(dir: string, openStore: (nquads: string) => Promise<ReturnType<typeof createLocalStore>>): Promise<RunningServer> {
  const server = await startServer(testConfig({ PORT: '0', HOST: '127.0.0.1', SNAPSHOT_DIR: dir }), { openStore, logger: silentLogger() })
  cleanups.push(() => server.close())
  return server
}

describe('startServer', () => {
  it('health_is_503_until_the_snapshot_is_loaded_then_200', async () => {
    let release = () => {}
    const gate = new Promise<void>((resolve) => { release = resolve })
    const server = await start(await snapshotDir(), async (nquads) => { await gate; return createLocalStore({ nquads }) })
    const url = `http://127.0.0.1:${server.port}`
    expect((await fetch(`${url}/health`)).status).toBe(503)
    expect((await fetch(`${url}/sparql?query=ASK%7B%7D`)).status).toBe(503)
    release()
    await server.ready
    expect((await fetch(`${url}/health`)).status).toBe(200)
    const answer = await fetch(`${url}/sparql?query=${encodeURIComponent('SELECT (COUNT(*) AS ?n) { ?s ?p ?o }')}`, { headers: { accept: 'text/csv' } })
    expect(await answer.text()).toBe('n\r\n8\r\n')
  })

  it('a_missing_snapshot_keeps_health_503', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'ogd-empty-'))
    cleanups.push(() => rm(dir, { recursive: true, force: true }))
    const server = await start(dir, async (nquads) => createLocalStore({ nquads }))
    await expect(server.ready).rejects.toThrow(/no snapshot/)
    expect((await fetch(`http://127.0.0.1:${server.port}/health`)).status).toBe(503)
  })

  it('methods_over_a_real_socket: CONNECT and TRACE are 501, PUT on a record path 405, and GET still works', async () => {
    const server = await start(await snapshotDir(), async (nquads) => createLocalStore({ nquads }))
    await server.ready
    const connect = await new Promise<number>((resolve, reject) => {
      const request = httpRequest({ host: '127.0.0.1', port: server.port, method: 'CONNECT', path: 'example.org:443' })
      request.on('connect', (response, socket) => { socket.destroy(); resolve(response.statusCode ?? 0) })
      request.on('error', reject)
      request.end()
    })
    expect(connect).toBe(501)
    const trace = await new Promise<number>((resolve, reject) => {
      httpRequest({ host: '127.0.0.1', port: server.port, method: 'TRACE', path: '/health' }, (response) => { response.resume(); resolve(response.statusCode ?? 0) }).on('error', reject).end()
    })
    expect(trace).toBe(501)
    const url = `http://127.0.0.1:${server.port}`
    expect((await fetch(`${url}/health`, { method: 'PUT' })).status).toBe(405)
    expect((await fetch(`${url}/health`)).status).toBe(200)
  })
})

describe('a snapshot served under another base', () => {
  it('serves_its_iris_under_the_configured_base_without_a_rebuild', async () => {
    const { startRealServer, sparqlGet } = await import('./real-server.ts')
    const real = await startRealServer(fixture('graph.nq'), { BASE_IRI: 'http://127.0.0.1:18599', QUERY_CONCURRENCY: '1' })
    cleanups.push(() => real.close())
    const answer = await sparqlGet(real.url, 'SELECT ?p WHERE { <http://127.0.0.1:18599/dataset/A1> ?p ?o } ORDER BY ?p', 'text/csv')
    expect((await answer.text()).split('\r\n').filter(Boolean).length).toBeGreaterThan(1)
    const old = await sparqlGet(real.url, 'ASK { GRAPH ?g { ?s ?p ?o } FILTER(STRSTARTS(STR(?s), "http://kg.example.tw") || STRSTARTS(STR(?g), "http://kg.example.tw")) }')
    expect((await old.json()).boolean).toBe(false)
    const record = await fetch(`${real.url}/dataset/A1`, { headers: { accept: 'text/turtle' } })
    expect(record.status).toBe(200)
    expect(await record.text()).toContain('<http://127.0.0.1:18599/dataset/A1>')
  })
})

describe('a base that disagrees with the listen address', () => {
  it('is_logged_as_a_warning_at_start', async () => {
    const lines: { level: number; msg: string }[] = []
    const stream = new Writable({ write(chunk, _encoding, done) { lines.push(JSON.parse(String(chunk))); done() } })
    const server = await startServer(testConfig({ PORT: '0', HOST: '127.0.0.1', SNAPSHOT_DIR: await snapshotDir(), BASE_IRI: 'http://127.0.0.1:8080' }), {
      openStore: async (nquads) => createLocalStore({ nquads }),
      logger: pino({ level: 'info' }, stream),
    })
    cleanups.push(() => server.close())
    await server.ready
    const warning = lines.find((line) => line.level === 40)
    expect(warning?.msg).toContain(`BASE_IRI http://127.0.0.1:8080 names this machine on port 8080, but the server listens on port ${server.port}`)
  })

  it('a_proxy_s_base_is_not_warned_about', async () => {
    const lines: { level: number }[] = []
    const stream = new Writable({ write(chunk, _encoding, done) { lines.push(JSON.parse(String(chunk))); done() } })
    const server = await startServer(testConfig({ PORT: '0', HOST: '127.0.0.1', SNAPSHOT_DIR: await snapshotDir(), BASE_IRI: 'https://data.example.tw' }), {
      openStore: async (nquads) => createLocalStore({ nquads }),
      logger: pino({ level: 'info' }, stream),
    })
    cleanups.push(() => server.close())
    await server.ready
    expect(lines.filter((line) => line.level >= 40)).toEqual([])
  })
})
