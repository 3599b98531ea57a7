/** Summaries of load runs: medians per backend, Oxigraph/N3 ratios, a markdown table and one JSON line. */
import type { Backend } from './load-backends.ts'
import type { LoadMeasurement } from './load-measure.ts'

export interface BackendSummary {
  readonly backend: Backend
  readonly runs: number
  readonly quads: number
  readonly seconds: number
  readonly quadsPerSecond: number
  readonly peakRssDeltaMiB: number
  readonly retainedRssDeltaMiB: number
}

export interface LoadReport {
  readonly file: string
  readonly fileMiB: number
  readonly ours: BackendSummary
  readonly baseline: BackendSummary
  /** ours / baseline for each metric: < 1 is better for time and memory, > 1 is better for quads/s. */
  readonly ratio: { readonly seconds: number; readonly quadsPerSecond: number; readonly peakRssDeltaMiB: number; readonly retainedRssDeltaMiB: number }
  readonly runs: readonly LoadMeasurement[]
}

const median = (values: readonly number[]): number => {
  const sorted = [...values].sort((a, b) => a - b)
  const mid = sorted.length >> 1
  return sorted.length % 2 ? (sorted[mid] as number) : ((sorted[mid - 1] as number) + (sorted[mid] as number)) / 2
}
const round = (x: number, digits = 2) => Number(x.toFixed(digits))

function summarise(backend: Backend, runs: readonly LoadMeasurement[]): BackendSummary {
  const mine = runs.filter((r) => r.backend === backend)
  if (mine.length === 0) throw new Error(`no run for backend ${backend}`)
  return {
    backend, runs: mine.length, quads: mine[0]!.quads,
    seconds: round(median(mine.map((r) => r.seconds)), 3),
    quadsPerSecond: Math.round(median(mine.map((r) => r.quadsPerSecond))),
    peakRssDeltaMiB: round(median(mine.map((r) => r.peakRssDeltaMiB)), 1),
    retainedRssDeltaMiB: round(median(mine.map((r) => r.retainedRssDeltaMiB)), 1),
  }
}

/** Medians per backend (Oxigraph is ours, N3.Store the baseline) and their ratios. */
export function buildLoadReport(runs: readonly LoadMeasurement[]): LoadReport {
  const ours = summarise('oxigraph', runs)
  const baseline = summarise('n3', runs)
  const ratio = (key: 'seconds' | 'quadsPerSecond' | 'peakRssDeltaMiB' | 'retainedRssDeltaMiB') =>
    baseline[key] === 0 ? Number.NaN : round(ours[key] / baseline[key], 3)
  return {
    file: runs[0]!.file, fileMiB: runs[0]!.fileMiB, ours, baseline,
    ratio: { seconds: ratio('seconds'), quadsPerSecond: ratio('quadsPerSecond'), peakRssDeltaMiB: ratio('peakRssDeltaMiB'), retainedRssDeltaMiB: ratio('retainedRssDeltaMiB') },
    runs,
  }
}

/** The report as a markdown table, one row per backend and one for the ratio. */
export function formatLoadTable(report: LoadReport): string {
  const row = (cells: readonly (string | number)[]) => `| ${cells.join(' | ')} |`
  const line = (s: BackendSummary, label: string) =>
    row([label, s.runs, s.quads.toLocaleString('en-US'), s.seconds.toFixed(2), s.quadsPerSecond.toLocaleString('en-US'), s.peakRssDeltaMiB.toFixed(0), s.retainedRssDeltaMiB.toFixed(0)])
  const r = report.ratio
  return [
    `${report.file} (${report.fileMiB} MiB), medians of ${report.ours.runs} run(s) each`,
    '',
    row(['store', 'runs', 'quads', 'seconds', 'quads/s', 'peak RSS Δ MiB', 'retained RSS Δ MiB']),
    row(['---', '---:', '---:', '---:', '---:', '---:', '---:']),
    line(report.ours, 'oxigraph Store (ours)'),
    line(report.baseline, 'N3.Store (baseline)'),
    row(['ratio ours/baseline', '', '', r.seconds.toFixed(2), r.quadsPerSecond.toFixed(2), r.peakRssDeltaMiB.toFixed(2), r.retainedRssDeltaMiB.toFixed(2)]),
  ].join('\n')
}
