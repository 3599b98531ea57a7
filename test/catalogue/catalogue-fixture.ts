/**
 * Today's catalogue built from real fixture cuts (test/fixtures/catalog-2026, the 2018 listing fixture) through the real
 * build (buildGraph: importers, merge, linkers; the full DGPA code list, so that bare unit labels find their agency),
 * loaded into the in-process store for SPARQL.
 */
import { readFileSync } from 'node:fs'
import { join } from 'node:path'
import { Writer } from 'n3'
import { buildGraph, type BuildOutput } from '../../src/build/build-graph.ts'
import { defaultInputs, type BuildInputs } from '../../src/build/inputs.ts'
import { createIris } from '../../src/model/iris.ts'
import { createInProcessStore } from '../../src/store/in-process.ts'
import type { GraphStore } from '../../src/store/types.ts'

export const BASE = 'http://localhost:8080'
const ROOT = join(import.meta.dirname, '../..')
const fixture = (...path: string[]) => join(ROOT, 'test/fixtures', ...path)

export const CATALOGUE_INPUTS: BuildInputs = {
  ...defaultInputs(ROOT),
  lawMetadata: fixture('moj_laws_fixture.csv'),
  lawIndex: fixture('laws/index_fixture.json'),
  lawAliases: fixture('laws/aliases_fixture.json'),
  lawTextsZhDir: fixture('laws/FalVMingLing'),
  lawTextsEnDir: fixture('laws/Eng_FalVMingLing'),
  catalog: [fixture('catalog-2026/pisuai_datagovtw_export_2026_sample100.csv'), fixture('catalog/datagovtw_export_fixture.csv')],
  listing2026: fixture('catalog-2026/caasi_tw-odc_catalog_2026-03-23_derived.csv'),
  listing2018: fixture('datagovtw_list_2018_fixture.csv'),
}

const silent = { step() {}, tick() {}, done() {}, log() {} }

export function buildCatalogue(options: { includePersonalContacts?: boolean } = {}): BuildOutput {
  return buildGraph({ iris: createIris(BASE), inputs: CATALOGUE_INPUTS, root: ROOT, read: (p) => readFileSync(p), progress: silent, now: new Date('2026-07-01T00:00:00Z'), ...options })
}

export const PREFIXES = `
PREFIX dcat: <http://www.w3.org/ns/dcat#>
PREFIX dct: <http://purl.org/dc/terms/>
PREFIX foaf: <http://xmlns.com/foaf/0.1/>
PREFIX org: <http://www.w3.org/ns/org#>
PREFIX owl: <http://www.w3.org/2002/07/owl#>
PREFIX prov: <http://www.w3.org/ns/prov#>
PREFIX rdf: <http://www.w3.org/1999/02/22-rdf-syntax-ns#>
PREFIX schema: <https://schema.org/>
PREFIX skos: <http://www.w3.org/2004/02/skos/core#>
PREFIX vcard: <http://www.w3.org/2006/vcard/ns#>
PREFIX xsd: <http://www.w3.org/2001/XMLSchema#>
PREFIX ogd: <${BASE}/ontology#>
PREFIX ds: <${BASE}/dataset/>
PREFIX src: <${BASE}/provenance/source/>
`

/** The built graph in the in-process store, with a SELECT helper. */
export function catalogueStore(output: BuildOutput): { store: GraphStore; select: (q: string) => Promise<Record<string, string>[]>; ask: (q: string) => Promise<boolean> } {
  const store = createInProcessStore({ nquads: new Writer({ format: 'N-Quads' }).quadsToString(output.quads) })
  const run = async (query: string) => JSON.parse((await store.query({ query: PREFIXES + query, mediaType: 'application/sparql-results+json' })).body)
  return {
    store,
    select: async (q) => (await run(q)).results.bindings.map((b: Record<string, { value: string }>) => Object.fromEntries(Object.entries(b).map(([k, v]) => [k, v.value]))),
    ask: async (q) => (await run(`ASK { ${q} }`)).boolean as boolean,
  }
}
