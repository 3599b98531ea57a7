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
}

export interface ValidateTask {
  id: number
  units: { ntriples: string; owned: string[] }[]
}

export type ValidateReply = { id: number; ok: true; results: UnitIssues[] } | { id: number; ok: false; message: string }
