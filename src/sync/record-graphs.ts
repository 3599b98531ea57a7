/**
 * One change record through the build's own steps: the data.gov.tw export importer (the row as a one-row export),
 * publisher linking by name, law mentions. What comes out is the record's named graph and any new agent nodes
 * (units, unresolved names) in theirs, exactly as `ogd build` would have made them from the same row.
 */
import type { Quad } from 'n3'
import { linkLawMentions } from '../link/law-mentions.ts'
import { linkReferences } from '../link/link-references.ts'
import { EXPORT_HEADER, importDataGovTwExport } from '../sources/datagovtw-export.ts'
import type { SourceWarning } from '../sources/types.ts'
import type { ChangeRecord } from './change-export.ts'
import type { SyncContext } from './sync-context.ts'

export interface RecordGraphs {
  /** The dataset IRI (= its record's named graph). */
  iri: string
  /** Quads of the record's graph. */
  own: Quad[]
  /** Quads of other graphs the linking made (a unit, an unresolved publisher), by graph. */
  agents: Map<string, Quad[]>
  warnings: SourceWarning[]
}

const csvCell = (value: string) => `"${value.replaceAll('"', '""')}"`

/** The record as the one-row 22-column export the importer reads. */
export function toExportCsv(record: ChangeRecord): Uint8Array {
  const header = EXPORT_HEADER.join(',')
  const row = EXPORT_HEADER.map((column) => csvCell(record.row[column])).join(',')
  return Buffer.from(`${header}\n${row}\n`, 'utf8')
}

/** Import and link one record; throws SourceError when the row cannot be read at all. */
export function buildRecordGraphs(record: ChangeRecord, context: SyncContext): RecordGraphs {
  const { iris } = context
  const imported = importDataGovTwExport(toExportCsv(record), { iris, file: record.where }, { tables: context.tables })
  const linked = linkReferences(imported.references, context.resolve, iris)
  const quads = [...imported.quads, ...linked.quads]
  const mentions = linkLawMentions(quads, iris, context.lawIndex)
  const iri = iris.dataset(record.id).value
  const own: Quad[] = []
  const agents = new Map<string, Quad[]>()
  for (const q of [...quads, ...mentions.quads]) {
    if (q.graph.value === iri) own.push(q)
    else agents.set(q.graph.value, [...(agents.get(q.graph.value) ?? []), q])
  }
  // The importer names lines of its one-row file; say which record of the export they are about instead.
  const warnings = imported.warnings.map((w) => ({ ...w, file: record.where, line: undefined }))
  return { iri, own, agents, warnings }
}
