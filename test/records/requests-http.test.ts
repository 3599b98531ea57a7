/** Dataset requests served like every other record: /request/{id} as HTML, JSON-LD and Turtle; agency pages count them; not in the catalogue. */
import { beforeAll, describe, expect, it } from 'vitest'
import { Parser } from 'n3'
import { BASE } from './fixture-graph.ts'
import { createRecordsApp, type TestApp } from './records-app.ts'
import { DCAT, SCHEMA } from '../../src/vocab/index.ts'

let records: TestApp
beforeAll(async () => {
  records = await createRecordsApp()
})

const get = (path: string, accept: string) => records.app.request(path, { headers: { accept } })

describe('/request/{id}', () => {
  it('answers Turtle with the request, its replies and its link records, in its own graph', async () => {
    const response = await get('/request/96317', 'text/turtle')
    expect(response.status).toBe(200)
    const quads = new Parser({ baseIRI: BASE }).parse(await response.text())
    const request = `${BASE}/request/96317`
    expect(quads.some((q) => q.subject.value === request && q.object.value === `${BASE}/ontology#DatasetRequest`)).toBe(true)
    expect(quads.filter((q) => q.subject.value === request && q.predicate.equals(SCHEMA.suggestedAnswer))).toHaveLength(2)
    expect(quads.some((q) => q.subject.value === `${request}#reply-1` && q.object.value === `${BASE}/law/I0020026`)).toBe(true)
  })

  it('answers JSON-LD with our context keys', async () => {
    const response = await get('/request/97944', 'application/ld+json')
    expect(response.status).toBe(200)
    const body = await response.text()
    expect(body).toContain('"replyDate"')
    expect(body).toContain('2019-01-24T17:29:00+08:00')
    expect(body).toContain('"agencyAnswer"')
  })

  it('answers HTML with the agencies, the replies apart from the boilerplate, the reasons and the laws cited', async () => {
    const response = await get('/request/96317', 'text/html')
    expect(response.status).toBe(200)
    const html = await response.text()
    expect(html).toContain('派發機關')
    expect(html).toContain('經濟部')
    expect(html).toContain('機關答覆')
    expect(html).toContain('平臺營運團隊轉派通知')
    expect(html).toContain('依法限制公開')
    expect(html).toContain('政府資訊公開法')
  })

  it('shows the dataset a reply links on the request’s page, with the method', async () => {
    const html = await (await get('/request/96819', 'text/html')).text()
    expect(html).toContain(`/dataset/58977`)
    expect(html).toContain('https://data.gov.tw/dataset/58977')
  })

  it('answers 404 for a request id the graph does not hold, and the next request still answers', async () => {
    expect((await get('/request/1', 'text/turtle')).status).toBe(404)
    expect((await get('/request/97944', 'text/turtle')).status).toBe(200)
  })
})

describe('an agency’s page', () => {
  it('counts the requests assigned to it, answered and refused', async () => {
    const html = await (await get('/agency/301000000A', 'text/html')).text()
    expect(html).toContain('民眾資料集建議')
    expect(html).toMatch(/受派建議<\/dt><dd>\d+<\/dd>/)
  })
})

describe('the DCAT-AP catalogue', () => {
  it('holds no request', async () => {
    const quads = new Parser({ baseIRI: BASE }).parse(await (await get('/request/97944', 'text/turtle')).text())
    expect(quads.some((q) => q.object.equals(DCAT.Dataset))).toBe(false)
  })
})
