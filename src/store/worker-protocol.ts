/** The messages between the embedded store (main thread) and a replica thread; structured-clone safe. */
import type { ErrorCode } from '../errors.ts'
import type { EngineOptions, EngineQuery, GraphChange } from './embedded-engine.ts'

export type WorkerCommand =
  /** Load the base N-Quads (UTF-8 bytes, shared by every replica) and replay the changes applied since. */
  | { kind: 'load'; base: Uint8Array; changes: GraphChange[]; options: EngineOptions }
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
