/** The IRIs of today's catalogue over HTTP: 2018 IRIs of joined rows answer 301, new agencies and sources resolve. */
import { Writer } from 'n3'
import { beforeAll, describe, expect, it } from 'vitest'
import { mintListingId } from '../../src/sources/datagovtw-listing-2018.ts'
import { createRecordsApp, type TestApp } from '../records/records-app.ts'
import { buildCatalogue } from './catalogue-fixture.ts'

let t: TestApp
let unjoined: string
beforeAll(async () => {
  const { quads } = buildCatalogue()
  t = await createRecordsApp({ nquads: new Writer({ format: 'N-Quads' }).quadsToString(quads) })
  unjoined = quads.find((q) => q.predicate.value.endsWith('ontology#inCurrentListing'))!.subject.value
})

const joined = `/dataset/${mintListingId('文化部', '蒙藏補助團體私人情形季報表', '2013/03/18')}`

describe('2018 listing IRIs', () => {
  it('answers 301 to the current record for a row joined to a 2026 id', async () => {
    const response = await t.app.request(joined, { headers: { Accept: 'text/turtle' } })
    expect(response.status).toBe(301)
    expect(response.headers.get('Location')).toBe('http://localhost/dataset/5943')
  })

  it('keeps the form asked for by suffix', async () => {
    const response = await t.app.request(`${joined}.ttl`)
    expect(response.status).toBe(301)
    expect(response.headers.get('Location')).toBe('http://localhost/dataset/5943.ttl')
  })

  it('leads to the current record, which carries the 2018 views', async () => {
    const response = await t.app.request('/dataset/5943.nt')
    expect(response.status).toBe(200)
    const body = await response.text()
    expect(body).toContain('"7472"^^<http://www.w3.org/2001/XMLSchema#integer>')
    expect(body).toContain('/provenance/source/listing-2026-03>')
  })

  it('still serves a row that joined nothing, marked not in the 2026 listing', async () => {
    const response = await t.app.request(`${new URL(unjoined).pathname}.nt`)
    expect(response.status).toBe(200)
    expect(await response.text()).toContain('inCurrentListing> "false"^^<http://www.w3.org/2001/XMLSchema#boolean>')
  })
})

describe('new IRIs of the merged catalogue', () => {
  it.each([
    `/agency/uncoded/${encodeURIComponent('環境部')}`,
    '/provenance/source/listing-2026-03',
    '/provenance/activity/export-2026-06',
  ])('%s is dereferenceable', async (path) => {
    const response = await t.app.request(`${path}.ttl`)
    expect(response.status, path).toBe(200)
    expect(await response.text()).toContain('@prefix')
  })
})
