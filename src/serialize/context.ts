/**
 * The published JSON-LD context of our records (`/context/1.jsonld`, current at `/context.jsonld`): short, stable keys
 * for the terms developers use, one table that both the context document and our own compactor read.
 */
import type { Iris } from '../model/iris.ts'
import {
  ADMS, CC, CNT, CSVW, DCAT, DCATAP, DCT, DQV, ELI, FOAF, HYDRA, OA, ODRL, ORG, OWL, PREFIXES, PROV, RDF, RDFS, SCHEMA, SH, SKOS, SPDX, VCARD, XSD,
} from '../vocab/index.ts'
import { requestClassTerms, requestTermDefinitions } from './request-context.ts'

/** Bumped only for a breaking change of a key's meaning; adding keys keeps the version. */
export const CONTEXT_VERSION = 1

/** `id`: IRI value; `lang`: language-tagged text (a language map, or one language); `text`: plain string; else a datatype. */
export type TermKind = 'id' | 'lang' | 'text' | { datatype: string }

export interface TermDefinition {
  readonly key: string
  readonly iri: string
  readonly kind: TermKind
  /** Always an array, even with one value (`@container: @set`). */
  readonly isSet?: boolean
}

/** The language a context flavour gives to `lang` terms; 'all' keeps every language in a language map. */
export type ContextLanguage = 'all' | 'zh' | 'en'

/** The language tag a flavour's `lang` terms carry (BCP 47 canonical case, as the store's output is given back: src/serialize/language-case.ts). */
export const LANGUAGE_TAG: Record<Exclude<ContextLanguage, 'all'>, string> = { zh: 'zh-Hant', en: 'en' }

const id = (key: string, iri: { value: string }, isSet = false): TermDefinition => ({ key, iri: iri.value, kind: 'id', isSet })
const lang = (key: string, iri: { value: string }): TermDefinition => ({ key, iri: iri.value, kind: 'lang' })
const text = (key: string, iri: { value: string }): TermDefinition => ({ key, iri: iri.value, kind: 'text' })
const typed = (key: string, iri: { value: string }, datatype: { value: string }): TermDefinition => ({ key, iri: iri.value, kind: { datatype: datatype.value } })

/** Class names usable as `type` values. */
function classTerms(iris: Iris): Record<string, string> {
  return {
    Catalog: DCAT.Catalog.value, CatalogRecord: DCAT.CatalogRecord.value, Dataset: DCAT.Dataset.value, Distribution: DCAT.Distribution.value,
    DataService: DCAT.DataService.value, Resource: DCAT.Resource.value, Agent: FOAF.Agent.value, Document: FOAF.Document.value,
    Organization: ORG.Organization.value, FormalOrganization: ORG.FormalOrganization.value, OrganizationalUnit: ORG.OrganizationalUnit.value,
    ChangeEvent: ORG.ChangeEvent.value, LegalResource: ELI.LegalResource.value, LegalResourceSubdivision: ELI.LegalResourceSubdivision.value,
    LicenseDocument: DCT.LicenseDocument.value, Concept: SKOS.Concept.value, ConceptScheme: SKOS.ConceptScheme.value,
    QualityAnnotation: DQV.QualityAnnotation.value, QualityMeasurement: DQV.QualityMeasurement.value, Metric: DQV.Metric.value,
    Kind: VCARD.Kind.value, Address: VCARD.Address.value, Policy: ODRL.Policy.value, Permission: ODRL.Permission.value, Duty: ODRL.Duty.value,
    Table: CSVW.Table.value, Schema: CSVW.Schema.value, Column: CSVW.Column.value, Standard: DCT.Standard.value,
    PeriodOfTime: DCT.PeriodOfTime.value, Location: DCT.Location.value, Identifier: ADMS.Identifier.value,
    LinkProvenance: iris.ogd.LinkProvenance.value, UnresolvedAgent: iris.ogd.UnresolvedAgent.value, PlannedOrganization: iris.ogd.PlannedOrganization.value,
    Collection: HYDRA.Collection.value, PartialCollectionView: HYDRA.PartialCollectionView.value, IriTemplate: HYDRA.IriTemplate.value,
    IriTemplateMapping: HYDRA.IriTemplateMapping.value,
    // the classes of the EU vocabularies, licences, contacts, 2018 usage figures, validation and the ontology
    RightsStatement: DCT.RightsStatement.value, Frequency: DCT.Frequency.value, MediaType: DCT.MediaType.value,
    MediaTypeOrExtent: DCT.MediaTypeOrExtent.value, LinguisticSystem: DCT.LinguisticSystem.value, ResourceType: ELI.ResourceType.value,
    Activity: PROV.Activity.value, Entity: PROV.Entity.value, License: CC.License.value, Set: ODRL.Set.value,
    VcardOrganization: VCARD.Organization.value, FoafOrganization: FOAF.Organization.value, Individual: VCARD.Individual.value, Voice: VCARD.Voice.value, Fax: VCARD.Fax.value,
    AggregateRating: SCHEMA.AggregateRating.value, InteractionCounter: SCHEMA.InteractionCounter.value,
    ViewAction: SCHEMA.ViewAction.value, DownloadAction: SCHEMA.DownloadAction.value,
    QualityMetadata: DQV.QualityMetadata.value, Dimension: DQV.Dimension.value, Category: DQV.Category.value,
    ValidationReport: SH.ValidationReport.value, ValidationResult: SH.ValidationResult.value,
    Violation: SH.Violation.value, Warning: SH.Warning.value, Info: SH.Info.value,
    Ontology: OWL.Ontology.value, Class: OWL.Class.value, ObjectProperty: OWL.ObjectProperty.value, DatatypeProperty: OWL.DatatypeProperty.value,
    Property: RDF.Property.value, FundUnit: iris.ogd.FundUnit.value, UncodedAgency: iris.ogd.UncodedAgency.value,
    ...requestClassTerms(iris),
  }
}

