/**
 * An in-memory inverted index over folded character bigrams and words, with weighted fields and tf-idf scoring.
 * Entries are replaced by key; a replaced or removed entry leaves a tombstone until the next compaction.
 */
import { tokenize } from './search-fold.ts'

export interface IndexedField {
  readonly text: string
  /** How much a match in this field counts (a title more than a description). */
  readonly weight: number
}

interface Posting {
  docs: number[]
  weights: number[]
}

/** Compact when this share of slots are tombstones. */
const COMPACT_SHARE = 0.25

export class TextIndex<T> {
  private postings = new Map<string, Posting>()
  /** CJK character → the bigrams holding it (a one-character query matches those). */
  private byChar = new Map<string, Set<string>>()
  private entries: (T | undefined)[] = []
  private fieldsOf: (readonly IndexedField[] | undefined)[] = []
  private slotOf = new Map<string, number>()
  private dead = 0
  private changes = 0

  constructor(private readonly keyOf: (entry: T) => string) {}

  get size(): number {
    return this.slotOf.size
  }

  /** Bumped by every put and remove: caches of results key on it. */
  get version(): number {
    return this.changes
  }

  /** Add or replace the entry with this key. */
  put(entry: T, fields: readonly IndexedField[]): void {
    this.changes++
    this.remove(this.keyOf(entry))
    const slot = this.entries.length
    this.entries.push(entry)
    this.fieldsOf.push(fields)
    this.slotOf.set(this.keyOf(entry), slot)
    const weights = new Map<string, number>()
    for (const field of fields) {
      for (const term of tokenize(field.text).terms) weights.set(term, (weights.get(term) ?? 0) + field.weight)
    }
    for (const [term, weight] of weights) {
      let posting = this.postings.get(term)
      if (!posting) {
        this.postings.set(term, (posting = { docs: [], weights: [] }))
        for (const ch of term.length === 2 && /[^\x00-\x7f]/.test(term) ? [...term] : []) {
          const set = this.byChar.get(ch) ?? new Set<string>()
          set.add(term)
          this.byChar.set(ch, set)
        }
      }
      posting.docs.push(slot)
      posting.weights.push(weight)
    }
  }

  remove(key: string): void {
    const slot = this.slotOf.get(key)
    if (slot === undefined) return
    this.changes++
    this.slotOf.delete(key)
    this.entries[slot] = undefined
    this.fieldsOf[slot] = undefined
    this.dead++
    if (this.dead > 1000 && this.dead > this.entries.length * COMPACT_SHARE) this.compact()
  }

  get(key: string): T | undefined {
    const slot = this.slotOf.get(key)
    return slot === undefined ? undefined : this.entries[slot]
  }

  /** Every live entry. */
  *all(): Iterable<T> {
    for (const entry of this.entries) if (entry !== undefined) yield entry
  }

  /**
   * Entries matching the tokens of `query`, with scores (tf-idf over weighted fields). Bigrams of a run typed without
   * spaces also span word boundaries (「台北公車」 gives 北公), so with three tokens or more two thirds must match;
   * with one or two, all. A lone CJK character matches any bigram holding it. Undefined when the query has no tokens.
   */
  match(query: string): Map<T, number> | undefined {
    const { terms, lone } = tokenize(query)
    const groups: string[][] = [...new Set(terms)].map((term) => [term])
    for (const ch of new Set(lone)) groups.push([...(this.byChar.get(ch) ?? [])])
    if (groups.length === 0) return undefined
    const needed = groups.length <= 2 ? groups.length : Math.ceil((groups.length * 2) / 3)
    const total = Math.max(1, this.slotOf.size)
    // Dense arrays indexed by slot, not Maps: a common bigram (資料) matches most of the catalogue, and per-slot Map
    // updates made such a search cost ~60 ms on 50,000 datasets.
    const scores = new Float64Array(this.entries.length)
    const hits = new Uint16Array(this.entries.length)
    const lastGroup = new Int32Array(this.entries.length).fill(-1)
    const touched: number[] = []
    groups.forEach((group, g) => {
      for (const term of group) {
        const posting = this.postings.get(term)
        if (!posting) continue
        const idf = Math.log(1 + total / posting.docs.length)
        const { docs, weights } = posting
        for (let n = 0; n < docs.length; n++) {
          const slot = docs[n]!
          if (this.entries[slot] === undefined) continue
          if (hits[slot] === 0) touched.push(slot)
          scores[slot]! += weights[n]! * idf
          // A group counts once per entry, however many of its bigrams the entry holds.
          if (lastGroup[slot] !== g) {
            lastGroup[slot] = g
            hits[slot]!++
          }
        }
      }
    })
    const result = new Map<T, number>()
    for (const slot of touched) if (hits[slot]! >= needed) result.set(this.entries[slot]!, scores[slot]! * (hits[slot]! / groups.length))
    return result
  }

  /** Rebuild without tombstones. */
  private compact(): void {
    const live = this.entries.flatMap((entry, slot) => (entry === undefined ? [] : [[entry, this.fieldsOf[slot]!] as const]))
    this.postings = new Map()
    this.byChar = new Map()
    this.entries = []
    this.fieldsOf = []
    this.slotOf = new Map()
    this.dead = 0
    for (const [entry, fields] of live) this.put(entry, fields)
  }
}
