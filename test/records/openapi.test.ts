/** The OpenAPI 3.1 document says what the routes do: every reference resolves, every parameter and limit is the real one. */
import { beforeAll, describe, expect, it } from 'vitest'
import { AGENCY_PARAMETERS, DATASET_PARAMETERS, LAW_PARAMETERS } from '../../src/http/search.ts'
import { RECORD_PATTERNS } from '../../src/http/records.ts'
import { openApiPath } from '../../src/http/openapi-document.ts'
import { MAX_PAGE_SIZE } from '../../src/http/search-request.ts'
import { createRecordsApp, type TestApp } from './records-app.ts'

let records: TestApp
let document: Record<string, any>
beforeAll(async () => {
  records = await createRecordsApp({ trustProxy: 'true' })
  document = await (await records.app.request('/openapi.json', { headers: { 'x-forwarded-proto': 'https', 'x-forwarded-host': 'data.example.tw' } })).json()
})

const resolve = (ref: string) => ref.replace(/^#\//, '').split('/').reduce((node: any, key) => node?.[key], document)
const parametersOf = (path: string) => (document.paths[path].get.parameters as any[]).map((p) => (p.$ref ? resolve(p.$ref) : p))

describe('/openapi.json', () => {
  it('is OpenAPI 3.1 with the JSON Schema dialect and the public origin as server', () => {
    expect(document.openapi).toBe('3.1.0')
    expect(document.jsonSchemaDialect).toBe('https://spec.openapis.org/oas/3.1/dialect/base')
    expect(document.servers).toEqual([{ url: 'https://data.example.tw' }])
  })

  it('every $ref resolves', () => {
    const refs: string[] = []
    const walk = (node: unknown) => {
      if (Array.isArray(node)) node.forEach(walk)
      else if (node && typeof node === 'object') for (const [key, value] of Object.entries(node)) key === '$ref' ? refs.push(value as string) : walk(value)
    }
    walk(document)
    expect(refs.length).toBeGreaterThan(10)
    expect(refs.filter((ref) => resolve(ref) === undefined)).toEqual([])
  })

  it.each([
    ['/api/datasets', DATASET_PARAMETERS], ['/api/agencies', AGENCY_PARAMETERS], ['/api/laws', LAW_PARAMETERS],
  ])('%s lists exactly the parameters the route accepts', (path, allowed) => {
    expect(parametersOf(path).map((p) => p.name).sort()).toEqual([...allowed].sort())
  })

  it('page_size states the real maximum', () => {
    expect(parametersOf('/api/datasets').find((p) => p.name === 'page_size').schema.maximum).toBe(MAX_PAGE_SIZE)
  })

  it('every record route is described, with its path parameters', () => {
    for (const pattern of RECORD_PATTERNS) {
      const path = openApiPath(pattern)
      expect(document.paths[path], path).toBeDefined()
      const names = parametersOf(path).filter((p) => p.in === 'path').map((p) => p.name)
      expect(names).toEqual([...path.matchAll(/\{(\w+)\}/g)].map((m) => m[1]))
    }
  })

  it('/api-docs is a page generated from it, with no external script or style', async () => {
    const page = await (await records.app.request('/api-docs')).text()
    expect(page).toContain('/api/datasets')
    expect(page).not.toMatch(/<script[^>]+src=|<link[^>]+stylesheet[^>]+https?:/)
  })
})
