import { beforeAll, describe, expect, it } from 'vitest'
import { createInProcessStore } from '../../src/store/in-process.ts'
import type { GraphStore } from '../../src/store/types.ts'
import { applySync } from '../../src/sync/apply-sync.ts'
import { readChangeExport, type ChangeExport } from '../../src/sync/change-export.ts'
import { readSyncContext, type SyncContext } from '../../src/sync/sync-context.ts'
import { BASE, readFixtureExport, ROOT, syncBaseNQuads } from './sync-graph.ts'

let base: string
beforeAll(async () => { base = await syncBaseNQuads() })

async function fresh(): Promise<{ store: GraphStore; context: SyncContext }> {
  const store = createInProcessStore({ nquads: base })
  return { store, context: await readSyncContext(store, { baseIri: BASE, root: ROOT }) }
}

async function titleOf(store: GraphStore, id: string): Promise<string | undefined> {
  const { body } = await store.query({ query: `SELECT ?t WHERE { <${BASE}/dataset/${id}> <http://purl.org/dc/terms/title> ?t }`, mediaType: 'application/sparql-results+json' })
  return JSON.parse(body).results.bindings[0]?.t.value
}

describe('applySync on real 2026 data', () => {
  it('replaces_the_march_records_with_their_june_versions', async () => {
    const { store, context } = await fresh()
    const report = await applySync(store, [readFixtureExport('changed_2026-06_modify.json')], context)
    expect(report.rejected).toEqual([])
    expect(report.modified).toHaveLength(25)
    expect(await titleOf(store, '174821')).toBe('112年臺灣地區金屬材料腐蝕環境調查與碳鋼金屬關聯性研究'.normalize('NFC'))
  })
})

const json = (records: object[], file = 'inline.json'): ChangeExport => readChangeExport(Buffer.from(JSON.stringify(records)), file)

async function ask(store: GraphStore, query: string): Promise<boolean> {
  return JSON.parse((await store.query({ query, mediaType: 'application/sparql-results+json' })).body).boolean
}

describe('applySync outcomes', () => {
  it('changes_nothing_when_the_same_files_are_applied_again', async () => {
    const { store, context } = await fresh()
    const files = ['changed_2026-06_modify.json', 'changed_2026-06_create.json', 'changed_2026-06_withdraw.json'].map(readFixtureExport)
    await applySync(store, files, context)
    const size = await store.size()
    const again = await applySync(store, files, context)
    expect([again.created, again.modified, again.withdrawn, again.rejected].map((l) => l.length)).toEqual([0, 0, 0, 0])
    expect(again.unchanged).toHaveLength(25 + 5)
    expect(again.graphs).toBe(0)
    expect(await store.size()).toBe(size)
  })

  it('creates_june_only_records_including_one_with_a_null_format', async () => {
    const { store, context } = await fresh()
    const report = await applySync(store, [readFixtureExport('changed_2026-06_create.json')], context)
    expect(report.created.map((r) => r.id).sort()).toEqual(['177520', '177527', '177543', '177545', '177644'])
    expect(await ask(store, `ASK { <${BASE}/dataset/177644> <http://www.w3.org/ns/dcat#distribution> ?d . FILTER NOT EXISTS { ?d <http://purl.org/dc/terms/format> ?f } }`)).toBe(true)
  })

  it('withdraws_into_a_tombstone_that_says_what_when_and_why', async () => {
    const { store, context } = await fresh()
    const report = await applySync(store, [readFixtureExport('changed_2026-06_withdraw.json')], context, () => new Date('2026-06-26T01:00:00Z'))
    expect(report.withdrawn.map((r) => r.id)).toEqual(['174853', '174854', '174855'])
    const d = `<${BASE}/dataset/174853>`
    expect(await ask(store, `ASK { ${d} <http://www.w3.org/ns/prov#invalidatedAtTime> "2026-06-26T01:00:00.000Z"^^<http://www.w3.org/2001/XMLSchema#dateTime> ; <http://www.w3.org/2004/02/skos/core#historyNote> ?why ; <http://purl.org/dc/terms/title> ?title }`)).toBe(true)
    expect(await ask(store, `ASK { ${d} a <http://www.w3.org/ns/dcat#Dataset> }`)).toBe(false)
    expect(await ask(store, `ASK { GRAPH <${BASE}/dataset/174853/validation> { ?s ?p ?o } }`)).toBe(false)
  })

  it('rejects_a_record_failing_shacl_with_its_property_and_messages_while_applying_the_rest', async () => {
    const { store, context } = await fresh()
    const [good, bad] = readFixtureExport('changed_2026-06_create.json').records.slice(0, 2).map((r) => ({ ...r.row, 資料集變動狀態: '上架' }))
    const report = await applySync(store, [json([good!, { ...bad!, 資料集名稱: '' }])], context)
    expect(report.created.map((r) => r.id)).toEqual([good!.資料集識別碼])
    expect(report.rejected).toHaveLength(1)
    const [rejected] = report.rejected
    expect(rejected!.id).toBe(bad!.資料集識別碼)
    expect(rejected!.reasons.map((r) => r.property)).toContain('dct:title')
    expect(rejected!.reasons[0]!.message.zh).toBeTruthy()
    expect(rejected!.reasons[0]!.message.en).toBeTruthy()
    expect(await ask(store, `ASK { <${BASE}/dataset/${bad!.資料集識別碼}> ?p ?o }`)).toBe(false)
  })

  it('rejects_a_record_with_an_unknown_change_status', async () => {
    const { store, context } = await fresh()
    const [row] = readFixtureExport('changed_2026-06_create.json').records.map((r) => r.row)
    const report = await applySync(store, [json([{ ...row, 資料集變動狀態: '刪除' }])], context)
    expect(report.rejected[0]!.reasons[0]!.message.en).toMatch(/資料集變動狀態 is "刪除"/)
    expect(report.graphs).toBe(0)
  })

  it('diffs_a_full_export_against_the_catalogue', async () => {
    const { store, context } = await fresh()
    const modify = readFixtureExport('changed_2026-06_modify.json')
    await applySync(store, [modify], context) // the March records were partial (not listed); now all 25 are complete
    const full = json(modify.records.slice(0, 20).map((r) => r.row), 'full.json')
    expect(full.isChangeList).toBe(false)
    const report = await applySync(store, [full], context)
    expect(report.unchanged).toHaveLength(20)
    const withdrawn = report.withdrawn.map((r) => r.id)
    for (const id of modify.records.slice(20).map((r) => r.id)) expect(withdrawn).toContain(id)
  })
})
