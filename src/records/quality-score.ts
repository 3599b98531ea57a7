/**
 * A metadata-quality score in the spirit of data.europa.eu's MQA: the same five dimensions, metrics (piveau's
 * vocabulary) and points (405 in all), computed from a dataset's document. Distribution metrics earn their points in
 * proportion to the distributions that meet them. URL status checks are not run (we never fetch publishers' URLs),
 * so their 80 points are reported as not assessed rather than guessed.
 */
import type { NamedNode, Quad } from 'n3'
import { DCAT, DCT, EU, IANA_MEDIA, PV, RDF } from '../vocab/index.ts'

export type Dimension = 'findability' | 'accessibility' | 'interoperability' | 'reusability' | 'contextuality'

export interface MetricResult {
  readonly metric: NamedNode
  readonly dimension: Dimension
  readonly max: number
  /** Share of the dataset (1 or 0) or of its distributions (0…1) meeting the metric; undefined: not assessed. */
  readonly share: number | undefined
  readonly points: number
}

export interface QualityScore {
  readonly metrics: readonly MetricResult[]
  readonly dimensions: Readonly<Record<Dimension, { points: number; max: number; assessedMax: number }>>
  readonly points: number
  readonly max: number
  /** The points that could be earned without the metrics not assessed. */
  readonly assessedMax: number
  readonly rating: 'excellent' | 'good' | 'sufficient' | 'bad'
}

export const DIMENSIONS: readonly Dimension[] = ['findability', 'accessibility', 'interoperability', 'reusability', 'contextuality']

/** Formats anyone can read without a vendor's software (EU file-type codes). */
const NON_PROPRIETARY = new Set(['CSV', 'TSV', 'JSON', 'JSON_LD', 'GEOJSON', 'XML', 'RDF', 'RDF_XML', 'RDF_TURTLE', 'TURTLE', 'N3', 'RDF_N_TRIPLES', 'NT', 'ODS', 'ODT', 'ODP', 'TXT', 'HTML', 'KML', 'KMZ', 'GML', 'GPKG', 'PDF', 'ZIP', 'GZIP', 'PNG', 'JPEG', 'SVG', 'WMS_SRVC', 'WFS_SRVC'])
/** Formats a program can parse into data (EU file-type codes). */
const MACHINE_READABLE = new Set(['CSV', 'TSV', 'JSON', 'JSON_LD', 'GEOJSON', 'XML', 'RDF', 'RDF_XML', 'RDF_TURTLE', 'TURTLE', 'N3', 'RDF_N_TRIPLES', 'NT', 'ODS', 'XLS', 'XLSX', 'KML', 'KMZ', 'GML', 'GPKG', 'SHP', 'WMS_SRVC', 'WFS_SRVC', 'API'])

const THRESHOLDS: [QualityScore['rating'], number][] = [['excellent', 351], ['good', 221], ['sufficient', 121], ['bad', 0]]

interface MetricDefinition {
  metric: NamedNode
  dimension: Dimension
  max: number
  /** 'dataset': measured on the dataset; 'distribution': share of its distributions; 'none': not assessed. */
  level: 'dataset' | 'distribution' | 'none'
  test: (node: string, view: DocumentView) => boolean
}

interface DocumentView {
  objects(subject: string, predicate: NamedNode): string[]
  has(subject: string, predicate: NamedNode): boolean
  isTyped(subject: string, type: NamedNode): boolean
  dcatApConforms?: boolean
}

const inNamespace = (namespace: string) => (iri: string) => iri.startsWith(namespace)
const codeOf = (iri: string) => iri.slice(EU.fileType.$iri.length)
const formatCodes = (node: string, view: DocumentView) => view.objects(node, DCT.format).filter(inNamespace(EU.fileType.$iri)).map(codeOf)

