/** `/api/requests`: the dataset-request search over the fixture graph, its facets, filters and refusals of bad input. */
import { beforeAll, describe, expect, it } from 'vitest'
import { BASE } from './fixture-graph.ts'
import { createRecordsApp, type TestApp } from './records-app.ts'

let records: TestApp
beforeAll(async () => {
  records = await createRecordsApp()
})

const search = async (query: string) => {
  const response = await records.app.request(`/api/requests${query}`, { headers: { accept: 'application/ld+json' } })
  return { status: response.status, body: await response.json() as Record<string, any> }
}
const ids = (body: Record<string, any>) => (body.member as { identifier: string }[]).map((m) => m.identifier).sort()

describe('/api/requests', () => {
  it('lists every request with facets by agency, status, reason and year', async () => {
    const { status, body } = await search('?page_size=100')
    expect(status).toBe(200)
    expect(body.totalItems).toBe(18)
    expect(Object.keys(body.facets).sort()).toEqual(['agency', 'reason', 'status', 'year'])
    expect(body.facets.status.find((f: { value: string }) => f.value === 'answered').label).toBe('已回復')
  })

  it('finds a request by Chinese n-grams of its title, 台 and 臺 alike', async () => {
    expect(ids((await search('?q=台灣證券交易所')).body)).toContain('97944')
    expect(ids((await search('?q=財團法人')).body)).toEqual(['93230'])
  })

  it('filters by refusal reason', async () => {
    const { body } = await search('?reason=legally-restricted')
    expect(ids(body)).toContain('96317')
    expect(body.member.every((m: { refusalReason: string[] }) => m.refusalReason.includes(`${BASE}/scheme/refusal-reason/legally-restricted`))).toBe(true)
  })

  it('filters by assigned agency code and by status', async () => {
    const { body } = await search('?agency=301000000A')
    expect(body.totalItems).toBe(3)
    for (const member of body.member) expect(member.assignedTo).toContain(`${BASE}/agency/301000000A`)
    const answered = (await search('?status=answered&page_size=100')).body
    expect(answered.totalItems).toBeGreaterThan(5)
    for (const member of answered.member) expect(member.status).toBe(`${BASE}/scheme/request-status/answered`)
    expect((await search('?agency=301000000A&status=answered')).body.totalItems).toBe(0)
  })

  it('filters by year', async () => {
    const { body } = await search('?year=2019')
    expect(ids(body)).toContain('97944')
    expect(ids(body)).not.toContain('10232')
  })

  it.each([['?status=refused', 'status'], ['?reason=maybe', 'reason'], ['?year=19', 'year'], ['?colour=red', 'colour']])('refuses %s with 400 naming %s, and the next search still answers', async (query, name) => {
    const { status, body } = await search(query)
    expect(status).toBe(400)
    expect(JSON.stringify(body)).toContain(name)
    expect((await search('')).status).toBe(200)
  })
})

describe('/api/requests after writes', () => {
  it('finds a request written after the first search, with its facets, and forgets it once deleted', async () => {
    const unicorn = encodeURIComponent('獨角獸')
    expect((await search(`?q=${unicorn}`)).body.totalItems).toBe(0)
    const iri = `${BASE}/request/999999`
    const ogd = `${BASE}/ontology#`
    await records.store.replaceGraphs([iri], [
      `<${iri}> <http://www.w3.org/1999/02/22-rdf-syntax-ns#type> <${ogd}DatasetRequest> <${iri}> .`,
      `<${iri}> <http://purl.org/dc/terms/title> "請開放獨角獸目擊紀錄"@zh-hant <${iri}> .`,
      `<${iri}> <http://purl.org/dc/terms/identifier> "999999" <${iri}> .`,
      `<${iri}> <http://www.w3.org/ns/adms#status> <${BASE}/scheme/request-status/unanswered> <${iri}> .`,
    ].join('\n') + '\n')
    const found = (await search(`?q=${unicorn}&status=unanswered`)).body
    expect(ids(found)).toEqual(['999999'])
    await records.store.replaceGraphs([iri], '')
    expect((await search(`?q=${unicorn}`)).body.totalItems).toBe(0)
  })
})

describe('the dashboard', () => {
  it('shows requests per year, the reasons given, and reply rate and median days to reply per agency', async () => {
    const response = await records.app.request('/dashboard', { headers: { accept: 'text/html' } })
    expect(response.status).toBe(200)
    const html = await response.text()
    expect(html).toContain('每年民眾資料集建議數')
    expect(html).toContain('回復所述之不開放理由')
    expect(html).toContain('依法限制公開')
    expect(html).toMatch(/回復日數中位數/)
    expect(html).toContain('共 18 件建議')
  })
})

describe('lowerMedian', () => {
  it.each([[[], undefined], [[5], 5], [[6, 10, 20, 365], 10], [[20, 6, 10], 10]] as const)('of %j is %s', async (values, median) => {
    const { lowerMedian } = await import('../../src/records/request-stats.ts')
    expect(lowerMedian(values)).toBe(median)
  })
})

describe('the OpenAPI document', () => {
  it('describes /api/requests with its filters and /request/{id}', async () => {
    const document = await (await records.app.request('/openapi.json')).json() as { paths: Record<string, any>; components: { schemas: Record<string, unknown> } }
    const names = (document.paths['/api/requests'].get.parameters as { name?: string; $ref?: string }[]).map((p) => p.name ?? p.$ref)
    expect(names).toEqual(expect.arrayContaining(['agency', 'status', 'reason', 'year']))
    expect(document.paths['/request/{id}']).toBeDefined()
    expect(document.components.schemas.RequestMember).toBeDefined()
  })
})
