/**
 * What a sync needs of the graph besides the records it changes, read from the running store once: the agencies
 * (to link publishers by name, as the build does), the law titles (to link the laws a dataset names), the class
 * axioms (for sh:class), plus the repository's mapping tables. Syncs do not change agencies or laws, so one read
 * serves every later sync of the same store.
 */
import { readFileSync } from 'node:fs'
import { join } from 'node:path'
import { fileURLToPath } from 'node:url'
import { DataFactory, Parser, type NamedNode, type Quad } from 'n3'
import { buildAgencyIndex } from '../link/agency-index.ts'
import { indexLawTitles, type LawTitle } from '../link/law-mentions.ts'
import { readAbbreviations, readRenameRules } from '../link/abbreviations.ts'
import { createAgencyResolver } from '../link/resolve-agency.ts'
import { createIris, type Iris } from '../model/iris.ts'
import { sparql } from '../query/sparql-tag.ts'
import { subClassAxiomsQuery } from '../records/record-validation.ts'
import { loadMappingTables, type MappingTables } from '../sources/mapping-tables.ts'
import type { GraphStore } from '../store/types.ts'
import { DCT, ELI, FOAF, RDF, SKOS } from '../vocab/index.ts'
import { isBuildBackground } from '../build/run-build.ts'

/** The repository root (data/mappings, shapes/), as this file sits in it. */
export const REPOSITORY_ROOT = fileURLToPath(new URL('../../', import.meta.url))

export interface SyncContext {
  iris: Iris
  tables: MappingTables
  resolve: ReturnType<typeof createAgencyResolver>
  /** eli:title and eli:in_force of every law. */
  lawQuads: Quad[]
  /** The laws' titles indexed once (law-mentions.ts), for linking each synced record. */
  lawIndex: Map<string, LawTitle[]>
  /**
   * What every sync validates with: the build's background of validation (its shared graphs, src/build/run-build.ts
   * isBuildBackground) as stored, then the rdfs:subClassOf axioms (for sh:class). One array, so that its
   * preparation (src/validate/parallel.ts) is kept from sync to sync.
   */
  validationBackground: readonly Quad[]
  shapesDir: string
  /** Where syncs keep their validation unit cache (none when absent). */
  validationCachePath?: string
}

const agencyQuery = (iris: Iris) => sparql`
CONSTRUCT { ?a ?p ?o } WHERE {
  VALUES ?p { ${[DCT.identifier, SKOS.prefLabel, FOAF.name, RDF.type, iris.ogd.isAbolished]} }
  GRAPH ?g { ?a ?p ?o }
  FILTER(STRSTARTS(STR(?a), ${DataFactory.literal(`${iris.base}/agency/`)}))
}`

const lawQuery = () => sparql`
CONSTRUCT { ?l ${ELI.title} ?t . ?l ${ELI.in_force} ?f } WHERE {
  GRAPH ?g { ?l ${ELI.title} ?t }
  OPTIONAL { GRAPH ?g2 { ?l ${ELI.in_force} ?f } }
}`

async function construct(store: GraphStore, query: string): Promise<Quad[]> {
  const { body } = await store.query({ query, mediaType: 'application/n-triples', timeoutMs: 120_000 })
  return new Parser({ format: 'N-Triples' }).parse(body)
}

/** The background of a build as the store holds it: every quad of the shared graphs, plus the class axioms. */
async function readBackground(store: GraphStore): Promise<Quad[]> {
  const graphs = (await selectRows(store, 'SELECT DISTINCT ?g WHERE { GRAPH ?g { } }')).map((row) => row.g!.value).filter(isBuildBackground).sort()
  const out: Quad[] = []
  for (const graph of graphs) {
    const g = DataFactory.namedNode(graph)
    for (const row of await selectRows(store, `SELECT ?s ?p ?o WHERE { GRAPH ${`<${graph}>`} { ?s ?p ?o } }`)) {
      out.push(DataFactory.quad(termOf(row.s!) as NamedNode, termOf(row.p!) as NamedNode, termOf(row.o!) as Quad['object'], g))
    }
  }
  return out
}

async function selectRows(store: GraphStore, query: string): Promise<Record<string, { type: string; value: string; 'xml:lang'?: string; datatype?: string }>[]> {
  const { body } = await store.query({ query, mediaType: 'application/sparql-results+json', timeoutMs: 120_000 })
  return JSON.parse(body).results.bindings
}

const termOf = (b: { type: string; value: string; 'xml:lang'?: string; datatype?: string }): Quad['object'] =>
  b.type === 'uri' ? DataFactory.namedNode(b.value) : b.type === 'bnode' ? DataFactory.blankNode(b.value) : DataFactory.literal(b.value, b['xml:lang'] || (b.datatype ? DataFactory.namedNode(b.datatype) : undefined))

/** Read the context from the store; `root` is the repository (data/mappings, shapes/). */
export async function readSyncContext(store: GraphStore, options: { baseIri: string; root?: string; shapesDir?: string; validationCachePath?: string }): Promise<SyncContext> {
  const iris = createIris(options.baseIri)
  const root = options.root ?? REPOSITORY_ROOT
  const mappingsDir = join(root, 'data', 'mappings')
  const tables = loadMappingTables(mappingsDir, join(root, 'data', 'sources', 'eu-authority'))
  const [agencies, lawQuads, axioms, background] = await Promise.all([construct(store, agencyQuery(iris)), construct(store, lawQuery()), construct(store, subClassAxiomsQuery()), readBackground(store)])
  const index = buildAgencyIndex(agencies, iris)
  const resolve = createAgencyResolver(index, {
    abbreviations: readAbbreviations(readFileSync(join(mappingsDir, 'agency-abbreviations.csv'), 'utf8')),
    renames: readRenameRules(readFileSync(join(mappingsDir, 'agency-renames.csv'), 'utf8')),
  })
  return { iris, tables, resolve, lawQuads, lawIndex: indexLawTitles(lawQuads), validationBackground: [...background, ...axioms], shapesDir: options.shapesDir ?? join(root, 'shapes'), validationCachePath: options.validationCachePath }
}
