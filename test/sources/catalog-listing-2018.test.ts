import { readFileSync } from 'node:fs'
import { DataFactory, Store, type NamedNode } from 'n3'
import { describe, expect, it } from 'vitest'
import { createIris } from '../../src/model/iris.ts'
import { importDataGovTwListing2018, mintListingId } from '../../src/sources/datagovtw-listing-2018.ts'
import { DCAT, DCT, RDF, SCHEMA, XSD } from '../../src/vocab/index.ts'

const iris = createIris('http://example.org')
const FULL = 'data/sources/catalog/dragonchen_datagovtw_list_2018.csv'
const FIXTURE = 'test/fixtures/datagovtw_list_2018_fixture.csv'
const importText = (text: string, file = FIXTURE) => importDataGovTwListing2018(text, { iris, file })
const datasetIds = (quads: { predicate: { value: string }; object: { value: string } }[]) =>
  quads.filter((q) => q.predicate.value === DCT.identifier.value).map((q) => q.object.value)

describe('importDataGovTwListing2018: the whole file', () => {
  const text = readFileSync(FULL, 'utf8')
  const first = importText(text, FULL)
  const ids = datasetIds(first.quads)
  // 665k quads: plain filters, an n3 Store would take longer to build than the import
  const subjectsOf = (predicate: NamedNode, object?: NamedNode) =>
    first.quads.filter((q) => q.predicate.equals(predicate) && (!object || q.object.equals(object))).map((q) => q.subject.value)

  it('35,955 rows → 35,955 datasets, 7 duplicates, 3,645 ratings, no warning', () => {
    expect(first.stats).toEqual({ rows: 35955, datasets: 35955, withRating: 3645, duplicates: 7, warnings: 0 })
    expect(first.references).toHaveLength(35955)
  })

  it('every id is distinct, and the same on a second run', () => {
    expect(new Set(ids).size).toBe(35955)
    expect(datasetIds(importText(text, FULL).quads)).toEqual(ids)
  })

  it('duplicates keep their own id (-2) and point to the first with ogd:duplicateOf', () => {
    const duplicates = first.quads.filter((q) => q.predicate.equals(iris.ogd.duplicateOf))
    expect(duplicates).toHaveLength(7)
    const store = new Store(first.quads.filter((q) => duplicates.some((d) => q.graph.equals(d.subject) || q.graph.equals(d.object))))
    for (const q of duplicates) {
      expect(q.subject.value).toBe(`${q.object.value}-2`)
      expect(store.getObjects(q.object, RDF.type, null)).toContainEqual(DCAT.Dataset)
      expect(store.getObjects(q.subject, DCT.title, null)).toEqual(store.getObjects(q.object, DCT.title, null))
      const own = store.getObjects(q.subject, SCHEMA.interactionStatistic, null).map((c) => c.value)
      expect(own).toHaveLength(2)
      for (const counter of own) expect(counter.startsWith(`${q.subject.value}#`)).toBe(true)
    }
  })

  it('is honest about what is missing: all partial, dct:description named, no CatalogRecord, 704 without a date', () => {
    expect(subjectsOf(iris.ogd.metadataStatus, iris.concept('metadata-status', 'partial'))).toHaveLength(35955)
    expect(subjectsOf(iris.ogd.missingProperty, DCT.description)).toHaveLength(35955)
    expect(subjectsOf(RDF.type, DCAT.CatalogRecord)).toEqual([])
    expect(subjectsOf(DCT.issued)).toHaveLength(35955 - 704)
  })
})

describe('importDataGovTwListing2018: rows', () => {
  const text = readFileSync(FIXTURE, 'utf8')
  const result = importText(text)
  const store = new Store(result.quads)
  const id = mintListingId('文化部', '蒙藏補助團體私人情形季報表', '2013/03/18')
  const ds = iris.dataset(id)

  it('文化部,蒙藏補助團體私人情形季報表,"7,472","1,099",100,2013/03/18', () => {
    expect(id).toMatch(/^l2018-[0-9a-f]{12}$/)
    expect(store.getObjects(ds, DCT.title, null)).toEqual([DataFactory.literal('蒙藏補助團體私人情形季報表', 'zh-Hant')])
    expect(store.getObjects(ds, DCT.issued, null)).toEqual([DataFactory.literal('2013-03-18', XSD.date)])
    expect(result.references.find((r) => r.subject.equals(ds))).toMatchObject({ kind: 'publisher', text: '文化部', line: 2 })
  })

  it('views and downloads (thousands separators removed) as dated InteractionCounters', () => {
    const counters = store.getObjects(ds, SCHEMA.interactionStatistic, null)
    const byType = Object.fromEntries(counters.map((c) => [
      store.getObjects(c, SCHEMA.interactionType, null)[0]!.value.split('/').pop(),
      [store.getObjects(c, SCHEMA.userInteractionCount, null)[0]!.value, store.getObjects(c, SCHEMA.observationDate, null)[0]!.value],
    ]))
    expect(byType).toEqual({ ViewAction: ['7472', '2018-07-20'], DownloadAction: ['1099', '2018-07-20'] })
  })

  it('a rating as schema:AggregateRating on 0–100; none when blank', () => {
    const rating = store.getObjects(ds, SCHEMA.aggregateRating, null)[0]!
    expect([SCHEMA.ratingValue, SCHEMA.bestRating, SCHEMA.worstRating].map((p) => store.getObjects(rating, p, null)[0]!.value)).toEqual(['100', '100', '0'])
    const unrated = iris.dataset(mintListingId('文化部', '西藏統計資料', '2013/03/18'))
    expect(store.getObjects(unrated, DCT.title, null)).toHaveLength(1)
    expect(store.getObjects(unrated, SCHEMA.aggregateRating, null)).toEqual([])
  })

  it('trailing spaces in titles are trimmed (統計處,火災出動人員、車輛及裝備─按區域別分⎵⎵⎵⎵⎵⎵)', () => {
    expect(text).toContain('火災出動人員、車輛及裝備─按區域別分      ,')
    const trimmed = iris.dataset(mintListingId('統計處', '火災出動人員、車輛及裝備─按區域別分', '2015/02/16'))
    expect(store.getObjects(trimmed, DCT.title, null).map((t) => t.value)).toEqual(['火災出動人員、車輛及裝備─按區域別分'])
    expect(mintListingId('統計處', '火災出動人員、車輛及裝備─按區域別分      ', '2015/02/16')).toBe(trimmed.value.split('/').pop())
  })

  it('ids do not depend on file order', () => {
    const [header, ...rows] = text.trimEnd().split(/\r?\n/)
    const reversed = importText([header, ...rows.reverse()].join('\r\n') + '\r\n')
    expect(new Set(datasetIds(reversed.quads))).toEqual(new Set(datasetIds(result.quads)))
  })

  it('refuses the 22-column export and a row with a missing field, naming file and line', () => {
    const exported = readFileSync('test/fixtures/catalog/datagovtw_export_fixture.csv', 'utf8')
    expect(() => importText(exported, 'export.csv')).toThrow('export.csv:1: this is the 22-column data.gov.tw export, not the 2018 listing: use importDataGovTwExport')
    const broken = text.split(/\r?\n/).map((l, i) => (i === 3 ? l.slice(0, l.lastIndexOf(',')) : l)).join('\r\n')
    expect(() => importText(broken)).toThrow(`${FIXTURE}:4: 5 fields, expected 6`)
  })
})
