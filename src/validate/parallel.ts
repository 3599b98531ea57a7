/**
 * SHACL per record, in parallel, once: the graph is split into units (partition.ts) over a shared background;
 * worker threads, each with the shapes compiled once and the background loaded once, validate the units the cache
 * (cache.ts) does not already answer. The report equals the whole-graph run's (test/validate/per-record.test.ts).
 * Shapes whose footprint cannot be bounded (reach.ts) fall back to the whole-graph run.
 */
import { availableParallelism } from 'node:os'
import { Worker } from 'node:worker_threads'
import type { Quad } from 'n3'
import { AppError } from '../errors.ts'
import { readCache, shapesHash, writeCache } from './cache.ts'
import { partitionRecords, prepareBackground, termKey, UnsafeBlankNodeLabel, type PreparedBackground, type ValidationUnit } from './partition.ts'
import { SH } from '../vocab/index.ts'
import type { ValidateReply, ValidatorInit } from './parallel-protocol.ts'
import { analyzeReach, mergeReach, type Reach } from './reach.ts'
import { loadShapes, type ProfileName } from './shapes.ts'
import { defaultEngine, type ShaclEngineName, type UnitIssues } from './unit-validator.ts'
import { toDefaultGraphStore, validateQuads, type ValidationIssue, type ValidationReport } from './validate.ts'

const ENTRY = new URL('./validate-worker-entry.mjs', import.meta.url)

export interface RecordValidationOptions {
  shapesDir: string
  /** Profiles in report order (default: the build's, DCAT-AP 3.0.1 then ours). */
  profiles?: readonly ProfileName[]
  /** Named graphs shared by every record (vocabularies, catalogue, ontology); any other named graph is a record. */
  isBackground: (graph: string) => boolean
  /** Validate only these records' units; the other quads serve as background and as the records' links. */
  only?: ReadonlySet<string>
  /** Worker threads (default: the cores, at most 4; 0 runs in this thread). */
  workers?: number
  /** The cache file (e.g. beside the snapshot); none when absent. */
  cachePath?: string
  /** The evaluator: ours (default, src/validate/compiled.ts) or shacl-engine's, the reference (OGD_SHACL_ENGINE). */
  engine?: ShaclEngineName
  /** The focus node → record map of the issues (default: the first named graph where it is a subject). */
  recordOf?: (focus: string) => string | undefined
  /**
   * Shared quads given apart from `quads` (which then follow them): prepared once per array and reused while the
   * same array is passed again, as a sync does batch after batch. Every quad in it must be the background's.
   */
  background?: readonly Quad[]
  /**
   * The worker threads' niceness (Linux, 1–19): a live sync validates on threads that give the cores to the replicas
   * answering reads whenever both want them (bench/sync.ts measures the reads' p99 during a sync). Default 0.
   */
  niceness?: number
}

/** Each background array's preparation, kept as long as the array is (a sync context's). */
const preparedBackgrounds = new WeakMap<readonly Quad[], PreparedBackground>()
function preparedOf(background: readonly Quad[], isBackground: (graph: string) => boolean): PreparedBackground {
  let prepared = preparedBackgrounds.get(background)
  if (!prepared) preparedBackgrounds.set(background, (prepared = prepareBackground(background, isBackground)))
  return prepared
}

export interface RecordValidationStats {
  mode: 'per-record' | 'whole-graph'
  /** Why the whole graph was validated instead, when it was. */
  fallback?: string
  units: number
  validated: number
  cached: number
  workers: number
  engine?: ShaclEngineName
  /** Targeted shapes the compiled evaluator left to shacl-engine, with why (empty: all compiled). */
  fallbacks?: string[]
}

export const BUILD_PROFILES: readonly ProfileName[] = ['dcat-ap-3.0.1', 'ogd']

/** The data footprint of the profiles' shapes (what a record's unit must include of the nodes it links to). */
export function reachOf(shapesDir: string, profiles: readonly ProfileName[] = BUILD_PROFILES): Reach {
  return mergeReach(profiles.map((p) => analyzeReach(loadShapes(shapesDir, p))))
}

