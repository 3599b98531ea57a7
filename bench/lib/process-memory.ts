/** Resident memory of this process from /proc/self/status (Linux), with a resettable peak. */
import { readFileSync, writeFileSync } from 'node:fs'

const MiB = 1024 * 1024

function readStatusKiB(field: 'VmRSS' | 'VmHWM'): number | undefined {
  try {
    const match = readFileSync('/proc/self/status', 'utf8').match(new RegExp(`^${field}:\\s+(\\d+) kB`, 'm'))
    return match ? Number(match[1]) : undefined
  } catch {
    return undefined
  }
}

/** Current RSS in MiB (`process.memoryUsage().rss` where /proc is missing). */
export const readRssMiB = (): number => {
  const kib = readStatusKiB('VmRSS')
  return kib === undefined ? process.memoryUsage().rss / MiB : kib / 1024
}

/**
 * Reset the kernel's peak-RSS counter (VmHWM) to the current RSS, so a later `readPeakRssMiB` covers only what
 * follows. Writing "5" to clear_refs does this (Linux ≥ 4.0, proc(5)); returns false where that is not allowed.
 */
export function resetPeakRss(): boolean {
  try {
    writeFileSync('/proc/self/clear_refs', '5')
    return readStatusKiB('VmHWM') !== undefined
  } catch {
    return false
  }
}

/** Peak RSS in MiB since the last reset, or undefined without /proc. */
export const readPeakRssMiB = (): number | undefined => {
  const kib = readStatusKiB('VmHWM')
  return kib === undefined ? undefined : kib / 1024
}

/** Run a full GC when node was started with --expose-gc; a no-op otherwise. */
export const collectGarbage = (): void => (globalThis as { gc?: () => void }).gc?.()
