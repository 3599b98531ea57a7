/** `ogd build`: sources → a new snapshot, with the validation summary and link statistics printed. */
import { resolve } from 'node:path'
import { DEFAULT_BASE_IRI } from '../model/iris.ts'
import { defaultInputs } from '../build/inputs.ts'
import { runBuild } from '../build/run-build.ts'
import { createJsonProgress, createProgress } from './progress.ts'
import { REPO_ROOT, resolveSnapshotDir } from './paths.ts'

export async function runBuildCommand(opts: { snapshot: string; quiet?: boolean; base?: string; catalog?: string[]; includePersonalContacts?: boolean; progressJson?: boolean; force?: boolean }): Promise<number> {
  const progress = opts.progressJson ? createJsonProgress() : createProgress({ quiet: opts.quiet })
  const inputs = defaultInputs(REPO_ROOT)
  if (opts.catalog?.length) inputs.catalog = opts.catalog.map((f) => resolve(f))
  const started = Date.now()
  const { snapshot, validation, reused } = await runBuild({
    root: REPO_ROOT,
    snapshotDir: resolveSnapshotDir(opts.snapshot),
    baseIri: opts.base ?? DEFAULT_BASE_IRI,
    inputs,
    progress,
    includePersonalContacts: opts.includePersonalContacts,
    reuseUnchanged: opts.force !== true,
  })
  const links = snapshot.meta.stats.links as { publisher: { resolved: number; total: number; share: number } }
  const quality = snapshot.meta.stats.quality as { datasets: number; quads: number }
  const requests = snapshot.meta.stats.requests as { requests: number; withReplyDate: number } | undefined
  process.stdout.write(
    [
      reused
        ? `snapshot ${snapshot.version} is up to date (${snapshot.meta.quads.toLocaleString('en')} quads): built from the same sources, code and options (fingerprint ${snapshot.meta.fingerprint!.slice(0, 12)}); checked in ${((Date.now() - started) / 1000).toFixed(1)} s, nothing rebuilt (--force builds again)`
        : `snapshot ${snapshot.version}: ${snapshot.meta.quads.toLocaleString('en')} quads in ${((Date.now() - started) / 1000).toFixed(1)} s`,
      `publishers resolved to a coded agency: ${links.publisher.resolved}/${links.publisher.total} datasets (${(links.publisher.share * 100).toFixed(1)} %)`,
      `validation (${validation.summary.profiles.join(', ')}): ${validation.summary.completeViolations} violation(s) in complete records; ${validation.summary.incompleteRecords} incomplete record(s) listed by \`ogd validate\``,
      `quality measurements (DQV): ${quality.quads.toLocaleString('en')} quads for ${quality.datasets.toLocaleString('en')} datasets, in their {dataset}/validation graphs`,
      ...(requests ? [`dataset requests: ${requests.requests.toLocaleString('en')}, ${requests.withReplyDate.toLocaleString('en')} with a reply date`] : []),
    ].join('\n') + '\n',
  )
  return 0
}
