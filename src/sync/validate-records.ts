/**
 * The one place a sync validates: each record's graph with the types and names of what it links to (read from the
 * store, or made in the same batch) and the class axioms, against DCAT-AP 3.0.1 and our profile — what
 * `/dataset/{id}/validation` runs. A faster validator of a set of records against the background swaps in here.
 */
import { DataFactory, type NamedNode, type Quad } from 'n3'
import { assembleDocument } from '../records/record-document.ts'
import { summaryQuery } from '../records/record-queries.ts'
import { validateRecord, type RecordValidation } from '../records/record-validation.ts'
import type { GraphStore } from '../store/types.ts'
import { RDF } from '../vocab/index.ts'
import type { RecordGraphs } from './record-graphs.ts'
import type { SyncContext } from './sync-context.ts'

interface Binding { type: string; value: string; 'xml:lang'?: string; datatype?: string }

const termOf = (b: Binding) =>
  b.type === 'uri' ? DataFactory.namedNode(b.value) : b.type === 'bnode' ? DataFactory.blankNode(b.value) : DataFactory.literal(b.value, b['xml:lang'] || (b.datatype ? DataFactory.namedNode(b.datatype) : undefined))

/** Type and names of the resources the records link to, as the store holds them. */
async function readSummaries(store: GraphStore, resources: readonly string[]): Promise<Quad[]> {
  const out: Quad[] = []
  for (let i = 0; i < resources.length; i += 200) {
    const nodes: NamedNode[] = resources.slice(i, i + 200).map((iri) => DataFactory.namedNode(iri))
    const { body } = await store.query({ query: summaryQuery(nodes), mediaType: 'application/sparql-results+json', timeoutMs: 60_000 })
    const rows = (JSON.parse(body) as { results: { bindings: Record<string, Binding>[] } }).results.bindings
    for (const row of rows) out.push(DataFactory.quad(termOf(row.s!) as NamedNode, termOf(row.p!) as NamedNode, termOf(row.o!)))
  }
  return out
}

/** Validate every record (dataset IRI → its validation: conforms, issues in zh and en, score). */
export async function validateRecordGraphs(records: readonly RecordGraphs[], store: GraphStore, context: SyncContext): Promise<Map<string, RecordValidation>> {
  const linked = new Set<string>()
  for (const record of records) {
    for (const q of record.own) if (q.object.termType === 'NamedNode' && !q.predicate.equals(RDF.type) && !q.object.value.startsWith(`${record.iri}`)) linked.add(q.object.value)
  }
  const summaries = await readSummaries(store, [...linked].sort())
  const bySubject = new Map<string, Quad[]>()
  for (const q of [...summaries, ...records.flatMap((r) => [...r.agents.values()].flat())]) bySubject.set(q.subject.value, [...(bySubject.get(q.subject.value) ?? []), q])
  const results = new Map<string, RecordValidation>()
  for (const record of records) {
    const objects = new Set(record.own.filter((q) => q.object.termType === 'NamedNode').map((q) => q.object.value))
    const summary = [...objects].flatMap((iri) => bySubject.get(iri) ?? [])
    const document = assembleDocument({ iri: record.iri, graph: record.iri, kind: 'record', own: record.own, summary, summaryGraphs: [] })
    results.set(record.iri, await validateRecord(document, { shapesDir: context.shapesDir, axioms: context.axioms }))
  }
  return results
}
