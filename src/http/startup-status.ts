/**
 * What a starting server is doing and how far it is (building the first snapshot, loading the store), for
 * GET /health's 503 and the log — as Fuseki and CKAN users expect of a long start.
 */
import { AppError } from '../errors.ts'

/** The phases of a start: `building` only on a first start (no snapshot yet), then `loading`, then `ready`. */
export type StartupPhase = 'building' | 'loading' | 'ready' | 'failed'

export interface StartupReport {
  phase: StartupPhase
  /** The build step running (e.g. "SHACL validation"), while building. */
  step?: string
  /** Its number among the build's steps, and how many there are. */
  stepNumber?: number
  steps?: number
  /** Items done in this step, of how many (when the step counts them, e.g. law text files). */
  done?: number
  total?: number
  /** done / total as a whole percentage, when the step counts. */
  percent?: number
  /** Seconds since the server started. */
  elapsedSeconds: number
  /** Why the start failed (phase `failed`). */
  error?: string
}

/** The steps `ogd build` announces, in order (src/build/build-graph.ts, src/build/run-build.ts). */
export const BUILD_STEPS = [
  'concept schemes and mappings',
  'agencies (DGPA, CP950)',
  'laws (MOJ)',
  'catalogue',
  '2018 listing',
  'dataset requests',
  'links',
  'EU vocabularies',
  'SHACL validation',
  'quality measurements (DQV)',
  'writing snapshot',
] as const

export interface StartupTracker {
  report(): StartupReport
  /** A build step began (with how many items it counts, if it does). */
  stepStarted(step: string, total?: number): void
  /** Items done in the current step. */
  ticked(done: number): void
  phase(phase: StartupPhase, error?: string): void
}

export function createStartupTracker(now: () => number = Date.now): StartupTracker {
  const started = now()
  let state: Omit<StartupReport, 'elapsedSeconds'> = { phase: 'loading' }
  let stepsSeen = 0
  return {
    report: () => ({ ...state, elapsedSeconds: Math.round((now() - started) / 100) / 10 }),
    stepStarted(step, total) {
      stepsSeen += 1
      const known = BUILD_STEPS.indexOf(step as (typeof BUILD_STEPS)[number])
      const stepNumber = known === -1 ? stepsSeen : known + 1
      // How far within the step is said only once the step reports it (some count their items but tick once, at the end).
      state = { phase: 'building', step, stepNumber, steps: Math.max(BUILD_STEPS.length, stepNumber), ...(total ? { total } : {}) }
      stepsSeen = stepNumber
    },
    ticked(done) {
      if (!state.total) return
      state = { ...state, done, percent: Math.min(100, Math.floor((done / state.total) * 100)) }
    },
    phase(phase, error) {
      state = error ? { phase, error } : { phase }
    },
  }
}

/** One sentence for people: "building the graph (first start): step 8 of 10, SHACL validation; 52.3 s since start". */
export function describeStartup(report: StartupReport): string {
  const since = `${report.elapsedSeconds} s since start`
  switch (report.phase) {
    case 'building': {
      if (!report.step) return `building the graph (first start, no snapshot yet): starting the build; ${since}`
      const count = report.total ? (report.done === undefined ? `, ${report.total} items` : `, ${report.done}/${report.total} (${report.percent} %)`) : ''
      return `building the graph (first start, no snapshot yet): step ${report.stepNumber} of ${report.steps}, ${report.step}${count}; ${since}`
    }
    case 'loading':
      return `the store is still loading the current snapshot; ${since}`
    case 'failed':
      return `the start failed: ${report.error ?? 'see the server log'}`
    case 'ready':
      return 'ready'
  }
}

/** The 503 GET /health answers while starting: the sentence, and the report's fields as problem details. */
export function startupUnavailable(report: StartupReport | undefined): AppError {
  if (!report) return new AppError('unavailable', 'the store is still loading the current snapshot')
  // `stage`: the one field to watch — the build step while building, else the phase.
  const details = Object.fromEntries(Object.entries({ stage: report.step ?? report.phase, ...report }).filter(([, value]) => value !== undefined))
  return new AppError('unavailable', describeStartup(report), details)
}
