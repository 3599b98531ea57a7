/** The two stores compared by the load benchmark: Oxigraph (ours, WASM) and N3.Store (the JS baseline). */
import { closeSync, createReadStream, openSync, readSync } from 'node:fs'

export const BACKENDS = ['oxigraph', 'n3'] as const
export type Backend = (typeof BACKENDS)[number]

/** A loaded store, kept referenced by the caller until its memory has been measured. */
export interface LoadedStore {
  readonly backend: Backend
  countQuads(): number
}

/** Read size for both backends; tests pass tiny chunks to cross chunk boundaries inside a line. */
export const DEFAULT_CHUNK_BYTES = 8 << 20
export const isBackend = (name: string): name is Backend => (BACKENDS as readonly string[]).includes(name)

/** The file as byte chunks, read synchronously so Oxigraph can pull them inside one `load` call. */
function* readChunks(file: string, chunkBytes: number): Generator<Uint8Array> {
  const fd = openSync(file, 'r')
  try {
    for (;;) {
      const buffer = Buffer.allocUnsafe(chunkBytes)
      const n = readSync(fd, buffer, 0, chunkBytes, null)
      if (n === 0) return
      yield n === chunkBytes ? buffer : buffer.subarray(0, n)
    }
  } finally {
    closeSync(fd)
  }
}

/**
 * Oxigraph 0.5: one `Store.load` over an iterable of chunks, so blank-node labels stay scoped to the whole
 * file and no single JS string has to hold it (V8 strings stop at ~512 MiB).
 * `lenient` skips most IRI/literal validation; `no_transaction` writes without a rollback log (0.5 option names).
 */
async function loadOxigraph(file: string, chunkBytes: number): Promise<LoadedStore> {
  const { Store } = await import('oxigraph')
  const store = new Store()
  try {
    store.load(readChunks(file, chunkBytes), { format: 'application/n-quads', lenient: true, no_transaction: true })
  } catch (error) {
    // The JS build keeps its in-memory store in 32-bit WASM memory: past 4 GiB it traps with a bare "unreachable".
    if (error instanceof WebAssembly.RuntimeError) {
      throw new Error(`oxigraph aborted loading ${file} (${error.message}): its WASM memory is capped at 4 GiB, the graph is likely too big`, { cause: error })
    }
    throw error
  }
  return { backend: 'oxigraph', countQuads: () => store.size }
}

/**
 * N3.js: StreamParser over a UTF-8 decoded file stream (the decoder keeps a character split between chunks
 * whole), every quad added to an N3.Store (its in-memory indexes).
 */
async function loadN3(file: string, chunkBytes: number): Promise<LoadedStore> {
  const { Store, StreamParser } = await import('n3')
  const store = new Store()
  const parser = new StreamParser({ format: 'N-Quads' })
  await new Promise<void>((resolve, reject) => {
    parser.on('data', (quad) => store.addQuad(quad))
    parser.on('end', resolve)
    parser.on('error', reject)
    createReadStream(file, { encoding: 'utf8', highWaterMark: chunkBytes }).on('error', reject).pipe(parser)
  })
  return { backend: 'n3', countQuads: () => store.size }
}

/** Import the backend's module first (it belongs to the baseline memory), then return its loader. */
export async function prepareLoader(backend: Backend, chunkBytes = DEFAULT_CHUNK_BYTES): Promise<(file: string) => Promise<LoadedStore>> {
  await import(backend === 'oxigraph' ? 'oxigraph' : 'n3')
  const load = backend === 'oxigraph' ? loadOxigraph : loadN3
  return (file) => load(file, chunkBytes)
}
