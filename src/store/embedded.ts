/**
 * The embedded store: N worker replicas, each holding the whole graph, behind one bounded queue. A query past
 * its deadline or one that crashes the engine costs only its own replica, which is replaced (reloading the
 * snapshot and replaying the changes since) while the others keep serving.
 */
import { readFileSync } from 'node:fs'
import { join } from 'node:path'
import type { Logger } from 'pino'
import { AppError } from '../errors.ts'
import type { QueryLimits } from '../query/guard.ts'
import { writeIri } from '../query/sparql-tag.ts'
import { queryShapeKey } from '../query/query-shape.ts'
import { remapBaseIri } from './base-remap.ts'
import { createCrashMemory } from './crash-memory.ts'
import { dumpInChunks, type EngineOptions, type GraphChange } from './embedded-engine.ts'
import { isRetiredError, startReplica, type Replica } from './embedded-replica.ts'
import { discardImage, findImage, imageIdentity, publishImage, type EngineImageMeta } from './engine-image.ts'
import { prepareQuery } from './embedded-request.ts'
import { admitQuery, crashRepeatError, reservedWaitError } from './replica-admission.ts'
import { DEFAULT_GRAPH, type GraphStore } from './types.ts'
import type { LoadResult, LoadSource, WorkerCommand } from './worker-protocol.ts'

export interface EmbeddedStoreOptions {
  /** The snapshot's N-Quads file, read once; or the N-Quads themselves. */
  nquadsPath?: string
  nquads?: string
  /** Rewrite IRIs under the base the snapshot was built for to the configured base as they load (src/store/base-remap.ts). */
  remapBase?: { from: string; to: string }
  /**
   * Where the engine image of `nquadsPath` lives (the snapshot's version folder) and the base IRI it is served
   * under (src/store/engine-image.ts): replicas restore it instead of parsing the N-Quads, and the first replica
   * that has to parse them writes it there. Absent: no image is read or written.
   */
  image?: { dir: string; baseKey: string }
  /** Changes to replay over the snapshot on every replica's load (the journal's, src/store/journal.ts). */
  changes?: GraphChange[]
  /** Worker threads, each with a full copy of the graph (default 2). */
  replicas?: number
  /**
   * Loaded replicas kept out of the rotation (default 0): when a serving one is lost (deadline, crash), a standby
   * takes its place at once and a new standby loads in the background, instead of the pool serving one short for a
   * whole load (~30 s on the 50,000-dataset graph). Each costs one more copy of the graph in memory.
   */
  standby?: number
  /** Queries waiting for a free replica before new ones are refused as overloaded (default 32). */
  maxQueued?: number
  /** Deadline of a query that brings none (default 30 s). */
  defaultTimeoutMs?: number
  /** Base IRI for relative IRIs in queries that bring none. */
  baseIri?: string
  limits?: QueryLimits
  /** Query the union of all graphs as the default graph (default true). */
  unionDefaultGraph?: boolean
  /** How long a query that crashed a replica is refused (default 10 min), and how many are remembered (1000). */
  crashMemory?: { ttlMs?: number; maxEntries?: number }
  /**
   * How long a query of a never-completed shape may wait while a replica reloads after a loss, before it is answered
   * 503 (src/store/replica-admission.ts; default 10 s).
   */
  maxReservedWaitMs?: number
  logger?: Pick<Logger, 'info' | 'warn' | 'error'>
}

export interface EmbeddedStoreStats {
  replicas: number
  ready: number
  running: number
  queued: number
  /** Queries stopped at their deadline. */
  killed: number
  /** Replicas lost to an engine crash or an unexpected exit. */
  crashed: number
  /** Replicas started to take a lost one's place. */
  replaced: number
  /** Loaded replicas held in reserve (EmbeddedStoreOptions.standby), not counted in `ready`. */
  standby: number
  /** Repeats of a query that had crashed a replica, refused at once (src/store/crash-memory.ts). */
  crashRepeatsRefused: number
  /** Queries of a never-completed shape that waited too long while the last free replica was kept for others. */
  reservedWaitsRefused: number
}

