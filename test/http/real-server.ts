/** Test support: the real server (startServer, default embedded store) on a loopback port, over a snapshot in a temp dir. */
import { mkdtemp, rm } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import type { Config } from '../../src/config.ts'
import { startServer, type RunningServer } from '../../src/server.ts'
import { writeSnapshot } from '../../src/store/snapshot.ts'
import { silentLogger, testConfig } from './support.ts'

export interface RealServer {
  /** http://127.0.0.1:PORT */
  url: string
  server: RunningServer
  config: Config
  close(): Promise<void>
}

/** Write `nquads` as a snapshot, start the server on 127.0.0.1:0 and wait until every replica has loaded. */
export async function startRealServer(nquads: string, env: Record<string, string> = {}, extra: Partial<Config> = {}): Promise<RealServer> {
  const dir = await mkdtemp(join(tmpdir(), 'ogd-real-server-'))
  await writeSnapshot(dir, nquads, { baseIri: 'http://kg.example.tw', createdAt: new Date().toISOString(), quads: 0, stats: {}, inputs: [] })
  const config = { ...testConfig({ PORT: '0', HOST: '127.0.0.1', SNAPSHOT_DIR: dir, ...env }), ...extra }
  const server = await startServer(config, { logger: silentLogger() })
  const close = async () => {
    await server.close()
    await rm(dir, { recursive: true, force: true })
  }
  const url = `http://127.0.0.1:${server.port}`
  try {
    await server.ready
    // The server answers from its first replica; these tests want every replica loaded.
    await waitUntil(async () => {
      const health = (await (await fetch(`${url}/health`)).json()) as { replicas?: { total: number; ready: number } }
      return !health.replicas || health.replicas.ready === health.replicas.total
    })
  } catch (error) {
    await close()
    throw error
  }
  return { url, server, config, close }
}

/** GET /sparql?query=… with an Accept header. */
export const sparqlGet = (base: string, query: string, accept = 'application/sparql-results+json') =>
  fetch(`${base}/sparql?query=${encodeURIComponent(query)}`, { headers: { accept } })

/** A counter or gauge from /metrics. */
export async function readMetric(base: string, name: string): Promise<number> {
  const text = await (await fetch(`${base}/metrics`)).text()
  const line = text.split('\n').find((l) => l.startsWith(`${name} `))
  if (!line) throw new Error(`/metrics has no ${name}`)
  return Number(line.split(' ')[1])
}

/** Poll until `isDone` holds (every 20 ms). */
export async function waitUntil(isDone: () => Promise<boolean> | boolean): Promise<void> {
  while (!(await isDone())) await new Promise((resolve) => setTimeout(resolve, 20))
}
