/** What changed between two catalogue versions: created, updated and deleted records, in dataset order. */
import type { CatalogMember } from './members.ts'
import { compareIris } from './members.ts'
import { instantOf } from './modified-since.ts'

export type ChangeType = 'Create' | 'Update' | 'Delete'

export interface CatalogChange {
  /** 1-based position in the change feed; never reused. */
  readonly seq: number
  readonly type: ChangeType
  readonly dataset: string
  /**
   * When the data changed (ISO 8601, as:published), from the stored data, never from the clock — the same snapshot
   * gives the same dates after any restart, and `?since=` finds what changed since: an update's (and, in the first
   * version, a creation's) own dct:modified; for a record that entered or left the catalogue later, the catalogue's
   * data date of that version (a record gone has no date; one that arrives may carry an old one a harvester would
   * skip), which is never earlier than any date the feed gave before.
   */
  readonly at: string
  /** The record's dct:modified in that version ('' for a deletion or when not stated). */
  readonly modified: string
  /** Token of the catalogue version that shows the change. */
  readonly version: string
}

export type ChangeDraft = Omit<CatalogChange, 'seq' | 'at' | 'version'>

/**
 * Compare two member lists (both sorted by dataset IRI) in one merge walk. A record that left the catalogue —
 * withdrawn, or no longer complete — is a deletion: a harvester must drop it either way.
 */
export function diffMembers(previous: readonly CatalogMember[], next: readonly CatalogMember[]): ChangeDraft[] {
  const changes: ChangeDraft[] = []
  let i = 0
  let j = 0
  while (i < previous.length || j < next.length) {
    const before = previous[i]
    const after = next[j]
    const order = !before ? 1 : !after ? -1 : compareIris(before.dataset, after.dataset)
    if (order < 0) {
      changes.push({ type: 'Delete', dataset: before!.dataset, modified: '' })
      i++
    } else if (order > 0) {
      changes.push({ type: 'Create', dataset: after!.dataset, modified: after!.modified })
      j++
    } else {
      if (before!.modified !== after!.modified) changes.push({ type: 'Update', dataset: after!.dataset, modified: after!.modified })
      i++
      j++
    }
  }
  return changes
}

/** The latest dct:modified of the members, as an ISO instant; undefined when none has a readable date. */
export function latestModified(members: readonly CatalogMember[]): string | undefined {
  let latest = Number.NEGATIVE_INFINITY
  for (const member of members) {
    const ms = instantOf(member.modified)
    if (ms > latest) latest = ms
  }
  return Number.isFinite(latest) ? new Date(latest).toISOString() : undefined
}

/**
 * Stamp the drafts with the version that shows them and the date the data gives (CatalogChange.at; `dataDate` is the
 * version's catalogue date, `isFirst` whether no version came before) and number them after `lastSeq` in that
 * date's order (dataset order among equal dates), so that the feed reads oldest first.
 */
export function stampChanges(drafts: readonly ChangeDraft[], lastSeq: number, version: string, dataDate: string, isFirst = false): CatalogChange[] {
  const dated = drafts.map((draft) => {
    const hasOwnDate = draft.type === 'Update' || (draft.type === 'Create' && isFirst)
    const ms = hasOwnDate ? instantOf(draft.modified) : Number.NaN
    return { draft, at: Number.isNaN(ms) ? dataDate : new Date(ms).toISOString() }
  })
  dated.sort((a, b) => (a.at < b.at ? -1 : a.at > b.at ? 1 : 0))
  return dated.map(({ draft, at }, n) => ({ ...draft, seq: lastSeq + n + 1, version, at }))
}
