/** The messages between the embedded store (main thread) and a replica thread; structured-clone safe. */
import type { ErrorCode } from '../errors.ts'
import type { EngineOptions, EngineQuery, GraphChange } from './embedded-engine.ts'
import type { EngineImageMeta } from './engine-image.ts'

/** Where a replica gets its base from: the engine image beside the snapshot, or the N-Quads (then maybe writing an image). */
export type LoadSource =
  | { kind: 'image'; dir: string; meta: EngineImageMeta }
  | { kind: 'text'; base: Uint8Array; writeImage?: { tmpPath: string; graph: EngineImageMeta['graph']; baseKey: string } }

/** What a load reports: quads held, milliseconds, journal changes skipped, and the image written, if asked. */
export interface LoadResult {
  /** Quads of the base (the snapshot's graph), before the journal's changes. */
  quads: number
  ms: number
  skipped: number
  from: 'image' | 'text'
  /** Milliseconds of the base alone (the restore or the parse), before the journal's changes. */
  baseMs: number
  image?: { meta: EngineImageMeta; ms: number } | { error: string }
}

export type WorkerCommand =
  /** Load the base (an engine image, or N-Quads as UTF-8 bytes shared by every replica) and replay the changes applied since. */
  | { kind: 'load'; source: LoadSource; changes: GraphChange[]; options: EngineOptions }
  | { kind: 'query'; request: EngineQuery }
  | { kind: 'replace'; change: GraphChange }
  | { kind: 'size' }
  | { kind: 'graphs' }
  /** N-Quads of these named graphs, or of the default graph when `graphs` is null. */
  | { kind: 'dump'; graphs: string[] | null }

export type WorkerRequest = WorkerCommand & { id: number }

export interface WorkerFailure {
  code: ErrorCode
  message: string
  details: Record<string, unknown>
}

export type WorkerReply =
  | { id: number; ok: true; value: unknown }
  /** `isFatal`: the replica's engine is no longer trustworthy; the pool retires the thread. */
  | { id: number; ok: false; error: WorkerFailure; isFatal: boolean }
