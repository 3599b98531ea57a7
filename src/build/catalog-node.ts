/** The dcat:Catalog node that describes the whole graph: data.gov.tw as published by 國家發展委員會. */
import { DataFactory, type NamedNode, type Quad } from 'n3'
import { DCAT, DCT, EU, EXTERNAL, FOAF, RDF, XSD } from '../vocab/index.ts'
import type { Iris } from '../model/iris.ts'

const { quad, literal, namedNode } = DataFactory

// 國家發展委員會 runs data.gov.tw (its own catalogue record A41000000G-000001 says so).
export const CATALOG_PUBLISHER_CODE = 'A41000000G'

export interface CatalogMembers {
  datasets: NamedNode[]
  records: NamedNode[]
  services: NamedNode[]
}

/**
 * Find the complete records: only they are listed in the catalogue (DCAT-AP harvesters take the catalogue
 * as a promise of complete records; the 2018 listing's partial records stay reachable, not listed).
 */
export function findCatalogMembers(quads: Iterable<Quad>, iris: Iris): CatalogMembers {
  const complete = iris.concept('metadata-status', 'complete').value
  const datasets = new Set<string>()
  const typed = new Map<string, string[]>()
  for (const q of quads) {
    if (q.predicate.equals(iris.ogd.metadataStatus) && q.object.value === complete) datasets.add(q.subject.value)
    else if (q.predicate.equals(RDF.type) && (q.object.equals(DCAT.CatalogRecord) || q.object.equals(DCAT.DataService))) {
      const list = typed.get(q.object.value) ?? []
      list.push(q.subject.value)
      typed.set(q.object.value, list)
    }
  }
  const datasetIds = new Set([...datasets].map((iri) => decodeURIComponent(iri.slice(`${iris.base}/dataset/`.length))))
  const recordIri = (id: string) => iris.catalogRecord(id).value
  const recordIris = new Set([...datasetIds].map(recordIri))
  const serviceIris = new Set([...datasetIds].map((id) => iris.dataService(id).value))
  return {
    datasets: [...datasets].sort().map((v) => namedNode(v)),
    records: (typed.get(DCAT.CatalogRecord.value) ?? []).filter((v) => recordIris.has(v)).sort().map((v) => namedNode(v)),
    services: (typed.get(DCAT.DataService.value) ?? []).filter((v) => serviceIris.has(v)).sort().map((v) => namedNode(v)),
  }
}

/** Quads of the catalogue node (graph 'catalog'). */
export function buildCatalogNode(iris: Iris, members: CatalogMembers, modified: string): Quad[] {
  const c = iris.catalog()
  const g = iris.graph('catalog')
  const out: Quad[] = [
    quad(c, RDF.type, DCAT.Catalog, g),
    quad(c, DCT.title, literal('政府資料開放平臺資料目錄（知識圖譜）', 'zh-Hant'), g),
    quad(c, DCT.title, literal('Taiwan Government Open Data Platform catalogue (knowledge graph)', 'en'), g),
    quad(c, DCT.description, literal('政府資料開放平臺（data.gov.tw）之資料集詮釋資料，依 DCAT-AP 3 描述，並連結提供機關、法規與授權條款。', 'zh-Hant'), g),
    quad(c, DCT.description, literal("Metadata of the datasets of Taiwan's open government data platform (data.gov.tw) in DCAT-AP 3, linked to the publishing agencies, laws and licences.", 'en'), g),
    quad(c, DCT.publisher, iris.agency(CATALOG_PUBLISHER_CODE), g),
    quad(c, FOAF.homepage, namedNode(EXTERNAL.dataGovTwHome), g),
    quad(namedNode(EXTERNAL.dataGovTwHome), RDF.type, FOAF.Document, g), // DCAT-AP 3: foaf:homepage ranges over foaf:Document
    quad(c, DCT.language, EU.language.ZHO, g),
    quad(c, DCT.language, EU.language.ENG, g),
    quad(c, DCT.spatial, EU.country.TWN, g),
    quad(c, DCT.license, iris.license('OGDL-Taiwan-1.0'), g),
    quad(c, DCAT.themeTaxonomy, iris.scheme('service-category'), g),
    quad(c, DCAT.themeTaxonomy, namedNode(EU.schemes.dataTheme), g),
    quad(c, DCT.modified, literal(modified, XSD.dateTime), g),
  ]
  for (const d of members.datasets) out.push(quad(c, DCAT.dataset, d, g))
  for (const r of members.records) out.push(quad(c, DCAT.record, r, g))
  for (const s of members.services) out.push(quad(c, DCAT.service, s, g))
  return out
}
