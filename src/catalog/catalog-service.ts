/**
 * The catalogue as harvesters see it: versions of the member list (refreshed when the store changes), pages of
 * a pinned version, and the change log. No HTTP here: URLs come in as a function, errors leave as AppErrors.
 */
import type { Quad } from 'n3'
import { AppError } from '../errors.ts'
import type { Iris } from '../model/iris.ts'
import type { GraphStore } from '../store/types.ts'
import { DCT } from '../vocab/index.ts'
import { dcatAp2Predicate, toDcatAp2 } from '../serialize/dcat-ap-2.ts'
import { assemblePage, type PageDocument } from './catalog-page.ts'
import type { CatalogChange } from './change-log.ts'
import { instantOf } from './modified-since.ts'
import { patchMembers, readCatalogNode, readMembers, type CatalogMember } from './members.ts'
import { scanRecordText } from './record-text.ts'
import { planPage, type PagePlan, type PageSizeLimits } from './paging.ts'
import { createReferenceReader, readRecordGraphs, readReferences, type ReferenceReader } from './page-reader.ts'
import type { PriorGraphs } from './prior-graphs.ts'
import type { CatalogProfile } from './profiles.ts'
import { createMemoryArchive, type VersionArchive } from './version-archive.ts'
import { createVersionRegistry, type CatalogVersion, type VersionRegistry } from './version-registry.ts'

export interface CatalogServiceOptions {
  store: GraphStore
  iris: Iris
  limits: PageSizeLimits
  /** How long a replaced version stays usable, and how many versions are kept at most. */
  retainMs: number
  maxVersions: number
  /** When the store gives no generation number: how old the member list may get before it is read again. */
  refreshMs: number
  /** The store's write counter, if it has one: the member list is read again exactly when it moves. */
  generation?: () => number | undefined
  /**
   * Tells which graphs each write replaced (an observed store's onGraphsReplaced), called at once with the counter's
   * move: the member list is then patched from those graphs instead of read whole.
   */
  onGraphsReplaced?: (listener: (graphs: readonly string[]) => void) => unknown
  archive?: VersionArchive
  timeoutMs?: number
  now?: () => Date
  /** A background refresh failed (the catalogue keeps answering from what it read before). */
  onRefreshError?: (error: unknown) => void
  /** Old record content for pinned harvests (prior-graphs.ts); without it a pinned page shows today's records. */
  prior?: PriorGraphs
}

export interface PageRequest {
  /** The version token from the page URL; absent: the current version. */
  token?: string
  page: number
  pageSize: number
  /** Epoch ms: only records modified at or after it. */
  modifiedSince?: number
  profile: CatalogProfile
  /** The absolute URL of page `page` of this same view, pinned to version `token`. */
  urlOf: (page: number, token: string) => string
}

export interface PageResult {
  document: PageDocument
  plan: PagePlan
  version: CatalogVersion
}

export interface CatalogService {
  readonly iris: Iris
  page(request: PageRequest): Promise<PageResult>
  /** The change log after bringing the catalogue up to date, oldest first. */
  changes(): Promise<readonly CatalogChange[]>
}

/** A version token this server no longer keeps: the harvester must start again (HTTP 410 in src/http). */
export class CatalogVersionGone extends AppError {
  constructor(readonly token: string, retainMs: number, why?: string) {
    super('not_found', `catalogue version ${token} is no longer kept (${why ?? `a replaced version is kept ${Math.round(retainMs / 60_000)} min`}): restart the harvest from the first page, without a version parameter`, { version: token })
    this.name = 'CatalogVersionGone'
  }
}

const TOKEN = /^[0-9a-f]{16}$/
/** More graphs replaced than this since the last read (a load, a bulk sync): the member list is read whole again. */
const MAX_PATCH_GRAPHS = 2_000
/** How long descriptions of agents, licences and concepts are kept when the store has no generation number. */
const REFERENCES_MAX_AGE_MS = 60_000

interface State {
  generation?: number
  /** The write (prior-graphs.ts) whose state the read saw; undefined when writes kept coming during the read. */
  seq?: number
  readAt: number
  version: CatalogVersion
  catalogNode: Quad[]
}

