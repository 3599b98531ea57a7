/**
 * `ogd load --store virtuoso [SNAPSHOT]`: the current snapshot (or the one named) bulk-loaded into the configured
 * Virtuoso (STORE_URL, STORE_SQL, STORE_USER/STORE_PASSWORD) — see src/store/virtuoso-load.ts for how readers are
 * kept from a half-loaded catalogue and how the load is made durable. The snapshot's graph.nq must be readable by
 * the Virtuoso server at the same path (its folder in DirsAllowed).
 */
import { AppError } from '../errors.ts'
import { requireSnapshot } from '../store/snapshot.ts'
import { loadStoreConfig } from '../store/store-config.ts'
import { loadSnapshotIntoVirtuoso } from '../store/virtuoso-load.ts'
import { createSqlRunner } from '../store/virtuoso-sql.ts'
import { resolveSnapshotDir } from './paths.ts'

export async function runLoadCommand(opts: { snapshot: string; store: string; dir?: string; quiet?: boolean }): Promise<number> {
  if (opts.store !== 'virtuoso') throw new AppError('invalid_config', `--store ${opts.store}: only "virtuoso" can be loaded (the embedded store loads its snapshot when ogd serve starts)`)
  const store = loadStoreConfig({ ...process.env, STORE: 'virtuoso' })
  if (store.kind !== 'virtuoso') throw new AppError('invalid_config', 'STORE must be virtuoso')
  const snapshot = await requireSnapshot(resolveSnapshotDir(opts.dir ?? process.env.SNAPSHOT_DIR ?? opts.snapshot))
  const sql = createSqlRunner({ sqlAddress: store.sqlAddress, user: store.user ?? 'dba', password: store.password ?? 'dba', isqlBin: store.isqlBin })
  const log = (message: string) => { if (!opts.quiet) process.stderr.write(`${message}\n`) }
  log(`loading snapshot ${snapshot.version} (${snapshot.meta.quads.toLocaleString('en')} quads) into Virtuoso at ${store.sqlAddress}`)
  const result = await loadSnapshotIntoVirtuoso(sql, snapshot.nquadsPath, { snapshotVersion: snapshot.version, expectedQuads: snapshot.meta.quads, log })
  process.stdout.write(`${JSON.stringify({ snapshot: snapshot.version, quads: result.quads, seconds: Number(result.seconds.toFixed(1)) })}\n`)
  return 0
}