/** Every short key, in the order the context lists them. */
export function termDefinitions(iris: Iris): readonly TermDefinition[] {
  const ogd = iris.ogd
  return [
    // DCAT-AP 3: dataset, distribution, service
    lang('title', DCT.title), lang('description', DCT.description), text('identifier', DCT.identifier),
    id('publisher', DCT.publisher), id('creator', DCT.creator), id('theme', DCAT.theme, true), lang('keyword', DCAT.keyword),
    typed('issued', DCT.issued, XSD.dateTime), typed('modified', DCT.modified, XSD.dateTime),
    id('license', DCT.license), id('accessRights', DCT.accessRights), id('accrualPeriodicity', DCT.accrualPeriodicity),
    id('spatial', DCT.spatial, true), id('temporal', DCT.temporal, true), id('language', DCT.language, true), id('landingPage', DCAT.landingPage, true),
    id('contactPoint', DCAT.contactPoint, true), id('distribution', DCAT.distribution, true), id('conformsTo', DCT.conformsTo, true),
    id('applicableLegislation', DCATAP.applicableLegislation, true), id('qualityAnnotation', DQV.hasQualityAnnotation, true),
    id('qualityMeasurement', DQV.hasQualityMeasurement, true), id('accessService', DCAT.accessService, true), id('servesDataset', DCAT.servesDataset, true),
    id('endpointURL', DCAT.endpointURL), id('accessURL', DCAT.accessURL, true), id('downloadURL', DCAT.downloadURL, true),
    id('format', DCT.format), id('mediaType', DCAT.mediaType), typed('byteSize', DCAT.byteSize, XSD.integer),
    text('characterEncoding', CNT.characterEncoding), typed('recordCount', ogd.recordCount, XSD.integer), id('rights', DCT.rights),
    id('primaryTopic', FOAF.primaryTopic), id('dataset', DCAT.dataset, true), id('record', DCAT.record, true), id('service', DCAT.service, true),
    id('metadataStatus', ogd.metadataStatus), id('source', DCT.source, true), id('relation', DCT.relation, true), id('dcType', DCT.type),
    // agencies (foaf, org, vcard)
    lang('name', FOAF.name), lang('prefLabel', SKOS.prefLabel), lang('altLabel', SKOS.altLabel), lang('label', RDFS.label),
    id('subOrganizationOf', ORG.subOrganizationOf, true), id('hasSubOrganization', ORG.hasSubOrganization, true), id('unitOf', ORG.unitOf, true),
    id('hasUnit', ORG.hasUnit, true), id('classification', ORG.classification, true), id('resultedFrom', ORG.resultedFrom, true),
    id('changedBy', ORG.changedBy, true), id('originalOrganization', ORG.originalOrganization, true), id('resultingOrganization', ORG.resultingOrganization, true),
    typed('date', DCT.date, XSD.date), typed('foundingDate', SCHEMA.foundingDate, XSD.date), typed('dissolutionDate', SCHEMA.dissolutionDate, XSD.date),
    typed('isAbolished', ogd.isAbolished, XSD.boolean), id('organicLaw', ogd.organicLaw, true), id('homepage', FOAF.homepage, true), id('page', FOAF.page, true),
    lang('fn', VCARD.fn), id('hasEmail', VCARD.hasEmail, true), id('hasTelephone', VCARD.hasTelephone, true), id('hasURL', VCARD.hasURL, true),
    id('hasAddress', VCARD.hasAddress, true),
    // laws (ELI)
    lang('legalTitle', ELI.title), text('localId', ELI.id_local), id('documentType', ELI.type_document), id('inForce', ELI.in_force),
    typed('dateDocument', ELI.date_document, XSD.date), typed('versionDate', ELI.version_date, XSD.date),
    typed('firstDateEntryInForce', ELI.first_date_entry_in_force, XSD.date), typed('dateNoLongerInForce', ELI.date_no_longer_in_force, XSD.date),
    id('responsibilityOf', ELI.responsibility_of, true), id('hasPart', ELI.has_part, true), id('isPartOf', ELI.is_part_of),
    id('isAbout', ELI.is_about, true), text('number', ELI.number), lang('articleText', ogd.articleText), lang('chapterTitle', ogd.chapterTitle),
    typed('articleCount', ogd.articleCount, XSD.integer), lang('effectiveNote', ogd.effectiveNote), lang('historyNote', SKOS.historyNote),
    // licences (ODRL, CC)
    id('sameAs', OWL.sameAs, true), id('compatibleWith', ogd.compatibleWith, true), id('permission', ODRL.permission, true),
    id('duty', ODRL.duty, true), id('action', ODRL.action, true), id('permits', CC.permits, true), id('requires', CC.requires, true),
    id('legalcode', CC.legalcode, true), text('licenseId', SPDX.licenseId),
    // concept schemes (SKOS)
    id('inScheme', SKOS.inScheme, true), text('notation', SKOS.notation), lang('definition', SKOS.definition), lang('note', SKOS.note),
    lang('scopeNote', SKOS.scopeNote), id('broader', SKOS.broader, true), id('narrower', SKOS.narrower, true),
    id('hasTopConcept', SKOS.hasTopConcept, true), id('topConceptOf', SKOS.topConceptOf, true), id('exactMatch', SKOS.exactMatch, true),
    id('closeMatch', SKOS.closeMatch, true), id('broadMatch', SKOS.broadMatch, true),
    // quality (DQV, Web Annotation) and link provenance
    id('isMeasurementOf', DQV.isMeasurementOf), id('computedOn', DQV.computedOn), id('inDimension', DQV.inDimension), id('wasDerivedFrom', PROV.wasDerivedFrom), id('hasBody', OA.hasBody), id('hasTarget', OA.hasTarget),
    id('motivatedBy', OA.motivatedBy), id('linkRecord', ogd.linkRecord, true), id('linkMethod', ogd.linkMethod), text('sourceText', ogd.sourceText),
    id('wasGeneratedBy', PROV.wasGeneratedBy), typed('generatedAtTime', PROV.generatedAtTime, XSD.dateTime),
    typed('startedAtTime', PROV.startedAtTime, XSD.dateTime), typed('endedAtTime', PROV.endedAtTime, XSD.dateTime),
    // Hydra collections (search API)
    id('member', HYDRA.member, true), typed('totalItems', HYDRA.totalItems, XSD.integer), id('view', HYDRA.view), id('first', HYDRA.first),
    id('previous', HYDRA.previous), id('next', HYDRA.next), id('last', HYDRA.last), id('search', HYDRA.search),
    text('template', HYDRA.template), id('mapping', HYDRA.mapping, true), text('variable', HYDRA.variable), id('property', HYDRA.property),
    typed('required', HYDRA.required, XSD.boolean),
    // licences, contacts and identifiers
    id('replaces', DCT.replaces, true), id('isReplacedBy', DCT.isReplacedBy, true), id('seeAlso', RDFS.seeAlso, true), text('licenseText', SPDX.licenseText),
    id('hasValue', VCARD.hasValue), text('streetAddress', VCARD['street-address']), text('postalCode', VCARD['postal-code']),
    text('locality', VCARD.locality), text('countryName', VCARD['country-name']), text('organizationName', VCARD['organization-name']),
    id('otherIdentifier', ADMS.identifier, true), text('schemaAgency', ADMS.schemaAgency), lang('titleAlternative', ELI.title_alternative),
    // table schemas (CSVW) of distributions
    id('tableSchema', CSVW.tableSchema), id('column', CSVW.column, true), text('columnName', CSVW.name), lang('titles', CSVW.titles),
    text('columnDatatype', CSVW.datatype),
    // our notes on records, and the 2018 listing's figures (schema.org)
    lang('feeNote', ogd.feeNote), lang('remark', ogd.remark), text('deliveryMethod', ogd.deliveryMethod), id('duplicateOf', ogd.duplicateOf, true),
    typed('duplicateIndex', ogd.duplicateIndex, XSD.integer), typed('listingYear', ogd.listingYear, XSD.gYear), id('missingProperty', ogd.missingProperty, true),
    id('aggregateRating', SCHEMA.aggregateRating), typed('ratingValue', SCHEMA.ratingValue, XSD.integer), typed('bestRating', SCHEMA.bestRating, XSD.integer),
    typed('worstRating', SCHEMA.worstRating, XSD.integer), id('interactionStatistic', SCHEMA.interactionStatistic, true), id('interactionType', SCHEMA.interactionType),
    typed('userInteractionCount', SCHEMA.userInteractionCount, XSD.integer), typed('observationDate', SCHEMA.observationDate, XSD.date),
    // validation reports (SHACL) and measurement values (any datatype: written with it)
    text('value', DQV.value), typed('conforms', SH.conforms, XSD.boolean), id('result', SH.result, true), id('focusNode', SH.focusNode),
    id('resultPath', SH.resultPath), id('resultSeverity', SH.resultSeverity), lang('resultMessage', SH.resultMessage), id('sourceShape', SH.sourceShape),
    id('sourceConstraintComponent', SH.sourceConstraintComponent), text('resultValue', SH.value),
    // the ontology (RDFS, OWL)
    lang('comment', RDFS.comment), id('isDefinedBy', RDFS.isDefinedBy), id('subClassOf', RDFS.subClassOf, true), id('subPropertyOf', RDFS.subPropertyOf, true),
    id('domain', RDFS.domain, true), id('range', RDFS.range, true), text('versionInfo', OWL.versionInfo), id('imports', OWL.imports, true),
    id('equivalentClass', OWL.equivalentClass, true),
    // the search API's facet counts: plain JSON for interfaces, kept whole as one rdf:JSON literal (JSON-LD 1.1 §4.2.2)
    { key: 'facets', iri: ogd.facets.value, kind: { datatype: '@json' } },
    // the public's dataset requests
    ...requestTermDefinitions(iris),
  ]
}

