/**
 * The SHACL gate of the operator's raw writes (SPARQL Update, Graph Store Protocol): a changed graph that is a
 * dataset record (its name is a dcat:Dataset described in it) is validated exactly as an agency's PUT of that record
 * is (src/sync/validate-records.ts), and one violation refuses the whole request. Other graphs (vocabularies, an
 * operator's own graphs, the default graph) are the operator's to shape and are not validated.
 */
import { Parser, type Quad } from 'n3'
import { AppError } from '../errors.ts'
import type { GraphStore } from '../store/types.ts'
import type { SyncContext } from '../sync/sync-context.ts'
import { validateRecordGraphs } from '../sync/validate-records.ts'
import { DCAT, RDF } from '../vocab/index.ts'

export async function checkChangedRecords(changed: ReadonlyMap<string, string>, store: GraphStore, context: SyncContext): Promise<void> {
  const records = []
  for (const [graph, nquads] of changed) {
    if (!nquads) continue
    const quads: Quad[] = new Parser({ format: 'N-Quads' }).parse(nquads)
    const isRecord = quads.some((q) => q.subject.value === graph && q.predicate.equals(RDF.type) && q.object.equals(DCAT.Dataset))
    if (isRecord) records.push({ iri: graph, own: quads, agents: new Map<string, Quad[]>(), warnings: [] })
  }
  if (records.length === 0) return
  const results = await validateRecordGraphs(records, store, context)
  const violations = [...results.entries()].flatMap(([iri, v]) =>
    v.issues.filter((i) => i.severity === 'Violation').map((i) => `${iri}: ${i.path ?? '(node)'} of ${i.focusNode}: ${i.message.zh} / ${i.message.en}`))
  if (violations.length > 0) {
    throw new AppError('invalid_data', `the write would leave ${violations.length} SHACL violation(s) in dataset records; nothing was written`, { violations: violations.slice(0, 100) })
  }
}
