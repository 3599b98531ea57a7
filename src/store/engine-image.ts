/**
 * The engine's memory image: oxigraph's WASM build keeps its store in the instance's linear memory only, and
 * loading N-Quads into it (parse + six indexes) runs at ~200k quads/s on one thread, ~19 s for the default
 * graph. The loaded store is nothing but that memory (the allocator's state included) plus a pointer and the few
 * strings the bindings cache in their externref table, so a fresh instance given a copy of those bytes holds the
 * same store: reading 2.3 GB from the page cache takes about a second. The image is written beside the snapshot's
 * graph.nq by the first replica that loads it, and is only used by exactly the same engine build (the WASM and its
 * JS bindings, hashed), for the same graph.nq, under the same base IRI; anything else loads the text as before.
 */
import { createHash } from 'node:crypto'
import { closeSync, existsSync, openSync, readFileSync, readSync, statSync, unlinkSync, writeSync } from 'node:fs'
import { open, rename, rm, writeFile } from 'node:fs/promises'
import Module, { createRequire } from 'node:module'
import { dirname, join } from 'node:path'
import type oxigraph from 'oxigraph'
import { syncDirectory } from './journal.ts'

export type Oxigraph = typeof oxigraph

/** What an image must match to be used, and what restoring it needs. */
export interface EngineImageMeta {
  format: 2
  /** sha256 of the engine build (WASM + bindings): memory layouts are private to one build. */
  engine: string
  /** The graph.nq it was loaded from (bytes and mtime) and the base IRI its IRIs were served under. */
  graph: { bytes: number; mtimeMs: number }
  baseKey: string
  /** Length of the memory image in bytes, the store's pointer in it, and the externref table the bindings use. */
  bytes: number
  /** Quads the store held (the log's count: counting them again walks the whole store, ~0.8 s for 3.8 M quads). */
  quads: number
  /**
   * The store's first quad in its own order (N-Triples terms; empty for a store without named graphs), read again
   * after a restore: a cheap proof that the pointer, the indexes' start and the strings belong together.
   */
  sample: string[]
  storePtr: number
  tableLength: number
  /** The table's non-empty slots: strings and other primitives the bindings cached (never objects: checked). */
  table: [number, string | number | boolean | null][]
}

export const IMAGE_FILE = 'engine.img'
export const IMAGE_META_FILE = 'engine-image.json'

const require = createRequire(import.meta.url)
const GLUE = require.resolve('oxigraph')

let engineHash: string | undefined
/** The engine build's fingerprint (sha256 of the WASM and its bindings), computed once per thread. */
export function engineFingerprint(): string {
  engineHash ??= createHash('sha256').update(readFileSync(GLUE)).update(readFileSync(join(dirname(GLUE), 'node_bg.wasm'))).digest('hex')
  return engineHash
}

interface Engine {
  oxigraph: Oxigraph
  memory: WebAssembly.Memory
  table: WebAssembly.Table
}

/**
 * A fresh oxigraph instance whose WASM memory and externref table can be read and written. The bindings keep them
 * in module scope, so their source is compiled here with one more export; everything else is the package's own code.
 */
export function createEngine(): Engine {
  const source = readFileSync(GLUE, 'utf8') + '\nexports.__engineInternals = () => ({ memory: wasm.memory, table: wasm.__wbindgen_externrefs });\n'
  const module = new Module(GLUE) as Module & { _compile(code: string, filename: string): void; paths: string[] }
  module.filename = GLUE
  module.paths = (Module as unknown as { _nodeModulePaths(dir: string): string[] })._nodeModulePaths(dirname(GLUE))
  module._compile(source, GLUE)
  const exports = module.exports as Oxigraph & { __engineInternals(): { memory: WebAssembly.Memory; table: WebAssembly.Table } }
  if (typeof exports.__engineInternals !== 'function') throw new Error('the oxigraph bindings changed shape: no engine image')
  const { memory, table } = exports.__engineInternals()
  if (!(memory instanceof WebAssembly.Memory) || !(table instanceof WebAssembly.Table)) throw new Error('the oxigraph bindings changed shape: no engine image')
  return { oxigraph: exports, memory, table }
}

/** The image's key for a graph file under a base: a changed graph.nq or base never matches an old image. */
export function imageIdentity(nquadsPath: string): { bytes: number; mtimeMs: number } {
  const stat = statSync(nquadsPath)
  return { bytes: stat.size, mtimeMs: stat.mtimeMs }
}

/** The image in `dir` if it was made by this engine build from this graph under this base, else undefined. */
export function findImage(dir: string, nquadsPath: string, baseKey: string): EngineImageMeta | undefined {
  const metaPath = join(dir, IMAGE_META_FILE)
  if (!existsSync(metaPath)) return undefined
  try {
    const meta = JSON.parse(readFileSync(metaPath, 'utf8')) as EngineImageMeta
    const graph = imageIdentity(nquadsPath)
    const isMatch = meta.format === 2 && meta.engine === engineFingerprint() && meta.baseKey === baseKey &&
      meta.graph.bytes === graph.bytes && meta.graph.mtimeMs === graph.mtimeMs && statSync(join(dir, IMAGE_FILE)).size === meta.bytes
    return isMatch ? meta : undefined
  } catch {
    return undefined
  }
}

