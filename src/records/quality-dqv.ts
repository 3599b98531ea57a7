/**
 * A dataset's validation as RDF, in the document (and named graph) `{dataset}/validation`: DQV quality measurements
 * with piveau's MQA metrics, and the W3C SHACL validation report with its messages in zh and en.
 */
import { DataFactory, type NamedNode, type Quad } from 'n3'
import { DQV, PROV, PV, RDF, RDFS, SH, XSD } from '../vocab/index.ts'
import { expandCompactIri } from './compact-iri.ts'
import { DIMENSIONS, METRIC_DIMENSIONS } from './quality-score.ts'
import type { RecordValidation } from './record-validation.ts'

const { namedNode, literal, quad } = DataFactory

/**
 * The IRI of a dataset's validation document. Minted here until src/model/iris.ts has `validation(id)`; it is the
 * dataset's IRI plus `/validation`, so it is served by the dataset's route family.
 */
export const validationIriOf = (dataset: string): NamedNode => namedNode(`${dataset}/validation`)

const SCORING: Record<string, NamedNode> = {
  findability: PV.findabilityScoring, accessibility: PV.accessibilityScoring, interoperability: PV.interoperabilityScoring,
  reusability: PV.reusabilityScoring, contextuality: PV.contextualityScoring,
}

const localName = (iri: string) => iri.replace(/^.*[#/]/, '')

function measurement(document: NamedNode, name: string, dataset: NamedNode, metric: NamedNode, value: ReturnType<typeof literal>, at: ReturnType<typeof literal>): Quad[] {
  const node = namedNode(`${document.value}#${name}`)
  return [
    quad(dataset, DQV.hasQualityMeasurement, node),
    quad(node, RDF.type, DQV.QualityMeasurement),
    quad(node, DQV.computedOn, dataset),
    quad(node, DQV.isMeasurementOf, metric),
    quad(node, DQV.value, value),
    quad(node, PROV.generatedAtTime, at),
  ]
}

/** The metrics and dimensions themselves, so the document says what it measures. */
function metricDefinitions(): Quad[] {
  const quads: Quad[] = DIMENSIONS.map((dimension) => quad(PV[dimension], RDF.type, DQV.Dimension))
  for (const { metric, dimension } of METRIC_DIMENSIONS) quads.push(quad(metric, RDF.type, DQV.Metric), quad(metric, DQV.inDimension, PV[dimension]))
  return quads
}

function reportQuads(document: NamedNode, validation: RecordValidation): Quad[] {
  const report = namedNode(`${document.value}#report`)
  const quads: Quad[] = [quad(report, RDF.type, SH.ValidationReport), quad(report, SH.conforms, literal(String(validation.conforms), XSD.boolean))]
  validation.issues.forEach((issue, n) => {
    const result = namedNode(`${document.value}#result-${n + 1}`)
    quads.push(
      quad(report, SH.result, result),
      quad(result, RDF.type, SH.ValidationResult),
      quad(result, SH.focusNode, issue.focusNode.startsWith('_:') ? DataFactory.blankNode(issue.focusNode.slice(2)) : namedNode(issue.focusNode)),
      quad(result, SH.resultSeverity, SH[issue.severity]),
      quad(result, SH.sourceConstraintComponent, namedNode(SH.$iri + issue.component)),
      quad(result, SH.resultMessage, literal(issue.message.zh, 'zh-hant')),
      quad(result, SH.resultMessage, literal(issue.message.en, 'en')),
    )
    const path = issue.path ? expandCompactIri(issue.path) : undefined
    if (path) quads.push(quad(result, SH.resultPath, namedNode(path)))
    if (/^https?:/.test(issue.shape)) quads.push(quad(result, SH.sourceShape, namedNode(issue.shape)))
  })
  return quads
}

/** The validation document's triples; `title` (the dataset's, zh) names the document for people. */
export function validationQuads(validation: RecordValidation, title?: string): Quad[] {
  const dataset = namedNode(validation.dataset)
  const document = validationIriOf(validation.dataset)
  const at = literal(validation.validatedAt.toISOString(), XSD.dateTime)
  const quads: Quad[] = [
    quad(document, RDF.type, DQV.QualityMetadata),
    quad(document, PROV.wasDerivedFrom, dataset),
    quad(document, PROV.generatedAtTime, at),
    quad(document, RDFS.label, literal(`驗證與品質${title ? `：${title}` : ''}`, 'zh-hant')),
    quad(document, RDFS.label, literal(`Validation and quality${title ? `: ${title}` : ''}`, 'en')),
  ]
  for (const metric of validation.score.metrics) {
    if (metric.share === undefined) continue
    const value = Number.isInteger(metric.share) ? literal(metric.share === 1 ? 'true' : 'false', XSD.boolean) : literal(metric.share.toFixed(3), XSD.decimal)
    quads.push(...measurement(document, localName(metric.metric.value), dataset, metric.metric, value, at))
  }
  for (const dimension of DIMENSIONS) {
    quads.push(...measurement(document, `${dimension}-score`, dataset, SCORING[dimension]!, literal(String(validation.score.dimensions[dimension].points), XSD.integer), at))
  }
  quads.push(...measurement(document, 'score', dataset, PV.scoring, literal(String(validation.score.points), XSD.integer), at))
  return [...quads, ...metricDefinitions(), ...reportQuads(document, validation)]
}
