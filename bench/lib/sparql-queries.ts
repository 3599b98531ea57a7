/** The benchmark's workload: every queries/*.rq with an explicit BASE, and a one-record DESCRIBE. */
import { readdirSync, readFileSync } from 'node:fs'
import { basename, join } from 'node:path'
import { DataFactory } from 'n3'
import { sparql } from '../../src/query/sparql-tag.ts'
import { DCAT } from '../../src/vocab/index.ts'
import { countRows, sendQuery, type BenchQuery, type Endpoint, type ResultKind } from './sparql-client.ts'

export const DESCRIBE_NAME = 'describe-one-dataset'

/** The query form, read past comments and the prologue. */
function readKind(text: string): ResultKind {
  const body = text.replace(/#[^\n]*/g, ' ')
  const form = body.match(/\b(SELECT|ASK|CONSTRUCT|DESCRIBE)\b/i)?.[1]?.toUpperCase()
  if (!form) throw new Error('no query form (SELECT, ASK, CONSTRUCT or DESCRIBE) found')
  return form === 'SELECT' || form === 'ASK' ? 'bindings' : 'triples'
}

/**
 * Read `dir`/*.rq, sorted by name. The files write our IRIs relative to the endpoint (`PREFIX ogd: <ontology#>`);
 * our server resolves them against {BASE_IRI}/sparql, so the same BASE is written into the text for every engine.
 */
export function readExampleQueries(dir: string, baseIri: string): BenchQuery[] {
  return readdirSync(dir)
    .filter((file) => file.endsWith('.rq'))
    .sort()
    .map((file) => {
      const text = readFileSync(join(dir, file), 'utf8')
      try {
        return { name: basename(file, '.rq'), text: `BASE <${baseIri}/sparql>\n${text}`, kind: readKind(text) }
      } catch (error) {
        throw new Error(`${file}: ${(error as Error).message}`)
      }
    })
}

/** DESCRIBE of one dataset record, chosen on `endpoint` (the first dataset IRI in code-point order). */
export async function makeDescribeQuery(endpoint: Endpoint): Promise<{ query: BenchQuery; iri: string }> {
  const pick: BenchQuery = {
    name: 'pick-dataset',
    text: sparql`SELECT ?dataset WHERE { ?dataset a ${DCAT.Dataset} } ORDER BY ?dataset LIMIT 1`,
    kind: 'bindings',
  }
  const reply = await sendQuery(endpoint, pick, 120_000)
  if (reply.status !== 200 || countRows('bindings', reply.body) !== 1) throw new Error(`could not pick a dataset to DESCRIBE: HTTP ${reply.status} ${reply.body.slice(0, 300)}`)
  const iri = (JSON.parse(reply.body) as { results: { bindings: { dataset: { value: string } }[] } }).results.bindings[0]!.dataset.value
  return { iri, query: { name: DESCRIBE_NAME, text: sparql`DESCRIBE ${DataFactory.namedNode(iri)}`, kind: 'triples' } }
}

/** Quads in the named graphs, counted through the endpoint (every snapshot quad is in a named graph). */
export async function countNamedGraphQuads(endpoint: Endpoint): Promise<number> {
  return readCount(endpoint, 'SELECT (COUNT(*) AS ?n) WHERE { GRAPH ?g { ?s ?p ?o } }')
}

/** dcat:Dataset instances in the endpoint's default graph (no FROM): the union of the named graphs on both engines. */
export async function countDatasets(endpoint: Endpoint): Promise<number> {
  return readCount(endpoint, sparql`SELECT (COUNT(*) AS ?n) WHERE { ?dataset a ${DCAT.Dataset} }`)
}

async function readCount(endpoint: Endpoint, text: string): Promise<number> {
  const reply = await sendQuery(endpoint, { name: 'count', text, kind: 'bindings' }, 120_000)
  if (reply.status !== 200) throw new Error(`${endpoint.name}: could not count (${text}): HTTP ${reply.status} ${reply.body.slice(0, 300)}`)
  return Number((JSON.parse(reply.body) as { results: { bindings: { n: { value: string } }[] } }).results.bindings[0]!.n.value)
}
