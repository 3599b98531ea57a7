/** What changed between two catalogue versions: created, updated and deleted records, in dataset order. */
import type { CatalogMember } from './members.ts'
import { compareIris } from './members.ts'

export type ChangeType = 'Create' | 'Update' | 'Delete'

export interface CatalogChange {
  /** 1-based position in the change feed; never reused. */
  readonly seq: number
  readonly type: ChangeType
  readonly dataset: string
  /** When the catalogue version that shows the change was first seen (ISO 8601). */
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

/** Number the drafts after `lastSeq` and stamp them with the version that shows them. */
export const stampChanges = (drafts: readonly ChangeDraft[], lastSeq: number, version: string, at: string): CatalogChange[] =>
  drafts.map((draft, n) => ({ ...draft, seq: lastSeq + n + 1, version, at }))
