/**
 * The catalogue as harvesters see it: versions of the member list (refreshed when the store changes), pages of
 * a pinned version, and the change log. No HTTP here: URLs come in as a function, errors leave as AppErrors.
 */
import type { Quad } from 'n3'
import { AppError } from '../errors.ts'
import type { Iris } from '../model/iris.ts'
import type { GraphStore } from '../store/types.ts'
import { assemblePage, type PageDocument } from './catalog-page.ts'
import type { CatalogChange } from './change-log.ts'
import { instantOf } from './modified-since.ts'
import { readCatalogNode, readMembers, type CatalogMember } from './members.ts'
import { planPage, type PagePlan, type PageSizeLimits } from './paging.ts'
import { createReferenceReader, readRecordGraphs, readReferences, type ReferenceReader } from './page-reader.ts'
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
  archive?: VersionArchive
  timeoutMs?: number
  now?: () => Date
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
  constructor(readonly token: string, retainMs: number) {
    super('not_found', `catalogue version ${token} is no longer kept (a replaced version is kept ${Math.round(retainMs / 60_000)} min): restart the harvest from the first page, without a version parameter`, { version: token })
    this.name = 'CatalogVersionGone'
  }
}

const TOKEN = /^[0-9a-f]{16}$/

interface State {
  generation?: number
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
  const registry: VersionRegistry = await createVersionRegistry({ archive: options.archive ?? createMemoryArchive(), retainMs: options.retainMs, maxVersions: options.maxVersions, now })
  const references: ReferenceReader = createReferenceReader(store, timeoutMs)
  let state: State | undefined
  let reading: Promise<State> | undefined

  async function read(generation: number | undefined): Promise<State> {
    const [members, catalogNode] = await Promise.all([readMembers(store, iris, timeoutMs), readCatalogNode(store, iris, timeoutMs)])
    if (!catalogNode.length) throw new AppError('unavailable', `the store holds no catalogue node (graph ${iris.graph('catalog').value}): build the graph first`)
    references.clear()
    return { generation, readAt: now().getTime(), version: await registry.observe(members), catalogNode }
  }

  /** The state, read again when the store moved on (or, with no generation number, when it is older than refreshMs). */
  function fresh(): Promise<State> {
    const generation = options.generation?.()
    const isStale = !state || (generation !== undefined ? generation !== state.generation : now().getTime() - state.readAt >= options.refreshMs)
    if (!isStale) return Promise.resolve(state!)
    reading ??= read(generation).then((s) => (state = s)).finally(() => (reading = undefined))
    return reading
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
      const records = await readRecordGraphs(store, slice.map((m) => m.graph), timeoutMs)
      const described = await readReferences(references, [...current.catalogNode, ...records])
      const url = (page: number) => request.urlOf(page, version.token)
      const view = {
        collection: iris.catalog(), self: url(plan.page), first: url(1), last: url(plan.lastPage), totalItems: plan.totalItems,
        ...(plan.page > 1 ? { previous: url(plan.page - 1) } : {}),
        ...(plan.page < plan.lastPage ? { next: url(plan.page + 1) } : {}),
      }
      const document = assemblePage({ iris, catalogNode: current.catalogNode, members: slice, records, references: described, view, profile: request.profile, modified: version.createdAt })
      return { document, plan, version }
    },
    async changes() {
      await fresh()
      return registry.changes()
    },
  }
}
