import { readFileSync } from 'node:fs'
import { DataFactory, Parser, Store, type Quad } from 'n3'
import { Validator } from 'shacl-engine'
import { describe, expect, it } from 'vitest'
import { createIris } from '../../src/model/iris.ts'
import { buildConceptSchemes } from '../../src/sources/concept-schemes.ts'
import { importDataGovTwApiV1 } from '../../src/sources/datagovtw-api-v1.ts'
import { importDataGovTwExport } from '../../src/sources/datagovtw-export.ts'
import { importDataGovTwListing2018 } from '../../src/sources/datagovtw-listing-2018.ts'
import { loadDefaultMappingTables } from '../../src/sources/mapping-tables.ts'
import { DCT, RDF } from '../../src/vocab/index.ts'
import { readDataGovTwListing2026 } from '../../src/sources/datagovtw-listing-2026.ts'
import { buildDatasetRecord } from '../../src/sources/catalog-record.ts'
import { createMappingLookup } from '../../src/sources/catalog-lookup.ts'
import { emptyResult } from '../../src/sources/types.ts'

const iris = createIris('http://example.org')
const SHAPES = ['shapes/dcat-ap/3.0.1/dcat-ap-SHACL.ttl', 'shapes/dcat-ap/3.0.1/mdr-vocabularies.shape.ttl']
const shapes = new Store(SHAPES.flatMap((path) => new Parser().parse(readFileSync(path, 'utf8'))))

interface Result {
  severity?: { value: string }
  path?: { predicates?: { value: string }[] }[]
  focusNode?: { term: { value: string } }
}

/** Validate with the official DCAT-AP 3.0.1 shapes (one data graph), the vocab graph and the licence the licence importer adds. */
async function violationsOf(quads: Quad[]): Promise<Result[]> {
  const data = new Store(quads.map((q) => DataFactory.quad(q.subject, q.predicate, q.object)))
  data.addQuads(buildConceptSchemes(loadDefaultMappingTables(), { iris }).map((q) => DataFactory.quad(q.subject, q.predicate, q.object)))
  data.addQuad(iris.license('OGDL-Taiwan-1.0'), RDF.type, DCT.LicenseDocument)
  const report = await new Validator(shapes, { factory: DataFactory }).validate({ dataset: data })
  return (report.results as Result[]).filter((r) => r.severity?.value.endsWith('#Violation'))
}

describe('official DCAT-AP 3.0.1 shapes', () => {
  it('the export fixture (with personal contacts) and the three API v1 records: no violation', async () => {
    const file = 'test/fixtures/catalog/datagovtw_export_fixture.csv'
    const quads = importDataGovTwExport(new Uint8Array(readFileSync(file)), { iris, file }, { includePersonalContacts: true }).quads
    for (const id of ['A41000000G-000001', 'A09050000E-000002', 'A17030000J-000020']) {
      const path = `data/sources/catalog/${id}.json`
      quads.push(...importDataGovTwApiV1(readFileSync(path, 'utf8'), { iris, file: path }).quads)
    }
    expect(await violationsOf(quads)).toEqual([])
  })

  it('the 2018 listing: its only violations are the dct:description it declares missing', async () => {
    const file = 'test/fixtures/datagovtw_list_2018_fixture.csv'
    const quads = importDataGovTwListing2018(readFileSync(file, 'utf8'), { iris, file }).quads
    const violations = await violationsOf(quads)
    expect(violations).toHaveLength(100)
    expect(new Set(violations.map((v) => v.path?.[0]?.predicates?.[0]?.value))).toEqual(new Set([DCT.description.value]))
    const declared = new Store(quads).getSubjects(iris.ogd.missingProperty, DCT.description, null).map((s) => s.value)
    expect(new Set(violations.map((v) => v.focusNode?.term.value))).toEqual(new Set(declared))
  })

  it('the June 2026 export (100 real rows, with personal contacts): no violation', async () => {
    const file = 'data/sources/catalog-2026/pisuai_datagovtw_export_2026_sample100.csv'
    const quads = importDataGovTwExport(new Uint8Array(readFileSync(file)), { iris, file }, { includePersonalContacts: true }).quads
    expect(await violationsOf(quads)).toEqual([])
  })

  it('today\'s listing (a cut of 37 rows): its only violations are the dct:description each record declares missing', async () => {
    const file = 'test/fixtures/catalog-2026/caasi_tw-odc_catalog_2026-03-23_derived.csv'
    const result = emptyResult()
    const lookup = createMappingLookup(loadDefaultMappingTables(), iris)
    for (const entry of readDataGovTwListing2026(readFileSync(file, 'utf8'), file).entries) buildDatasetRecord(entry, { iris, file }, lookup, {}, result)
    const violations = await violationsOf(result.quads)
    expect(new Set(violations.map((v) => v.path?.[0]?.predicates?.[0]?.value))).toEqual(new Set([DCT.description.value]))
    expect(violations).toHaveLength(37)
  })
})
