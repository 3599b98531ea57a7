/** The 2026 publisher labels linked to coded agencies, their units, or honestly uncoded agencies — each link with its method. */
import { describe, expect, it } from 'vitest'
import { buildCatalogue, catalogueStore } from './catalogue-fixture.ts'

const { select, ask } = catalogueStore(buildCatalogue())

/** The publisher of a dataset, its zh label, the link method and evidence. */
async function publisherOf(id: string): Promise<Record<string, string | undefined>> {
  const rows = await select(`SELECT ?p ?label ?method ?text ?evidence WHERE {
    ds:${id} dct:publisher ?p ; ogd:linkRecord ?r . ?r ogd:linkMethod ?method ; ogd:sourceText ?text .
    OPTIONAL { ?r ogd:linkEvidence ?evidence } OPTIONAL { ?p skos:prefLabel ?label FILTER(LANG(?label) = "zh-hant") } }`)
  expect(rows).toHaveLength(1)
  return { ...rows[0]!, method: rows[0]!.method!.split('/').pop() }
}

describe('bare unit labels, told apart by the download host', () => {
  it.each([
    ['42438', '地政處', '376440000A', 'ws.hsinchu.gov.tw'], // 新竹縣政府
    ['97199', '民政處', '371020000A', 'ws.kinmen.gov.tw'], // 金門縣政府
    ['170861', '民政處', '376450000A', 'mlhr.miaoli.gov.tw'], // 苗栗縣政府
    ['67486', '財政處', '376580000A', 'odws.hccg.gov.tw'], // 新竹市政府
    ['67472', '數位發展處', '376580000A', 'odws.hccg.gov.tw'],
  ])('%s: %s → a unit of %s, by its host %s', async (id, label, code, host) => {
    const link = await publisherOf(id)
    expect(link.method).toBe('host-qualified-unit')
    expect(link.text).toBe(label)
    expect(link.evidence).toContain(host)
    expect(await ask(`ds:${id} dct:publisher ?p . { ?p org:unitOf <http://localhost:8080/agency/${code}> } UNION { FILTER(?p = <http://localhost:8080/agency/${code}>) }`)).toBe(true)
  })

  it('gives the same label on two hosts two different units', async () => {
    const [kinmen, miaoli] = [await publisherOf('97199'), await publisherOf('170861')]
    expect(kinmen.p).not.toBe(miaoli.p)
  })
})

describe('agencies the 2016 code list does not know', () => {
  it.each([['6075', '環境部'], ['5960', '數位發展部'], ['6526', '運動部'], ['6344', '環境部環境管理署']])('%s: %s is an uncoded agency with its name, no invented code', async (id, name) => {
    const link = await publisherOf(id)
    expect(link.method).toBe('uncoded-agency')
    expect(link.label).toBe(name)
    expect(link.p).toBe(`http://localhost:8080/agency/uncoded/${encodeURIComponent(name)}`)
    expect(await ask(`<${link.p}> a ogd:UncodedAgency, foaf:Organization ; org:subOrganizationOf ?parent`)).toBe(true)
    expect(await ask(`<${link.p}> dct:identifier ?code`)).toBe(false)
  })

  it('links 環境部 to the agency it replaced (行政院環境保護署) and 數位發展部 to its organic law', async () => {
    expect(await ask(`<http://localhost:8080/agency/uncoded/${encodeURIComponent('環境部')}> dct:replaces <http://localhost:8080/agency/355000000I>`)).toBe(true)
    expect(await ask(`<http://localhost:8080/agency/uncoded/${encodeURIComponent('數位發展部')}> ogd:organicLaw <http://localhost:8080/law/K0000199>`)).toBe(true)
  })

  it.each([['7511', '國家科學及技術委員會', 'A27000000G'], ['78339', '核能安全委員會', '337000000G']])('%s: %s, renamed since 2016, reaches its coded agency by the rename table', async (id, text, code) => {
    const link = await publisherOf(id)
    expect(link).toMatchObject({ method: 'former-name', text, p: `http://localhost:8080/agency/${code}` })
  })
})

describe('uncoded agencies under our SHACL profile', () => {
  it('are not held to the DGPA code every coded agency needs (no violation on them)', async () => {
    const { readFileSync } = await import('node:fs')
    const { createIris } = await import('../../src/model/iris.ts')
    const { importUncodedAgencies } = await import('../../src/sources/uncoded-agencies.ts')
    const { importOntology } = await import('../../src/sources/ontology.ts')
    const { validateQuads } = await import('../../src/validate/validate.ts')
    const iris = createIris('http://localhost:8080')
    const quads = [
      ...importUncodedAgencies(readFileSync('data/mappings/agencies-after-2016.csv', 'utf8'), 'agencies-after-2016.csv', iris).quads,
      ...importOntology(readFileSync('ontology/ogd.ttl', 'utf8'), { iris, file: 'ontology/ogd.ttl' }).quads,
    ]
    const report = await validateQuads(quads, { shapesDir: 'shapes', profile: 'ogd' })
    expect(report.issues.filter((i) => i.severity === 'Violation' && i.focusNode.includes('/agency/uncoded/'))).toEqual([])
  })
})