export type EmbeddedStore = GraphStore & {
  stats(): EmbeddedStoreStats
  /**
   * Settles as soon as one replica has loaded and can answer; the others join as they load (one after another:
   * loading is CPU-bound, so the first serves after one load time instead of all after N). Rejects when the store
   * stopped before any replica was ready (the graph could not be loaded).
   */
  ready: Promise<void>
  /** The same promise as `ready` (the first replica has loaded and queries can be answered). */
  firstReady: Promise<void>
  /** Settles when every initial replica has loaded; rejects when one could not. */
  allReady: Promise<void>
}

interface Job {
  command: WorkerCommand
  timeoutMs?: number
  /** The query's shape (src/query/query-shape.ts), for queries. */
  shape?: string
  /** Set while the job waits for a replica it may use (replica-admission): ends the wait at maxReservedWaitMs. */
  waitTimer?: NodeJS.Timeout
  resolve(value: unknown): void
  reject(error: unknown): void
}

function readBase({ nquadsPath, nquads, remapBase }: EmbeddedStoreOptions): Uint8Array {
  const bytes = nquadsPath !== undefined ? readFileSync(nquadsPath) : Buffer.from(nquads ?? '', 'utf8')
  // One copy in shared memory serves every replica, and a restart still has it after the snapshot was pruned.
  const allocateShared = (length: number) => new Uint8Array(new SharedArrayBuffer(length))
  const remapped = remapBase ? remapBaseIri(bytes, remapBase.from, remapBase.to, allocateShared) : bytes
  if (remapped.buffer instanceof SharedArrayBuffer) return remapped
  const shared = allocateShared(remapped.byteLength)
  shared.set(remapped)
  return shared
}

