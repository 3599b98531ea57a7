/** The example queries about today's catalogue against the 2018 listing, on the queries' fixture graph. */
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { createInProcessStore } from '../../src/store/in-process.ts'
import type { GraphStore } from '../../src/store/types.ts'
import { buildFixtureNQuads, FIXTURE_BASE_IRI } from './fixture-graph.ts'
import { selectRows } from './query-results.ts'

const B = FIXTURE_BASE_IRI
let store: GraphStore
beforeAll(async () => {
  store = createInProcessStore({ nquads: await buildFixtureNQuads(B) })
})
afterAll(() => store.close())
const run = (name: string) => selectRows(store, name, B)

describe('answers on the fixture graph', () => {
  it('popular-2018-still-listed: the six 2018 rows the 2026 listing still has, most viewed first, with today\'s ids', async () => {
    const rows = await run('popular-2018-still-listed')
    expect(rows.map((r) => r.id)).toEqual(['5958', '5949', '5950', '5943', '5945', '5946'])
    expect(rows[0]).toMatchObject({ views2018: '38699', title: '各縣(市)警察(分)局暨所屬分駐(派出)所地址資料' })
    expect(rows.find((r) => r.id === '5943')).toMatchObject({ title: '蒙藏補助團體私人情形季報表', views2018: '7472', downloads2018: '1099', publisher: '文化部' })
  })

  it('catalogue-size-per-publisher-2018-2026: both years per agency, joined rows in both, units with their agency', async () => {
    const rows = await run('catalogue-size-per-publisher-2018-2026')
    const byName = (name: string) => rows.find((r) => r.name === name)
    // 文化部: 5 rows of the 2018 fixture, of which 3 (5943, 5945, 5946) are still listed, and no other 2026 dataset
    expect(byName('文化部')).toMatchObject({ datasets2018: '5', datasets2026: '3', change: '-2' })
    const total = (column: 'datasets2018' | 'datasets2026') => rows.reduce((sum, r) => sum + Number(r[column]), 0)
    expect(total('datasets2018')).toBe(103) // every 2018 row, joined or not
    expect(total('datasets2026')).toBe(38) // the 37 rows of the March listing and the export's A17030000J-000020
    expect(rows.map((r) => Number(r.datasets2026))).toEqual([...rows.map((r) => Number(r.datasets2026))].sort((a, b) => b - a))
  })
})