export interface ContextTables {
  readonly terms: readonly TermDefinition[]
  readonly classes: Readonly<Record<string, string>>
  /** prefix → namespace, for the compact IRIs of everything without a short key. */
  readonly prefixes: Readonly<Record<string, string>>
}

/** The tables behind the context for one base (our ontology's namespace sits under BASE_IRI). */
export function contextTables(iris: Iris): ContextTables {
  return { terms: termDefinitions(iris), classes: classTerms(iris), prefixes: { ...PREFIXES, ogd: iris.ogd.$iri, cnt: CNT.$iri } }
}

function definitionOf(term: TermDefinition, language: ContextLanguage): Record<string, unknown> {
  const definition: Record<string, unknown> = { '@id': term.iri }
  if (term.kind === 'id') definition['@type'] = '@id'
  else if (term.kind === 'lang') {
    if (language === 'all') definition['@container'] = '@language'
    else definition['@language'] = LANGUAGE_TAG[language]
  } else if (term.kind !== 'text') definition['@type'] = term.kind.datatype
  if (term.isSet && definition['@container'] === undefined) definition['@container'] = '@set'
  return definition
}

/**
 * The context document: `{"@context": {...}}`. Flavour 'all' gives language maps (`title: {"zh-Hant": …, "en": …}`);
 * 'zh' and 'en' give that language's text as plain strings, other languages staying under the compact IRI (`dct:title`).
 */
export function buildContextDocument(tables: ContextTables, language: ContextLanguage = 'all'): { '@context': Record<string, unknown> } {
  const context: Record<string, unknown> = { '@version': 1.1, '@protected': true, id: '@id', type: '@type' }
  for (const [prefix, namespace] of Object.entries(tables.prefixes)) context[prefix] = namespace
  for (const [name, iri] of Object.entries(tables.classes)) context[name] = iri
  for (const term of tables.terms) context[term.key] = definitionOf(term, language)
  return { '@context': context }
}

/** The path of a published context flavour (relative to the public origin). */
export const contextPath = (language: ContextLanguage, version = CONTEXT_VERSION): string =>
  language === 'all' ? `/context/${version}.jsonld` : `/context/${version}/${language}.jsonld`
