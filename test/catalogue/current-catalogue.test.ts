/** Today's catalogue from every source that knows each id: one record, provenance per source, history kept, 2018 joined. */
import { describe, expect, it } from 'vitest'
import { mintListingId } from '../../src/sources/datagovtw-listing-2018.ts'
import { buildCatalogue, catalogueStore } from './catalogue-fixture.ts'

const built = buildCatalogue()
const { select, ask } = catalogueStore(built)
const l2018 = (agency: string, title: string, date: string) => `<http://localhost:8080/dataset/${mintListingId(agency, title, date)}>`

describe('one record per dataset id', () => {
  it('merges the June export, the toydogcat records and the March listing: every id once', async () => {
    const rows = await select(`SELECT ?id (COUNT(DISTINCT ?d) AS ?n) WHERE { ?d a dcat:Dataset ; dct:identifier ?id } GROUP BY ?id HAVING (COUNT(DISTINCT ?d) > 1)`)
    expect(rows).toEqual([])
    expect(await select(`SELECT ?t WHERE { ds:174821 dct:title ?t }`)).toHaveLength(1)
    const ids = await select(`SELECT (COUNT(DISTINCT ?d) AS ?n) WHERE { ?d a dcat:Dataset ; ogd:listingYear "2026"^^xsd:gYear }`)
    // 37 listed in March, 177520 first exported in June, and the fixture export's A17030000J-000020 (a v1 id)
    expect(Number(ids[0]!.n)).toBe(39)
  })

  it('takes 174821\'s title from the June export and keeps the March title as superseded history', async () => {
    const [current] = await select(`SELECT ?t WHERE { ds:174821 dct:title ?t }`)
    expect(current!.t).toContain('\u91D1') // 金 (U+91D1) in June
    const history = await select(`SELECT ?value ?source ?until WHERE {
      ds:174821 ogd:supersededValue ?h . ?h a ogd:SupersededValue ; ogd:ofProperty dct:title ; rdf:value ?value ;
        prov:wasDerivedFrom ?source ; prov:invalidatedAtTime ?until }`)
    expect(history).toHaveLength(1)
    expect(history[0]!.value).toContain('\uF90A') // the compatibility ideograph 金 (U+F90A) of the March listing
    expect(history[0]!.value!.normalize('NFC')).toBe(current!.t!.normalize('NFC'))
    expect(history[0]!.source).toBe('http://localhost:8080/provenance/source/listing-2026-03')
    expect(history[0]!.until).toBe('2026-06-25T00:00:00+08:00')
  })

  it('takes 165115\'s distributions from the June export: its March URL is not added beside them', async () => {
    const urls = await select(`SELECT ?u WHERE { ds:165115 dcat:distribution/dcat:accessURL ?u }`)
    expect(urls.map((r) => r.u)).toEqual(['https://www.boca.gov.tw/sp-wain-board-rss-1.xml'])
  })

  it('says which source gave which property, one prov:Activity per source file with its date', async () => {
    const rows = await select(`SELECT ?source ?p WHERE { ds:174821 prov:qualifiedDerivation ?d . ?d prov:entity ?source ; ogd:contributedProperty ?p }`)
    const from = (key: string) => rows.filter((r) => r.source!.endsWith(`/${key}`)).map((r) => r.p)
    expect(from('export-2026-06')).toEqual(expect.arrayContaining(['http://purl.org/dc/terms/title', 'http://purl.org/dc/terms/description', 'http://www.w3.org/ns/dcat#distribution']))
    expect(from('listing-2026-03')).not.toContain('http://purl.org/dc/terms/title')
    const activities = await select(`SELECT ?source ?at WHERE { ?source a prov:Entity ; prov:wasGeneratedBy ?a . ?a a prov:Activity ; prov:endedAtTime ?at }`)
    expect(Object.fromEntries(activities.map((r) => [r.source!.split('/').pop(), r.at]))).toEqual({
      'export-2026-06': '2026-06-25T00:00:00+08:00', 'listing-2026-03': '2026-03-23T00:00:00+08:00',
      // cuts not in data/mappings/catalogue-sources.csv: dated by their latest 詮釋資料更新時間, and the 2018 crawl day
      'export-datagovtw_export_fixture': '2026-05-05T00:00:00+08:00', 'listing-2018-datagovtw_list_2018_fixture': '2018-07-20T00:00:00+08:00',
    })
  })

  it('keeps a listing-only record lean and honest: partial, missing its description, one source, the first format only', async () => {
    expect(await ask(`ds:42438 ogd:metadataStatus ?s ; ogd:missingProperty dct:description ; prov:wasDerivedFrom src:listing-2026-03 FILTER(STRENDS(STR(?s), "/partial"))`)).toBe(true)
    expect(await ask(`ds:42438 prov:qualifiedDerivation ?d`)).toBe(false)
    const formats = await select(`SELECT ?n ?f WHERE { ds:42438 dcat:distribution ?n OPTIONAL { ?n dct:format ?f } }`)
    expect(formats.length).toBeGreaterThan(1)
    expect(formats.filter((r) => r.f)).toHaveLength(1)
    expect(formats.find((r) => r.f)!.n).toMatch(/\/distribution\/1$/)
  })
})

