/** Run an example query of queries/ against a store and read its SPARQL JSON results as plain rows. */
import { readdirSync, readFileSync } from 'node:fs'
import { join } from 'node:path'
import type { GraphStore } from '../../src/store/types.ts'
import { REPO_ROOT } from './fixture-graph.ts'

export const QUERIES_DIR = join(REPO_ROOT, 'queries')

interface JsonTerm {
  type: 'uri' | 'literal' | 'bnode' | 'triple'
  value: string
  datatype?: string
  'xml:lang'?: string
}

/** One solution: each bound variable's lexical value (IRI, literal text), unbound variables absent. */
export type Row = Record<string, string>

/** The names (without .rq) of every example query, sorted. */
export function listQueryNames(): string[] {
  return readdirSync(QUERIES_DIR).filter((file) => file.endsWith('.rq')).map((file) => file.slice(0, -3)).sort()
}

export function readQuery(name: string): string {
  return readFileSync(join(QUERIES_DIR, `${name}.rq`), 'utf8')
}

/**
 * Run `queries/{name}.rq` with the base IRI the /sparql route gives every query (`{BASE_IRI}/sparql`), against which
 * the examples' relative `ogd:` and scheme IRIs resolve.
 */
export async function selectRows(store: GraphStore, name: string, baseIri: string): Promise<Row[]> {
  const result = await store.query({ query: readQuery(name), mediaType: 'application/sparql-results+json', baseIri: `${baseIri}/sparql` })
  const json = JSON.parse(result.body) as { results: { bindings: Record<string, JsonTerm>[] } }
  return json.results.bindings.map((binding) => Object.fromEntries(Object.entries(binding).map(([name, term]) => [name, term.value])))
}
