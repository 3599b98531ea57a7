/**
 * The records' test graph: built by the real pipeline (buildGraph) from the small fixture inputs of test/fixtures,
 * with the real mapping tables, EU tables, ontology and licences, and the quality graphs the build adds after SHACL.
 * Built once per test file (about 2.5 s).
 */
import { readFileSync } from 'node:fs'
import { join } from 'node:path'
import { Writer } from 'n3'
import { buildGraph } from '../../src/build/build-graph.ts'
import { defaultInputs, type BuildInputs } from '../../src/build/inputs.ts'
import { buildQualityGraphs, findNonConformingRecords } from '../../src/build/quality-graph.ts'
import { validateBuiltQuads } from '../../src/build/run-build.ts'
import { createIris } from '../../src/model/iris.ts'

export const BASE = 'http://localhost:8080'
export const ROOT = join(import.meta.dirname, '../..')
const fixture = (...path: string[]) => join(ROOT, 'test/fixtures', ...path)

export const FIXTURE_INPUTS: BuildInputs = {
  ...defaultInputs(ROOT),
  agencies: fixture('agencies/dgpa_orglist_cp950_fixture.csv'),
  agencyEnglishNames: fixture('agencies/ipgod_agencies_name_fixture.csv'),
  agencyOids: fixture('agencies/ey_agencies_oid_fixture.csv'),
  organicLaws: fixture('agencies/ronnywang_tw-gov-org_fixture.json'),
  lawMetadata: fixture('moj_laws_fixture.csv'),
  lawIndex: fixture('laws/index_fixture.json'),
  lawAliases: fixture('laws/aliases_fixture.json'),
  lawTextsZhDir: fixture('laws/FalVMingLing'),
  lawTextsEnDir: fixture('laws/Eng_FalVMingLing'),
  catalog: [fixture('catalog/datagovtw_export_fixture.csv')],
  listing2018: fixture('datagovtw_list_2018_fixture.csv'),
  listing2026: undefined, // the records' pages are tested on the export and 2018 fixtures alone
  requests: fixture('requests/requests_raw_fixture.csv'),
  requestAgencies: fixture('requests/requests_agency_fixture.csv'),
}

const silent = { step() {}, tick() {}, done() {}, log() {} }
/** The build's clock in the fixtures: the catalogue's dates and the quality measurements' prov:generatedAtTime. */
export const BUILT_AT = new Date('2026-01-01T00:00:00Z')
let built: Promise<string> | undefined

/** The fixture graph as N-Quads (one named graph per record), with the build's quality graphs (SHACL first: ~1 s). */
export function fixtureNQuads(): Promise<string> {
  built ??= buildFixture()
  return built
}

async function buildFixture(): Promise<string> {
  const iris = createIris(BASE)
  const { quads } = buildGraph({ iris, inputs: FIXTURE_INPUTS, root: ROOT, read: (path) => readFileSync(path), progress: silent, now: BUILT_AT })
  const reports = await validateBuiltQuads(quads, FIXTURE_INPUTS.shapesDir)
  const quality = buildQualityGraphs(quads, { nonConforming: findNonConformingRecords(reports), definitionsGraph: iris.graph('vocab') })
  return new Writer({ format: 'N-Quads' }).quadsToString([...quads, ...quality.quads])
}
