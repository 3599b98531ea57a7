/**
 * A dataset's validation as RDF, in the document `{dataset}/validation`: DQV quality measurements with piveau's MQA
 * metrics, and the W3C SHACL validation report with its messages in zh and en. The build stores the scores part
 * (scoreQuads) as the named graph of that IRI (src/build/quality-graph.ts); the route serves the whole per request.
 */
import { DataFactory, type Literal, type NamedNode, type Quad } from 'n3'
import { DQV, PROV, PV, RDF, RDFS, SH, XSD } from '../vocab/index.ts'
import { expandCompactIri } from './compact-iri.ts'
import { DIMENSIONS, METRIC_DIMENSIONS, type QualityScore } from './quality-score.ts'
import type { RecordValidation } from './record-validation.ts'

const { namedNode, literal, quad, defaultGraph } = DataFactory

type Graph = ReturnType<typeof defaultGraph> | NamedNode

/**
 * The IRI of a dataset's validation document. Minted here until src/model/iris.ts has `validation(id)`; it is the
 * dataset's IRI plus `/validation`, so it is served by the dataset's route family.
 */
export const validationIriOf = (dataset: string): NamedNode => namedNode(`${dataset}/validation`)

/** Whether an IRI is a validation document's (and so, in the store, a quality graph's). */
export const isValidationIri = (iri: string): boolean => iri.endsWith('/validation')

const SCORING: Record<string, NamedNode> = {
  findability: PV.findabilityScoring, accessibility: PV.accessibilityScoring, interoperability: PV.interoperabilityScoring,
  reusability: PV.reusabilityScoring, contextuality: PV.contextualityScoring,
}

const localName = (iri: string) => iri.replace(/^.*[#/]/, '')

/** A measurement's node: `{document}#{name}`, in the served document and in the stored graph alike. */
const measurementIri = (document: NamedNode, name: string) => namedNode(`${document.value}#${name}`)

const integer = (value: number) => literal(String(value), XSD.integer)

function measurement(document: NamedNode, name: string, dataset: NamedNode, metric: NamedNode, value: Literal): Quad[] {
  const node = measurementIri(document, name)
  return [
    quad(dataset, DQV.hasQualityMeasurement, node),
    quad(node, RDF.type, DQV.QualityMeasurement),
    quad(node, DQV.computedOn, dataset),
    quad(node, DQV.isMeasurementOf, metric),
    quad(node, DQV.value, value),
  ]
}

/**
 * What the build stores for every dataset, in the named graph `{dataset}/validation`: its total score as the one
 * measurement `{dataset}/validation#score` — the node the served document (scoreQuads) gives the same value.
 * Three quads: the dataset's dqv:hasQualityMeasurement, the metric (pv:scoring) and the value. The node's type and
 * dqv:computedOn follow from DQV (domain of dqv:isMeasurementOf; inverse of dqv:hasQualityMeasurement), and the five
 * dimension scores and 23 metrics stay in the served document: the WASM store holds about 7M quads at most, and with
 * 21 quads a dataset the 50,000-dataset catalogue (7.49M quads) no longer loaded; with 3 it is 5.93M.
 */
export function storedScoreQuads(dataset: string, score: QualityScore, graph: Graph): Quad[] {
  const subject = namedNode(dataset)
  const node = measurementIri(validationIriOf(dataset), 'score')
  return [
    quad(subject, DQV.hasQualityMeasurement, node, graph),
    quad(node, DQV.isMeasurementOf, PV.scoring, graph),
    quad(node, DQV.value, integer(score.points), graph),
  ]
}

/**
 * The document's head and the six scores (total and per dimension), in the served document `{dataset}/validation`.
 * The total's node (`{document}#score`) is the one the build stores (storedScoreQuads), with the same value. The
 * measurements carry no time of their own: the document's prov:generatedAtTime dates them.
 */
export function scoreQuads(dataset: string, score: QualityScore, at: Date): Quad[] {
  const subject = namedNode(dataset)
  const document = validationIriOf(dataset)
  const quads: Quad[] = [
    quad(document, RDF.type, DQV.QualityMetadata),
    quad(document, PROV.wasDerivedFrom, subject),
    quad(document, PROV.generatedAtTime, literal(at.toISOString(), XSD.dateTime)),
  ]
  for (const dimension of DIMENSIONS) quads.push(...measurement(document, `${dimension}-score`, subject, SCORING[dimension]!, integer(score.dimensions[dimension].points)))
  quads.push(...measurement(document, 'score', subject, PV.scoring, integer(score.points)))
  return quads
}

/** The metrics and dimensions themselves (once per store, in the vocab graph; in each per-request document too). */
export function metricDefinitionQuads(graph: Graph = defaultGraph()): Quad[] {
  const quads: Quad[] = DIMENSIONS.map((dimension) => quad(PV[dimension], RDF.type, DQV.Dimension, graph))
  for (const { metric, dimension } of METRIC_DIMENSIONS) quads.push(quad(metric, RDF.type, DQV.Metric, graph), quad(metric, DQV.inDimension, PV[dimension], graph))
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
      quad(result, SH.resultMessage, literal(issue.message.zh, 'zh-Hant')),
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
  const quads: Quad[] = [
    ...scoreQuads(validation.dataset, validation.score, validation.validatedAt),
    quad(document, RDFS.label, literal(`驗證與品質${title ? `：${title}` : ''}`, 'zh-Hant')),
    quad(document, RDFS.label, literal(`Validation and quality${title ? `: ${title}` : ''}`, 'en')),
  ]
  // Each metric too (booleans and shares), which the stored graph leaves out: the scores are what SPARQL asks for.
  for (const metric of validation.score.metrics) {
    if (metric.share === undefined) continue
    const value = Number.isInteger(metric.share) ? literal(metric.share === 1 ? 'true' : 'false', XSD.boolean) : literal(metric.share.toFixed(3), XSD.decimal)
    quads.push(...measurement(document, localName(metric.metric.value), dataset, metric.metric, value))
  }
  return [...quads, ...metricDefinitionQuads(), ...reportQuads(document, validation)]
}
