import { cpSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { parse } from 'csv-parse/sync'
import { DataFactory, Store } from 'n3'
import { describe, expect, it } from 'vitest'
import { createIris } from '../../src/model/iris.ts'
import { buildConceptSchemes } from '../../src/sources/concept-schemes.ts'
import { createMappingLookup } from '../../src/sources/catalog-lookup.ts'
import {
  DEFAULT_EU_AUTHORITY_DIR, DEFAULT_MAPPINGS_DIR, loadMappingTables, parseMappingTable, TABLE_SPECS,
} from '../../src/sources/mapping-tables.ts'
import { DCT, EU, IANA_MEDIA, RDF, SKOS } from '../../src/vocab/index.ts'

const { namedNode } = DataFactory
const iris = createIris('http://example.org')
const tables = loadMappingTables()

/** Codes of an EU authority CSV, read independently of the loader. */
const euCodes = (file: string): Set<string> => {
  const rows = parse(readFileSync(join(DEFAULT_EU_AUTHORITY_DIR, file), 'utf8'), { columns: true, relax_column_count: true }) as Record<string, string>[]
  return new Set(rows.filter((r) => r['deprecated'] !== 'true').map((r) => r['id']!))
}

const EU_FILE_OF_COLUMN: Record<string, string> = {
  eu_theme: 'data-theme.csv', eu_frequency: 'frequencies.csv', eu_file_type: 'filetypes.csv',
  eu_access_right: 'access-right.csv', eu_language: 'languages.csv', eu_country: 'countries.csv',
}

describe('mapping tables', () => {
  it.each(Object.entries(TABLE_SPECS).filter(([, spec]) => 'eu' in spec))('%s: every EU code exists in the EU authority table', (name, spec) => {
    const column = (spec as { eu: { column: string } }).eu.column
    const known = euCodes(EU_FILE_OF_COLUMN[column]!)
    const rows = tables[name as keyof typeof TABLE_SPECS]
    const unknown = rows.map((row) => row[column]).filter((code) => code && !known.has(code))
    expect(unknown).toEqual([])
  })

  it('service categories: the 18 data.gov.tw categories, each with an EU data-theme and an API v1 code', () => {
    expect(tables.serviceCategories).toHaveLength(18)
    for (const name of ['公共資訊', '生活安全及品質', '購屋及遷徙', '交通及通訊', '投資理財', '休閒旅遊', '就醫', '開創事業', '求學及進修', '求職及就業']) {
      expect(tables.serviceCategories.find((r) => r['name_zh'] === name)?.['eu_theme']).toBeTruthy()
    }
    expect(new Set(tables.serviceCategories.map((r) => r['notation'])).size).toBe(18)
  })

  it('frequencies: every spelling seen in the export and API v1 maps to the right EU code', () => {
    const lookup = createMappingLookup(tables, iris)
    const expected: Record<string, string> = {
      不定期更新: 'IRREG', 不更新: 'NEVER', 每日: 'DAILY', 每1月: 'MONTHLY', 每月: 'MONTHLY', 每1年: 'ANNUAL', 每3月: 'QUARTERLY',
      每季: 'QUARTERLY', 每6月: 'ANNUAL_2', 每週: 'WEEKLY', 每小時: 'HOURLY', 即時: 'UPDATE_CONT', 每2年: 'BIENNIAL',
    }
    for (const [zh, code] of Object.entries(expected)) expect(lookup.frequency(zh)?.value, zh).toBe(EU.frequency.$term(code).value)
    expect(lookup.frequency('每旬')).toBeUndefined()
  })

  it('file formats: case and width are folded, media types only where IANA registers one', () => {
    const lookup = createMappingLookup(tables, iris)
    expect(lookup.fileFormat('GeoJSON')?.euFileType?.value).toBe(EU.fileType.$term('GEOJSON').value)
    expect(lookup.fileFormat('ｃｓｖ')?.mediaType?.value).toBe(IANA_MEDIA.$term('text/csv').value)
    expect(lookup.fileFormat('SHP')?.mediaType).toBeUndefined()
    expect(lookup.fileFormat('WMS')?.isService).toBe(true)
    expect(lookup.fileFormat('API')).toEqual({ euFileType: undefined, mediaType: undefined, isService: true })
  })

  it('data levels: 公開/敏感/機敏 → PUBLIC/RESTRICTED/NON_PUBLIC', () => {
    const lookup = createMappingLookup(tables, iris)
    expect(['公開', '敏感', '機敏'].map((l) => lookup.dataLevel(l))).toEqual([EU.accessRight.PUBLIC, EU.accessRight.RESTRICTED, EU.accessRight.NON_PUBLIC])
  })

  it('quality badges: full-width parentheses find the same badge', () => {
    const lookup = createMappingLookup(tables, iris)
    expect(lookup.qualityBadge('無（白名單）')).toEqual(iris.concept('quality-badge', 'none-allowlisted'))
    expect(lookup.qualityBadge('無(未做品檢)')).toEqual(iris.concept('quality-badge', 'not-checked'))
    expect(['白金', '金', '銀', '銅'].map((b) => lookup.qualityBadge(b)?.value.split('/').pop())).toEqual(['platinum', 'gold', 'silver', 'bronze'])
  })

  it('licences: OGDL-Taiwan-1.0 in both dash widths, the 2013 usage rules, nothing else', () => {
    const lookup = createMappingLookup(tables, iris)
    expect(lookup.license('政府資料開放授權條款-第1版')).toEqual(iris.license('OGDL-Taiwan-1.0'))
    expect(lookup.license('政府資料開放授權條款－第1版')).toEqual(iris.license('OGDL-Taiwan-1.0'))
    expect(lookup.license('政府資料開放平臺資料使用規範')).toEqual(iris.license('data-gov-tw-usage-rules-2013'))
    expect(lookup.license('CC BY 4.0')).toBeUndefined()
  })

  it('a header with an unknown column is refused, naming file, line 1 and the column', () => {
    expect(() => parseMappingTable('value,eu_lang,note\n中文,ZHO,\n', 'language.csv', TABLE_SPECS.languages.columns)).toThrow(
      'language.csv:1: unknown column "eu_lang"',
    )
  })

  it('an EU code missing from the EU table is refused with file and line', () => {
    const dir = mkdtempSync(join(tmpdir(), 'mappings-'))
    cpSync(DEFAULT_MAPPINGS_DIR, dir, { recursive: true })
    writeFileSync(join(dir, 'language.csv'), 'value,eu_language,note\n中文,ZHO,\nzh-Hant,ZH,ISO 639-1 is not the EU code\n')
    expect(() => loadMappingTables(dir)).toThrow(/language\.csv:3: EU language code "ZH" is not in the EU authority table/)
  })
})

describe('buildConceptSchemes', () => {
  const store = new Store(buildConceptSchemes(tables, { iris }))
  const vocab = iris.graph('vocab')

  it('puts everything in the vocab graph', () => {
    expect(store.getGraphs(null, null, null).map((g) => g.value)).toEqual([vocab.value])
  })

  it('gives each concept zh-Hant and en labels, a notation where known, and its EU match', () => {
    const concept = iris.concept('service-category', 'transport-communications')
    const labels = store.getObjects(concept, SKOS.prefLabel, vocab).map((l) => `${l.value}@${(l as { language: string }).language}`)
    expect(labels.sort()).toEqual(['Transport and communications@en', '交通及通訊@zh-hant'])
    expect(store.getObjects(concept, SKOS.notation, vocab).map((n) => n.value)).toEqual(['A00'])
    expect(store.getObjects(concept, SKOS.closeMatch, vocab)).toEqual([EU.dataTheme.$term('TRAN')])
    expect(store.has(DataFactory.quad(concept, SKOS.inScheme, iris.scheme('service-category'), vocab))).toBe(true)
  })

  it('makes one update-frequency concept per code, other spellings as altLabels', () => {
    const monthly = iris.concept('update-frequency', 'monthly')
    expect(store.getObjects(monthly, SKOS.altLabel, vocab).map((l) => l.value)).toEqual(['每1月'])
    expect(store.getObjects(monthly, SKOS.exactMatch, vocab)).toEqual([EU.frequency.$term('MONTHLY')])
  })

  it('types the EU concepts as the DCAT-AP range shapes expect, with their English labels', () => {
    const typeOf = (iri: string) => store.getObjects(namedNode(iri), RDF.type, vocab).map((t) => t.value).sort()
    expect(typeOf(EU.fileType.$term('CSV').value)).toEqual([DCT.MediaTypeOrExtent.value, SKOS.Concept.value])
    expect(typeOf(EU.frequency.$term('IRREG').value)).toEqual([DCT.Frequency.value, SKOS.Concept.value])
    expect(typeOf(EU.accessRight.PUBLIC.value)).toEqual([DCT.RightsStatement.value, SKOS.Concept.value])
    expect(typeOf(EU.language.ZHO.value)).toEqual([DCT.LinguisticSystem.value, SKOS.Concept.value])
    expect(typeOf(EU.country.TWN.value)).toEqual([DCT.Location.value, SKOS.Concept.value])
    expect(typeOf(EU.dataTheme.$term('GOVE').value)).toEqual([SKOS.Concept.value])
    expect(typeOf(IANA_MEDIA.$term('text/csv').value)).toEqual([DCT.MediaType.value])
    expect(store.getObjects(EU.dataTheme.$term('GOVE'), SKOS.prefLabel, vocab).map((l) => l.value)).toEqual(['Government and public sector'])
    expect(store.getObjects(EU.language.ZHO, SKOS.inScheme, vocab).map((s) => s.value)).toEqual([EU.schemes.language])
  })
})