const instants = new WeakMap<CatalogMember, number>()
const modifiedInstant = (m: CatalogMember) => {
  let ms = instants.get(m)
  if (ms === undefined) instants.set(m, (ms = instantOf(m.modified)))
  return ms
}

export async function createCatalogService(options: CatalogServiceOptions): Promise<CatalogService> {
  const { store, iris, timeoutMs } = options
  const now = options.now ?? (() => new Date())
  // The catalogue node's stored dct:modified, for a catalogue none of whose records has a date.
  let storedModified: string | undefined
  const registry: VersionRegistry = await createVersionRegistry({
    archive: options.archive ?? createMemoryArchive(), retainMs: options.retainMs, maxVersions: options.maxVersions, now, fallbackModified: () => storedModified,
  })
  const references: ReferenceReader = createReferenceReader(store, timeoutMs)
  let state: State | undefined
  let reading: Promise<State> | undefined
  let referencesReadAt = 0

  // Graphs replaced since the member list was read; 'all' when unknown (nothing read yet, no change reports, too many).
  let replaced: Set<string> | 'all' = 'all'
  // Reports since the last read: the patch is used only when they account for every step of the generation.
  let reports = 0
  options.onGraphsReplaced?.((graphs) => {
    reports += 1
    if (replaced === 'all') return
    for (const graph of graphs) replaced.add(graph)
    if (replaced.size > MAX_PATCH_GRAPHS) replaced = 'all'
  })
  const hasChangeReports = options.onGraphsReplaced !== undefined
  /** The version's state for prior-graphs.ts: set when read, so pinned pages show the records as they were then. */
  const versionSeq = new Map<string, number>()
  const prior = options.prior

  function readMembersAndNode(changed: Set<string> | 'all'): Promise<[readonly CatalogMember[], Quad[]]> {
    const isPatch = changed !== 'all' && state !== undefined
    return Promise.all([
      isPatch ? patchMembers(store, iris, state!.version.members, changed, timeoutMs) : readMembers(store, iris, timeoutMs),
      isPatch && !changed.has(iris.graph('catalog').value) ? Promise.resolve(state!.catalogNode) : readCatalogNode(store, iris, timeoutMs),
    ])
  }

  async function read(generation: number | undefined): Promise<State> {
    // Taken at once (this runs in the same turn as the generation was read): a write from now on is the next read's.
    const isAccounted = state?.generation !== undefined && generation !== undefined && generation - state.generation === reports
    const changed = isAccounted ? replaced : 'all'
    replaced = hasChangeReports ? new Set() : 'all'
    reports = 0
    let members: readonly CatalogMember[]
    let catalogNode: Quad[]
    let seq: number | undefined
    try {
      // Members and catalogue node read while no write came in (a few tries), so that the version names one state;
      // a retry reads everything (the patch accounted for the writes before the first try only).
      for (let attempt = 0; ; attempt += 1) {
        const before = prior?.ticket()
        ;[members, catalogNode] = await readMembersAndNode(attempt === 0 ? changed : 'all')
        const after = prior?.ticket()
        const stable = before && after && !before.busy && !after.busy && before.seq === after.seq
        if (!prior || stable || attempt >= 2) { seq = stable ? after!.seq : undefined; break }
      }
    } catch (error) {
      replaced = 'all'
      throw error
    }
    if (!catalogNode.length) throw new AppError('unavailable', `the store holds no catalogue node (graph ${iris.graph('catalog').value}): build the graph first`)
    storedModified = catalogNode.find((q) => q.predicate.equals(DCT.modified))?.object.value
    const version = await registry.observe(members)
    if (seq === undefined) versionSeq.delete(version.token)
    else versionSeq.set(version.token, seq)
    const readAt = now().getTime()
    // With a generation number any write may have touched an agent or a concept: forget their descriptions. Without
    // one, a refresh every refreshMs must not empty the cache each time: keep it while the members are the same,
    // for at most REFERENCES_MAX_AGE_MS.
    if (generation !== undefined || version.token !== state?.version.token || readAt - referencesReadAt >= REFERENCES_MAX_AGE_MS) {
      references.clear()
      referencesReadAt = readAt
    }
    return { generation, readAt, version, catalogNode, seq }
  }

  /**
   * The page's record graphs as the version has them: what writes since its state replaced comes from prior-graphs.ts,
   * the rest from the store. A version whose old content is gone is Gone, but a first page (no token) may start on
   * today's records.
   */
  async function recordText(version: CatalogVersion, graphs: readonly string[], pinned: boolean): Promise<string> {
    const seq = versionSeq.get(version.token)
    if (!prior || seq === undefined) return readRecordGraphs(store, iris, graphs, timeoutMs)
    prior.hold(seq)
    const old = prior.at(seq, graphs)
    if (old === 'lost') {
      if (!pinned) return readRecordGraphs(store, iris, graphs, timeoutMs)
      throw new CatalogVersionGone(version.token, options.retainMs, 'records of it were changed since and their earlier content was not kept: no harvest was holding it, or the memory kept for it ran out')
    }
    const rest = graphs.filter((g) => !old.has(g))
    return [...graphs.flatMap((g) => (old.has(g) ? [old.get(g)!] : [])), await readRecordGraphs(store, iris, rest, timeoutMs)].join('')
  }

  const startReading = (generation: number | undefined): Promise<State> =>
    (reading ??= read(generation).then((s) => (state = s)).finally(() => (reading = undefined)))

  /**
   * The state to answer from. With a generation number: read again exactly when the store moved on, before
   * answering. Without one: answer from what was read, and read again in the background once it is older than
   * refreshMs (reading 50,000 members takes about a second; a harvest must not wait for it page after page).
   */
  function fresh(): Promise<State> {
    const generation = options.generation?.()
    if (!state) return startReading(generation)
    if (generation !== undefined) return generation === state.generation ? Promise.resolve(state) : startReading(generation)
    if (now().getTime() - state.readAt >= options.refreshMs) startReading(undefined).catch((error: unknown) => options.onRefreshError?.(error))
    return Promise.resolve(state)
  }

  async function versionFor(token: string | undefined, current: CatalogVersion): Promise<CatalogVersion> {
    if (token === undefined || token === current.token) return current
    if (!TOKEN.test(token)) throw new AppError('bad_request', `version must be a token from a page link (16 hex digits), got ${JSON.stringify(token)}`, { parameter: 'version' })
    const version = await registry.find(token)
    if (!version) throw new CatalogVersionGone(token, options.retainMs)
    return version
  }

  return {
    iris,
    async page(request) {
      const current = await fresh()
      const version = await versionFor(request.token, current.version)
      const since = request.modifiedSince
      const members = since === undefined ? version.members : version.members.filter((m) => modifiedInstant(m) >= since)
      const plan = planPage(members.length, request.page, request.pageSize)
      const slice = members.slice(plan.start, plan.end)
      // The page's profile first, so that what only 3.0.1 knows (a law cited as applicable legislation) is not followed.
      const isV2 = request.profile.id === 'dcat-ap-2.1.1'
      const inProfile = (quads: Quad[]) => (isV2 ? toDcatAp2(quads) : quads)
      const records = scanRecordText(await recordText(version, slice.map((m) => m.graph), request.token !== undefined), isV2 ? dcatAp2Predicate : undefined)
      const catalogNode = inProfile(current.catalogNode)
      const described = inProfile(await readReferences(references, [...catalogNode, ...records.links], records.subjects))
      const url = (page: number) => request.urlOf(page, version.token)
      const view = {
        collection: iris.catalog(), self: url(plan.page), first: url(1), last: url(plan.lastPage), totalItems: plan.totalItems,
        ...(plan.page > 1 ? { previous: url(plan.page - 1) } : {}),
        ...(plan.page < plan.lastPage ? { next: url(plan.page + 1) } : {}),
      }
      const document = assemblePage({ iris, catalogNode, members: slice, records, references: described, view, modified: version.modified, profileIri: request.profile.iri })
      return { document, plan, version }
    },
    async changes() {
      await fresh()
      return registry.changes()
    },
  }
}
