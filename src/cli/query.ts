/** `ogd query`: one SPARQL query against the embedded store loaded from the current snapshot. */
import { readFileSync } from 'node:fs'
import { AppError } from '../errors.ts'
import { requireSnapshot } from '../store/snapshot.ts'
import { createInProcessStore } from '../store/in-process.ts'
import { changesToReplay, readJournal } from '../store/journal.ts'
import { replayChanges } from '../store/journaled-store.ts'
import { createProgress } from './progress.ts'
import { resolveSnapshotDir } from './paths.ts'

const MEDIA_TYPES = {
  json: 'application/sparql-results+json',
  xml: 'application/sparql-results+xml',
  csv: 'text/csv',
  tsv: 'text/tab-separated-values',
  turtle: 'text/turtle',
  ntriples: 'application/n-triples',
  nquads: 'application/n-quads',
} as const
type CliFormat = keyof typeof MEDIA_TYPES
const GRAPH_FORMATS = new Set<CliFormat>(['turtle', 'ntriples', 'nquads'])

export async function runQueryCommand(opts: { snapshot: string; quiet?: boolean; sparql?: string; file?: string; format: CliFormat }): Promise<number> {
  const query = opts.file ? readFileSync(opts.file, 'utf8') : opts.sparql
  if (!query) throw new AppError('bad_query', 'give a query: `ogd query "SELECT …"` or `ogd query --file q.rq`')
  const progress = createProgress({ quiet: opts.quiet })
  const snapshot = await requireSnapshot(resolveSnapshotDir(opts.snapshot))
  progress.step(`loading ${snapshot.version}`)
  // Relative IRIs resolve as on our endpoint (base {BASE_IRI}/sparql): the example queries write `PREFIX ogd: <ontology#>`.
  const store = await createInProcessStore({ nquads: readFileSync(snapshot.nquadsPath), baseIri: `${snapshot.meta.baseIri}/sparql` })
  // Live changes (syncs, writes) are in the journal until a compaction: the answer includes them.
  const { entries } = await readJournal(snapshot.dir, undefined, { repair: false })
  await replayChanges(store, changesToReplay(entries, snapshot.meta.journalSeq ?? 0))
  progress.done()
  try {
    const result = await store.query({ query, mediaType: MEDIA_TYPES[opts.format] }).catch(async (error: unknown) => {
      // A CONSTRUCT/DESCRIBE asked for a tabular format (the default): answer in Turtle rather than fail.
      if (error instanceof AppError && error.code === 'not_acceptable' && !GRAPH_FORMATS.has(opts.format)) {
        return store.query({ query, mediaType: MEDIA_TYPES.turtle })
      }
      throw error
    })
    process.stdout.write(result.body.endsWith('\n') ? result.body : result.body + '\n')
  } finally {
    await store.close()
  }
  return 0
}
