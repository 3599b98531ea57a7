/**
 * The build's quality graphs: every dataset's MQA-style total score as a DQV measurement in the named graph
 * `{dataset}/validation`, computed from the built quads and the build's SHACL results, so that SPARQL can ask for
 * them. Pure: quads in, quads out. A graph replaced at run time leaves its dataset's quality graph as built: replace
 * both (`/dataset/{id}/validation` recomputes per request, so it follows the record either way).
 */
import type { NamedNode, Quad } from 'n3'
import { metricDefinitionQuads, storedScoreQuads, validationIriOf } from '../records/quality-dqv.ts'
import { scoreDataset } from '../records/quality-score.ts'
import type { ValidationReport } from '../validate/validate.ts'
import { DCAT, RDF } from '../vocab/index.ts'

export interface QualityGraphOptions {
  /** Records (named graphs) with a DCAT-AP 3.0.1 violation: their datasets fail MQA's dcatApCompliance. */
  nonConforming: ReadonlySet<string>
  /** Where the metric and dimension definitions go, once for all datasets (the vocab graph). */
  definitionsGraph: NamedNode
}

export interface QualityGraphOutput {
  quads: Quad[]
  datasets: number
}

/** The records the official DCAT-AP 3.0.1 shapes found a violation in (each issue names its record). */
export function findNonConformingRecords(reports: readonly ValidationReport[]): Set<string> {
  const records = new Set<string>()
  for (const report of reports) {
    if (report.profile !== 'dcat-ap-3.0.1') continue
    for (const issue of report.issues) if (issue.severity === 'Violation' && issue.record) records.add(issue.record)
  }
  return records
}

/**
 * Every dataset's document as the route would read it: its record graph (a dataset's record is its named graph),
 * plus the types of the resources it links to, which the score needs (a licence typed dct:LicenseDocument is known).
 */
function datasetDocuments(quads: readonly Quad[]): Map<string, Quad[]> {
  const documents = new Map<string, Quad[]>()
  for (const q of quads) {
    if (q.predicate.equals(RDF.type) && q.object.equals(DCAT.Dataset) && q.subject.termType === 'NamedNode' && q.graph.value === q.subject.value) documents.set(q.subject.value, [])
  }
  const linked = new Set<string>()
  for (const q of quads) {
    const document = documents.get(q.graph.value)
    if (!document) continue
    document.push(q)
    if (q.object.termType === 'NamedNode' && !q.predicate.equals(RDF.type)) linked.add(q.object.value)
  }
  const types = new Map<string, Quad[]>()
  for (const q of quads) {
    if (q.predicate.equals(RDF.type) && linked.has(q.subject.value)) types.set(q.subject.value, [...(types.get(q.subject.value) ?? []), q])
  }
  for (const document of documents.values()) {
    const objects = new Set(document.filter((q) => q.object.termType === 'NamedNode' && !q.predicate.equals(RDF.type)).map((q) => q.object.value))
    for (const object of objects) document.push(...(types.get(object) ?? []))
  }
  return documents
}

/** The quality graphs of every dataset in `quads`, and the metric definitions they refer to. */
export function buildQualityGraphs(quads: readonly Quad[], options: QualityGraphOptions): QualityGraphOutput {
  const out = metricDefinitionQuads(options.definitionsGraph)
  const documents = datasetDocuments(quads)
  for (const [dataset, document] of documents) {
    const score = scoreDataset(document, dataset, { dcatApConforms: !options.nonConforming.has(dataset) })
    for (const q of storedScoreQuads(dataset, score, validationIriOf(dataset))) out.push(q)
  }
  return { quads: out, datasets: documents.size }
}
