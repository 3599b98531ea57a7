/** The search API: Chinese full text with variants folded, filters, facets, Hydra paging, limits, freshness. */
import { beforeAll, describe, expect, it } from 'vitest'
import jsonld from 'jsonld'
import { foldText, tokenize } from '../../src/records/search-fold.ts'
import { createLocalDocumentLoader } from '../../src/serialize/jsonld-loader.ts'
import { BASE } from './fixture-graph.ts'
import { createRecordsApp, type TestApp } from './records-app.ts'

let records: TestApp
beforeAll(async () => {
  records = await createRecordsApp()
})

const search = async (query: string, headers: Record<string, string> = {}) => {
  const response = await records.app.request(`/api/datasets?${query}`, { headers })
  return { response, body: response.status === 200 ? await response.json() : await response.json() }
}
const ids = (body: { member: { id: string }[] }) => body.member.map((member) => member.id.replace(`${BASE}/dataset/`, ''))

describe('folding and tokens', () => {
  it.each([
    ['臺北', '台北'], ['ＡＰＩ', 'api'], ['１２３', '123'], ['\uF9C1', '療'], ['啓用', '啟用'],
  ])('%s folds to %s', (text, folded) => {
    expect(foldText(text)).toBe(folded)
  })

  it('CJK runs give bigrams, Latin runs words, a lone character stays alone', () => {
    expect(tokenize('臺北市 API 水')).toEqual({ terms: ['台北', '北市', 'api'], lone: ['水'] })
  })
})

describe('full text', () => {
  it('臺 and 台 find the same datasets', async () => {
    const traditional = await search('q=臺中')
    const common = await search('q=台中')
    expect(ids(traditional.body)).toContain('176941')
    expect(ids(common.body)).toEqual(ids(traditional.body))
  })

  it('full-width letters find half-width text', async () => {
    expect(ids((await search(`q=${encodeURIComponent('ＳＲＩ')}`)).body)).toEqual(['A17030000J-000020'])
  })

  it('a query typed without spaces still finds a title with the words apart', async () => {
    expect(ids((await search(`q=${encodeURIComponent('臺中市外送員')}`)).body)).toContain('176941')
  })

  it('a single character matches the bigrams holding it', async () => {
    expect(ids((await search(`q=${encodeURIComponent('鐵')}`)).body)).toContain('38129')
  })

  it('title matches rank before description-only matches', async () => {
    const body = (await search(`q=${encodeURIComponent('預算')}&page_size=100`)).body
    const inTitle = body.member.map((m: { title: Record<string, string> }) => Object.values(m.title).join('').includes('預算'))
    expect(inTitle[0]).toBe(true)
    expect(inTitle.indexOf(false) === -1 || inTitle.lastIndexOf(true) < inTitle.indexOf(false)).toBe(true)
  })
})

describe('filters and facets', () => {
  it('filtering by a facet value gives as many results as the facet counted', async () => {
    const all = (await search('page_size=1')).body
    const format = all.facets.format[0]
    const filtered = await (await records.app.request(format.search.replace('http://localhost', '') + '&page_size=1')).json()
    expect(filtered.totalItems).toBe(format.count)
  })

  it('format and licence take a short code', async () => {
    const csv = (await search('format=csv')).body
    const iri = (await search('format=http%3A%2F%2Fpublications.europa.eu%2Fresource%2Fauthority%2Ffile-type%2FCSV')).body
    expect(csv.totalItems).toBeGreaterThan(0)
    expect(csv.totalItems).toBe(iri.totalItems)
    expect((await search('license=OGDL-Taiwan-1.0')).body.totalItems).toBeGreaterThan(0)
  })

  it('issued_after and issued_before bound dct:issued (after inclusive, before exclusive, Taiwan time)', async () => {
    const all = (await search('page_size=100')).body.member as { issued?: string }[]
    const expected = all.filter((m) => typeof m.issued === 'string' && Date.parse(m.issued) >= Date.parse('2020-01-01T00:00:00+08:00') && Date.parse(m.issued) < Date.parse('2024-01-01T00:00:00+08:00')).length
    expect((await search('issued_after=2020&issued_before=2024-01-01&page_size=100')).body.totalItems).toBe(expected)
  })

  it('publisher takes an agency code', async () => {
    const body = (await search('publisher=A41000000G')).body
    expect(body.member.every((m: { publisher: { id: string } }) => m.publisher.id === `${BASE}/agency/A41000000G`)).toBe(true)
  })
})

