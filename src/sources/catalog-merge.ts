/**
 * One record per dataset id from every source that knows it. Each property (a field of the catalogue entry) comes
 * from the first source, in precedence order (newest, then most detailed: bySourcePrecedence), that has a value;
 * where a later source has another value, that value is kept as superseded history, never silently dropped.
 */
import type { DatasetEntry } from './catalog-entry.ts'
import { bySourcePrecedence, latestDate, type CatalogueSource } from './catalogue-sources.ts'

export interface SourcedEntry {
  source: CatalogueSource
  entry: DatasetEntry
}

export type EntryField = Exclude<keyof DatasetEntry, 'id' | 'line'>

/** A value a newer source replaced: which property, what the older source said, and which source that was. */
export interface SupersededValue {
  field: EntryField
  value: string
  source: CatalogueSource
  /** The source whose value replaced it. */
  by: CatalogueSource
}

export interface MergedEntry {
  entry: DatasetEntry
  /** Contributing sources, in precedence order (the first one wins ties and gives the record its line). */
  sources: CatalogueSource[]
  /** source key → the fields whose value came from it. */
  contributed: Map<string, EntryField[]>
  superseded: SupersededValue[]
}

/** Fields whose disagreements are history worth keeping (texts and dates a researcher would compare). */
const HISTORY_FIELDS: readonly EntryField[] = ['title', 'description', 'publisherName', 'category', 'qualityBadge', 'frequency', 'issued', 'modified', 'license', 'fieldDescription']
const DATE_FIELDS = new Set<EntryField>(['issued', 'modified'])

function hasValue(value: unknown): boolean {
  if (value === undefined || value === null) return false
  if (typeof value === 'string') return value.trim() !== ''
  if (typeof value === 'boolean' || typeof value === 'number') return true
  if (Array.isArray(value)) return value.some(hasValue)
  if (typeof value === 'object') return Object.values(value as Record<string, unknown>).some(hasValue)
  return false
}

/** Two values of a field are the same when equal after trimming (dates: the same day, whatever their notation). */
function sameValue(field: EntryField, a: string, b: string): boolean {
  if (DATE_FIELDS.has(field)) return (latestDate([a]) ?? a.trim()) === (latestDate([b]) ?? b.trim())
  return a.trim() === b.trim()
}

function mergeGroup(group: SourcedEntry[]): MergedEntry {
  const ordered = [...group].sort((a, b) => bySourcePrecedence(a.source, b.source))
  const top = ordered[0]!
  const entry: DatasetEntry = { id: top.entry.id, title: '', ...(top.entry.line === undefined ? {} : { line: top.entry.line }) }
  const contributed = new Map<string, EntryField[]>()
  const superseded: SupersededValue[] = []
  const fields = new Set(ordered.flatMap((s) => Object.keys(s.entry))) as Set<keyof DatasetEntry>
  for (const field of fields) {
    if (field === 'id' || field === 'line') continue
    const winner = ordered.find((s) => hasValue(s.entry[field]))
    if (!winner) {
      // A field a source has but left empty stays empty rather than absent: an empty 授權方式 means the platform's
      // licence (src/sources/catalog-values.ts mapLicense), an absent one that the source says nothing of licences.
      const empty = ordered.find((s) => s.entry[field] === '')
      if (empty) (entry as unknown as Record<string, unknown>)[field] = ''
      continue
    }
    ;(entry as unknown as Record<string, unknown>)[field] = winner.entry[field]
    const list = contributed.get(winner.source.key) ?? []
    list.push(field)
    contributed.set(winner.source.key, list)
    if (!HISTORY_FIELDS.includes(field)) continue
    const kept = String(winner.entry[field])
    for (const other of ordered) {
      const value = other.entry[field]
      if (other === winner || !hasValue(value) || sameValue(field, kept, String(value))) continue
      if (superseded.some((s) => s.field === field && s.value === String(value).trim())) continue
      superseded.push({ field, value: String(value).trim(), source: other.source, by: winner.source })
    }
  }
  const sources = ordered.map((s) => s.source).filter((s, i, all) => all.findIndex((t) => t.key === s.key) === i)
  return { entry, sources, contributed, superseded }
}

/** Merge entries by id; ids come out in the order they first appear in `items`. */
export function mergeEntries(items: readonly SourcedEntry[]): MergedEntry[] {
  const groups = new Map<string, SourcedEntry[]>()
  for (const item of items) {
    const id = item.entry.id.trim()
    const group = groups.get(id)
    if (group) group.push(item)
    else groups.set(id, [item])
  }
  return [...groups.values()].map(mergeGroup)
}
