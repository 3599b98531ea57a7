/**
 * SQL to a Virtuoso through Debian's isql-vt: what SPARQL cannot do (the bulk loader, checkpoints, graph
 * permissions). The SQL goes on stdin, so neither it nor the file names reach the process list; the password is
 * isql's third argument (isql has no other way to take it), so run this only on a host whose process list is yours.
 */
import { spawn } from 'node:child_process'
import { existsSync } from 'node:fs'
import { AppError } from '../errors.ts'

/** Debian's isql for Virtuoso 7 (package virtuoso-opensource-7-bin); ISQL_BIN overrides. */
export const DEFAULT_ISQL_BIN = '/usr/bin/isql-vt'

export interface VirtuosoSqlTarget {
  /** host:port of Virtuoso's SQL listener (ServerPort in [Parameters]). */
  sqlAddress: string
  user: string
  password: string
  isqlBin?: string
}

export type RunSql = (sql: string, timeoutMs?: number) => Promise<string>

/** A function that runs SQL statements (each ending in ';') in one isql session and returns its output; errors throw. */
export function createSqlRunner(target: VirtuosoSqlTarget): RunSql {
  const bin = target.isqlBin ?? DEFAULT_ISQL_BIN
  return (sql, timeoutMs = 600_000) => new Promise((resolve, reject) => {
    if (!existsSync(bin)) {
      reject(new AppError('invalid_config', `${bin} is missing: install Debian's virtuoso-opensource-7-bin or set ISQL_BIN to Virtuoso's isql`))
      return
    }
    const child = spawn(bin, [target.sqlAddress, target.user, target.password, 'VERBOSE=OFF', 'BANNER=OFF', 'PROMPT=OFF', 'ERRORS=STDOUT'], { stdio: ['pipe', 'pipe', 'pipe'] })
    let output = ''
    child.stdout.on('data', (chunk: Buffer) => { output += chunk.toString() })
    child.stderr.on('data', (chunk: Buffer) => { output += chunk.toString() })
    const timer = setTimeout(() => child.kill('SIGKILL'), timeoutMs)
    child.once('error', (error) => {
      clearTimeout(timer)
      reject(new AppError('unavailable', `isql could not run: ${error.message}`))
    })
    child.once('close', (code) => {
      clearTimeout(timer)
      if (/\*\*\* Error|Connect failed|Bad login/i.test(output) || code !== 0) {
        reject(new AppError('unavailable', `Virtuoso SQL at ${target.sqlAddress} failed (isql exit ${code}): ${output.trim().slice(0, 1500)}`))
      } else resolve(output)
    })
    // isql ends a statement at a ';' that ends a line; an early exit (bad login) must not throw EPIPE here.
    child.stdin.on('error', () => undefined)
    child.stdin.end(`${sql}\n`)
  })
}

/** A string as a SQL literal. */
export const sqlString = (value: string) => `'${value.replaceAll("'", "''")}'`
