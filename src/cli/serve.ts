/** `ogd serve` (what `npm start` runs): listen at once, build the default snapshot when there is none, then serve it. */
import { findSnapshot } from '../store/snapshot.ts'
import { loadConfig } from '../config.ts'
import { runBuildCommand } from './build.ts'
import { resolveSnapshotDir } from './paths.ts'

export async function runServeCommand(opts: { snapshot: string; quiet?: boolean }): Promise<number> {
  const config = loadConfig(process.env)
  // SNAPSHOT_DIR (server config) wins over the CLI default; both resolve from the repository root.
  const snapshotDir = resolveSnapshotDir(process.env.SNAPSHOT_DIR ?? opts.snapshot)
  const prepare = async () => {
    const existing = await findSnapshot(snapshotDir)
    if (existing && existing.meta.baseIri === config.baseIri) return
    process.stderr.write(existing ? `snapshot was built for ${existing.meta.baseIri}, BASE_IRI is ${config.baseIri}: rebuilding\n` : `no snapshot in ${snapshotDir}: building the embedded default first (/health answers 503 until it is served)\n`)
    await runBuildCommand({ snapshot: snapshotDir, quiet: opts.quiet, base: config.baseIri })
  }
  const { startServer } = await import('../server.ts')
  const server = await startServer({ ...config, snapshotDir }, { prepare })
  // A failed first build leaves nothing to serve: say so and stop, rather than answer 503 for ever.
  await server.ready.catch(async (error: unknown) => {
    await server.close()
    throw error
  })
  return 0
}
