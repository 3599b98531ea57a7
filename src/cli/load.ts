/**
 * `ogd load --store virtuoso [SNAPSHOT] [--bulk]`: the current snapshot (or the one named) into the configured
 * Virtuoso (STORE_URL, STORE_SQL, STORE_USER/STORE_PASSWORD) — applied as changes over a catalogue that is being
 * served, bulk-loaded into an empty store; see src/store/virtuoso-load.ts for how readers never see a half-loaded
 * catalogue and how each way is made durable. For the bulk loader the snapshot's graph.nq must be readable by the
 * Virtuoso server at the same path (its folder in DirsAllowed).
 */
import { AppError } from '../errors.ts'
import { requireSnapshot } from '../store/snapshot.ts'
import { loadStoreConfig } from '../store/store-config.ts'
import { isServingCatalogue, loadSnapshotIntoVirtuoso, reloadVirtuoso } from '../store/virtuoso-load.ts'
import { openVirtuosoStore } from '../store/virtuoso-store.ts'
import { createSqlRunner } from '../store/virtuoso-sql.ts'
import { resolveSnapshotDir } from './paths.ts'

export async function runLoadCommand(opts: { snapshot: string; store: string; dir?: string; quiet?: boolean; bulk?: boolean; statementQuads?: string }): Promise<number> {
  if (opts.store !== 'virtuoso') throw new AppError('invalid_config', `--store ${opts.store}: only "virtuoso" can be loaded (the embedded store loads its snapshot when ogd serve starts)`)
  const store = loadStoreConfig({ ...process.env, STORE: 'virtuoso' })
  if (store.kind !== 'virtuoso') throw new AppError('invalid_config', 'STORE must be virtuoso')
  const snapshot = await requireSnapshot(resolveSnapshotDir(opts.dir ?? process.env.SNAPSHOT_DIR ?? opts.snapshot))
  const sql = createSqlRunner({ sqlAddress: store.sqlAddress, user: store.user ?? 'dba', password: store.password ?? 'dba', isqlBin: store.isqlBin })
  const log = (message: string) => { if (!opts.quiet) process.stderr.write(`${message}\n`) }
  log(`loading snapshot ${snapshot.version} (${snapshot.meta.quads.toLocaleString('en')} quads) into Virtuoso at ${store.sqlAddress}`)
  const statementQuads = opts.statementQuads === undefined ? undefined : Number(opts.statementQuads)
  if (statementQuads !== undefined && !(Number.isSafeInteger(statementQuads) && statementQuads > 0)) throw new AppError('invalid_config', `--statement-quads ${opts.statementQuads}: a whole number of quads above 0`)
  const options = { snapshotVersion: snapshot.version, expectedQuads: snapshot.meta.quads, log }
  if (!opts.bulk && await isServingCatalogue(sql)) {
    const remote = await openVirtuosoStore({ queryUrl: store.queryUrl, updateUrl: store.updateUrl, graphCrudUrl: store.graphCrudUrl, user: store.user ?? 'dba', password: store.password ?? 'dba', maxRows: store.maxRows, defaultTimeoutMs: 600_000, pollMs: 0 })
    try {
      const result = await reloadVirtuoso(sql, remote, snapshot.nquadsPath, { ...options, ...(statementQuads ? { statementQuads } : {}) })
      const { replaced, removed, unchanged, statements } = result.changes
      process.stdout.write(`${JSON.stringify({ snapshot: snapshot.version, mode: 'changes', quads: result.quads, seconds: Number(result.seconds.toFixed(1)), replaced, removed, unchanged, statements })}\n`)
    } finally {
      await remote.close()
    }
    return 0
  }
  const result = await loadSnapshotIntoVirtuoso(sql, snapshot.nquadsPath, options)
  process.stdout.write(`${JSON.stringify({ snapshot: snapshot.version, mode: 'bulk', quads: result.quads, seconds: Number(result.seconds.toFixed(1)) })}\n`)
  return 0
}
