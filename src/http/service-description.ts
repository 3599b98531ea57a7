/** The SPARQL 1.1 Service Description of /sparql (W3C sparql11-service-description), served on GET without a query. */
import type { Context } from 'hono'
import { DataFactory, type NamedNode, type Quad, type Quad_Object } from 'n3'
import { contentTypeOf, FORMATS, formatsOfKind } from '../serialize/formats.ts'
import { formatFromParameter, negotiate } from '../serialize/negotiate.ts'
import { ontologyNamespace, RDF, RDFS, SD, VOID, XSD } from '../vocab/index.ts'
import type { Config } from '../config.ts'
import type { StoreDescription } from '../store/virtuoso-differences.ts'
import type { RouteDeps } from './deps.ts'
import { serializeQuads } from './rdf-document.ts'
import { voidDatasetIri } from './void.ts'

const { namedNode, blankNode, literal, quad } = DataFactory

/** The description's triples for a service reached at `endpoint`. */
export function describeService(endpoint: string, config: Config, isUnionDefaultGraph: boolean, store?: StoreDescription): Quad[] {
  const service = blankNode('service')
  const graph = blankNode('defaultGraph')
  const dataset = voidDatasetIri(config.baseIri)
  const ogd = ontologyNamespace(config.baseIri)
  const integer = (value: number) => literal(String(value), XSD.integer)
  const about = (predicate: NamedNode, object: Quad_Object) => quad(service, predicate, object)
  return [
    about(RDF.type, SD.Service),
    about(RDFS.label, literal('Taiwan open government data knowledge graph — SPARQL 1.1 endpoint', 'en')),
    about(SD.endpoint, namedNode(endpoint)),
    about(SD.supportedLanguage, SD.SPARQL11Query),
    ...FORMATS.map((format) => about(SD.resultFormat, format.iri)),
    ...(isUnionDefaultGraph ? [about(SD.feature, SD.UnionDefaultGraph)] : []),
    ...(config.serviceAllowlist.length > 0 ? [about(SD.feature, SD.BasicFederatedQuery)] : []),
    about(SD.defaultDataset, dataset),
    quad(dataset, RDF.type, SD.Dataset),
    quad(dataset, RDF.type, VOID.Dataset),
    quad(dataset, SD.defaultGraph, graph),
    quad(graph, RDF.type, SD.Graph),
    // Limits: no standard term exists, so our ontology's (declared in ontology/ with labels).
    about(ogd.queryTimeoutMs, integer(config.queryTimeoutMs)),
    about(ogd.queryQueueTimeoutMs, integer(config.queryQueueTimeoutMs)),
    about(ogd.maxQueryBytes, integer(config.maxQueryBytes)),
    about(ogd.maxQueryDepth, integer(config.maxQueryDepth)),
    about(ogd.maxRequestBytes, integer(config.maxBodyBytes)),
    about(ogd.queryStrikeLimit, integer(config.queryStrikeLimit)),
    about(ogd.queryStrikeWindowMs, integer(config.queryStrikeWindowMs)),
    // A remote store (STORE=virtuoso) says what it is, its row cap and how it departs from SPARQL 1.1.
    ...(store ? [about(ogd.storeEngine, literal(store.engine))] : []),
    ...(store?.maxRows ? [about(ogd.storeMaxRows, integer(store.maxRows))] : []),
    ...(store?.differences ?? []).flatMap((d) => [about(ogd.storeDifference, literal(d.en, 'en')), about(ogd.storeDifference, literal(d.zh, 'zh-Hant'))]),
  ]
}

/** Respond with the service description in the negotiated graph format. */
export async function serviceDescriptionResponse(c: Context, deps: RouteDeps, formatParameter?: string): Promise<Response> {
  const offered = formatsOfKind('graph')
  const format = formatParameter !== undefined ? formatFromParameter(formatParameter, offered) : negotiate(c.req.header('accept'), offered)
  const url = new URL(c.req.url)
  const described = (deps.store as { describeStore?: () => StoreDescription | undefined }).describeStore?.()
  const quads = describeService(`${url.origin}${url.pathname}`, deps.config, deps.isUnionDefaultGraph ?? true, described)
  return c.body(await serializeQuads(quads, format), 200, { 'Content-Type': contentTypeOf(format), Vary: 'Accept' })
}