/** Validate the records of `quads` (all of them, or `only`) with each profile; one report per profile. */
export async function validateRecords(quads: readonly Quad[], options: RecordValidationOptions): Promise<{ reports: ValidationReport[]; stats: RecordValidationStats }> {
  const profiles = options.profiles ?? BUILD_PROFILES
  const all = () => (options.background ? [...options.background, ...quads] : quads)
  const recordOf = options.recordOf ?? firstGraphOf(all())
  const reach = reachOf(options.shapesDir, profiles)
  let partition: ReturnType<typeof partitionRecords> | undefined
  let fallback = reach.supported ? undefined : reach.reason
  if (reach.supported) {
    const targetNodes = profiles.flatMap((p) => loadShapes(options.shapesDir, p).getObjects(null, SH.targetNode, null)).map(termKey).filter(Boolean)
    try {
      const prepared = options.background ? preparedOf(options.background, options.isBackground) : undefined
      partition = partitionRecords(quads, reach, options.isBackground, { targetNodes, only: options.only, prepared })
    } catch (error) {
      if (!(error instanceof UnsafeBlankNodeLabel)) throw error
      fallback = error.message
    }
  }
  if (!partition) {
    const data = toDefaultGraphStore(all())
    const reports: ValidationReport[] = []
    for (const profile of profiles) reports.push(await validateQuads(data, { shapesDir: options.shapesDir, profile, recordOf }))
    return { reports, stats: { mode: 'whole-graph', fallback, units: 0, validated: 0, cached: 0, workers: 0 } }
  }
  const engine = options.engine ?? defaultEngine()
  const shapes = shapesHash(options.shapesDir, profiles, engine)
  const cached = options.cachePath ? readCache(options.cachePath, shapes, partition.backgroundHash) : new Map<string, { hash: string; issues: UnitIssues }>()
  const fresh = new Map<string, { hash: string; issues: UnitIssues }>()
  const byProfile = new Map<ProfileName, ValidationIssue[]>(profiles.map((p) => [p, []]))
  const collect = (unit: Pick<ValidationUnit, 'id' | 'hash'>, issues: UnitIssues) => {
    fresh.set(unit.id, { hash: unit.hash, issues })
    for (const { profile, issues: list } of issues) for (const issue of list) byProfile.get(profile)!.push({ ...issue, record: recordOf(issue.focusNode) })
  }
  const workers = options.workers ?? Math.min(4, availableParallelism())
  const pool = workers > 0 ? startPool(workers, { shapesDir: options.shapesDir, profiles: [...profiles], background: partition.background, engine, niceness: options.niceness }) : undefined
  const local = workers > 0 ? undefined : await import('./unit-validator.ts').then(({ UnitValidator }) => new UnitValidator(options.shapesDir, profiles, partition.background, engine))
  let validated = 0
  let hits = 0
  let units = 0
  try {
    const pending: Promise<void>[] = []
    let failed: { error: unknown } | undefined
    let batch: ValidationUnit[] = []
    let batchBytes = 0
    const flush = async () => {
      if (!batch.length) return
      // A turn of the event loop per batch: making units is synchronous, and until the threads push back nothing
      // else would run (awaiting a settled promise only drains microtasks), which a live sync's reads wait on.
      await new Promise<void>((resolve) => setImmediate(resolve))
      const sent = batch
      batch = []
      batchBytes = 0
      if (local) {
        for (const unit of sent) collect(unit, await local.validate(unit.ntriples, unit.owned))
        return
      }
      // Back-pressure: at most two batches in flight per thread, so the units are made as fast as they are used.
      while (pool!.inFlight() >= workers * 2 && !failed) await Promise.race(pending)
      if (failed) throw failed.error
      // Keep only the keys while the batch is away: the texts are copied into the message, and holding them
      // until the answer would carry them into the old generation of a heap that already holds the whole graph.
      const keys = sent.map(({ id, hash }) => ({ id, hash }))
      const done: Promise<void> = pool!.run(sent).then(
        (results) => keys.forEach((unit, i) => collect(unit, results[i]!)),
        (error: unknown) => { failed ??= { error } },
      ).finally(() => { pending.splice(pending.indexOf(done), 1) })
      pending.push(done)
    }
    for (const unit of partition.units) {
      if (options.only && !options.only.has(unit.id)) continue
      units += 1
      if (!unit.owned.length) continue
      const hit = cached.get(unit.id)
      if (hit && hit.hash === unit.hash) {
        hits += 1
        collect(unit, hit.issues)
        continue
      }
      validated += 1
      batch.push(unit)
      batchBytes += unit.ntriples.length
      if (batch.length >= 64 || batchBytes >= 1 << 20) await flush()
    }
    await flush()
    await Promise.all([...pending])
    if (failed) throw (failed as { error: unknown }).error
  } finally {
    await pool?.close()
  }
  if (options.cachePath) {
    // Entries for units not validated this time (`only`) are kept: they are still right for the same hashes.
    const units = options.only ? Object.fromEntries([...cached, ...fresh]) : Object.fromEntries(fresh)
    await writeCache(options.cachePath, { shapesHash: shapes, backgroundHash: partition.backgroundHash, units })
  }
  const reports = profiles.map((profile) => {
    const issues = byProfile.get(profile)!.sort(compareIssues)
    return { profile, conforms: !issues.some((i) => i.severity === 'Violation'), issues }
  })
  return { reports, stats: { mode: 'per-record', units, validated, cached: hits, workers, engine, fallbacks: local?.fallbacks ?? (await fallbacksOf(options.shapesDir, profiles, engine)) } }
}

