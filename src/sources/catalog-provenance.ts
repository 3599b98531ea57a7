/**
 * Provenance of a merged record, in its own graph: prov:wasDerivedFrom each source file; when several sources
 * contributed, one prov:Derivation per source naming the properties it gave (ogd:contributedProperty); and every
 * value a newer source replaced, as an ogd:SupersededValue (the property, the old value, its source, and when it
 * stopped holding: the replacing source's date). A single-source record needs only prov:wasDerivedFrom (lean: the
 * 52,447-row listing is mostly single-source).
 */
import { DataFactory, type NamedNode, type Quad, type Quad_Object } from 'n3'
import type { Iris } from '../model/iris.ts'
import { DCAT, DCT, DQV, FOAF, PROV, RDF, SCHEMA, XSD } from '../vocab/index.ts'
import type { EntryField, MergedEntry } from './catalog-merge.ts'

const { literal, quad } = DataFactory

/** The RDF property each entry field becomes (src/sources/catalog-record.ts); fields without one are not listed. */
function propertyOf(iris: Iris, field: EntryField): NamedNode | undefined {
  const table: Partial<Record<EntryField, NamedNode>> = {
    title: DCT.title, description: DCT.description, category: DCAT.theme, qualityBadge: DQV.hasQualityAnnotation,
    frequency: DCT.accrualPeriodicity, issued: DCT.issued, modified: DCT.modified, license: DCT.license,
    landingPage: DCAT.landingPage, relatedUrls: FOAF.page, feeNote: iris.ogd.feeNote, remarks: iris.ogd.remark,
    deliveryMethod: iris.ogd.deliveryMethod, keywords: DCAT.keyword, language: DCT.language, spatial: DCT.spatial,
    temporalFrom: DCT.temporal, temporalTo: DCT.temporal, publisherName: DCT.publisher, contact: DCAT.contactPoint,
    fieldDescription: DCT.conformsTo, recordCount: iris.ogd.recordCount, distributions: DCAT.distribution,
    usage: SCHEMA.interactionStatistic, metadataModified: DCAT.record,
  }
  return table[field]
}

const TEXT_FIELDS = new Set<EntryField>(['title', 'description', 'publisherName', 'fieldDescription'])

/** The provenance quads of one merged record (graph = the dataset). */
export function mergedProvenanceQuads(iris: Iris, merged: MergedEntry): Quad[] {
  const dataset = iris.dataset(merged.entry.id)
  const out: Quad[] = []
  const add = (s: NamedNode, p: NamedNode, o: Quad_Object) => out.push(quad(s, p, o, dataset))
  for (const source of merged.sources) add(dataset, PROV.wasDerivedFrom, iris.catalogSource(source.key))
  if (merged.sources.length > 1) {
    for (const source of merged.sources) {
      const properties = new Set((merged.contributed.get(source.key) ?? []).map((f) => propertyOf(iris, f)).filter((p) => p !== undefined))
      const derivation = iris.part(dataset, `from-${source.key}`)
      add(dataset, PROV.qualifiedDerivation, derivation)
      add(derivation, RDF.type, PROV.Derivation)
      add(derivation, PROV.entity, iris.catalogSource(source.key))
      add(derivation, PROV.hadActivity, iris.catalogSourceActivity(source.key))
      for (const property of properties) add(derivation, iris.ogd.contributedProperty, property)
    }
  }
  merged.superseded.forEach((old, i) => {
    const property = propertyOf(iris, old.field)
    if (!property) return
    const node = iris.part(dataset, `superseded-${old.field}-${old.source.key}${i ? `-${i}` : ''}`)
    add(dataset, iris.ogd.supersededValue, node)
    add(node, RDF.type, iris.ogd.SupersededValue)
    add(node, iris.ogd.ofProperty, property)
    add(node, RDF.value, TEXT_FIELDS.has(old.field) ? literal(old.value, 'zh-Hant') : literal(old.value))
    add(node, PROV.wasDerivedFrom, iris.catalogSource(old.source.key))
    add(node, PROV.invalidatedAtTime, literal(`${old.by.date}T00:00:00+08:00`, XSD.dateTime))
  })
  return out
}
