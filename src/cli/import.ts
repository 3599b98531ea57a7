/** `ogd import FILE`: a newer catalogue replaces the current one, validated first, applied all or nothing. */
import { existsSync } from 'node:fs'
import { resolve } from 'node:path'
import { AppError } from '../errors.ts'
import { DEFAULT_BASE_IRI } from '../model/iris.ts'
import { defaultInputs } from '../build/inputs.ts'
import { runBuild } from '../build/run-build.ts'
import { findSnapshot } from '../store/snapshot.ts'
import { createProgress } from './progress.ts'
import { REPO_ROOT, resolveSnapshotDir } from './paths.ts'

export async function runImportCommand(opts: { snapshot: string; quiet?: boolean; file: string }): Promise<number> {
  const file = resolve(opts.file)
  if (!existsSync(file)) throw new AppError('invalid_data', `${opts.file}: no such file`)
  const snapshotDir = resolveSnapshotDir(opts.snapshot)
  const current = await findSnapshot(snapshotDir)
  const inputs = defaultInputs(REPO_ROOT)
  inputs.catalog = [file]
  // Any SourceError or violation throws before writeSnapshot: the current snapshot stays as it was.
  const { snapshot } = await runBuild({
    root: REPO_ROOT,
    snapshotDir,
    baseIri: current?.meta.baseIri ?? DEFAULT_BASE_IRI,
    inputs,
    progress: createProgress({ quiet: opts.quiet }),
  })
  const catalog = snapshot.meta.stats.catalog as { datasets: number }
  process.stdout.write(`imported ${opts.file}: snapshot ${snapshot.version}, ${catalog.datasets} complete dataset(s) in the catalogue, ${snapshot.meta.quads.toLocaleString('en')} quads\n`)
  return 0
}
