/**
 * The dataset-request queries of queries/ on the fixture graph (test/queries/fixture-graph.ts), whose requests are the
 * 17 crawled rows and 18 agency rows of test/fixtures/requests: 經濟部 was assigned 7 of them (5 answered; 4 quote the
 * date they were made, 6, 10, 20 and 365 days before the reply), 96317 refuses citing 政府資訊公開法, 79192 citing
 * 個人資料保護法, and 96819 and 93230 link a dataset page.
 */
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

describe('dataset-request queries', () => {
  it('requests-reply-rate-per-agency: 經濟部 first, 5 of 7 answered (71.4 %), median 10 days over the 4 quoted dates', async () => {
    const rows = await run('requests-reply-rate-per-agency')
    expect(rows[0]).toMatchObject({ agencyCode: '313000000G', name: '經濟部', requests: '7', answered: '5', replyRate: '71.4', withDays: '4', medianDaysToReply: '10' })
    const transport = rows.find((row) => row.name === '交通部')!
    expect(transport).toMatchObject({ requests: '4', answered: '1' })
    expect(transport.medianDaysToReply).toBeUndefined()
  })

  it('requests-reply-rate-per-agency: 法務部 signed replies to 2 requests whose status says 未回復 or nothing', async () => {
    const rows = await run('requests-reply-rate-per-agency')
    expect(rows.find((row) => row.name === '法務部')).toMatchObject({ requests: '3', answered: '0', signed: '2' })
  })

  it('requests-refusals-by-reason-and-law: every reason with its count, then 個人資料保護法 and 政府資訊公開法 among the refusals', async () => {
    const rows = await run('requests-refusals-by-reason-and-law')
    const byReason = Object.fromEntries(rows.filter((row) => row.reason).map((row) => [row.reason!.slice(`${B}/scheme/refusal-reason/`.length), row.requests]))
    expect(byReason['legally-restricted']).toBe('1')
    expect(byReason['personal-data']).toBeDefined()
    const byLaw = Object.fromEntries(rows.filter((row) => row.law).map((row) => [row.lawTitle, row.requests]))
    expect(byLaw).toMatchObject({ 個人資料保護法: '2', 政府資訊公開法: '1' })
    expect(rows.findIndex((row) => row.law)).toBe(rows.filter((row) => row.reason).length)
  })

  it('requests-answered-by-datasets: the two requests whose replies link a dataset page, with the URL as evidence', async () => {
    const rows = await run('requests-answered-by-datasets')
    expect(rows.map((row) => [row.request!.slice(B.length), row.dataset!.slice(B.length), row.method])).toEqual([
      ['/request/96819', '/dataset/58977', 'reply-links-dataset'],
      ['/request/93230', '/dataset/94192', 'reply-links-dataset'],
    ])
    expect(rows[0]).toMatchObject({ evidence: 'https://data.gov.tw/dataset/58977', replyDate: '2019-01-04T17:52:00+08:00' })
  })

  it('most-requested-agencies: 經濟部 first with 7 of the 16 assigned requests, 5 of them to 經濟部 alone', async () => {
    const rows = await run('most-requested-agencies')
    expect(rows[0]).toMatchObject({ name: '經濟部', requests: '7', sharePercent: '43.8', soleAssignee: '5', answered: '5' })
    expect(Number(rows[1]!.requests)).toBeLessThanOrEqual(7)
  })
})
