/** Catalogue pages as DCAT-AP documents: the official shapes, self-contained pages, profiles and formats. */
import { describe, expect, it } from 'vitest'
import jsonld from 'jsonld'
import oxigraph from 'oxigraph'
import { fileURLToPath } from 'node:url'
import type { Quad } from 'n3'
import { validateQuads } from '../../src/validate/validate.ts'
import { createLocalDocumentLoader } from '../../src/serialize/jsonld-loader.ts'
import { DCAT, DCATAP, DCT, ELI, FOAF, RDF, SKOS } from '../../src/vocab/index.ts'
import { BASE, createCatalogApp } from './catalog-app.ts'
import { createInProcessStore } from '../../src/store/in-process.ts'
import { createFixtureStore, fixtureNQuads } from './memory-store.ts'
import { getPage, parseNTriples, walk } from './walk.ts'

const SHAPES = fileURLToPath(new URL('../../shapes', import.meta.url))
const violations = async (quads: Quad[], profile: 'dcat-ap-3.0.1' | 'dcat-ap-2.1.1') =>
  (await validateQuads(quads, { shapesDir: SHAPES, profile })).issues
    .filter((issue) => issue.severity === 'Violation')
    .map((issue) => `${issue.focusNode} ${issue.path ?? ''} ${issue.message.en}`)

const has = (quads: Quad[], s: string, p: { value: string }, o: string) =>
  quads.some((q) => q.subject.value === s && q.predicate.value === p.value && q.object.value === o)

describe('catalogue pages against the official shapes', () => {
  it('the union of all pages has zero violations of the DCAT-AP 3.0.1 shapes', async () => {
    const pages = await walk(createCatalogApp(createFixtureStore(), { pageSize: 2 }), '/catalog')
    expect(pages.length).toBe(3)
    expect(await violations(pages.flatMap((p) => p.quads), 'dcat-ap-3.0.1')).toEqual([])
  })

  it('has zero violations over the project\'s in-process store too (no generation number: refreshed by age)', async () => {
    const store = createInProcessStore({ nquads: fixtureNQuads() })
    const pages = await walk(createCatalogApp(store, { pageSize: 4 }), '/catalog')
    expect(pages.flatMap((p) => p.listed)).toHaveLength(6)
    expect(await violations(pages.flatMap((p) => p.quads), 'dcat-ap-3.0.1')).toEqual([])
  })

  it('every page alone has zero violations (each page is self-contained)', async () => {
    const pages = await walk(createCatalogApp(createFixtureStore(), { pageSize: 2 }), '/catalog')
    for (const page of pages) expect(await violations(page.quads, 'dcat-ap-3.0.1'), page.url).toEqual([])
  })

  it('the 2.1.1 profile has zero violations of the DCAT-AP 2.1.1 shapes', async () => {
    const pages = await walk(createCatalogApp(createFixtureStore(), { pageSize: 2 }), '/catalog?profile=dcat-ap-2.1.1')
    expect(await violations(pages.flatMap((p) => p.quads), 'dcat-ap-2.1.1')).toEqual([])
  })

  it('the 2.1.1 profile drops dcatap:applicableLegislation and the law only it pointed to', async () => {
    const app = createCatalogApp(createFixtureStore())
    const v3 = await getPage(app, '/catalog')
    const v2 = await getPage(app, '/catalog', { headers: { 'accept-profile': '<https://semiceu.github.io/DCAT-AP/releases/2.1.1>' } })
    expect(v3.quads.some((q) => q.predicate.equals(DCATAP.applicableLegislation))).toBe(true)
    expect(v2.quads.some((q) => q.predicate.equals(DCATAP.applicableLegislation))).toBe(false)
    expect(v2.quads.some((q) => q.object.equals(ELI.LegalResource))).toBe(false)
  })
})

describe('what a page holds', () => {
  it('lists complete records only, with their records and services, and never the partial one', async () => {
    const page = await getPage(createCatalogApp(createFixtureStore()), '/catalog')
    const catalog = `${BASE}/catalog`
    expect(page.listed).toEqual(['1001', '1002', '1003', '1004', '1005', '1006'].map((id) => `${BASE}/dataset/${id}`))
    expect(has(page.quads, catalog, DCAT.record, `${BASE}/catalog/record/1003`)).toBe(true)
    expect(has(page.quads, catalog, DCAT.service, `${BASE}/dataset/1003/service`)).toBe(true)
    expect(page.quads.some((q) => q.subject.value === `${BASE}/dataset/2001`)).toBe(false)
  })

  it('describes publishers, licences and EU concepts as the range and codelist shapes expect', async () => {
    const { quads } = await getPage(createCatalogApp(createFixtureStore()), '/catalog')
    const agency = `${BASE}/agency/A09050000E`
    expect(has(quads, agency, RDF.type, FOAF.Agent.value)).toBe(true)
    expect(quads.some((q) => q.subject.value === agency && q.predicate.equals(FOAF.name))).toBe(true)
    expect(has(quads, `${BASE}/license/OGDL-Taiwan-1.0`, RDF.type, DCT.LicenseDocument.value)).toBe(true)
    const annual = 'http://publications.europa.eu/resource/authority/frequency/ANNUAL'
    expect(has(quads, annual, RDF.type, DCT.Frequency.value)).toBe(true)
    expect(has(quads, annual, SKOS.inScheme, 'http://publications.europa.eu/resource/authority/frequency')).toBe(true)
    expect(has(quads, 'http://publications.europa.eu/resource/authority/language/ZHO', RDF.type, DCT.LinguisticSystem.value)).toBe(true)
  })

  it('does not describe the parent agency an agency points to (only what the page needs)', async () => {
    const { quads } = await getPage(createCatalogApp(createFixtureStore()), '/catalog')
    expect(quads.some((q) => q.object.value === `${BASE}/agency/A00000000A`)).toBe(false)
  })

  it('does not type a dataset of another page that a record points to (dct:relation)', async () => {
    const { quads } = await getPage(createCatalogApp(createFixtureStore(), { pageSize: 1 }), '/catalog?page=5')
    expect(has(quads, `${BASE}/dataset/1005`, DCT.relation, `${BASE}/dataset/1006`)).toBe(true)
    expect(quads.some((q) => q.subject.value === `${BASE}/dataset/1006` && q.predicate.equals(RDF.type))).toBe(false)
  })
})

