/**
 * `ogd load --store virtuoso`, two ways.
 *
 * Over a store that serves a catalogue (state "ready", quads of ours), the snapshot is applied as the changes it
 * implies (`reloadVirtuoso`, src/store/snapshot-apply.ts): only graphs that differ are written, each write one
 * logged, fsync'ed transaction, and servers keep answering from the catalogue throughout — one switch when the
 * changes fit one statement, else a few atomic steps, each graph whole, old or new.
 *
 * Into an empty store (or with `--bulk`), Virtuoso's bulk loader (ld_dir + rdf_loader_run), the fastest path (84 s
 * for 17.8 M quads here, bench/README.md), with readers kept out meanwhile. The loader is not transactional and not
 * logged, so:
 *
 * 1. the store's state says "loading" first (one logged statement): every server over it answers 503 and /health
 *    is 503 until the end — no reader ever sees a half-loaded (or half-emptied) catalogue;
 * 2. every graph but Virtuoso's schema graph and our state is emptied (Virtuoso's sample graphs too: a fresh
 *    database holds an LDP vocabulary and a service description that are not ours), the file is bulk-loaded, and a checkpoint makes it durable (the bulk load is not in the
 *    transaction log: without the checkpoint a crash would lose it);
 * 3. one statement then bumps the generation (a change of every graph: each server drops all its caches) and sets
 *    the state back to "ready", with the snapshot's version; a last checkpoint.
 *
 * A load that fails leaves the state "loading" (servers keep answering 503, never a partial catalogue) and says so;
 * running the load again completes it.
 */
import { randomUUID } from 'node:crypto'
import { readFileSync } from 'node:fs'
import { basename, dirname, resolve } from 'node:path'
import { AppError } from '../errors.ts'
import { writeIri } from '../query/sparql-tag.ts'
import { STORE_STATE, VIRTUOSO_SCHEMA_GRAPH, VIRTUOSO_SYSTEM_GRAPHS } from '../vocab/store-state.ts'
import { changedAllOperation } from './remote-update.ts'
import { applySnapshot, type SnapshotApplyOptions, type SnapshotApplyReport } from './snapshot-apply.ts'
import type { GraphStore } from './types.ts'
import { sqlString, type RunSql } from './virtuoso-sql.ts'

export interface LoadResult {
  /** Quads in our graphs after the load. */
  quads: number
  /** Seconds from "loading" to "ready" (checkpoints included). */
  seconds: number
}

const s = STORE_STATE

/** The statement that sets the state's status (and, with `snapshot`, the version loaded). */
function statusUpdate(status: 'loading' | 'ready', snapshot?: string): string {
  const [state, subject] = [writeIri(s.graph), writeIri(s.subject)]
  const version = snapshot ? ` ${subject} ${writeIri(s.snapshot)} ${JSON.stringify(snapshot)} .` : ''
  const dropVersion = snapshot ? ` OPTIONAL { ${subject} ${writeIri(s.snapshot)} ?v }` : ''
  return `DELETE { GRAPH ${state} { ${subject} ${writeIri(s.status)} ?old . ${snapshot ? `${subject} ${writeIri(s.snapshot)} ?v .` : ''} } } INSERT { GRAPH ${state} { ${subject} ${writeIri(s.status)} "${status}" .${version} } } WHERE { OPTIONAL { GRAPH ${state} { ${subject} ${writeIri(s.status)} ?old${dropVersion} } } }`
}

const sparqlStatement = (update: string) => `SPARQL ${update.replace(/\s*\n\s*/g, ' ')};`

/**
 * Our quads (every graph but Virtuoso's own — a fresh database holds a few samples — the state graph and the staging
 * graph of writes under way), counted in SQL.
 */
export async function countOurQuads(sql: RunSql): Promise<number> {
  const kept = [...VIRTUOSO_SYSTEM_GRAPHS, s.graph, s.staging].map((g) => `iri_to_id(${sqlString(g)})`).join(', ')
  const text = await sql(`select count(*) from DB.DBA.RDF_QUAD where G not in (${kept});`)
  const match = text.match(/^\s*(\d+)\s*$/m)
  if (!match) throw new AppError('unavailable', `could not read the quad count from isql: ${text.slice(0, 300)}`)
  return Number(match[1])
}

