/**
 * The per-record validation cache, beside the snapshot (`validation-cache.json` in the snapshot directory, outside
 * the version folders so that a new version keeps it). A unit's issues are reused when its content hash is the
 * same; the whole cache is void when the shapes, the background or this code's result format changed.
 */
import { createHash } from 'node:crypto'
import { readFileSync } from 'node:fs'
import { mkdir, rename, writeFile } from 'node:fs/promises'
import { dirname, join } from 'node:path'
import { PROFILES, type ProfileName } from './shapes.ts'
import type { UnitIssues } from './unit-validator.ts'

/** Bump when the issues computed for the same data change shape (messages, fields): old entries are then void. */
const FORMAT = 1

export const CACHE_FILE = 'validation-cache.json'

export interface CacheFile {
  format: number
  /** sha256 of the profiles' shape files (and the shacl-engine version). */
  shapesHash: string
  backgroundHash: string
  units: Record<string, { hash: string; issues: UnitIssues }>
}

/** What identifies the shapes: the bytes of every shape file of the profiles, in order, and the engine's version. */
export function shapesHash(shapesDir: string, profiles: readonly ProfileName[], engine = 'shacl-engine'): string {
  const hash = createHash('sha256')
  hash.update(`format ${FORMAT}\nengine ${engine}\n`)
  // The compiled evaluator's own code decides the issues too: a change of it voids the cache.
  if (engine === 'compiled') hash.update(readFileSync(join(import.meta.dirname, 'compiled.ts')))
  try {
    hash.update(readFileSync(join(import.meta.dirname, '../../node_modules/shacl-engine/package.json')))
  } catch {
    hash.update('shacl-engine ?')
  }
  for (const profile of profiles) for (const file of PROFILES[profile]) hash.update(`${profile} ${file}\n`).update(readFileSync(join(shapesDir, file)))
  return hash.digest('hex')
}

/** The cache's units if it is valid for these shapes and background, else an empty map. A damaged file counts as none. */
export function readCache(path: string, shapes: string, background: string): Map<string, { hash: string; issues: UnitIssues }> {
  try {
    const file = JSON.parse(readFileSync(path, 'utf8')) as CacheFile
    if (file.format !== FORMAT || file.shapesHash !== shapes || file.backgroundHash !== background) return new Map()
    return new Map(Object.entries(file.units))
  } catch {
    return new Map()
  }
}

/** Write the cache atomically (a crash mid-write leaves the previous one). */
export async function writeCache(path: string, file: Omit<CacheFile, 'format'>): Promise<void> {
  await mkdir(dirname(path), { recursive: true })
  const tmp = `${path}.${process.pid}.tmp`
  await writeFile(tmp, JSON.stringify({ format: FORMAT, ...file }))
  await rename(tmp, path)
}
