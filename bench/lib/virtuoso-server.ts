/** A throw-away Virtuoso 7 on loopback: temporary database, our own virtuoso.ini, bulk load of one N-Quads file. */
import { execFile, spawn, type ChildProcess } from 'node:child_process'
import { existsSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { basename, dirname, join, resolve } from 'node:path'
import { promisify } from 'node:util'
import { assertLoopbackOnly, findFreePort } from './sparql-ports.ts'
import { writeVirtuosoIni } from '../../src/store/virtuoso-ini.ts'

const run = promisify(execFile)

/** The binaries of Debian's virtuoso-opensource-7-bin (pulled in by virtuoso-opensource). */
export const VIRTUOSO_BIN = '/usr/bin/virtuoso-t'
export const ISQL_BIN = '/usr/bin/isql-vt'

export interface VirtuosoServer {
  /** The SPARQL protocol endpoint, http://127.0.0.1:PORT/sparql. */
  endpoint: string
  sqlPort: number
  httpPort: number
  /** Run SQL through isql (as dba on a database that only exists for this run); returns isql's output. */
  isql(sql: string, timeoutMs?: number): Promise<string>
  /** Shut the server down and remove its database; safe to call twice. */
  stop(): Promise<void>
}

export interface VirtuosoLoad {
  /** Seconds from the first ld_dir to the end of the checkpoint that makes the load durable. */
  seconds: number
  /** Quads added by the load (RDF_QUAD rows after minus before). */
  quads: number
}

/** Start virtuoso-t on two free loopback ports with a fresh database; resolves once it answers SQL. */
export async function startVirtuoso(options: { loadDir: string; numberOfBuffers?: number }): Promise<VirtuosoServer> {
  const loadDir = resolve(options.loadDir)
  if (!existsSync(VIRTUOSO_BIN) || !existsSync(ISQL_BIN)) {
    throw new Error(`${VIRTUOSO_BIN} or ${ISQL_BIN} is missing: apt-get install virtuoso-opensource-7-bin (the server binaries of Debian's virtuoso-opensource)`)
  }
  const dbDir = mkdtempSync(join(tmpdir(), 'ogd-bench-virtuoso-'))
  const sqlPort = await findFreePort()
  const httpPort = await findFreePort([sqlPort])
  // The server's own ini (durable commits, loopback), with a row cap no example query reaches: a cut answer would
  // not be comparable.
  writeFileSync(join(dbDir, 'virtuoso.ini'), writeVirtuosoIni({ dbDir, sqlPort, httpPort, loadDirs: [loadDir], numberOfBuffers: options.numberOfBuffers, resultSetMaxRows: 10_000_000 }))
  // -f: stay in the foreground, so that the child is the server itself and ends with us.
  const child = spawn(VIRTUOSO_BIN, ['-f', '-c', join(dbDir, 'virtuoso.ini')], { cwd: dbDir, stdio: ['ignore', 'pipe', 'pipe'] })
  let output = ''
  child.stdout!.on('data', (chunk: Buffer) => { output = (output + chunk.toString()).slice(-4000) })
  child.stderr!.on('data', (chunk: Buffer) => { output = (output + chunk.toString()).slice(-4000) })
  const exited = new Promise<number | null>((resolve) => child.once('exit', (code) => resolve(code)))
  // Whatever way this process ends (an uncaught error too), the server and its database go with it.
  const killOnExit = () => {
    child.kill('SIGKILL')
    rmSync(dbDir, { recursive: true, force: true })
  }
  process.once('exit', killOnExit)

  const isql = async (sql: string, timeoutMs = 600_000) => {
    const { stdout, stderr } = await run(ISQL_BIN, [`127.0.0.1:${sqlPort}`, 'dba', 'dba', 'VERBOSE=OFF', 'BANNER=OFF', `exec=${sql}`], { timeout: timeoutMs, maxBuffer: 64 * 1024 * 1024 })
    const text = stdout + stderr
    if (/\*\*\* Error/.test(text)) throw new Error(`isql: ${text.trim().slice(0, 2000)}`)
    return text
  }
  let isStopped = false
  const stop = async () => {
    if (isStopped) return
    isStopped = true
    await shutDown(child, exited, isql)
    process.off('exit', killOnExit)
    rmSync(dbDir, { recursive: true, force: true })
  }

  try {
    await waitForSql(isql, exited, () => output)
    await assertLoopbackOnly([sqlPort, httpPort])
  } catch (error) {
    await stop()
    throw error
  }
  return { endpoint: `http://127.0.0.1:${httpPort}/sparql`, sqlPort, httpPort, isql, stop }
}

async function waitForSql(isql: VirtuosoServer['isql'], exited: Promise<number | null>, log: () => string): Promise<void> {
  let hasExited = false
  void exited.then(() => { hasExited = true })
  const deadline = Date.now() + 180_000
  for (;;) {
    if (hasExited) throw new Error(`virtuoso-t exited during start-up:\n${log()}`)
    try {
      await isql('select 1;', 10_000)
      return
    } catch (error) {
      if (Date.now() > deadline) throw new Error(`virtuoso-t did not answer SQL within 180 s: ${(error as Error).message}\n${log()}`)
      await new Promise((resolve) => setTimeout(resolve, 1000))
    }
  }
}

async function shutDown(child: ChildProcess, exited: Promise<number | null>, isql: VirtuosoServer['isql']): Promise<void> {
  if (child.exitCode !== null || child.signalCode !== null) return
  // A checkpoint on shutdown is wasted work: the database is deleted next. raw_exit() ends at once.
  await isql('raw_exit();', 10_000).catch(() => undefined)
  const timer = setTimeout(() => child.kill('SIGKILL'), 5_000)
  await exited
  clearTimeout(timer)
}

/** Bulk-load one N-Quads file with ld_dir + rdf_loader_run (the graph of each quad comes from the file). */
export async function loadNQuads(server: VirtuosoServer, path: string, fallbackGraph: string): Promise<VirtuosoLoad> {
  const nquadsPath = resolve(path)
  const before = await countQuads(server)
  const started = performance.now()
  // Virtuoso's ld_file reads files named *.nq as N-Quads (TTLP with the quad flag).
  await server.isql(`ld_dir('${sqlString(dirname(nquadsPath))}', '${sqlString(basename(nquadsPath))}', '${sqlString(fallbackGraph)}');`)
  await server.isql('rdf_loader_run();', 3_600_000)
  await server.isql('checkpoint;', 600_000)
  const seconds = (performance.now() - started) / 1000
  const errors = await server.isql('select ll_file, ll_error from DB.DBA.LOAD_LIST where ll_error is not null;')
  if (/\S/.test(errors.replace(/\d+ Rows\..*$/ms, '').trim())) throw new Error(`the Virtuoso bulk loader reported errors:\n${errors}`)
  return { seconds, quads: (await countQuads(server)) - before }
}

async function countQuads(server: VirtuosoServer): Promise<number> {
  const text = await server.isql('select count(*) from DB.DBA.RDF_QUAD;')
  const match = text.match(/(\d+)\s*$/m) ?? text.match(/(\d+)/)
  if (!match) throw new Error(`could not read the quad count from isql: ${text}`)
  return Number(match[1])
}

function sqlString(value: string): string {
  return value.replaceAll("'", "''")
}
