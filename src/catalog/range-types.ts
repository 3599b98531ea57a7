/**
 * The classes DCAT-AP gives as the range of a property, stated on the values a page points to: the EU
 * vocabularies type their concepts only as skos:Concept, while the shapes check dct:Frequency, dct:LinguisticSystem…
 * Each row is the property's declared range (DCAT-AP 3.0.1 §5–6, DCTERMS), so the added type is entailed, not invented.
 */
import { DataFactory, type NamedNode, type Quad, type Quad_Subject } from 'n3'
import { ADMS, DCAT, DCATAP, DCT, ELI, FOAF, RDF, SKOS, VCARD } from '../vocab/index.ts'

const { quad } = DataFactory

interface RangeRow {
  property: NamedNode
  range: NamedNode
  /** Only for subjects of these classes (the property's range differs elsewhere); any subject when absent. */
  domains?: readonly NamedNode[]
}

export const RANGE_TYPES: readonly RangeRow[] = [
  { property: DCT.accrualPeriodicity, range: DCT.Frequency },
  { property: DCT.language, range: DCT.LinguisticSystem },
  { property: DCT.spatial, range: DCT.Location },
  { property: DCT.accessRights, range: DCT.RightsStatement },
  { property: DCT.rights, range: DCT.RightsStatement },
  { property: DCT.format, range: DCT.MediaTypeOrExtent },
  { property: DCAT.mediaType, range: DCT.MediaType },
  { property: DCAT.compressFormat, range: DCT.MediaType },
  { property: DCAT.packageFormat, range: DCT.MediaType },
  { property: DCT.license, range: DCT.LicenseDocument },
  { property: DCT.conformsTo, range: DCT.Standard },
  { property: DCT.temporal, range: DCT.PeriodOfTime },
  { property: DCT.provenance, range: DCT.ProvenanceStatement },
  { property: DCT.publisher, range: FOAF.Agent },
  { property: DCT.creator, range: FOAF.Agent },
  { property: DCAT.theme, range: SKOS.Concept },
  { property: DCAT.themeTaxonomy, range: SKOS.ConceptScheme },
  { property: DCAT.landingPage, range: FOAF.Document },
  { property: FOAF.page, range: FOAF.Document },
  { property: FOAF.homepage, range: FOAF.Document },
  { property: DCAT.contactPoint, range: VCARD.Kind },
  { property: DCATAP.applicableLegislation, range: ELI.LegalResource },
  { property: DCATAP.availability, range: SKOS.Concept },
  { property: ADMS.status, range: SKOS.Concept },
  { property: DCT.type, range: SKOS.Concept, domains: [DCAT.Dataset, DCAT.Catalog, FOAF.Agent, DCT.LicenseDocument] },
  // DCAT-AP 3: a record's primary topic is a dcat:Resource; the shapes check the class without RDFS subclassing.
  { property: FOAF.primaryTopic, range: DCAT.Resource, domains: [DCAT.CatalogRecord] },
]

const byProperty = new Map(RANGE_TYPES.map((row) => [row.property.value, row]))

/** The rdf:type quads the range table entails for `quads` (those already stated are left out). */
export function entailRangeTypes(quads: readonly Quad[]): Quad[] {
  const types = new Map<string, Set<string>>()
  for (const q of quads) {
    if (q.predicate.value !== RDF.type.value) continue
    const set = types.get(q.subject.value) ?? new Set<string>()
    set.add(q.object.value)
    types.set(q.subject.value, set)
  }
  const added = new Map<string, Quad>()
  for (const q of quads) {
    const row = byProperty.get(q.predicate.value)
    if (!row || q.object.termType === 'Literal') continue
    if (row.domains && !row.domains.some((d) => types.get(q.subject.value)?.has(d.value))) continue
    if (types.get(q.object.value)?.has(row.range.value)) continue
    const key = `${q.object.value} ${row.range.value}`
    if (!added.has(key)) added.set(key, quad(q.object as Quad_Subject, RDF.type, row.range))
  }
  return [...added.values()]
}
