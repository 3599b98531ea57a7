/** `ogd validate`: SHACL over the current snapshot; text (zh/en), Turtle or JSON; exit 1 on violations in complete records. */
import { createIris } from '../model/iris.ts'
import { readSnapshotQuads, requireSnapshot } from '../store/snapshot.ts'
import { validateInChunks } from '../build/validate-chunks.ts'
import { formatReportText, formatReportTurtle } from '../validate/report-format.ts'
import { splitReport } from '../build/completeness.ts'
import { indexRecords } from '../build/run-build.ts'
import { isValidationIri } from '../records/quality-dqv.ts'
import type { ProfileName } from '../validate/shapes.ts'
import { createProgress } from './progress.ts'
import { REPO_ROOT, resolveSnapshotDir } from './paths.ts'
import { join } from 'node:path'

interface ValidateOptions {
  snapshot: string
  quiet?: boolean
  lang: 'zh' | 'en'
  format: 'text' | 'turtle' | 'json'
  profile: ProfileName
  limit: number
}

export async function runValidateCommand(opts: ValidateOptions): Promise<number> {
  const progress = createProgress({ quiet: opts.quiet })
  const snapshot = await requireSnapshot(resolveSnapshotDir(opts.snapshot))
  progress.step(`reading ${snapshot.version}`)
  // The build validates before it adds the quality graphs, which no shape is about: leaving them out here checks the
  // same graph in the memory it took before them (with them, the default build's 2.6 M quads overflow Node's default heap).
  const quads = await readSnapshotQuads(snapshot, (q) => !isValidationIri(q.graph.value))
  progress.done()
  progress.step(`SHACL ${opts.profile}`)
  const recordOf = indexRecords(quads)
  // in chunks of partial records, as the build does (one run over today's whole listing overflows shacl-engine)
  const report = (await validateInChunks(quads, { shapesDir: join(REPO_ROOT, 'shapes'), profiles: [opts.profile], recordOf: (f) => recordOf.get(f) }))[0]!
  const split = splitReport([report], quads, createIris(snapshot.meta.baseIri))
  progress.done()

  if (opts.format === 'turtle') process.stdout.write(await formatReportTurtle(report))
  else if (opts.format === 'json') process.stdout.write(JSON.stringify(split, null, 1) + '\n')
  else {
    process.stdout.write(formatReportText({ ...report, issues: split.completeViolations, conforms: split.completeViolations.length === 0 }, opts.lang, opts.limit))
    process.stdout.write(formatIncomplete(split.incomplete, opts.lang, opts.limit))
  }
  return split.completeViolations.length > 0 ? 1 : 0
}

function formatIncomplete(list: { record: string; misses: string[] }[], lang: 'zh' | 'en', limit: number): string {
  if (list.length === 0) return ''
  const head =
    lang === 'zh'
      ? `\n不完整紀錄（2018 年清單等，未列入 DCAT-AP 目錄）：${list.length} 筆；缺少項目：`
      : `\nIncomplete records (the 2018 listing etc., not in the DCAT-AP catalogue): ${list.length}; what each misses:`
  const counts = new Map<string, number>()
  for (const r of list) for (const m of r.misses) counts.set(m, (counts.get(m) ?? 0) + 1)
  const summary = [...counts].sort((a, b) => b[1] - a[1]).map(([m, n]) => `  ${n} × ${m}`)
  const sample = list.slice(0, limit).map((r) => `  ${r.record}: ${r.misses.map((m) => m.split(':')[0]).join(', ')}`)
  return [head, ...summary, '', ...sample, list.length > limit ? `  … ${list.length - limit}` : ''].join('\n') + '\n'
}
