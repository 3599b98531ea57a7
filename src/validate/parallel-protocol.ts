/** Messages between the per-record validation pool (parallel.ts) and its threads (validate-worker.ts). */
import type { ProfileName } from './shapes.ts'
import type { ShaclEngineName, UnitIssues } from './unit-validator.ts'

/** workerData of a thread: what it compiles once. */
export interface ValidatorInit {
  shapesDir: string
  profiles: ProfileName[]
  /** N-Triples of the background. */
  background: string
  engine: ShaclEngineName
  /** The thread's niceness (Linux), set before anything else: 0 or absent keeps the process's. */
  niceness?: number
}

export interface ValidateTask {
  id: number
  units: { ntriples: string; owned: string[] }[]
}

export type ValidateReply = { id: number; ok: true; results: UnitIssues[] } | { id: number; ok: false; message: string }