/** The shapes the compiled evaluator leaves to shacl-engine (for the stats of a run in worker threads). */
async function fallbacksOf(shapesDir: string, profiles: readonly ProfileName[], engine: ShaclEngineName): Promise<string[]> {
  const { CompiledProfile } = await import('./compiled.ts')
  return profiles.flatMap((p) => new CompiledProfile(loadShapes(shapesDir, p), { compile: engine === 'compiled' }).fallbacks.map((f) => `${p} ${f}`))
}

/** A stable order for reports: by record, focus node, shape, path, component, value. */
function compareIssues(a: ValidationIssue, b: ValidationIssue): number {
  const fields = (i: ValidationIssue) => [i.record ?? '', i.focusNode, i.shape, i.path ?? '', i.component, i.value ?? '', i.severity]
  const x = fields(a)
  const y = fields(b)
  for (let k = 0; k < x.length; k += 1) if (x[k] !== y[k]) return x[k]! < y[k]! ? -1 : 1
  return 0
}

/** subject → the first named graph holding it as a subject (the build's record of an issue). */
export function firstGraphOf(quads: readonly Quad[]): (focus: string) => string | undefined {
  const map = new Map<string, string>()
  for (const q of quads) if (!map.has(q.subject.value) && q.graph.termType === 'NamedNode') map.set(q.subject.value, q.graph.value)
  return (focus) => map.get(focus)
}

interface Pool {
  run(units: ValidationUnit[]): Promise<UnitIssues[]>
  inFlight(): number
  close(): Promise<void>
}

function startPool(size: number, init: ValidatorInit): Pool {
  const threads = Array.from({ length: size }, () => ({ worker: new Worker(ENTRY, { workerData: init }), load: 0 }))
  const waiting = new Map<number, { resolve(r: UnitIssues[]): void; reject(e: unknown): void; thread: (typeof threads)[number] }>()
  let nextId = 1
  let failure: AppError | undefined
  const fail = (error: AppError) => {
    failure ??= error
    for (const entry of waiting.values()) entry.reject(failure)
    waiting.clear()
  }
  for (const thread of threads) {
    thread.worker.on('message', (reply: ValidateReply) => {
      const entry = waiting.get(reply.id)
      if (!entry) return
      waiting.delete(reply.id)
      entry.thread.load -= 1
      if (reply.ok) entry.resolve(reply.results)
      else entry.reject(new AppError('internal', `SHACL validation failed in a worker thread: ${reply.message}`))
    })
    thread.worker.on('error', (error) => fail(new AppError('internal', `a SHACL validation thread failed: ${error.message}`)))
    thread.worker.on('exit', (code) => { if (code !== 0) fail(new AppError('internal', `a SHACL validation thread exited with code ${code}`)) })
  }
  return {
    run(units) {
      if (failure) return Promise.reject(failure)
      const thread = threads.reduce((a, b) => (b.load < a.load ? b : a))
      const id = nextId++
      thread.load += 1
      return new Promise((resolve, reject) => {
        waiting.set(id, { resolve, reject, thread })
        thread.worker.postMessage({ id, units: units.map((u) => ({ ntriples: u.ntriples, owned: u.owned })) })
      })
    },
    inFlight: () => waiting.size,
    async close() {
      await Promise.all(threads.map((t) => t.worker.terminate()))
    },
  }
}
