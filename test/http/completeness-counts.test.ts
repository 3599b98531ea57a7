/**
 * Wherever the dataset count appears (home page, dashboard, /api/datasets) it says how many are complete — the
 * records the DCAT-AP catalogue lists — and what the others are, with numbers that agree with /catalog.
 */
import { beforeAll, describe, expect, it } from 'vitest'
import type { Hono } from 'hono'
import { createInProcessStore } from '../../src/store/in-process.ts'
import { BASE, fixtureNQuads } from '../records/fixture-graph.ts'
import { buildApp } from './support.ts'

let app: Hono
let inCatalogue: number
let all: number
beforeAll(async () => {
  app = buildApp({ store: createInProcessStore({ nquads: await fixtureNQuads() }), env: { BASE_IRI: BASE } }) as unknown as Hono
  const page = await (await app.request('/catalog.nt?page_size=1')).text()
  inCatalogue = Number(/hydra\/core#totalItems> "(\d+)"/.exec(page)![1])
  all = (await (await app.request('/api/datasets')).json()).totalItems
})

describe('complete and partial counts', () => {
  it('the fixture has both kinds', () => {
    expect(inCatalogue).toBeGreaterThan(0)
    expect(all).toBeGreaterThan(inCatalogue)
  })

  it('/api/datasets counts complete and partial records in its status facet, and filters by it', async () => {
    const body = await (await app.request('/api/datasets')).json()
    const counts = Object.fromEntries(body.facets.status.map((value: { value: string; count: number }) => [value.value.replace(/^.*\//, ''), value.count]))
    expect(counts).toEqual({ complete: inCatalogue, partial: all - inCatalogue })
    expect((await (await app.request('/api/datasets?status=complete')).json()).totalItems).toBe(inCatalogue)
    expect((await (await app.request('/api/datasets?status=partial')).json()).totalItems).toBe(all - inCatalogue)
    expect((await app.request('/api/datasets?status=finished')).status).toBe(400)
  })

  it.each([['/', 'zh'], ['/?lang=en', 'en'], ['/dashboard', 'zh'], ['/dashboard?lang=en', 'en']])('%s says how many of the datasets are in the catalogue', async (path, language) => {
    const page = await (await app.request(path, { headers: { accept: 'text/html' } })).text()
    const text = page.replace(/<[^>]+>/g, '')
    if (language === 'en') expect(text).toContain(`${all.toLocaleString('en')} datasets, of which ${inCatalogue.toLocaleString('en')} complete records are in the DCAT-AP catalogue`)
    else expect(text).toContain(`共 ${all.toLocaleString('en')} 筆資料集，其中 ${inCatalogue.toLocaleString('en')} 筆詮釋資料完整`)
  })
})
