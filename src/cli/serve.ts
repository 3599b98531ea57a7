/** `ogd serve` (what `npm start` runs): build the default snapshot when there is none, then serve it. */
import { findSnapshot } from '../store/snapshot.ts'
import { runBuildCommand } from './build.ts'
import { resolveSnapshotDir } from './paths.ts'
import { startServer } from '../server.ts'
import { loadConfig } from '../config.ts'

export async function runServeCommand(opts: { snapshot: string; quiet?: boolean }): Promise<number> {
  const snapshotDir = resolveSnapshotDir(opts.snapshot)
  const config = loadConfig(process.env)
  if (!(await findSnapshot(snapshotDir))) {
    process.stderr.write(`no snapshot in ${snapshotDir}: building the embedded default first\n`)
    await runBuildCommand({ snapshot: snapshotDir, quiet: opts.quiet, base: config.BASE_IRI })
  }
  await startServer({ config, snapshotDir })
  return 0
}
