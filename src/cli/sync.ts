/**
 * `ogd sync FILE…|-`: apply data.gov.tw change exports (or a full export, diffed) to the current snapshot's graph
 * through its journal — the same write path as `POST /admin/sync`. While a server holds the journal, send the
 * changes to it instead (this command says so).
 */
import { readFileSync } from 'node:fs'
import { join } from 'node:path'
import { AppError } from '../errors.ts'
import { createInProcessStore } from '../store/in-process.ts'
import { createJournaledStore, openJournal, replayChanges } from '../store/journaled-store.ts'
import { requireSnapshot } from '../store/snapshot.ts'
import { applySync } from '../sync/apply-sync.ts'
import { readChangeExport } from '../sync/change-export.ts'
import { readSyncContext } from '../sync/sync-context.ts'
import { SYNC_CACHE_FILE } from '../sync/validate-records.ts'
import { formatSyncReport } from '../sync/sync-report-text.ts'
import { createProgress } from './progress.ts'
import { REPO_ROOT, resolveSnapshotDir } from './paths.ts'

const readInput = (file: string): Buffer => {
  try {
    return file === '-' ? readFileSync(0) : readFileSync(file)
  } catch (error) {
    throw new AppError('invalid_data', `${file}: ${(error as NodeJS.ErrnoException).code === 'ENOENT' ? 'no such file' : (error as Error).message}`)
  }
}

export async function runSyncCommand(opts: { snapshot: string; quiet?: boolean; files: string[]; json?: boolean }): Promise<number> {
  if (opts.files.length === 0) throw new AppError('invalid_data', 'give the change export(s) to apply: `ogd sync changed.json` (or - for stdin)')
  // Every file is read and checked before anything is written: a bad file changes nothing.
  const exports = opts.files.map((file) => readChangeExport(readInput(file), file === '-' ? '(stdin)' : file))
  const progress = createProgress({ quiet: opts.quiet })
  const dir = resolveSnapshotDir(opts.snapshot)
  const snapshot = await requireSnapshot(dir)
  progress.step(`loading ${snapshot.version} and its journal`)
  const journal = await openJournal(dir, snapshot, { onFatal: () => undefined })
  const inner = createInProcessStore({ nquads: readFileSync(snapshot.nquadsPath), baseIri: `${snapshot.meta.baseIri}/sparql` })
  const store = createJournaledStore(inner, dir, journal)
  try {
    await replayChanges(inner, journal.changes)
    progress.done()
    progress.step('import, link, validate, apply')
    const context = await readSyncContext(store, { baseIri: snapshot.meta.baseIri, root: REPO_ROOT, validationCachePath: join(dir, SYNC_CACHE_FILE) })
    const report = await applySync(store, exports, context)
    progress.done()
    process.stdout.write(opts.json ? JSON.stringify(report, null, 1) + '\n' : formatSyncReport(report))
    return report.rejected.length > 0 ? 1 : 0
  } finally {
    await store.close()
  }
}