/** Set an image aside after a failed restore, so that the next replica loads the text (and writes a new one). */
export function discardImage(dir: string): void {
  try { unlinkSync(join(dir, IMAGE_META_FILE)) } catch { /* already gone */ }
}

const CHUNK = 1 << 30 // fs calls take at most 2 GiB at once

/**
 * Write the engine's memory to `tmpPath` (not yet fsync'd: see publishImage) and return its meta. Call it between
 * commands (no WASM frame on the stack) and before anything but the base was loaded.
 */
export function writeImage(engine: Engine, store: oxigraph.Store, tmpPath: string, identity: { graph: EngineImageMeta['graph']; baseKey: string }): EngineImageMeta {
  const quads = store.size
  const table: EngineImageMeta['table'] = []
  for (let i = 0; i < engine.table.length; i += 1) {
    const value: unknown = engine.table.get(i)
    if (value === undefined) continue
    if (value !== null && typeof value === 'object' || typeof value === 'function' || typeof value === 'symbol' || typeof value === 'bigint') {
      throw new Error(`the engine holds a JavaScript object (slot ${i}): its memory cannot be imaged`)
    }
    table.push([i, value as string | number | boolean | null])
  }
  const memory = new Uint8Array(engine.memory.buffer)
  const fd = openSync(tmpPath, 'w')
  try {
    for (let offset = 0; offset < memory.byteLength;) offset += writeSync(fd, memory, offset, Math.min(CHUNK, memory.byteLength - offset), offset)
  } finally {
    closeSync(fd)
  }
  const storePtr = (store as unknown as { __wbg_ptr: number }).__wbg_ptr
  return { format: 2, engine: engineFingerprint(), ...identity, bytes: memory.byteLength, quads, sample: sampleOf(store), storePtr, tableLength: engine.table.length, table }
}

async function syncFile(path: string): Promise<void> {
  const handle = await open(path, 'r+')
  try { await handle.sync() } finally { await handle.close() }
}

/**
 * Make a written image durable and current (off the event loop: fsync of gigabytes takes seconds): fsync it, rename
 * it into place, then write its meta, which is what makes it found, last and durably. On failure nothing is left.
 */
export async function publishImage(dir: string, tmpPath: string, meta: EngineImageMeta): Promise<void> {
  const metaTmp = join(dir, `${IMAGE_META_FILE}.${process.pid}.tmp`)
  try {
    await syncFile(tmpPath)
    await rename(tmpPath, join(dir, IMAGE_FILE))
    await writeFile(metaTmp, JSON.stringify(meta) + '\n')
    await syncFile(metaTmp)
    await rename(metaTmp, join(dir, IMAGE_META_FILE))
    await syncDirectory(dir)
  } catch (error) {
    await rm(tmpPath, { force: true })
    await rm(metaTmp, { force: true })
    throw error
  }
}

/** A fresh engine holding the imaged store: the image read straight into its memory, the bindings' cache restored. */
export function restoreImage(dir: string, meta: EngineImageMeta): { engine: Engine; store: oxigraph.Store } {
  const engine = createEngine()
  const have = engine.memory.buffer.byteLength
  if (meta.bytes > have) engine.memory.grow((meta.bytes - have) / 65_536)
  if (engine.memory.buffer.byteLength !== meta.bytes) throw new Error(`the engine image is ${meta.bytes} bytes, the fresh engine's memory ${engine.memory.buffer.byteLength}`)
  const memory = new Uint8Array(engine.memory.buffer)
  const fd = openSync(join(dir, IMAGE_FILE), 'r')
  try {
    for (let offset = 0; offset < meta.bytes;) {
      const read = readSync(fd, memory, offset, Math.min(CHUNK, meta.bytes - offset), offset)
      if (read === 0) throw new Error('the engine image is shorter than its meta says')
      offset += read
    }
  } finally {
    closeSync(fd)
  }
  if (engine.table.length < meta.tableLength) engine.table.grow(meta.tableLength - engine.table.length)
  for (const [slot, value] of meta.table) engine.table.set(slot, value)
  const { Store } = engine.oxigraph
  const store = Object.create(Store.prototype) as oxigraph.Store
  ;(store as unknown as { __wbg_ptr: number }).__wbg_ptr = meta.storePtr
  const sample = sampleOf(store)
  if (sample.join(' ') !== meta.sample.join(' ')) throw new Error(`the restored engine's first quad is ${sample.join(' ') || 'none'}, its image's ${meta.sample.join(' ') || 'none'}`)
  return { engine, store }
}

/** The first quad of a named graph in the store's order, as N-Triples terms (see EngineImageMeta.sample). */
function sampleOf(store: oxigraph.Store): string[] {
  const rows = store.query('SELECT ?s ?p ?o ?g WHERE { GRAPH ?g { ?s ?p ?o } } LIMIT 1') as Map<string, oxigraph.Term>[]
  return rows.length ? ['s', 'p', 'o', 'g'].map((name) => rows[0]!.get(name)!.toString()) : []
}
