/** IRI minting: every IRI we create is derived here from BASE_IRI and a source identifier. */
import { DataFactory, type NamedNode } from 'n3'
import { ontologyNamespace } from '../vocab/index.ts'

const { namedNode } = DataFactory

/** Percent-encode one path segment (ids can hold Chinese or reserved characters). */
export const encodeSegment = (value: string): string => encodeURIComponent(value.trim())

export type SchemeName =
  | 'service-category' | 'data-level' | 'quality-badge' | 'agency-level' | 'law-kind' | 'law-category'
  | 'metadata-status' | 'link-method' | 'update-frequency' | 'file-format' | 'delivery-method'
  | 'request-status' | 'request-assignment' | 'refusal-reason'

export interface Iris {
  readonly base: string
  readonly ogd: ReturnType<typeof ontologyNamespace>
  catalog(): NamedNode
  catalogRecord(datasetId: string): NamedNode
  dataset(id: string): NamedNode
  distribution(datasetId: string, n: number): NamedNode
  dataService(datasetId: string): NamedNode
  agency(code: string): NamedNode
  /** An agency known only by name (no DGPA code): minted from the name, flagged unresolved. */
  unresolvedAgency(name: string): NamedNode
  /** A unit of a coded agency named in a source but absent from the code list (e.g. 衛生福利部統計處). */
  agencyUnit(code: string, unitName: string): NamedNode
  /** The node that records how a link from `subject` was made (provenance), one per subject and kind. */
  linkRecord(subject: NamedNode, kind: string): NamedNode
  /** A node described inside a record's document, `{resource}#{name}` (contact point, schema, counters…): stable, unlike blank nodes, when a record's graph is replaced. */
  part(resource: NamedNode, name: string): NamedNode
  changeEvent(fromCode: string, toCode: string): NamedNode
  /** A public dataset request, by its data.gov.tw node id. */
  request(id: string): NamedNode
  law(pcode: string): NamedNode
  lawArticle(pcode: string, articleNo: string): NamedNode
  license(slug: string): NamedNode
  policy(slug: string): NamedNode
  scheme(name: SchemeName): NamedNode
  concept(name: SchemeName, code: string): NamedNode
  linkActivity(method: string): NamedNode
  /** A catalogue source file (prov:Entity) and the activity that produced it on its date (issue 11's provenance). */
  catalogSource(key: string): NamedNode
  catalogSourceActivity(key: string): NamedNode
  /** An agency created after the 2016 DGPA code list: known by name only, never given an invented code. */
  uncodedAgency(name: string): NamedNode
  graph(kind: 'vocab' | 'catalog' | 'ontology' | 'shapes' | 'meta'): NamedNode
  ontology(): NamedNode
}

export function createIris(rawBase: string): Iris {
  const base = rawBase.replace(/\/+$/, '')
  const ogd = ontologyNamespace(base)
  return {
    base,
    ogd,
    catalog: () => namedNode(`${base}/catalog`),
    catalogRecord: (id) => namedNode(`${base}/catalog/record/${encodeSegment(id)}`),
    dataset: (id) => namedNode(`${base}/dataset/${encodeSegment(id)}`),
    distribution: (id, n) => namedNode(`${base}/dataset/${encodeSegment(id)}/distribution/${n}`),
    dataService: (id) => namedNode(`${base}/dataset/${encodeSegment(id)}/service`),
    agency: (code) => namedNode(`${base}/agency/${encodeSegment(code)}`),
    unresolvedAgency: (name) => namedNode(`${base}/agency/unresolved/${encodeSegment(name)}`),
    agencyUnit: (code, unit) => namedNode(`${base}/agency/${encodeSegment(code)}/unit/${encodeSegment(unit)}`),
    linkRecord: (subject, kind) => namedNode(`${subject.value}#link-${encodeSegment(kind)}`),
    part: (resource, name) => namedNode(`${resource.value}#${encodeSegment(name)}`),
    changeEvent: (from, to) => namedNode(`${base}/agency/${encodeSegment(from)}/change/${encodeSegment(to)}`),
    request: (id) => namedNode(`${base}/request/${encodeSegment(id)}`),
    law: (pcode) => namedNode(`${base}/law/${encodeSegment(pcode)}`),
    lawArticle: (pcode, no) => namedNode(`${base}/law/${encodeSegment(pcode)}/article/${encodeSegment(no)}`),
    license: (slug) => namedNode(`${base}/license/${encodeSegment(slug)}`),
    policy: (slug) => namedNode(`${base}/license/${encodeSegment(slug)}/policy`),
    scheme: (name) => namedNode(`${base}/scheme/${name}`),
    concept: (name, code) => namedNode(`${base}/scheme/${name}/${encodeSegment(code)}`),
    linkActivity: (method) => namedNode(`${base}/provenance/link/${encodeSegment(method)}`),
    catalogSource: (key) => namedNode(`${base}/provenance/source/${encodeSegment(key)}`),
    catalogSourceActivity: (key) => namedNode(`${base}/provenance/activity/${encodeSegment(key)}`),
    uncodedAgency: (name) => namedNode(`${base}/agency/uncoded/${encodeSegment(name)}`),
    graph: (kind) => namedNode(`${base}/graph/${kind}`),
    ontology: () => namedNode(`${base}/ontology`),
  }
}

export const DEFAULT_BASE_IRI = 'http://localhost:8080'
