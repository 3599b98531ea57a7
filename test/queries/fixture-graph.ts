/** The example queries' fixture graph: small real source files through the real build (import, link, quality), as N-Quads. */
import { readFileSync } from 'node:fs'
import { join } from 'node:path'
import { fileURLToPath } from 'node:url'
import { DataFactory, Writer, type Quad } from 'n3'
import { buildGraph } from '../../src/build/build-graph.ts'
import { defaultInputs, type BuildInputs } from '../../src/build/inputs.ts'
import { buildQualityGraphs, findNonConformingRecords } from '../../src/build/quality-graph.ts'
import { validateBuiltQuads } from '../../src/build/run-build.ts'
import { createIris, type Iris } from '../../src/model/iris.ts'
import { DCATAP } from '../../src/vocab/index.ts'

export const REPO_ROOT = fileURLToPath(new URL('../..', import.meta.url))
const FIXTURES = join(REPO_ROOT, 'test', 'fixtures', 'queries')

/** A base IRI with a path, unlike the default: the queries must not depend on BASE_IRI. */
export const FIXTURE_BASE_IRI = 'https://kg.example.org/tw'

/** The default inputs with every large source replaced by its cut in test/fixtures/queries (see its README). */
export function fixtureInputs(): BuildInputs {
  const fixture = (name: string) => join(FIXTURES, name)
  return {
    ...defaultInputs(REPO_ROOT),
    agencies: fixture('dgpa_orglist_cp950.csv'),
    agencyEnglishNames: fixture('agency_english_names.csv'),
    agencyOids: fixture('agency_oids.csv'),
    organicLaws: fixture('organic_laws.json'),
    lawMetadata: fixture('moj_laws_metadata.csv'),
    lawIndex: fixture('moj_laws_index.json'),
    lawAliases: fixture('moj_laws_aliases.json'),
    lawTextsZhDir: fixture('FalVMingLing'),
    lawTextsEnDir: fixture('Eng_FalVMingLing'),
    catalog: [fixture('datagovtw_export.csv')],
    listing2018: fixture('datagovtw_list_2018.csv'),
    // today's listing: a cut shared with test/catalogue (see test/fixtures/catalog-2026/README.md)
    listing2026: join(REPO_ROOT, 'test', 'fixtures', 'catalog-2026', 'caasi_tw-odc_catalog_2026-03-23_derived.csv'),
    requests: join(REPO_ROOT, 'test', 'fixtures', 'requests', 'requests_raw_fixture.csv'),
    requestAgencies: join(REPO_ROOT, 'test', 'fixtures', 'requests', 'requests_agency_fixture.csv'),
  }
}

/**
 * Links no source gives yet, added so that the queries following them have something to find: dataset 6564
 * (政府資料開放平臺資料集清單) under 政府資訊公開法 (DCAT-AP 3: dcatap:applicableLegislation → eli:LegalResource).
 */
function addLegislationLinks(iris: Iris): Quad[] {
  const dataset = iris.dataset('6564')
  return [DataFactory.quad(dataset, DCATAP.applicableLegislation, iris.law('I0020026'), dataset)]
}

const silent = { step() {}, tick() {}, done() {}, log() {} }

/** Build the fixture graph and serialise it as N-Quads, with the quality graphs the build adds after SHACL. */
export async function buildFixtureNQuads(baseIri = FIXTURE_BASE_IRI): Promise<string> {
  const iris = createIris(baseIri)
  const inputs = fixtureInputs()
  const builtAt = new Date('2026-01-01T00:00:00Z')
  const { quads } = buildGraph({ iris, inputs, root: REPO_ROOT, read: (path) => readFileSync(path), progress: silent, now: builtAt })
  const graph = [...quads, ...addLegislationLinks(iris)]
  const reports = await validateBuiltQuads(graph, inputs.shapesDir)
  const quality = buildQualityGraphs(graph, { nonConforming: findNonConformingRecords(reports), definitionsGraph: iris.graph('vocab') })
  return new Writer({ format: 'N-Quads' }).quadsToString([...graph, ...quality.quads])
}