/** Start the replicas (loading in the background: see `ready`) and return the store at once. */
export function createEmbeddedStore(options: EmbeddedStoreOptions): EmbeddedStore {
  const { replicas: replicaCount = 2, standby: standbyCount = 0, maxQueued = 32, defaultTimeoutMs = 30_000, logger } = options
  if (!Number.isInteger(replicaCount) || replicaCount < 1) throw new AppError('invalid_config', `replicas must be a whole number ≥ 1, not ${replicaCount}`)
  if (!Number.isInteger(standbyCount) || standbyCount < 0) throw new AppError('invalid_config', `standby replicas must be a whole number ≥ 0, not ${standbyCount}`)
  const standbys = new Set<Replica>()
  const imageDir = options.image && options.nquadsPath !== undefined ? options.image : undefined
  let image: EngineImageMeta | undefined = imageDir ? findImage(imageDir.dir, options.nquadsPath!, imageDir.baseKey) : undefined
  // Read now unless an image spares it (a failed restore reads it then); one copy shared by every replica.
  let base: Uint8Array | undefined = image ? undefined : readBase(options)
  let isWritingImage = false
  let publishing: Promise<void> = Promise.resolve()
  // A replica whose image could not be restored, and the one loading the N-Quads in its place.
  const replacementOf = new WeakMap<Replica, Replica>()
  const settled = (replica: Replica): Promise<unknown> => replica.loaded.catch((error: unknown) => {
    const replacement = replacementOf.get(replica)
    return replacement ? settled(replacement) : Promise.reject(error)
  })
  const engineOptions: EngineOptions = { unionDefaultGraph: options.unionDefaultGraph ?? true }
  const changes: GraphChange[] = [...(options.changes ?? [])]
  const replicas: Replica[] = []
  const queue: Job[] = []
  const counts = { running: 0, killed: 0, crashed: 0, replaced: 0, crashRepeatsRefused: 0, reservedWaitsRefused: 0 }
  const crashes = createCrashMemory(options.crashMemory)
  const maxReservedWaitMs = options.maxReservedWaitMs ?? 10_000
  // Never-completed shapes running now, and whether the first load is over (nothing is reserved before).
  const runningNovel = new Map<string, number>()
  let isFirstLoadDone = false
  let nextReplicaId = 1
  let writes: Promise<unknown> = Promise.resolve()
  let stopped: AppError | undefined
  let firstReady: { resolve(): void; reject(error: unknown): void } | undefined
  const ready = new Promise<void>((resolve, reject) => { firstReady = { resolve, reject } })
  ready.catch(() => undefined) // callers that never await `ready` still see failures through query()

  function loadSource(id: number): LoadSource {
    if (image && imageDir) return { kind: 'image', dir: imageDir.dir, meta: image }
    base ??= readBase(options)
    if (!imageDir || isWritingImage) return { kind: 'text', base }
    isWritingImage = true
    const tmpPath = join(imageDir.dir, `engine.img.${process.pid}-${id}.tmp`)
    return { kind: 'text', base, writeImage: { tmpPath, graph: imageIdentity(options.nquadsPath!), baseKey: imageDir.baseKey } }
  }

  /** Make the image a replica wrote current (fsync, rename), off the event loop's critical path; later replicas restore it. */
  function publish(result: LoadResult, replicaId: number): void {
    if (!result.image || !imageDir) return
    if ('error' in result.image) {
      logger?.warn({ replica: replicaId, reason: result.image.error }, 'no engine image written; replicas load the N-Quads')
      return
    }
    const { meta, ms } = result.image
    publishing = publishImage(imageDir.dir, join(imageDir.dir, `engine.img.${process.pid}-${replicaId}.tmp`), meta).then(() => {
      image = meta
      logger?.info({ replica: replicaId, bytes: meta.bytes, writeMs: ms }, 'engine image written beside the snapshot: the next loads restore it')
    }, (error: unknown) => {
      logger?.warn({ err: error }, 'the engine image could not be written; replicas load the N-Quads')
    })
  }

  function addReplica(asStandby = false): Replica {
    const id = nextReplicaId++
    const replica = startReplica({ id, source: loadSource(id), changes: changes.slice(), options: engineOptions, onRetired })
    replicas.push(replica)
    if (asStandby) standbys.add(replica)
    replica.loaded.then((result) => {
      const { quads, ms, baseMs, from } = result
      logger?.info({ replica: replica.id, quads, ms, baseMs, from, changes: changes.length, standby: standbys.has(replica) }, 'replica loaded')
      publish(result, replica.id)
      if (!standbys.has(replica)) firstReady?.resolve()
      pump()
    }, () => undefined)
    return replica
  }

  function onRetired(replica: Replica, reason: string, cause?: AppError): void {
    if (replicas.includes(replica)) replicas.splice(replicas.indexOf(replica), 1)
    const wasStandby = standbys.delete(replica)
    if (stopped) return
    if (reason === 'deadline') counts.killed += 1
    else counts.crashed += 1
    if (reason === 'load failed' && replica.source === 'image' && imageDir) {
      // A damaged or foreign image: set it aside and load the N-Quads instead (which writes a new one).
      logger?.warn({ replica: replica.id, err: cause }, 'the engine image could not be restored; loading the N-Quads instead')
      discardImage(imageDir.dir)
      image = undefined
      try {
        replacementOf.set(replica, addReplica(wasStandby))
      } catch (error) {
        firstReady?.reject(error)
        stopAll(new AppError('unavailable', 'the query engine could not load the graph', { cause: (error as Error).message }))
      }
      return
    }
    if (reason === 'load failed') {
      // Loading is deterministic: starting again would fail again. The others keep serving, if any.
      logger?.error({ replica: replica.id, err: cause }, 'a replica could not load the graph')
      if (replicas.length === 0) {
        // `ready` names the load's own error; later queries get the store's 'unavailable'.
        if (cause) firstReady?.reject(cause)
        stopAll(new AppError('unavailable', 'the query engine could not load the graph', { cause: cause?.message }))
      }
      return
    }
    const log = reason === 'deadline' ? logger?.warn.bind(logger) : logger?.error.bind(logger)
    counts.replaced += 1
    // A loaded standby (it has every change: writes go to all replicas) serves at once; a new standby loads instead.
    const promoted = wasStandby ? undefined : [...standbys].find((r) => r.state === 'ready')
    if (promoted) standbys.delete(promoted)
    log?.({ replica: replica.id, reason, err: cause, ...(promoted ? { promoted: promoted.id } : {}) }, promoted ? 'replica retired; a standby took its place, loading another standby' : 'replica retired; starting another')
    addReplica(wasStandby || promoted !== undefined)
    if (promoted) pump()
  }

  /** Start every queued job that may start, in order; a job that must wait keeps its place. */
  function pump(): void {
    for (let i = 0; i < queue.length;) {
      const free = replicas.filter((r) => r.state === 'ready' && !r.isBusy && !standbys.has(r))
      if (free.length === 0) return
      const job = queue[i]!
      const isReloading = isFirstLoadDone && replicas.some((r) => r.state === 'loading')
      const admission = job.shape === undefined ? { kind: 'run' as const } : admitQuery(job.shape, crashes, runningNovel, { freeReady: free.length, isReloading })
      if (admission.kind === 'wait') {
        job.waitTimer ??= setTimeout(() => dropWaiting(job), maxReservedWaitMs)
        i += 1
        continue
      }
      queue.splice(i, 1)
      clearTimeout(job.waitTimer)
      if (admission.kind === 'refuse') {
        counts.crashRepeatsRefused += 1
        job.reject(admission.error)
      } else run(free[0]!, job)
    }
  }

  function dropWaiting(job: Job): void {
    if (!queue.includes(job)) return
    queue.splice(queue.indexOf(job), 1)
    counts.reservedWaitsRefused += 1
    job.reject(reservedWaitError(maxReservedWaitMs))
  }

  function run(replica: Replica, job: Job): void {
    replica.isBusy = true
    counts.running += 1
    const { shape } = job
    const isNovel = shape !== undefined && !crashes.isOrdinary(shape)
    if (isNovel) runningNovel.set(shape, (runningNovel.get(shape) ?? 0) + 1)
    replica.call(job.command, job.timeoutMs).then((value) => {
      if (shape !== undefined) crashes.noteCompleted(shape)
      job.resolve(value)
    }, (error: unknown) => {
      if (job.command.kind === 'query' && error instanceof AppError && error.code === 'engine_limit') {
        // Past the guard and still fatal: log what the query looked like, so the guard can be tightened.
        logger?.error({ replica: replica.id, queryBytes: job.command.request.query.length, queryHead: job.command.request.query.slice(0, 200) }, 'a query crashed the engine')
        if (shape !== undefined) crashes.remember(shape)
      } else if (shape !== undefined && error instanceof AppError && error.code === 'bad_query') {
        crashes.noteCompleted(shape) // the engine's own answer (a syntax error, an unsupported function): not a crash
      }
      job.reject(error)
    }).finally(() => {
      if (isNovel) {
        const left = (runningNovel.get(shape) ?? 1) - 1
        if (left > 0) runningNovel.set(shape, left)
        else runningNovel.delete(shape)
      }
      replica.isBusy = false
      counts.running -= 1
      pump()
    })
  }

  function submit(command: WorkerCommand, timeoutMs?: number, shape?: string): Promise<unknown> {
    if (stopped) return Promise.reject(stopped)
    if (queue.length >= maxQueued) {
      const retryAfterSeconds = Math.max(1, Math.ceil(defaultTimeoutMs / 1000 / Math.max(1, replicaCount)))
      return Promise.reject(new AppError('overloaded', `too many queries are waiting (${queue.length}); retry after ${retryAfterSeconds} s`, { retryAfterSeconds }))
    }
    return new Promise((resolve, reject) => {
      queue.push({ command, ...(timeoutMs !== undefined ? { timeoutMs } : {}), ...(shape !== undefined ? { shape } : {}), resolve, reject })
      pump()
    })
  }

  function stopAll(reason: AppError): void {
    stopped = reason
    firstReady?.reject(reason)
    for (const job of queue.splice(0)) {
      clearTimeout(job.waitTimer)
      job.reject(reason)
    }
  }

  /** Apply one change to a leader replica first (it checks the N-Quads), then log it and send it to the rest. */
  async function applyChange(change: GraphChange): Promise<void> {
    let leader: Replica | undefined
    for (let attempt = 0; !leader; attempt += 1) {
      const candidate = replicas.find((r) => r.state === 'ready') ?? replicas.find((r) => r.state === 'loading')
      if (!candidate) throw stopped ?? new AppError('unavailable', 'no query engine replica is running', { retryAfterSeconds: 5 })
      try {
        await candidate.call({ kind: 'replace', change })
        leader = candidate
      } catch (error) {
        if (!isRetiredError(error) || attempt >= replicaCount + 1) throw error
      }
    }
    changes.push(change)
    const others = replicas.filter((r) => r !== leader && r.state !== 'dead')
    // A replica still loading gets the change queued behind its load, before any query: no need to wait for it.
    await Promise.all(others.map((replica) => {
      const applied = replica.call({ kind: 'replace', change }).catch((error: unknown) => {
        if (!isRetiredError(error)) void replica.retire(`could not apply a change: ${(error as Error).message}`)
      })
      return replica.state === 'ready' ? applied : undefined
    }))
  }

  // Loading is CPU-bound: one replica after another, the first serves after one load time instead of all after N.
  // The next one starts once an image the previous wrote is current, so that it restores that instead of parsing.
  const next = (asStandby: boolean) => (previous: Promise<unknown>) => previous.then(() => publishing).then(() => (stopped ? undefined : settled(addReplica(asStandby))))
  let loaded: Promise<unknown> = settled(addReplica())
  for (let i = 1; i < replicaCount; i += 1) loaded = next(false)(loaded)
  for (let i = 0; i < standbyCount; i += 1) loaded = next(true)(loaded)
  const allReady = loaded.then(() => undefined)
  // Until every initial replica has loaded, a replica still loading is not a reload after a crash.
  allReady.then(() => { isFirstLoadDone = true }, () => { isFirstLoadDone = true })

  return {
    ready,
    firstReady: ready,
    allReady,
    async query(request) {
      const prepared = prepareQuery(request, { limits: options.limits, baseIri: options.baseIri })
      // Refused at once if its shape crashed a replica (the admission check, before it even queues).
      const shape = queryShapeKey(prepared.query, prepared)
      const crashed = crashes.recall(shape)
      if (crashed) {
        counts.crashRepeatsRefused += 1
        throw crashRepeatError(crashed.agoMs, crashed.remainingMs)
      }
      const body = await submit({ kind: 'query', request: prepared }, request.timeoutMs ?? defaultTimeoutMs, shape)
      return { form: prepared.form, mediaType: prepared.mediaType, body: body as string }
    },
    async replaceGraphs(graphs, nquads) {
      for (const graph of graphs) if (graph !== DEFAULT_GRAPH) writeIri(graph)
      // One change at a time, so that every replica applies them in the order of the log.
      const done = writes.then(() => applyChange({ graphs: [...graphs], nquads })).finally(() => crashes.clear())
      writes = done.catch(() => undefined)
      return done
    },
    async readGraphs(graphs) {
      return (await submit({ kind: 'dump', graphs: [...graphs] })) as string
    },
    async size() {
      return (await submit({ kind: 'size' })) as number
    },
    dumpNQuads() {
      // Chunk by chunk, each from whichever replica is free: every replica holds the same graphs.
      return dumpInChunks(async () => (await submit({ kind: 'graphs' })) as string[], async (graphs) => (await submit({ kind: 'dump', graphs })) as string)
    },
    async close() {
      stopAll(new AppError('unavailable', 'the store is closed'))
      await Promise.all(replicas.slice().map((replica) => replica.retire('closed')))
    },
    stats() {
      const serving = replicas.filter((r) => !standbys.has(r))
      const standby = [...standbys].filter((r) => r.state === 'ready').length
      // Replicas start one after another: until they all have, the total is the configured count, not how many started.
      return { replicas: isFirstLoadDone ? serving.length : Math.max(serving.length, replicaCount), ready: serving.filter((r) => r.state === 'ready').length, queued: queue.length, ...counts, standby }
    },
  }
}
