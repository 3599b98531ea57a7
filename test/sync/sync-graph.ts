/**
 * The sync tests' graph: the real build pipeline over the records' fixture inputs, with the March 2026 versions of
 * the 25 datasets the March and June 2026 sources share as its catalogue (test/fixtures/sync/README.md).
 */
import { readFileSync } from 'node:fs'
import { join } from 'node:path'
import { Writer } from 'n3'
import { buildGraph } from '../../src/build/build-graph.ts'
import { buildQualityGraphs, findNonConformingRecords } from '../../src/build/quality-graph.ts'
import { validateBuiltQuads } from '../../src/build/run-build.ts'
import { createIris } from '../../src/model/iris.ts'
import { readChangeExport, type ChangeExport } from '../../src/sync/change-export.ts'
import { BASE, BUILT_AT, FIXTURE_INPUTS, ROOT } from '../records/fixture-graph.ts'

export { BASE, ROOT }
export const SYNC_FIXTURES = join(ROOT, 'test/fixtures/sync')
const silent = { step() {}, tick() {}, done() {}, log() {} }
let built: Promise<string> | undefined

/** The base graph as N-Quads (built once per test file). */
export function syncBaseNQuads(): Promise<string> {
  built ??= (async () => {
    const iris = createIris(BASE)
    const inputs = { ...FIXTURE_INPUTS, catalog: [join(SYNC_FIXTURES, 'march_2026-03-23_shared25.csv')] }
    const { quads } = buildGraph({ iris, inputs, root: ROOT, read: (path) => readFileSync(path), progress: silent, now: BUILT_AT })
    const reports = await validateBuiltQuads(quads, inputs.shapesDir)
    const quality = buildQualityGraphs(quads, { nonConforming: findNonConformingRecords(reports), definitionsGraph: iris.graph('vocab') })
    return new Writer({ format: 'N-Quads' }).quadsToString([...quads, ...quality.quads])
  })()
  return built
}

/** A fixture change export, read. */
export const readFixtureExport = (name: string): ChangeExport => readChangeExport(readFileSync(join(SYNC_FIXTURES, name)), name)
