/**
 * A local Virtuoso 7 for tests, CI and development: our virtuoso.ini in a fresh database directory, bound to
 * 127.0.0.1, started in the foreground so that it ends with its parent. Not how production runs Virtuoso (that is the
 * operator's service, with the same ini): this is the throw-away kind.
 */
import { spawn } from 'node:child_process'
import { existsSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs'
import { createServer } from 'node:net'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { createSqlRunner, type RunSql } from './virtuoso-sql.ts'
import { writeVirtuosoIni } from './virtuoso-ini.ts'

/** Debian's Virtuoso 7 server binary (package virtuoso-opensource-7-bin). */
export const VIRTUOSO_BIN = '/usr/bin/virtuoso-t'

export interface LocalVirtuoso {
  /** http://127.0.0.1:PORT/sparql */
  endpoint: string
  sqlAddress: string
  httpPort: number
  dbDir: string
  /** The server process (for its memory in /proc). */
  pid: number
  /** SQL as dba (the password of a fresh database is dba). */
  sql: RunSql
  stop(): Promise<void>
}

/** Whether the server binary is installed. */
export const isVirtuosoInstalled = () => existsSync(VIRTUOSO_BIN) && existsSync('/usr/bin/isql-vt')

/** A port free on 127.0.0.1 now, from `range` ("18800-18899") when given, else any. */
export async function findFreePort(range?: string, avoid: number[] = []): Promise<number> {
  const [low, high] = range ? range.split('-').map(Number) : [0, 0]
  const candidates = range ? Array.from({ length: high! - low! + 1 }, (_, i) => low! + i).sort(() => Math.random() - 0.5) : [0]
  for (const candidate of candidates) {
    if (avoid.includes(candidate)) continue
    const port = await new Promise<number | undefined>((resolve) => {
      const server = createServer()
      server.once('error', () => resolve(undefined))
      server.listen(candidate, '127.0.0.1', () => {
        const { port } = server.address() as { port: number }
        server.close(() => resolve(port))
      })
    })
    if (port !== undefined && !avoid.includes(port)) return port
  }
  throw new Error(`no free port in ${range}`)
}

export interface LaunchOptions {
  /** Folders the bulk loader may read. */
  loadDirs?: string[]
  /** Ports from this range ("18800-18899"); OGD_TEST_PORTS by default, else any free port. */
  portRange?: string
  numberOfBuffers?: number
  resultSetMaxRows?: number
  /** Keep the database directory (e.g. started by a script for others to use). */
  dbDir?: string
}

/** Start virtuoso-t with a fresh database; resolves once it answers SQL. */
export async function launchVirtuoso(options: LaunchOptions = {}): Promise<LocalVirtuoso> {
  if (!isVirtuosoInstalled()) throw new Error(`${VIRTUOSO_BIN} is missing: apt-get install virtuoso-opensource`)
  const dbDir = options.dbDir ?? mkdtempSync(join(tmpdir(), 'ogd-virtuoso-'))
  const range = options.portRange ?? process.env.OGD_TEST_PORTS
  const sqlPort = await findFreePort(range)
  const httpPort = await findFreePort(range, [sqlPort])
  writeFileSync(join(dbDir, 'virtuoso.ini'), writeVirtuosoIni({ dbDir, sqlPort, httpPort, loadDirs: options.loadDirs ?? [tmpdir()], numberOfBuffers: options.numberOfBuffers ?? 20_000, resultSetMaxRows: options.resultSetMaxRows }))
  const child = spawn(VIRTUOSO_BIN, ['-f', '-c', join(dbDir, 'virtuoso.ini')], { cwd: dbDir, stdio: ['ignore', 'pipe', 'pipe'] })
  let output = ''
  const keep = (chunk: Buffer) => { output = (output + chunk.toString()).slice(-4000) }
  child.stdout!.on('data', keep)
  child.stderr!.on('data', keep)
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()))
  const killOnExit = () => { child.kill('SIGKILL') }
  process.once('exit', killOnExit)
  const sqlAddress = `127.0.0.1:${sqlPort}`
  const sql = createSqlRunner({ sqlAddress, user: 'dba', password: 'dba' })
  let isStopped = false
  const stop = async () => {
    if (isStopped) return
    isStopped = true
    if (child.exitCode === null && child.signalCode === null) {
      // The database is thrown away: no shutdown checkpoint.
      await sql('raw_exit();', 10_000).catch(() => undefined)
      const timer = setTimeout(() => child.kill('SIGKILL'), 5_000)
      await exited
      clearTimeout(timer)
    }
    process.off('exit', killOnExit)
    if (!options.dbDir) rmSync(dbDir, { recursive: true, force: true })
  }
  const deadline = Date.now() + 120_000
  for (let hasExited = false; ; ) {
    void exited.then(() => { hasExited = true })
    if (hasExited) throw new Error(`virtuoso-t exited during start-up:\n${output}`)
    try {
      await sql('select 1;', 10_000)
      break
    } catch (error) {
      if (Date.now() > deadline) {
        await stop()
        throw new Error(`virtuoso-t did not answer SQL within 120 s: ${(error as Error).message}\n${output}`)
      }
      await new Promise((resolve) => setTimeout(resolve, 500))
    }
  }
  return { endpoint: `http://127.0.0.1:${httpPort}/sparql`, sqlAddress, httpPort, dbDir, pid: child.pid!, sql, stop }
}