const METRICS: readonly MetricDefinition[] = [
  { metric: PV.keywordAvailability, dimension: 'findability', max: 30, level: 'dataset', test: (d, v) => v.has(d, DCAT.keyword) },
  { metric: PV.categoryAvailability, dimension: 'findability', max: 30, level: 'dataset', test: (d, v) => v.has(d, DCAT.theme) },
  { metric: PV.spatialAvailability, dimension: 'findability', max: 20, level: 'dataset', test: (d, v) => v.has(d, DCT.spatial) },
  { metric: PV.temporalAvailability, dimension: 'findability', max: 20, level: 'dataset', test: (d, v) => v.has(d, DCT.temporal) },
  { metric: PV.accessUrlStatusCode, dimension: 'accessibility', max: 50, level: 'none', test: () => false },
  { metric: PV.downloadUrlAvailability, dimension: 'accessibility', max: 20, level: 'distribution', test: (n, v) => v.has(n, DCAT.downloadURL) },
  { metric: PV.downloadUrlStatusCode, dimension: 'accessibility', max: 30, level: 'none', test: () => false },
  { metric: PV.formatAvailability, dimension: 'interoperability', max: 20, level: 'distribution', test: (n, v) => v.has(n, DCT.format) },
  { metric: PV.mediaTypeAvailability, dimension: 'interoperability', max: 10, level: 'distribution', test: (n, v) => v.has(n, DCAT.mediaType) },
  {
    metric: PV.formatMediaTypeVocabularyAlignment, dimension: 'interoperability', max: 10, level: 'distribution',
    test: (n, v) => v.objects(n, DCT.format).some(inNamespace(EU.fileType.$iri)) || v.objects(n, DCAT.mediaType).some(inNamespace(IANA_MEDIA.$iri)),
  },
  { metric: PV.formatMediaTypeNonProprietary, dimension: 'interoperability', max: 20, level: 'distribution', test: (n, v) => formatCodes(n, v).some((code) => NON_PROPRIETARY.has(code)) },
  { metric: PV.formatMediaTypeMachineInterpretable, dimension: 'interoperability', max: 20, level: 'distribution', test: (n, v) => formatCodes(n, v).some((code) => MACHINE_READABLE.has(code)) },
  { metric: PV.dcatApCompliance, dimension: 'interoperability', max: 30, level: 'dataset', test: (_d, v) => v.dcatApConforms === true },
  {
    metric: PV.licenceAvailability, dimension: 'reusability', max: 20, level: 'distribution',
    test: (n, v) => v.has(n, DCT.license),
  },
  {
    metric: PV.knownLicence, dimension: 'reusability', max: 10, level: 'distribution',
    test: (n, v) => v.objects(n, DCT.license).some((licence) => licence.startsWith(EU.licence.$iri) || v.isTyped(licence, DCT.LicenseDocument)),
  },
  { metric: PV.accessRightsAvailability, dimension: 'reusability', max: 10, level: 'dataset', test: (d, v) => v.has(d, DCT.accessRights) },
  { metric: PV.accessRightsVocabularyAlignment, dimension: 'reusability', max: 5, level: 'dataset', test: (d, v) => v.objects(d, DCT.accessRights).some(inNamespace(EU.accessRight.$iri)) },
  { metric: PV.contactPointAvailability, dimension: 'reusability', max: 20, level: 'dataset', test: (d, v) => v.has(d, DCAT.contactPoint) },
  { metric: PV.publisherAvailability, dimension: 'reusability', max: 10, level: 'dataset', test: (d, v) => v.has(d, DCT.publisher) },
  { metric: PV.rightsAvailability, dimension: 'contextuality', max: 5, level: 'distribution', test: (n, v) => v.has(n, DCT.rights) },
  { metric: PV.byteSizeAvailability, dimension: 'contextuality', max: 5, level: 'distribution', test: (n, v) => v.has(n, DCAT.byteSize) },
  { metric: PV.dateIssuedAvailability, dimension: 'contextuality', max: 5, level: 'dataset', test: (d, v) => v.has(d, DCT.issued) },
  { metric: PV.dateModifiedAvailability, dimension: 'contextuality', max: 5, level: 'dataset', test: (d, v) => v.has(d, DCT.modified) },
]

/** The dimension each metric belongs to (stated as dqv:inDimension in the validation document). */
export const METRIC_DIMENSIONS: readonly { metric: NamedNode; dimension: Dimension; max: number; isAssessed: boolean }[] =
  METRICS.map(({ metric, dimension, max, level }) => ({ metric, dimension, max, isAssessed: level !== 'none' }))

function viewOf(quads: readonly Quad[], dcatApConforms: boolean | undefined): DocumentView {
  const index = new Map<string, Map<string, string[]>>()
  for (const q of quads) {
    const properties = index.get(q.subject.value) ?? new Map<string, string[]>()
    properties.set(q.predicate.value, [...(properties.get(q.predicate.value) ?? []), q.object.value])
    index.set(q.subject.value, properties)
  }
  const objects = (subject: string, predicate: NamedNode) => index.get(subject)?.get(predicate.value) ?? []
  return {
    objects,
    has: (subject, predicate) => objects(subject, predicate).length > 0,
    isTyped: (subject, type) => objects(subject, RDF.type).includes(type.value),
    dcatApConforms,
  }
}

/** Score the dataset `dataset` described by `quads`; `dcatApConforms` comes from the record's SHACL validation (absent: not assessed). */
export function scoreDataset(quads: readonly Quad[], dataset: string, options: { dcatApConforms?: boolean } = {}): QualityScore {
  const view = viewOf(quads, options.dcatApConforms)
  const distributions = view.objects(dataset, DCAT.distribution)
  const metrics = METRICS.map((definition): MetricResult => {
    const isUnassessed = definition.level === 'none' || (definition.metric.equals(PV.dcatApCompliance) && options.dcatApConforms === undefined)
    const share = isUnassessed ? undefined
      : definition.level === 'dataset' ? Number(definition.test(dataset, view))
        : distributions.length === 0 ? 0 : distributions.filter((node) => definition.test(node, view)).length / distributions.length
    return { metric: definition.metric, dimension: definition.dimension, max: definition.max, share, points: Math.round((share ?? 0) * definition.max) }
  })
  const dimensions = Object.fromEntries(DIMENSIONS.map((dimension) => {
    const of = metrics.filter((metric) => metric.dimension === dimension)
    const sum = (values: number[]) => values.reduce((total, value) => total + value, 0)
    return [dimension, { points: sum(of.map((m) => m.points)), max: sum(of.map((m) => m.max)), assessedMax: sum(of.filter((m) => m.share !== undefined).map((m) => m.max)) }]
  })) as QualityScore['dimensions']
  const points = metrics.reduce((total, metric) => total + metric.points, 0)
  const max = metrics.reduce((total, metric) => total + metric.max, 0)
  const assessedMax = metrics.filter((metric) => metric.share !== undefined).reduce((total, metric) => total + metric.max, 0)
  return { metrics, dimensions, points, max, assessedMax, rating: THRESHOLDS.find(([, floor]) => points >= floor)![0] }
}

/** The maxima of data.europa.eu's MQA per dimension (405 points in all). */
export const MQA_MAXIMA: Readonly<Record<Dimension, number>> = { findability: 100, accessibility: 100, interoperability: 110, reusability: 75, contextuality: 20 }

