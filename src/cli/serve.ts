/** `ogd serve` (what `npm start` runs): build the default snapshot when there is none, then serve it. */
import { findSnapshot } from '../store/snapshot.ts'
import { loadConfig } from '../config.ts'
import { runBuildCommand } from './build.ts'
import { resolveSnapshotDir } from './paths.ts'

export async function runServeCommand(opts: { snapshot: string; quiet?: boolean }): Promise<number> {
  const config = loadConfig(process.env)
  // SNAPSHOT_DIR (server config) wins over the CLI default; both resolve from the repository root.
  const snapshotDir = resolveSnapshotDir(process.env.SNAPSHOT_DIR ?? opts.snapshot)
  const existing = await findSnapshot(snapshotDir)
  if (!existing || existing.meta.baseIri !== config.baseIri) {
    process.stderr.write(existing ? `snapshot was built for ${existing.meta.baseIri}, BASE_IRI is ${config.baseIri}: rebuilding\n` : `no snapshot in ${snapshotDir}: building the embedded default first\n`)
    await runBuildCommand({ snapshot: snapshotDir, quiet: opts.quiet, base: config.baseIri })
  }
  const { startServer } = await import('../server.ts')
  await startServer({ ...config, snapshotDir })
  return 0
}
