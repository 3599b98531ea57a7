/**
 * A sync judges a record as the build does (src/sync/validate-records.ts over src/validate's per-record validator):
 * the same record, rejected by `ogd build`'s SHACL, is rejected by a sync with the same properties and messages.
 */
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterAll, describe, expect, it } from 'vitest'
import { buildGraph } from '../../src/build/build-graph.ts'
import { validateBuiltQuads } from '../../src/build/run-build.ts'
import { createIris } from '../../src/model/iris.ts'
import { createInProcessStore } from '../../src/store/in-process.ts'
import { applySync } from '../../src/sync/apply-sync.ts'
import { readChangeExport } from '../../src/sync/change-export.ts'
import { toExportCsv } from '../../src/sync/record-graphs.ts'
import { readSyncContext } from '../../src/sync/sync-context.ts'
import { BUILT_AT, FIXTURE_INPUTS } from '../records/fixture-graph.ts'
import { BASE, readFixtureExport, ROOT, SYNC_FIXTURES, syncBaseNQuads } from './sync-graph.ts'

const dir = mkdtempSync(join(tmpdir(), 'ogd-sync-like-build-'))
afterAll(() => rmSync(dir, { recursive: true, force: true }))
const silent = { step() {}, tick() {}, done() {}, log() {} }

describe('a sync validates like the build', () => {
  it('rejects_a_record_the_build_rejects_with_the_same_properties_and_messages', async () => {
    const [record] = readFixtureExport('changed_2026-06_create.json').records
    // No title: the record fails both profiles (DCAT-AP 3.0.1 and ours), each with its own message.
    const bad = { ...record!, row: { ...record!.row, 資料集名稱: '' } }
    const badCsv = join(dir, 'bad-record.csv')
    writeFileSync(badCsv, toExportCsv(bad))
    const iri = `${BASE}/dataset/${bad.id}`

    const inputs = { ...FIXTURE_INPUTS, catalog: [join(SYNC_FIXTURES, 'march_2026-03-23_shared25.csv'), badCsv] }
    const { quads } = buildGraph({ iris: createIris(BASE), inputs, root: ROOT, read: (path) => readFileSync(path), progress: silent, now: BUILT_AT })
    const reports = await validateBuiltQuads(quads, inputs.shapesDir)
    const byBuild = reports.flatMap((r) => r.issues).filter((i) => i.record === iri && i.severity === 'Violation')
      .map((i) => ({ property: i.path, message: i.message })).sort(byText)
    expect(byBuild.length).toBeGreaterThan(0)

    const store = createInProcessStore({ nquads: await syncBaseNQuads() })
    const context = await readSyncContext(store, { baseIri: BASE, root: ROOT })
    const change = readChangeExport(Buffer.from(JSON.stringify([{ ...bad.row, 資料集變動狀態: '上架' }])), 'bad.json')
    const report = await applySync(store, [change], context)
    expect(report.created).toEqual([])
    expect(report.rejected.map((r) => r.id)).toEqual([bad.id])
    const bySync = report.rejected[0]!.reasons.map((r) => ({ property: r.property, message: r.message })).sort(byText)
    expect(bySync).toEqual(byBuild)
  })
})

const byText = (a: object, b: object) => JSON.stringify(a).localeCompare(JSON.stringify(b))
