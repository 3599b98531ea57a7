/** GET /.well-known/void: a VoID description of the graph, with class and property partitions counted by SPARQL once and cached. */
import { Hono } from 'hono'
import { DataFactory, type NamedNode, type Quad } from 'n3'
import { contentTypeOf, formatsOfKind } from '../serialize/formats.ts'
import { formatFromParameter, negotiate } from '../serialize/negotiate.ts'
import type { GraphStore } from '../store/types.ts'
import { DCT, RDF, VOID, XSD } from '../vocab/index.ts'
import type { RouteDeps } from './deps.ts'
import { serializeQuads } from './rdf-document.ts'

const { namedNode, blankNode, literal, quad } = DataFactory

/** The IRI of the dataset VoID describes (also the service description's default dataset). */
export const voidDatasetIri = (baseIri: string): NamedNode => namedNode(`${baseIri}/.well-known/void#dataset`)

export interface VoidStatistics {
  triples: number
  distinctSubjects: number
  classes: { iri: string; entities: number }[]
  properties: { iri: string; triples: number }[]
}

const STATISTICS_QUERIES = {
  triples: 'SELECT (COUNT(*) AS ?n) WHERE { ?s ?p ?o }',
  distinctSubjects: 'SELECT (COUNT(DISTINCT ?s) AS ?n) WHERE { ?s ?p ?o }',
  classes: 'SELECT ?iri (COUNT(DISTINCT ?s) AS ?n) WHERE { ?s a ?iri FILTER(isIRI(?iri)) } GROUP BY ?iri ORDER BY ?iri',
  properties: 'SELECT ?iri (COUNT(*) AS ?n) WHERE { ?s ?iri ?o } GROUP BY ?iri ORDER BY ?iri',
}

type Row = Record<string, { value: string } | undefined>

async function select(store: GraphStore, query: string, timeoutMs: number): Promise<Row[]> {
  const result = await store.query({ query, mediaType: 'application/sparql-results+json', timeoutMs })
  return (JSON.parse(result.body) as { results: { bindings: Row[] } }).results.bindings
}

/** Count triples, subjects, and the class and property partitions of the store's default graph. */
export async function computeVoidStatistics(store: GraphStore, timeoutMs: number): Promise<VoidStatistics> {
  const count = (rows: Row[]) => Number(rows[0]?.n?.value ?? 0)
  const partitions = (rows: Row[]) => rows.map((row) => ({ iri: row.iri!.value, n: Number(row.n!.value) }))
  return {
    triples: count(await select(store, STATISTICS_QUERIES.triples, timeoutMs)),
    distinctSubjects: count(await select(store, STATISTICS_QUERIES.distinctSubjects, timeoutMs)),
    classes: partitions(await select(store, STATISTICS_QUERIES.classes, timeoutMs)).map(({ iri, n }) => ({ iri, entities: n })),
    properties: partitions(await select(store, STATISTICS_QUERIES.properties, timeoutMs)).map(({ iri, n }) => ({ iri, triples: n })),
  }
}

/** The VoID triples for the statistics. */
export function describeVoid(baseIri: string, stats: VoidStatistics, computedAt: Date): Quad[] {
  const dataset = voidDatasetIri(baseIri)
  const integer = (value: number) => literal(String(value), XSD.integer)
  const quads: Quad[] = [
    quad(dataset, RDF.type, VOID.Dataset),
    quad(dataset, VOID.sparqlEndpoint, namedNode(`${baseIri}/sparql`)),
    quad(dataset, VOID.dataDump, namedNode(`${baseIri}/dump.nq.gz`)),
    quad(dataset, VOID.uriSpace, literal(`${baseIri}/`)),
    quad(dataset, DCT.modified, literal(computedAt.toISOString(), XSD.dateTime)),
    quad(dataset, VOID.triples, integer(stats.triples)),
    quad(dataset, VOID.distinctSubjects, integer(stats.distinctSubjects)),
    quad(dataset, VOID.classes, integer(stats.classes.length)),
    quad(dataset, VOID.properties, integer(stats.properties.length)),
  ]
  stats.classes.forEach(({ iri, entities }, i) => {
    const partition = blankNode(`class${i}`)
    quads.push(quad(dataset, VOID.classPartition, partition), quad(partition, VOID.class, namedNode(iri)), quad(partition, VOID.entities, integer(entities)))
  })
  stats.properties.forEach(({ iri, triples }, i) => {
    const partition = blankNode(`property${i}`)
    quads.push(quad(dataset, VOID.propertyPartition, partition), quad(partition, VOID.property, namedNode(iri)), quad(partition, VOID.triples, integer(triples)))
  })
  return quads
}

/** GET /.well-known/void — statistics computed on first use (the server warms it at start) and kept. */
export function voidRoutes({ store, config }: RouteDeps) {
  let cached: Promise<Quad[]> | undefined
  const load = () => {
    cached ??= computeVoidStatistics(store, config.queryTimeoutMs).then((stats) => describeVoid(config.baseIri, stats, new Date()))
    cached.catch(() => { cached = undefined })
    return cached
  }
  return new Hono().get('/.well-known/void', async (c) => {
    const offered = formatsOfKind('graph')
    const parameter = c.req.query('format')
    const format = parameter !== undefined ? formatFromParameter(parameter, offered) : negotiate(c.req.header('accept'), offered)
    return c.body(await serializeQuads(await load(), format), 200, { 'Content-Type': contentTypeOf(format), Vary: 'Accept' })
  })
}
