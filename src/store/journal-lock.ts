/**
 * One writer per journal: `DIR/journal.lock` holds the pid of the process that appends to `DIR/journal.log`. A lock
 * left by a process that is gone (killed, crashed) is taken over; one held by a live process is an error.
 */
import { existsSync, readFileSync, rmSync, writeFileSync } from 'node:fs'
import { resolve } from 'node:path'
import { AppError } from '../errors.ts'

export const LOCK_FILE = 'journal.lock'

// Locks this process holds: a second store on the same directory in one process is refused as well.
const held = new Set<string>()

const isAlive = (pid: number): boolean => {
  try {
    process.kill(pid, 0)
    return true
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === 'EPERM'
  }
}

/** Take the lock of DIR's journal; returns the release function. */
export function lockJournal(dir: string): () => void {
  const path = resolve(dir, LOCK_FILE)
  if (held.has(path)) throw new AppError('unavailable', `${dir}: its journal is being written by process ${process.pid} (this one) already`, { pid: process.pid })
  if (existsSync(path)) {
    const pid = Number(readFileSync(path, 'utf8').trim())
    if (Number.isInteger(pid) && pid > 0 && pid !== process.pid && isAlive(pid)) {
      throw new AppError('unavailable', `${dir}: its journal is being written by process ${pid} (a running server?); send changes to it (POST /admin/sync) or stop it first`, { pid })
    }
  }
  writeFileSync(path, `${process.pid}\n`)
  held.add(path)
  return () => {
    if (!held.delete(path)) return
    if (existsSync(path) && readFileSync(path, 'utf8').trim() === String(process.pid)) rmSync(path, { force: true })
  }
}