describe('profile negotiation', () => {
  const contentProfile = async (init: RequestInit, query = '') =>
    (await createCatalogApp(createFixtureStore()).request(`/catalog${query}`, init)).headers.get('content-profile')
  const V3 = '<https://semiceu.github.io/DCAT-AP/releases/3.0.1>'
  const V2 = '<https://semiceu.github.io/DCAT-AP/releases/2.1.1>'

  it('answers DCAT-AP 3.0.1 by default and says so in Content-Profile', async () => {
    expect(await contentProfile({})).toBe(V3)
  })

  it('answers 2.1.1 for Accept-Profile naming its IRI', async () => {
    expect(await contentProfile({ headers: { 'accept-profile': V2 } })).toBe(V2)
  })

  it('picks the highest q among the profiles in Accept-Profile', async () => {
    expect(await contentProfile({ headers: { 'accept-profile': `${V3};q=0.5, ${V2};q=0.9` } })).toBe(V2)
  })

  it('answers the default for an Accept-Profile it does not serve, and says which it served', async () => {
    expect(await contentProfile({ headers: { 'accept-profile': '<urn:example:other>' } })).toBe(V3)
  })

  it('lets ?profile= win over Accept-Profile', async () => {
    expect(await contentProfile({ headers: { 'accept-profile': V3 } }, '?profile=2.1.1')).toBe(V2)
  })

  it('refuses an unknown ?profile= with 400 naming the profiles', async () => {
    const response = await createCatalogApp(createFixtureStore()).request('/catalog?profile=dcat-ap-9')
    expect(response.status).toBe(400)
    expect(response.headers.get('content-type')).toBe('application/problem+json')
    expect((await response.json()).detail).toContain('dcat-ap-2.1.1')
  })
})

describe('formats', () => {
  const sorted = (quads: { subject: { value: string }; predicate: { value: string }; object: { value: string } }[]) =>
    quads.map((q) => `${q.subject.value} ${q.predicate.value} ${q.object.value}`).sort()

  // One app for all formats: the same catalogue version; only the page links differ, by their extension.
  async function triplesIn(app: ReturnType<typeof createCatalogApp>, extension: string): Promise<string[]> {
    const response = await app.request(`/catalog.${extension}`)
    expect(response.status).toBe(200)
    const text = (await response.text()).replaceAll(`/catalog.${extension}?`, '/catalog.EXT?')
    if (extension === 'jsonld') {
      const nquads = (await jsonld.toRDF(JSON.parse(text), { format: 'application/n-quads', documentLoader: createLocalDocumentLoader() as never })) as unknown as string
      return sorted(parseNTriples(nquads))
    }
    const mediaType = { ttl: 'text/turtle', rdf: 'application/rdf+xml', nt: 'application/n-triples' }[extension]!
    return sorted(oxigraph.parse(text, { format: mediaType, base_iri: BASE }) as unknown as Quad[])
  }

  it('serves the same graph as .ttl, .rdf, .jsonld and .nt', async () => {
    const app = createCatalogApp(createFixtureStore())
    const nt = await triplesIn(app, 'nt')
    for (const extension of ['ttl', 'rdf', 'jsonld']) {
      const other = await triplesIn(app, extension)
      const difference = [...nt.filter((t) => !other.includes(t)).map((t) => `- ${t}`), ...other.filter((t) => !nt.includes(t)).map((t) => `+ ${t}`)]
      expect(difference, extension).toEqual([])
    }
  })

  it('negotiates by Accept and sends the matching Content-Type', async () => {
    const response = await createCatalogApp(createFixtureStore()).request('/catalog', { headers: { accept: 'application/rdf+xml' } })
    expect(response.headers.get('content-type')).toBe('application/rdf+xml; charset=utf-8')
    expect(response.headers.get('vary')).toContain('Accept-Profile')
  })

  it('answers 406 with the offered types when nothing acceptable is offered', async () => {
    const response = await createCatalogApp(createFixtureStore()).request('/catalog', { headers: { accept: 'application/pdf' } })
    expect(response.status).toBe(406)
    expect((await response.json()).offered).toContain('text/turtle')
  })

  it('refuses an extension and a different format parameter together', async () => {
    expect((await createCatalogApp(createFixtureStore()).request('/catalog.ttl?format=nt')).status).toBe(400)
  })
})