/** Load `nquadsPath` (a file Virtuoso can read: its folder is in DirsAllowed) as the whole store. */
export async function loadSnapshotIntoVirtuoso(sql: RunSql, nquadsPath: string, options: { snapshotVersion: string; expectedQuads?: number; log?: (message: string) => void }): Promise<LoadResult> {
  const log = options.log ?? (() => undefined)
  const path = resolve(nquadsPath)
  const started = performance.now()
  await sql(sparqlStatement(statusUpdate('loading')))
  log('store state: loading (servers answer 503 until the load is complete)')
  const kept = [VIRTUOSO_SCHEMA_GRAPH, s.graph].map((g) => `iri_to_id(${sqlString(g)})`).join(', ')
  // Row-by-row autocommit without logging: emptying millions of quads in one logged transaction would not fit memory.
  await sql(`log_enable(2, 1);
delete from DB.DBA.RDF_QUAD where G not in (${kept});
log_enable(1, 1);`, 3_600_000)
  await sql(`delete from DB.DBA.LOAD_LIST where ll_file = ${sqlString(path)};`)
  // Files named *.nq are read as N-Quads; a triple without a graph goes to the default-graph stand-in.
  await sql(`ld_dir(${sqlString(dirname(path))}, ${sqlString(basename(path))}, ${sqlString(s.defaultGraph)});`)
  const queued = await sql(`select count(*) from DB.DBA.LOAD_LIST where ll_file = ${sqlString(path)};`)
  if (!/^\s*1\s*$/m.test(queued)) throw new AppError('invalid_config', `Virtuoso's bulk loader cannot read ${path}: add its folder to DirsAllowed in virtuoso.ini (the server must see the same path)`)
  log(`bulk-loading ${path}`)
  await sql('rdf_loader_run();', 6 * 3_600_000)
  const errors = await sql(`select ll_error from DB.DBA.LOAD_LIST where ll_file = ${sqlString(path)} and ll_error is not null;`)
  const problem = errors.split('\n').map((line) => line.trim()).find((line) => line && !/^\d+ Rows\./.test(line) && !/^ll_error/i.test(line) && !/^_+$/.test(line))
  if (problem) throw new AppError('invalid_data', `Virtuoso's bulk loader failed on ${path}: ${problem}; the store stays "loading" (servers answer 503) until a load succeeds`)
  // The bulk load is not logged: only a checkpoint makes it durable.
  await sql('checkpoint;', 3_600_000)
  const quads = await countOurQuads(sql)
  if (options.expectedQuads !== undefined && quads !== options.expectedQuads) {
    throw new AppError('invalid_data', `Virtuoso holds ${quads} quads after loading ${path}, the snapshot has ${options.expectedQuads}: the load is incomplete (see virtuoso.log); the store stays "loading" (servers answer 503)`)
  }
  const generation = await sql(`SPARQL SELECT ?n WHERE { GRAPH ${writeIri(s.graph)} { ${writeIri(s.subject)} ${writeIri(s.generation)} ?n } };`)
  const current = generation.match(/^\s*(\d+)\s*$/m)?.[1]
  await sql(sparqlStatement(changedAllOperation(current === undefined ? undefined : Number(current), `ogd-load-${randomUUID()}`)))
  await sql(sparqlStatement(statusUpdate('ready', options.snapshotVersion)))
  await sql('checkpoint;', 3_600_000)
  log(`store state: ready (${quads.toLocaleString('en')} quads, snapshot ${options.snapshotVersion})`)
  return { quads, seconds: (performance.now() - started) / 1000 }
}

/** Whether `ogd load` may apply the snapshot as changes: the store is "ready" and holds a catalogue of ours. */
export async function isServingCatalogue(sql: RunSql): Promise<boolean> {
  const status = await sql(`SPARQL SELECT ?status WHERE { GRAPH ${writeIri(s.graph)} { ${writeIri(s.subject)} ${writeIri(s.status)} ?status } };`)
  // No status at all: a store written by servers only (never loaded), which is "ready" to them.
  const isLoading = /^\s*loading\s*$/m.test(status)
  return !isLoading && (await countOurQuads(sql)) > 0
}

/**
 * Load-and-switch over a serving catalogue: the snapshot's changes through `store` (a Virtuoso GraphStore opened with
 * write credentials), then the state's snapshot version; the quad count checked as after a bulk load.
 */
export async function reloadVirtuoso(sql: RunSql, store: GraphStore, nquadsPath: string, options: { snapshotVersion: string; expectedQuads?: number; log?: (message: string) => void } & SnapshotApplyOptions): Promise<LoadResult & { changes: SnapshotApplyReport }> {
  const log = options.log ?? (() => undefined)
  const started = performance.now()
  log('the store serves a catalogue: applying the snapshot as changes (servers keep answering throughout)')
  const changes = await applySnapshot(store, readFileSync(resolve(nquadsPath)), options)
  const quads = await countOurQuads(sql)
  if (options.expectedQuads !== undefined && quads !== options.expectedQuads) {
    // Another server wrote while the snapshot was applied (a sync, an agency's PUT): the store is whole, but not the snapshot.
    throw new AppError('conflict', `Virtuoso holds ${quads} quads after applying ${nquadsPath}, the snapshot has ${options.expectedQuads}: another server wrote meanwhile; run the load again to make the store equal the snapshot`)
  }
  await sql(sparqlStatement(statusUpdate('ready', options.snapshotVersion)))
  log(`store state: ready (${quads.toLocaleString('en')} quads, snapshot ${options.snapshotVersion}; ${changes.replaced} graphs written, ${changes.removed} removed, ${changes.unchanged} unchanged, in ${changes.statements} statement(s))`)
  return { quads, seconds: (performance.now() - started) / 1000, changes }
}
