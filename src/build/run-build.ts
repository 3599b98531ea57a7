/** `build` and `import` end to end: build in memory, validate, and only then write a new snapshot. */
import { existsSync, readFileSync, statSync } from 'node:fs'
import { join, relative } from 'node:path'
import type { Quad } from 'n3'
import { nquadsChunks } from '../serialize/nquads-writer.ts'
import { AppError } from '../errors.ts'
import { createIris } from '../model/iris.ts'
import { findSnapshot, writeSnapshot, type Snapshot } from '../store/snapshot.ts'
import type { ValidationReport } from '../validate/validate.ts'
import { validateInChunks } from './validate-chunks.ts'
import { formatReportText } from '../validate/report-format.ts'
import { BUILD_PROFILES, validateRecords } from '../validate/parallel.ts'
import { CACHE_FILE } from '../validate/cache.ts'
import type { Progress } from '../cli/progress.ts'
import { buildGraph } from './build-graph.ts'
import { buildFingerprint } from './fingerprint.ts'
import type { BuildInputs } from './inputs.ts'
import { splitReport, type SplitReport } from './completeness.ts'
import { buildQualityGraphs, findNonConformingRecords } from './quality-graph.ts'

export interface RunBuildOptions {
  root: string
  snapshotDir: string
  baseIri: string
  inputs: BuildInputs
  progress: Progress
  includePersonalContacts?: boolean
  /** Write the snapshot even when complete records violate the shapes (never for `import`). */
  allowInvalid?: boolean
  /** Keep the current snapshot when it was built from exactly these sources, code and options (src/build/fingerprint.ts). */
  reuseUnchanged?: boolean
}

export interface RunBuildResult {
  /** True when the current snapshot was kept: built from the same sources, code and options. */
  reused?: boolean
  snapshot: Snapshot
  validation: SplitReport
}

export async function runBuild(options: RunBuildOptions): Promise<RunBuildResult> {
  const { progress, root } = options
  const iris = createIris(options.baseIri)
  // Not a progress step of its own: it takes 0.1–0.2 s (src/build/fingerprint.ts).
  const fingerprint = buildFingerprint(options)
  if (options.reuseUnchanged) {
    const reused = await reuseSnapshot(options.snapshotDir, fingerprint)
    if (reused) return reused
  }
  const output = buildGraph({
    iris,
    inputs: options.inputs,
    root,
    read: (path) => readFileSync(path),
    progress,
    includePersonalContacts: options.includePersonalContacts,
  })

  progress.step('SHACL validation')
  const reports = await validateBuiltQuads(output.quads, options.inputs.shapesDir, { cachePath: join(options.snapshotDir, CACHE_FILE) })
  const validation = splitReport(reports, output.quads, iris)
  progress.done()
  if (validation.completeViolations.length > 0 && !options.allowInvalid) {
    const report = { ...reports[0]!, issues: validation.completeViolations, conforms: false }
    throw new AppError('invalid_data', `validation failed: ${validation.completeViolations.length} violation(s) in records presented as complete; nothing was written\n${formatReportText(report, 'en', 20)}`)
  }

  progress.step('quality measurements (DQV)')
  const quality = buildQualityGraphs(output.quads, { nonConforming: findNonConformingRecords(reports), definitionsGraph: iris.graph('vocab') })
  for (const q of quality.quads) output.quads.push(q)
  progress.done()

  progress.step('writing snapshot')
  const nquads = nquadsChunks(output.quads)
  const inputs = [...new Set(Object.values(options.inputs).flat())]
    .filter((p) => typeof p === 'string' && safeIsFile(p))
    .map((p) => ({ file: relative(root, p), bytes: statSync(p).size }))
  const snapshot = await writeSnapshot(
    options.snapshotDir,
    nquads,
    {
      baseIri: iris.base,
      createdAt: new Date().toISOString(),
      quads: output.quads.length,
      stats: { ...output.stats, warnings: output.warnings.length, validation: validation.summary, quality: { datasets: quality.datasets, quads: quality.quads.length } },
      inputs,
      fingerprint,
    },
    {
      'validation.json': JSON.stringify({ summary: validation.summary, incomplete: validation.incomplete, violations: validation.completeViolations }, null, 1),
      'warnings.json': JSON.stringify(output.warnings, null, 1),
    },
  )
  progress.done()
  return { snapshot, validation }
}

/** The current snapshot and its validation summary, when its fingerprint is `fingerprint` and it is whole. */
async function reuseSnapshot(snapshotDir: string, fingerprint: string): Promise<RunBuildResult | undefined> {
  const current = await findSnapshot(snapshotDir).catch(() => undefined)
  if (current?.meta.fingerprint !== fingerprint || !existsSync(current.nquadsPath)) return undefined
  try {
    const saved = JSON.parse(readFileSync(join(snapshotDir, current.version, 'validation.json'), 'utf8')) as { summary: SplitReport['summary']; incomplete: SplitReport['incomplete']; violations: SplitReport['completeViolations'] }
    return { snapshot: current, validation: { summary: saved.summary, incomplete: saved.incomplete, completeViolations: saved.violations }, reused: true }
  } catch {
    return undefined // no readable report: build again
  }
}

const safeIsFile = (path: string) => {
  try {
    return statSync(path).isFile()
  } catch {
    return false
  }
}

/** The shared graphs of a build (`{base}/graph/{kind}`): the background every record is validated with. */
export const isBuildBackground = (graph: string) => /\/graph\/(vocab|catalog|ontology|shapes|meta)$/.test(graph)

/**
 * SHACL with the profiles a build must pass (DCAT-AP 3.0.1, then ours), record by record in worker threads over the
 * shared background (src/validate/parallel.ts); unchanged records are answered from the cache when one is given.
 * Issues name their record. The same results as validateBuiltQuadsWhole, which is kept as the reference.
 */
export async function validateBuiltQuads(quads: Quad[], shapesDir: string, options: { cachePath?: string; workers?: number } = {}): Promise<ValidationReport[]> {
  const recordOf = indexRecords(quads)
  const { reports } = await validateRecords(quads, { shapesDir, profiles: BUILD_PROFILES, isBackground: isBuildBackground, recordOf: (f) => recordOf.get(f), ...options })
  return reports
}

/** SHACL over the whole built graph at once: the reference of the per-record run (tests, bench/shacl.ts). */
export async function validateBuiltQuadsWhole(quads: Quad[], shapesDir: string): Promise<ValidationReport[]> {
  const recordOf = indexRecords(quads)
  // in chunks of partial records: one shacl-engine run over today's whole listing overflows its processed-pairs Set
  return validateInChunks(quads, { shapesDir, profiles: BUILD_PROFILES, recordOf: (f) => recordOf.get(f) })
}

/** subject → the named graph (record) that carries it; blank nodes included, by label. */
export function indexRecords(quads: Quad[]): Map<string, string> {
  const map = new Map<string, string>()
  for (const q of quads) if (!map.has(q.subject.value) && q.graph.termType === 'NamedNode') map.set(q.subject.value, q.graph.value)
  return map
}
