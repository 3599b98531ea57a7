/** What every importer returns: quads (graph = the record's named graph), located warnings, and name-only references for src/link. */
import type { NamedNode, Quad } from 'n3'
import type { Iris } from '../model/iris.ts'

export interface SourceWarning {
  file: string
  line?: number
  problem: string
}

/**
 * A reference the source gives only by name (e.g. a publisher written as 衛生福利部統計處).
 * Importers never guess: they hand these to src/link, which resolves them and records how.
 */
export interface NameReference {
  kind: 'publisher' | 'competent-agency' | 'organic-law-agency' | 'parent-agency' | 'request-agency'
  /** The resource that refers (dataset, law, …) — or, for organic-law-agency, the law. */
  subject: NamedNode
  /** Named graph the resulting link belongs to (the referring record's graph). */
  graph: NamedNode
  /** The name exactly as the source wrote it (trimmed). */
  text: string
  /** A code the source also gives, if any (e.g. API v1 publisherOrgCode). */
  code?: string
  /** Where the referring record's data lives (download host, listing folder), for names that are ambiguous alone. */
  hint?: { host?: string; folder?: string }
  file: string
  line?: number
  /** Names the link's provenance record when a subject has several links of one kind (a request's 41 agencies). */
  linkKey?: string
}

export interface ImportResult {
  quads: Quad[]
  warnings: SourceWarning[]
  references: NameReference[]
  /** Counts for `ogd stats` and notes, e.g. { rows: 15841, abolished: 7527 }. */
  stats: Record<string, number>
}

export interface ImportContext {
  iris: Iris
  /** Display name of the input (path relative to the repo), used in every message. */
  file: string
}

export const emptyResult = (): ImportResult => ({ quads: [], warnings: [], references: [], stats: {} })
