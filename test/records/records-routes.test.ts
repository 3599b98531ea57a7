/** Cool URIs: every IRI the graph mints under BASE_IRI answers; suffixes, negotiation, 404/406, proxies. */
import { beforeAll, describe, expect, it } from 'vitest'
import { Parser } from 'n3'
import { BASE, fixtureNQuads } from './fixture-graph.ts'
import { createRecordsApp, type TestApp } from './records-app.ts'

let records: TestApp
beforeAll(async () => {
  records = await createRecordsApp({ trustProxy: 'true' }) // its 'behind a proxy' tests send X-Forwarded-*
})

const get = (path: string, headers: Record<string, string> = {}) => records.app.request(path, { headers })
const turtle = async (response: Response) => new Parser({ baseIRI: BASE }).parse(await response.text())

/** Every distinct IRI under BASE in the fixture graph, without its fragment (the document that answers for it). */
async function mintedDocuments(): Promise<string[]> {
  const iris = new Set<string>()
  for (const match of (await fixtureNQuads()).matchAll(/<(http:\/\/localhost:8080\/[^>]*)>/g)) iris.add(match[1]!.replace(/#.*$/, ''))
  // The catalogue is served by its own routes (src/http/catalog.ts).
  iris.delete(`${BASE}/catalog`)
  // Each validation document costs a SHACL run: one stands for all here; records-validation.test.ts reads every one.
  const validations = [...iris].filter((iri) => iri.endsWith('/validation')).sort()
  for (const iri of validations.slice(1)) iris.delete(iri)
  return [...iris].sort()
}

describe('every minted IRI answers', () => {
  it('each document IRI of the fixture graph answers 200 with a non-empty Turtle document', async () => {
    const documents = await mintedDocuments()
    expect(documents.length).toBeGreaterThan(500)
    const failures: string[] = []
    for (const iri of documents) {
      const response = await get(iri.slice(BASE.length), { accept: 'text/turtle' })
      if (response.status !== 200) failures.push(`${response.status} ${iri}`)
      else if ((await turtle(response)).length === 0) failures.push(`empty ${iri}`)
    }
    expect(failures).toEqual([])
  })

  it.each([
    ['dataset', '/dataset/87371', 'http://www.w3.org/ns/dcat#Dataset'],
    ['distribution', '/dataset/87371/distribution/1', 'http://www.w3.org/ns/dcat#Distribution'],
    ['agency', '/agency/A41000000G', 'http://www.w3.org/ns/org#Organization'],
    ['agency unit', '/agency/301000000A/unit/%E7%A7%BB%E6%B0%91%E7%BD%B2', 'http://www.w3.org/ns/org#OrganizationalUnit'],
    ['unresolved agency', '/agency/unresolved/%E7%B6%93%E6%BF%9F%E9%83%A8', 'http://xmlns.com/foaf/0.1/Agent'],
    ['change event', '/agency/329000000G/change/A41000000G', 'http://www.w3.org/ns/org#ChangeEvent'],
    ['law', '/law/J0070017', 'http://data.europa.eu/eli/ontology#LegalResource'],
    ['article', '/law/J0070017/article/1', 'http://data.europa.eu/eli/ontology#LegalResourceSubdivision'],
    ['licence', '/license/OGDL-Taiwan-1.0', 'http://purl.org/dc/terms/LicenseDocument'],
    ['scheme', '/scheme/data-level', 'http://www.w3.org/2004/02/skos/core#ConceptScheme'],
    ['concept', '/scheme/data-level/public', 'http://www.w3.org/2004/02/skos/core#Concept'],
    ['catalogue record', '/catalog/record/87371', 'http://www.w3.org/ns/dcat#CatalogRecord'],
    ['ontology', '/ontology', 'http://www.w3.org/2002/07/owl#Ontology'],
  ])('a %s (%s) is typed %s', async (_kind, path, type) => {
    const quads = await turtle(await get(path, { accept: 'text/turtle' }))
    expect(quads.some((q) => q.subject.value === BASE + path && q.object.value === type)).toBe(true)
  })

  it('an IRI the graph points to but describes nowhere answers with the statements pointing to it', async () => {
    // The fixture's agencies cite organic laws outside the fixture's law list.
    const quads = await turtle(await get('/law/A0010012', { accept: 'text/turtle' }))
    expect(quads.some((q) => q.object.value === `${BASE}/law/A0010012` && q.predicate.value === `${BASE}/ontology#organicLaw`)).toBe(true)
  })

  it('a distribution brings its schema fragment and the way back to its dataset', async () => {
    const quads = await turtle(await get('/dataset/87371/distribution/1.ttl'))
    expect(quads.some((q) => q.subject.value === `${BASE}/dataset/87371#schema`)).toBe(true)
    expect(quads.some((q) => q.subject.value === `${BASE}/dataset/87371` && q.object.value === `${BASE}/dataset/87371/distribution/1`)).toBe(true)
  })

  it('a dataset document carries a summary of its publisher (names from the agency record)', async () => {
    const quads = await turtle(await get('/dataset/87371.ttl'))
    const publisher = quads.find((q) => q.predicate.value === 'http://purl.org/dc/terms/publisher')!.object.value
    expect(quads.some((q) => q.subject.value === publisher && q.predicate.value === 'http://xmlns.com/foaf/0.1/name')).toBe(true)
  })

  it('/shapes serves our profile and /shapes/{profile} the official shapes', async () => {
    const ours = await turtle(await get('/shapes', { accept: 'text/turtle' }))
    expect(ours.some((q) => q.object.value === 'http://www.w3.org/ns/shacl#NodeShape')).toBe(true)
    expect((await get('/shapes/dcat-ap-3.0.1.ttl')).status).toBe(200)
    expect((await get('/shapes/no-such-profile')).status).toBe(404)
  })
})

describe('paths', () => {
  it('a lowercase or raw-UTF-8 percent-encoding finds the same record as the minted one', async () => {
    const minted = await get('/agency/unresolved/%E7%B6%93%E6%BF%9F%E9%83%A8.nt')
    const lower = await get('/agency/unresolved/%e7%b6%93%e6%bf%9f%e9%83%a8.nt')
    expect(minted.status).toBe(200)
    expect(await lower.text()).toBe(await minted.text())
  })

  it('an unknown id is 404 problem+json naming the path', async () => {
    const response = await get('/dataset/no-such-dataset')
    expect(response.status).toBe(404)
    expect(response.headers.get('content-type')).toBe('application/problem+json')
    expect((await response.json()).detail).toContain('/dataset/no-such-dataset')
  })

  it('broken percent-encoding is 404, not a crash', async () => {
    expect((await get('/dataset/%E0%A4%A')).status).toBe(404)
  })
})

describe('formats', () => {
  it.each([
    ['.jsonld', 'application/ld+json'],
    ['.ttl', 'text/turtle; charset=utf-8'],
    ['.nt', 'application/n-triples; charset=utf-8'],
    ['.rdf', 'application/rdf+xml; charset=utf-8'],
    ['.html', 'text/html; charset=utf-8'],
  ])('the suffix %s gives %s whatever Accept says', async (suffix, type) => {
    const response = await get(`/dataset/87371${suffix}`, { accept: 'image/png' })
    expect(response.status).toBe(200)
    expect(response.headers.get('content-type')).toBe(type)
  })

  it.each([
    ['text/turtle', 'text/turtle; charset=utf-8'],
    ['application/ld+json', 'application/ld+json'],
    ['application/json', 'application/ld+json'],
    ['application/n-triples', 'application/n-triples; charset=utf-8'],
    ['application/rdf+xml', 'application/rdf+xml; charset=utf-8'],
    ['*/*', 'application/ld+json'],
    ['text/html,application/xhtml+xml,application/xml;q=0.9,*/*;q=0.8', 'text/html; charset=utf-8'],
    ['text/turtle;q=0.5, application/ld+json;q=0.9', 'application/ld+json'],
  ])('Accept %s gives %s', async (accept, type) => {
    const response = await get('/dataset/87371', { accept })
    expect(response.headers.get('content-type')).toBe(type)
    expect(response.headers.get('vary')).toContain('Accept')
    expect(response.headers.get('content-location')).toMatch(/\/dataset\/87371\.(jsonld|ttl|nt|rdf|html)$/)
  })

  it('no Accept header gives JSON-LD', async () => {
    expect((await get('/dataset/87371')).headers.get('content-type')).toBe('application/ld+json')
  })

  it('an unsupported type is 406 naming every type offered', async () => {
    const response = await get('/dataset/87371', { accept: 'image/png' })
    expect(response.status).toBe(406)
    const problem = await response.json()
    expect(problem.offered).toEqual(['text/html', 'application/ld+json', 'text/turtle', 'application/n-triples', 'application/rdf+xml'])
  })
})

describe('behind a proxy', () => {
  const proxied = { 'x-forwarded-proto': 'https', 'x-forwarded-host': 'data.example.tw', accept: 'application/ld+json' }

  it('links we write (Link, Content-Location, @context) use the forwarded origin', async () => {
    const response = await get('/dataset/87371', proxied)
    expect(response.headers.get('content-location')).toBe('https://data.example.tw/dataset/87371.jsonld')
    expect(response.headers.get('link')).toContain('<https://data.example.tw/dataset/87371.ttl>; rel="alternate"')
    expect((await response.json())['@context']).toBe('https://data.example.tw/context/1.jsonld')
  })

  it('the IRIs of the graph stay BASE_IRI (identifiers are not rewritten), and rel=canonical says so', async () => {
    const response = await get('/dataset/87371', proxied)
    expect(response.headers.get('link')).toContain(`<${BASE}/dataset/87371>; rel="canonical"`)
    expect((await response.json()).id).toBe(`${BASE}/dataset/87371`)
  })

  it('HTML links to our records go through the proxy', async () => {
    const page = await (await get('/dataset/87371', { ...proxied, accept: 'text/html' })).text()
    expect(page).toContain('href="https://data.example.tw/agency/')
    expect(page).not.toContain(`href="${BASE}/agency/`)
  })

  it('a forwarded host that is not a host name is ignored', async () => {
    const response = await get('/dataset/87371', { ...proxied, 'x-forwarded-host': 'evil"><script>' })
    expect(response.headers.get('content-location')).toMatch(/^https:\/\/localhost\//)
  })
})
