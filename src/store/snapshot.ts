/**
 * Snapshots on disk: `DIR/CURRENT` names a version folder holding `graph.nq` (N-Quads) and `meta.json`.
 * A new version is written beside the old one and `CURRENT` is switched by an atomic rename, so a failed
 * build or import leaves the previous snapshot untouched.
 */
import { mkdir, readFile, rename, rm, writeFile, readdir, open } from 'node:fs/promises'
import { createReadStream, existsSync } from 'node:fs'
import { StreamParser, type Quad } from 'n3'
import { join } from 'node:path'
import { AppError } from '../errors.ts'
import { syncDirectory } from './journal.ts'

export interface SnapshotMeta {
  baseIri: string
  createdAt: string
  quads: number
  /** Counts per source and step, for `ogd stats`. */
  stats: Record<string, unknown>
  /** Which inputs built it (paths relative to the repo, with byte sizes). */
  inputs: { file: string; bytes: number }[]
  /** What the build read (sources, code, options) as one sha256 (src/build/fingerprint.ts); absent for older snapshots. */
  fingerprint?: string
  /** The last journal entry this snapshot already holds (a compaction); absent for a build: every entry is replayed. */
  journalSeq?: number
}

export interface Snapshot {
  dir: string
  version: string
  nquadsPath: string
  meta: SnapshotMeta
}

const CURRENT = 'CURRENT'
let written = 0

/** Resolve the current snapshot of DIR, or undefined when none was built yet. */
export async function findSnapshot(dir: string): Promise<Snapshot | undefined> {
  const pointer = join(dir, CURRENT)
  if (!existsSync(pointer)) return undefined
  const version = (await readFile(pointer, 'utf8')).trim()
  const versionDir = join(dir, version)
  const meta = JSON.parse(await readFile(join(versionDir, 'meta.json'), 'utf8')) as SnapshotMeta
  return { dir, version, nquadsPath: join(versionDir, 'graph.nq'), meta }
}

/**
 * The snapshot's quads, parsed as a stream: a large snapshot is more text than one V8 string can hold.
 * (For querying, load the file's bytes into the store instead; this is for SHACL validation.) `keep` drops quads
 * as they are read, so what is not wanted never accumulates.
 */
export async function readSnapshotQuads(snapshot: Snapshot, keep: (q: Quad) => boolean = () => true): Promise<Quad[]> {
  const quads: Quad[] = []
  const parser = new StreamParser({ format: 'N-Quads' })
  await new Promise<void>((resolve, reject) => {
    createReadStream(snapshot.nquadsPath).pipe(parser).on('data', (q: Quad) => keep(q) && quads.push(q)).on('end', resolve).on('error', reject)
  })
  return quads
}

/** A file written beside the snapshot's graph (e.g. the validation report), or undefined. */
export async function readSnapshotFile(snapshot: Snapshot, name: string): Promise<string | undefined> {
  const path = join(snapshot.dir, snapshot.version, name)
  return existsSync(path) ? readFile(path, 'utf8') : undefined
}

/** Like findSnapshot, but a missing snapshot is an error that says how to make one. */
export async function requireSnapshot(dir: string): Promise<Snapshot> {
  const snapshot = await findSnapshot(dir)
  if (!snapshot) throw new AppError('unavailable', `no snapshot in ${dir}: run \`ogd build\` first`)
  return snapshot
}

async function writeDurably(path: string, data: string | Iterable<string> | AsyncIterable<string>): Promise<void> {
  const handle = await open(path, 'w')
  try {
    if (typeof data === 'string') await handle.writeFile(data, 'utf8')
    else for await (const chunk of data) await handle.write(chunk, null, 'utf8')
    await handle.sync()
  } finally {
    await handle.close()
  }
}

/** Versions kept on disk after a successful write: the new one and the previous (for a manual rollback). */
export const KEPT_VERSIONS = 2

/**
 * Write a new snapshot version and make it current. Only after every file is fsync'd does CURRENT move; then
 * every other version folder is removed (older ones, and any a killed build left half-written) but the
 * previous one, so the directory holds at most KEPT_VERSIONS snapshots (285 MB each for the default graph).
 */
export async function writeSnapshot(
  dir: string,
  nquads: string | Iterable<string> | AsyncIterable<string>,
  meta: SnapshotMeta,
  extraFiles: Record<string, string> = {},
): Promise<Snapshot> {
  await mkdir(dir, { recursive: true })
  // The pid keeps two builds started in the same millisecond apart; a counter, two writes of one process.
  const version = `v${meta.createdAt.replace(/[-:.]/g, '')}-${process.pid}-${++written}`
  const versionDir = join(dir, version)
  await mkdir(versionDir)
  try {
    await writeDurably(join(versionDir, 'graph.nq'), nquads)
    await writeDurably(join(versionDir, 'meta.json'), JSON.stringify(meta, null, 2) + '\n')
    for (const [name, text] of Object.entries(extraFiles)) await writeDurably(join(versionDir, name), text)
    await syncDirectory(versionDir)
    const previous = await findSnapshot(dir).catch(() => undefined)
    await writeDurably(join(dir, `${CURRENT}.tmp`), version + '\n')
    await rename(join(dir, `${CURRENT}.tmp`), join(dir, CURRENT))
    await syncDirectory(dir)
    await pruneVersions(dir, [version, previous?.version].filter((v): v is string => !!v).slice(0, KEPT_VERSIONS))
  } catch (error) {
    await rm(versionDir, { recursive: true, force: true })
    throw error
  }
  return { dir, version, nquadsPath: join(versionDir, 'graph.nq'), meta }
}

async function pruneVersions(dir: string, keep: string[]): Promise<void> {
  for (const entry of await readdir(dir, { withFileTypes: true })) {
    if (entry.isDirectory() && entry.name.startsWith('v') && !keep.includes(entry.name)) {
      await rm(join(dir, entry.name), { recursive: true, force: true })
    }
  }
}
