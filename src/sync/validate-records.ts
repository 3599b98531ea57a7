/**
 * The one place a sync validates: each record's graph with the types and names of what it links to (read from the
 * store, or made in the same batch) and the class axioms, against DCAT-AP 3.0.1 and our profile — what
 * `/dataset/{id}/validation` runs. A faster validator of a set of records against the background swaps in here.
 */
import { DataFactory, type NamedNode, type Quad } from 'n3'
import { assembleDocument } from '../records/record-document.ts'
import { summaryQuery } from '../records/record-queries.ts'
import { VALIDATION_PROFILES, type RecordValidation } from '../records/record-validation.ts'
import { scoreDataset } from '../records/quality-score.ts'
import { validateQuads, type ValidationIssue } from '../validate/validate.ts'
import type { ProfileName } from '../validate/shapes.ts'
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

/** Whether a subject belongs to the record `iri` (itself, its fragments and sub-paths). */
const isOwnedBy = (subject: string, iri: string) => subject === iri || subject.startsWith(`${iri}#`) || subject.startsWith(`${iri}/`)

/**
 * Validate every record (dataset IRI → its validation: conforms, issues in zh and en, score). All records go through
 * SHACL together, one data graph per profile: the shapes are compiled once per batch, not once per record. An issue
 * counts for the record that owns its focus node (its own IRIs and blank nodes); issues about what a record merely
 * links to count for none, as on /dataset/{id}/validation.
 */
export async function validateRecordGraphs(records: readonly RecordGraphs[], store: GraphStore, context: SyncContext): Promise<Map<string, RecordValidation>> {
  const linked = new Set<string>()
  for (const record of records) {
    for (const q of record.own) if (q.object.termType === 'NamedNode' && !q.predicate.equals(RDF.type) && !isOwnedBy(q.object.value, record.iri)) linked.add(q.object.value)
  }
  const summaries = await readSummaries(store, [...linked].sort())
  const bySubject = new Map<string, Quad[]>()
  for (const q of [...summaries, ...records.flatMap((r) => [...r.agents.values()].flat())]) bySubject.set(q.subject.value, [...(bySubject.get(q.subject.value) ?? []), q])
  const owner = new Map<string, string>()
  const documents = records.map((record) => {
    // Blank nodes of different records must stay apart in the one data graph: prefix their labels with the record's position.
    const own = record.own.map((q) => renameBlanks(q, `r${records.indexOf(record)}_`))
    for (const q of own) if (q.subject.termType === 'BlankNode' || isOwnedBy(q.subject.value, record.iri)) owner.set(q.subject.value, record.iri)
    const objects = new Set(own.filter((q) => q.object.termType === 'NamedNode').map((q) => q.object.value))
    const summary = [...objects].flatMap((iri) => bySubject.get(iri) ?? [])
    return assembleDocument({ iri: record.iri, graph: record.iri, kind: 'record', own, summary, summaryGraphs: [] })
  })
  const seen = new Set<string>()
  const data: Quad[] = []
  for (const q of [...documents.flatMap((d) => d.quads), ...context.axioms]) {
    const key = `${q.subject.termType}:${q.subject.value} ${q.predicate.value} ${q.object.termType}:${q.object.value}:${q.object.termType === 'Literal' ? `${q.object.language}|${q.object.datatype.value}` : ''}`
    if (!seen.has(key)) { seen.add(key); data.push(DataFactory.quad(q.subject, q.predicate, q.object)) }
  }
  const issues = new Map<string, (ValidationIssue & { profile: ProfileName })[]>(records.map((r) => [r.iri, []]))
  for (const profile of VALIDATION_PROFILES) {
    const report = await validateQuads(data, { shapesDir: context.shapesDir, profile, recordOf: (focus) => owner.get(focus) })
    for (const issue of report.issues) if (issue.record) issues.get(issue.record)?.push({ ...issue, profile })
  }
  const results = new Map<string, RecordValidation>()
  documents.forEach((document) => {
    const found = issues.get(document.iri) ?? []
    const dcatApConforms = !found.some((i) => i.profile === 'dcat-ap-3.0.1' && i.severity === 'Violation')
    results.set(document.iri, {
      dataset: document.iri,
      conforms: !found.some((i) => i.severity === 'Violation'),
      dcatApConforms,
      issues: found,
      score: scoreDataset(document.quads, document.iri, { dcatApConforms }),
      validatedAt: new Date(),
    })
  })
  return results
}

function renameBlanks(q: Quad, prefix: string): Quad {
  const rename = <T extends Quad['subject'] | Quad['object']>(term: T): T => (term.termType === 'BlankNode' ? (DataFactory.blankNode(prefix + term.value) as T) : term)
  return DataFactory.quad(rename(q.subject), q.predicate, rename(q.object), q.graph)
}