describe('Hydra paging', () => {
  it('pages link first, next and last, in the body and in Link', async () => {
    const { response, body } = await search('page_size=5')
    expect(body.type).toBe('Collection')
    expect(body.view.next).toContain('page=2&page_size=5')
    expect(response.headers.get('link')).toContain('rel="next"')
    const last = Math.ceil(body.totalItems / 5)
    expect(body.view.last).toContain(`page=${last}&`)
  })

  it('the union of all pages is every result once', async () => {
    const first = (await search('page_size=40')).body
    const seen: string[] = []
    for (let page = 1; page <= Math.ceil(first.totalItems / 40); page++) seen.push(...ids((await search(`page_size=40&page=${page}`)).body))
    expect(seen.length).toBe(first.totalItems)
    expect(new Set(seen).size).toBe(seen.length)
  })

  it('is JSON-LD: hydra terms and the facets (one JSON literal) expand with our context', async () => {
    const body = (await search('page_size=2')).body
    const context = await (await records.app.request('/context/1.jsonld')).json()
    const expanded = await jsonld.expand(body, { documentLoader: createLocalDocumentLoader({ 'http://localhost/context/1.jsonld': context }) as never })
    const node = expanded[0] as Record<string, unknown[]>
    expect(node['http://www.w3.org/ns/hydra/core#totalItems']).toBeDefined()
    expect((node[`${BASE}/ontology#facets`]![0] as { '@type': string })['@type']).toBe('@json')
  })
})

describe('limits and errors', () => {
  it('page_size over the maximum is 400 naming the maximum', async () => {
    const { response, body } = await search('page_size=101')
    expect(response.status).toBe(400)
    expect(body.detail).toContain('100')
    expect(body.maximum).toBe(100)
  })

  it('an unknown parameter is 400 listing the known ones', async () => {
    const { response, body } = await search('qq=x')
    expect(response.status).toBe(400)
    expect(body.allowed).toContain('q')
  })

  it('a repeated parameter is 400', async () => {
    expect((await search('q=a&q=b')).response.status).toBe(400)
  })

  it('a bad date is 400 naming the parameter', async () => {
    const { response, body } = await search('issued_after=yesterday')
    expect(response.status).toBe(400)
    expect(body.parameter).toBe('issued_after')
  })

  it('Accept without JSON is 406', async () => {
    expect((await search('q=x', { accept: 'text/csv' })).response.status).toBe(406)
  })

  it('the next ordinary request works after a refused one', async () => {
    await search('page_size=100000')
    expect((await search('page_size=1')).response.status).toBe(200)
  })
})

describe('agencies and laws', () => {
  it('/api/agencies finds an agency by a part of its name, the agency itself first', async () => {
    const body = await (await records.app.request(`/api/agencies?q=${encodeURIComponent('國家發展')}`)).json()
    expect(body.member[0].id).toBe(`${BASE}/agency/A41000000G`)
    expect(body.facets.level.length).toBeGreaterThan(0)
  })

  it('/api/laws finds 著作權法 and filters by status', async () => {
    const body = await (await records.app.request(`/api/laws?q=${encodeURIComponent('著作權')}&status=in-force`)).json()
    expect(body.member.map((m: { id: string }) => m.id)).toContain(`${BASE}/law/J0070017`)
  })

  it('an unknown status is 400 naming the choices', async () => {
    const response = await records.app.request('/api/laws?status=maybe')
    expect(response.status).toBe(400)
    expect((await response.json()).allowed).toEqual(['in-force', 'not-in-force'])
  })
})

describe('the index follows the store', () => {
  it('a dataset written after the first search is found; a deleted one is gone', async () => {
    expect((await search(`q=${encodeURIComponent('獨角獸')}`)).body.totalItems).toBe(0)
    const iri = `${BASE}/dataset/unicorn`
    await records.store.replaceGraphs([iri], [
      `<${iri}> <http://www.w3.org/1999/02/22-rdf-syntax-ns#type> <http://www.w3.org/ns/dcat#Dataset> <${iri}> .`,
      `<${iri}> <http://purl.org/dc/terms/title> "獨角獸目擊紀錄"@zh-hant <${iri}> .`,
    ].join('\n') + '\n')
    expect(ids((await search(`q=${encodeURIComponent('獨角獸')}`)).body)).toEqual(['unicorn'])
    await records.store.replaceGraphs([iri], '')
    expect((await search(`q=${encodeURIComponent('獨角獸')}`)).body.totalItems).toBe(0)
  })
})