describe('the 2018 listing joined to today\'s ids', () => {
  it('gives 5943 its 2018 views, downloads, rating and listing date', async () => {
    const [row] = await select(`SELECT ?views ?downloads ?rating ?issued WHERE {
      ds:5943 schema:interactionStatistic [ schema:interactionType schema:ViewAction ; schema:userInteractionCount ?views ; schema:observationDate "2018-07-20"^^xsd:date ] ;
        schema:interactionStatistic [ schema:interactionType schema:DownloadAction ; schema:userInteractionCount ?downloads ] ;
        schema:aggregateRating/schema:ratingValue ?rating ; dct:issued ?issued ; ogd:listingYear "2018"^^xsd:gYear, "2026"^^xsd:gYear }`)
    expect(row).toEqual({ views: '7472', downloads: '1099', rating: '100', issued: '2013-03-18' })
  })

  it('keeps the 2018 IRI of a joined row, owl:sameAs and dct:isReplacedBy the current record, with how it was joined', async () => {
    const old = l2018('文化部', '蒙藏補助團體私人情形季報表', '2013/03/18')
    expect(await ask(`${old} owl:sameAs ds:5943 ; dct:isReplacedBy ds:5943 ; ogd:linkRecord [ ogd:linkMethod ?m ; ogd:sourceText ?t ] FILTER(STRENDS(STR(?m), "/folded-agency-title"))`)).toBe(true)
    expect(await ask(`${old} a dcat:Dataset`)).toBe(false)
  })

  it('keeps the rows that join nothing as historical records, marked not in the 2026 listing', async () => {
    const rows = await select(`SELECT (COUNT(?d) AS ?n) WHERE { ?d ogd:inCurrentListing false ; ogd:listingYear "2018"^^xsd:gYear ; a dcat:Dataset }`)
    expect(Number(rows[0]!.n)).toBe(94) // 100 rows, 6 joined
    expect(built.stats.listing2018Join).toEqual({ rows2018: 100, joined: 6, ambiguous: 0, repeats: 0 })
  })
})

describe('personal contacts of the 22-column rows', () => {
  it('publishes the agency only, unless --include-personal-contacts', async () => {
    expect(await ask(`ds:174821 dcat:contactPoint ?c . ?c a vcard:Individual`)).toBe(false)
    expect(await ask(`ds:174821 dcat:contactPoint [ a vcard:Organization ; vcard:fn ?n ]`)).toBe(true)
    const withContacts = catalogueStore(buildCatalogue({ includePersonalContacts: true }))
    expect(await withContacts.ask(`ds:174821 dcat:contactPoint [ a vcard:Individual ; vcard:fn ?n ; vcard:hasTelephone ?t ]`)).toBe(true)
  })
})
