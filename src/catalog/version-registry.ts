/**
 * Catalogue versions: every distinct member list gets a token (a hash of its records and their modification
 * dates); versions a newer one replaced are kept a while, so a harvest that started on one sees it to its end.
 */
import { createHash } from 'node:crypto'
import { diffMembers, latestModified, stampChanges, type CatalogChange } from './change-log.ts'
import type { CatalogMember } from './members.ts'
import type { VersionArchive, VersionEntry } from './version-archive.ts'

export interface CatalogVersion {
  readonly token: string
  /** When this server first saw the version (for how long a replaced one is kept), not a date of the data. */
  readonly createdAt: string
  /**
   * The catalogue's dct:modified: its latest record modification, never earlier than the version it replaced (a
   * deletion changes the catalogue, not a record); from the data, so stable across restarts on the same snapshot.
   */
  readonly modified: string
  /** Sorted by dataset IRI. */
  readonly members: readonly CatalogMember[]
}

export interface RegistryOptions {
  archive: VersionArchive
  /** The catalogue's date when no member has one (the catalogue node's stored dct:modified): never the clock. */
  fallbackModified?: () => string | undefined
  /** How long a replaced version stays usable after it was replaced. */
  retainMs: number
  /** Most versions kept, the current one included (older replaced versions go first). */
  maxVersions: number
  now: () => Date
}

export interface VersionRegistry {
  current(): CatalogVersion | undefined
  /** Record the members just read from the store; a new token when they differ from the current version. */
  observe(members: readonly CatalogMember[]): Promise<CatalogVersion>
  /** The version with this token, or undefined when it is not kept (any more). */
  find(token: string): Promise<CatalogVersion | undefined>
  /** The change log, oldest first. */
  changes(): readonly CatalogChange[]
}

/** A content token: equal member lists get equal tokens, across restarts and replicas. */
export function versionToken(members: readonly CatalogMember[]): string {
  const hash = createHash('sha256')
  for (const member of members) hash.update(`${member.dataset}\t${member.modified}\n`)
  return hash.digest('hex').slice(0, 16)
}

/** Reuse the previous version's member objects where nothing changed: kept versions then cost little memory. */
function internMembers(members: readonly CatalogMember[], previous: readonly CatalogMember[]): CatalogMember[] {
  const before = new Map(previous.map((m) => [m.dataset, m]))
  return members.map((m) => {
    const old = before.get(m.dataset)
    return old && old.graph === m.graph && old.modified === m.modified ? old : m
  })
}

export async function createVersionRegistry(options: RegistryOptions): Promise<VersionRegistry> {
  const { archive, now } = options
  /** The latest of the members' dates and the replaced version's; the stored catalogue date when there is neither. */
  const dataDate = (members: readonly CatalogMember[], previous: string | undefined): string => {
    const dates = [latestModified(members), previous].filter((d): d is string => d !== undefined).sort()
    return dates.at(-1) ?? options.fallbackModified?.() ?? new Date(0).toISOString()
  }
  let index: VersionEntry[] = await archive.readIndex()
  const loaded = new Map<string, CatalogVersion>()
  const log: CatalogChange[] = await archive.readChanges()
  let current: CatalogVersion | undefined

  const load = async (entry: VersionEntry): Promise<CatalogVersion | undefined> => {
    const cached = loaded.get(entry.token)
    if (cached) return cached
    const members = await archive.readMembers(entry.token)
    if (!members) return undefined
    const version = { token: entry.token, createdAt: entry.createdAt, modified: entry.modified ?? dataDate(members, undefined), members }
    loaded.set(entry.token, version)
    return version
  }

  async function prune(): Promise<void> {
    const cutoff = now().getTime() - options.retainMs
    const expired = (e: VersionEntry) => e.supersededAt !== undefined && Date.parse(e.supersededAt) < cutoff
    let kept = index.filter((e) => !expired(e))
    const superseded = kept.filter((e) => e.supersededAt).sort((a, b) => Date.parse(a.supersededAt!) - Date.parse(b.supersededAt!))
    const excess = new Set(superseded.slice(0, Math.max(0, kept.length - options.maxVersions)).map((e) => e.token))
    kept = kept.filter((e) => !excess.has(e.token))
    if (kept.length === index.length) return
    for (const gone of index.filter((e) => !kept.includes(e))) {
      loaded.delete(gone.token)
      await archive.removeMembers(gone.token)
    }
    index = kept
    await archive.writeIndex(index)
  }

  async function replaceCurrent(members: readonly CatalogMember[], token: string): Promise<CatalogVersion> {
    const at = now().toISOString()
    const previousEntry = index.find((e) => !e.supersededAt)
    const previous = current ?? (previousEntry ? await load(previousEntry) : undefined)
    const modified = dataDate(members, previous?.modified)
    const version = { token, createdAt: at, modified, members: internMembers(members, previous?.members ?? []) }
    const changes = stampChanges(diffMembers(previous?.members ?? [], version.members), log.at(-1)?.seq ?? 0, token, modified, previous === undefined)
    await archive.writeMembers(token, version.members)
    index = [...index.filter((e) => e.token !== token).map((e) => (e.supersededAt ? e : { ...e, supersededAt: at })), { token, createdAt: at, modified }]
    await archive.writeIndex(index)
    await archive.appendChanges(changes)
    log.push(...changes)
    loaded.set(token, version)
    current = version
    await prune()
    return version
  }

  return {
    current: () => current,
    async observe(members) {
      const token = versionToken(members)
      if (current?.token === token) return current
      const entry = index.find((e) => e.token === token && !e.supersededAt)
      const resumed = entry ? await load(entry) : undefined
      if (resumed) return (current = resumed)
      return replaceCurrent(members, token)
    },
    async find(token) {
      await prune()
      const entry = index.find((e) => e.token === token)
      return entry ? load(entry) : undefined
    },
    changes: () => log,
  }
}
