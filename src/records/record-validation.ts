/**
 * One dataset's validation: the official DCAT-AP 3.0.1 shapes and our own profile run on its document (its graph
 * plus the type and names of what it links to, and the class axioms sh:class needs), then its MQA-style score.
 */
import { DataFactory, Parser, type Quad } from 'n3'
import { sparql } from '../query/sparql-tag.ts'
import type { GraphStore } from '../store/types.ts'
import { validateQuads, type ValidationIssue } from '../validate/validate.ts'
import type { ProfileName } from '../validate/shapes.ts'
import { RDFS } from '../vocab/index.ts'
import type { RecordDocument } from './record-document.ts'
import { scoreDataset, type QualityScore } from './quality-score.ts'

const { quad } = DataFactory

export const VALIDATION_PROFILES: readonly ProfileName[] = ['dcat-ap-3.0.1', 'ogd']

export interface RecordValidation {
  readonly dataset: string
  readonly conforms: boolean
  /** Whether the official DCAT-AP 3.0.1 shapes found no violation (MQA's dcatApCompliance). */
  readonly dcatApConforms: boolean
  readonly issues: readonly (ValidationIssue & { profile: ProfileName })[]
  readonly score: QualityScore
  readonly validatedAt: Date
}

/** Class axioms (rdfs:subClassOf) wherever the store holds them: sh:class follows them in the data graph. */
export const subClassAxiomsQuery = () => sparql`
CONSTRUCT { ?a ${RDFS.subClassOf} ?b } WHERE { GRAPH ?g { ?a ${RDFS.subClassOf} ?b } }`

/** The class axioms, read once per store. */
export function createAxiomReader(store: GraphStore): () => Promise<Quad[]> {
  let axioms: Promise<Quad[]> | undefined
  return () => (axioms ??= store.query({ query: subClassAxiomsQuery(), mediaType: 'application/n-triples' })
    .then((result) => new Parser({ format: 'N-Triples' }).parse(result.body))
    .catch((error: unknown) => {
      axioms = undefined
      throw error
    }))
}

/** Whether a result is about the record (its own nodes), not about a resource it merely links to. */
const isAboutRecord = (issue: ValidationIssue, iri: string) =>
  issue.focusNode === iri || issue.focusNode.startsWith(`${iri}#`) || issue.focusNode.startsWith(`${iri}/`) || !/^[a-z][a-z0-9+.-]*:/i.test(issue.focusNode)

/** Validate a dataset document and score it. */
export async function validateRecord(document: RecordDocument, options: { shapesDir: string; axioms: readonly Quad[]; now?: Date }): Promise<RecordValidation> {
  const data = [...document.quads, ...options.axioms].map((q) => quad(q.subject, q.predicate, q.object))
  const issues: (ValidationIssue & { profile: ProfileName })[] = []
  for (const profile of VALIDATION_PROFILES) {
    const report = await validateQuads(data, { shapesDir: options.shapesDir, profile, recordOf: () => document.iri })
    for (const issue of report.issues) if (isAboutRecord(issue, document.iri)) issues.push({ ...issue, profile })
  }
  const dcatApConforms = !issues.some((issue) => issue.profile === 'dcat-ap-3.0.1' && issue.severity === 'Violation')
  return {
    dataset: document.iri,
    conforms: !issues.some((issue) => issue.severity === 'Violation'),
    dcatApConforms,
    issues,
    score: scoreDataset(document.quads, document.iri, { dcatApConforms }),
    validatedAt: options.now ?? new Date(),
  }
}
