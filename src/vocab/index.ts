/** Every IRI the project writes lives here: standard vocabularies, EU authority tables and external bases. */
import { DataFactory } from 'n3'
import { createNamespace } from './namespace.ts'
import { REQUEST_TERMS } from './request-terms.ts'

export { createNamespace, type Namespace } from './namespace.ts'

export const RDF = createNamespace('http://www.w3.org/1999/02/22-rdf-syntax-ns#', ['type', 'langString', 'Property', 'value', 'first', 'rest', 'nil'])
export const RDFS = createNamespace('http://www.w3.org/2000/01/rdf-schema#', ['label', 'comment', 'seeAlso', 'Class', 'domain', 'range', 'subClassOf', 'subPropertyOf', 'isDefinedBy', 'Literal'])
export const XSD = createNamespace('http://www.w3.org/2001/XMLSchema#', ['string', 'date', 'dateTime', 'integer', 'nonNegativeInteger', 'decimal', 'boolean', 'anyURI', 'gYear', 'duration', 'double'])
export const OWL = createNamespace('http://www.w3.org/2002/07/owl#', ['sameAs', 'Ontology', 'Class', 'ObjectProperty', 'DatatypeProperty', 'versionInfo', 'imports', 'equivalentClass', 'NamedIndividual'])
export const DCAT = createNamespace('http://www.w3.org/ns/dcat#', ['Catalog', 'CatalogRecord', 'Dataset', 'Distribution', 'DataService', 'Relationship', 'Resource', 'dataset', 'record', 'service', 'distribution', 'accessURL', 'downloadURL', 'accessService', 'endpointURL', 'endpointDescription', 'servesDataset', 'mediaType', 'byteSize', 'theme', 'themeTaxonomy', 'keyword', 'landingPage', 'contactPoint', 'compressFormat', 'packageFormat', 'spatialResolutionInMeters', 'temporalResolution', 'startDate', 'endDate', 'qualifiedRelation', 'version', 'hasVersion', 'isVersionOf', 'inSeries', 'DatasetSeries'])
export const DCT = createNamespace('http://purl.org/dc/terms/', ['title', 'description', 'identifier', 'publisher', 'creator', 'issued', 'modified', 'license', 'rights', 'accessRights', 'accrualPeriodicity', 'spatial', 'temporal', 'language', 'format', 'conformsTo', 'source', 'type', 'subject', 'isPartOf', 'hasPart', 'references', 'isReferencedBy', 'replaces', 'isReplacedBy', 'provenance', 'rightsHolder', 'LicenseDocument', 'RightsStatement', 'MediaType', 'MediaTypeOrExtent', 'Frequency', 'Location', 'PeriodOfTime', 'LinguisticSystem', 'Standard', 'ProvenanceStatement', 'valid', 'created', 'alternative', 'relation', 'extent', 'date', 'hasVersion', 'isVersionOf'])
export const DCATAP = createNamespace('http://data.europa.eu/r5r/', ['applicableLegislation', 'availability', 'hvdCategory'])
export const FOAF = createNamespace('http://xmlns.com/foaf/0.1/', ['Agent', 'Organization', 'name', 'homepage', 'page', 'primaryTopic', 'mbox', 'Document'])
export const ORG = createNamespace('http://www.w3.org/ns/org#', ['Organization', 'FormalOrganization', 'OrganizationalUnit', 'ChangeEvent', 'subOrganizationOf', 'hasSubOrganization', 'unitOf', 'hasUnit', 'identifier', 'classification', 'changedBy', 'resultedFrom', 'originalOrganization', 'resultingOrganization', 'siteAddress', 'purpose'])
export const ELI = createNamespace('http://data.europa.eu/eli/ontology#', ['LegalResource', 'LegalResourceSubdivision', 'LegalExpression', 'title', 'title_alternative', 'id_local', 'type_document', 'in_force', 'date_document', 'date_publication', 'first_date_entry_in_force', 'date_no_longer_in_force', 'first_date_entry_in_force', 'is_part_of', 'has_part', 'number', 'responsibility_of', 'passed_by', 'is_about', 'realizes', 'is_realized_by', 'language', 'description', 'latest_version', 'ResourceType', 'InForce', 'version_date', 'is_member_of', 'based_on', 'date_applicability'])
export const SKOS = createNamespace('http://www.w3.org/2004/02/skos/core#', ['Concept', 'ConceptScheme', 'prefLabel', 'altLabel', 'hiddenLabel', 'definition', 'notation', 'inScheme', 'hasTopConcept', 'topConceptOf', 'broader', 'narrower', 'exactMatch', 'closeMatch', 'broadMatch', 'narrowMatch', 'relatedMatch', 'note', 'scopeNote', 'Collection', 'member', 'historyNote'])
export const ODRL = createNamespace('http://www.w3.org/ns/odrl/2/', ['Policy', 'Set', 'Offer', 'Permission', 'Duty', 'Prohibition', 'permission', 'duty', 'prohibition', 'obligation', 'action', 'target', 'assigner', 'uid', 'reproduce', 'distribute', 'modify', 'derive', 'commercialize', 'attribute', 'attributionText', 'present', 'use', 'transform', 'compensate', 'profile', 'constraint', 'grantUse'])
export const CC = createNamespace('http://creativecommons.org/ns#', ['License', 'permits', 'requires', 'prohibits', 'Reproduction', 'Distribution', 'DerivativeWorks', 'Attribution', 'Notice', 'CommercialUse', 'legalcode', 'Sharing'])
export const DQV = createNamespace('http://www.w3.org/ns/dqv#', ['QualityAnnotation', 'QualityMeasurement', 'Metric', 'Dimension', 'Category', 'hasQualityAnnotation', 'hasQualityMeasurement', 'isMeasurementOf', 'computedOn', 'value', 'inDimension', 'inCategory', 'expectedDataType', 'QualityCertificate', 'qualityAssessment', 'QualityMetadata'])
export const OA = createNamespace('http://www.w3.org/ns/oa#', ['hasBody', 'hasTarget', 'motivatedBy', 'classifying', 'assessing', 'Annotation'])
export const VCARD = createNamespace('http://www.w3.org/2006/vcard/ns#', ['Kind', 'Organization', 'Individual', 'fn', 'hasEmail', 'hasTelephone', 'hasURL', 'hasAddress', 'organization-name', 'street-address', 'postal-code', 'locality', 'country-name', 'Address', 'hasUID', 'hasValue', 'Voice', 'Fax', 'note'])
export const PROV = createNamespace('http://www.w3.org/ns/prov#', ['Entity', 'Activity', 'Agent', 'wasDerivedFrom', 'wasGeneratedBy', 'wasAttributedTo', 'generatedAtTime', 'qualifiedAttribution', 'used', 'startedAtTime', 'endedAtTime', 'hadPrimarySource', 'value', 'SoftwareAgent', 'wasAssociatedWith', 'qualifiedDerivation', 'Derivation', 'entity', 'hadActivity', 'hadPlan', 'Plan', 'invalidatedAtTime', 'atTime'])
export const ADMS = createNamespace('http://www.w3.org/ns/adms#', ['Identifier', 'identifier', 'sample', 'status', 'versionNotes', 'schemaAgency'])
export const SPDX = createNamespace('http://spdx.org/rdf/terms#', ['checksum', 'Checksum', 'algorithm', 'checksumValue', 'licenseId', 'licenseText'])
export const SPDX_LICENSES = createNamespace('http://spdx.org/licenses/', ['OGDL-Taiwan-1.0', 'CC-BY-4.0'])
export const LOCN = createNamespace('http://www.w3.org/ns/locn#', ['Address', 'address', 'fullAddress', 'postCode', 'adminUnitL1', 'geometry'])
export const SCHEMA = createNamespace('https://schema.org/', ['Question', 'Answer', 'suggestedAnswer', 'text', 'position', 'dateCreated', 'citation', 'author', 'InteractionCounter', 'interactionStatistic', 'interactionType', 'userInteractionCount', 'ViewAction', 'DownloadAction', 'aggregateRating', 'AggregateRating', 'ratingValue', 'bestRating', 'worstRating', 'telephone', 'email', 'legislationIdentifier', 'observationDate', 'faxNumber', 'postalCode', 'streetAddress', 'foundingDate', 'dissolutionDate'])
export const CSVW = createNamespace('http://www.w3.org/ns/csvw#', ['Table', 'Schema', 'Column', 'tableSchema', 'column', 'name', 'titles', 'datatype', 'description'])
export const SH = createNamespace('http://www.w3.org/ns/shacl#', ['NodeShape', 'PropertyShape', 'ValidationReport', 'ValidationResult', 'conforms', 'result', 'focusNode', 'resultPath', 'resultSeverity', 'resultMessage', 'sourceShape', 'sourceConstraintComponent', 'value', 'Violation', 'Warning', 'Info', 'message', 'targetClass', 'path', 'minCount', 'maxCount', 'class', 'datatype', 'severity', 'nodeKind', 'IRI', 'property', 'in', 'pattern', 'or', 'node', 'name', 'description', 'and', 'xone', 'not', 'qualifiedValueShape', 'inversePath', 'alternativePath', 'zeroOrMorePath', 'oneOrMorePath', 'zeroOrOnePath', 'sparql', 'targetNode', 'targetSubjectsOf', 'targetObjectsOf', 'target', 'closed', 'equals', 'disjoint', 'lessThan', 'lessThanOrEquals'])
export const HYDRA = createNamespace('http://www.w3.org/ns/hydra/core#', ['Collection', 'PartialCollectionView', 'member', 'totalItems', 'view', 'first', 'previous', 'next', 'last', 'search', 'IriTemplate', 'template', 'mapping', 'variable', 'property', 'IriTemplateMapping', 'required', 'nextPage', 'variableRepresentation', 'BasicRepresentation', 'freetextQuery'])
export const VOID = createNamespace('http://rdfs.org/ns/void#', ['Dataset', 'triples', 'entities', 'classes', 'properties', 'distinctSubjects', 'distinctObjects', 'classPartition', 'propertyPartition', 'class', 'property', 'sparqlEndpoint', 'dataDump', 'vocabulary', 'uriSpace', 'exampleResource', 'rootResource'])
export const SD = createNamespace('http://www.w3.org/ns/sparql-service-description#', ['Service', 'endpoint', 'supportedLanguage', 'SPARQL11Query', 'resultFormat', 'feature', 'defaultDataset', 'Dataset', 'defaultGraph', 'Graph', 'namedGraph', 'NamedGraph', 'name', 'graph', 'UnionDefaultGraph', 'BasicFederatedQuery', 'EmptyGraphs', 'inputFormat', 'extensionFunction', 'defaultEntailmentRegime', 'languageExtension', 'propertyFeature'])
export const TIME = createNamespace('http://www.w3.org/2006/time#', ['Instant', 'inXSDDateTimeStamp'])
/** W3C unique URIs for file formats (sd:resultFormat values). */
export const W3C_FORMATS = createNamespace('http://www.w3.org/ns/formats/', ['SPARQL_Results_JSON', 'SPARQL_Results_XML', 'SPARQL_Results_CSV', 'SPARQL_Results_TSV', 'Turtle', 'N-Triples', 'N-Quads', 'TriG', 'RDF_XML', 'JSON-LD'])
/** ADMS licence types (DCAT-AP: dct:type on dct:LicenseDocument). */
export const ADMS_LICENCE_TYPE = createNamespace('http://purl.org/adms/licencetype/', ['Attribution'])
export const ADMS_LICENCE_TYPE_SCHEME = DataFactory.namedNode('http://purl.org/adms/licencetype/1.0')
/** ActivityStreams 2.0 (the catalogue's change feed). */
/** ActivityStreams 2.0 (its JSON-LD context document is https://www.w3.org/ns/activitystreams, a copy of our terms at /context/activitystreams.jsonld). */
export const AS_CONTEXT_IRI = 'https://www.w3.org/ns/activitystreams'
export const AS = createNamespace('https://www.w3.org/ns/activitystreams#', ['OrderedCollection', 'OrderedCollectionPage', 'totalItems', 'first', 'last', 'next', 'prev', 'partOf', 'orderedItems', 'items', 'startIndex', 'Create', 'Update', 'Delete', 'object', 'published', 'updated', 'summary', 'target', 'origin'])
/** The DCAT-AP releases the catalogue can be served in (W3C content negotiation by profile). */
export const DCAT_AP_PROFILE = {
  v3_0_1: 'https://semiceu.github.io/DCAT-AP/releases/3.0.1',
  v2_1_1: 'https://semiceu.github.io/DCAT-AP/releases/2.1.1',
  /** The 2.1.1 release page on Joinup, an alias some harvesters send. */
  v2_1_1Joinup: 'https://joinup.ec.europa.eu/collection/semantic-interoperability-community-semic/solution/dcat-application-profile-data-portals-europe/release/211',
} as const

/** EU Publications Office authority tables (the DCAT-AP controlled vocabularies). */
const AUTHORITY = 'http://publications.europa.eu/resource/authority/'
export const EU = {
  fileType: createNamespace(AUTHORITY + 'file-type/', []),
  frequency: createNamespace(AUTHORITY + 'frequency/', []),
  dataTheme: createNamespace(AUTHORITY + 'data-theme/', []),
  accessRight: createNamespace(AUTHORITY + 'access-right/', ['PUBLIC', 'RESTRICTED', 'NON_PUBLIC']),
  language: createNamespace(AUTHORITY + 'language/', ['ZHO', 'ENG']),
  country: createNamespace(AUTHORITY + 'country/', ['TWN']),
  licence: createNamespace(AUTHORITY + 'licence/', ['CC_BY_4_0']),
  datasetType: createNamespace(AUTHORITY + 'dataset-type/', []),
  schemes: {
    fileType: AUTHORITY + 'file-type',
    frequency: AUTHORITY + 'frequency',
    dataTheme: AUTHORITY + 'data-theme',
    accessRight: AUTHORITY + 'access-right',
    language: AUTHORITY + 'language',
    country: AUTHORITY + 'country',
  },
} as const
export const IANA_MEDIA = createNamespace('http://www.iana.org/assignments/media-types/', [])

/** External pages we link to (landing pages, law pages, licence texts). Only templates; values are filled by src/model. */
export const EXTERNAL = {
  dataGovTwDataset: 'https://data.gov.tw/dataset/',
  dataGovTwLicense: 'https://data.gov.tw/license',
  dataGovTwLicenseEn: 'https://data.gov.tw/en/license',
  dataGovTwLicenseOld: 'http://data.gov.tw/license',
  dataGovTwUsageRules2013: 'http://data.gov.tw/opendata/principle',
  dataGovTwHome: 'https://data.gov.tw/',
  /** A public dataset request's page on the old (Drupal) site, by node id. */
  dataGovTwNode: 'https://data.gov.tw/node/',
  mojLaw: 'https://law.moj.gov.tw/LawClass/LawAll.aspx?pcode=',
  mojLawEn: 'https://law.moj.gov.tw/ENG/LawClass/LawAll.aspx?pcode=',
  mojLawArticle: 'https://law.moj.gov.tw/LawClass/LawSingle.aspx?pcode=',
  govOid: 'urn:oid:',
  /** RFC 3966 telephone IRIs (`tel:+886-2-23165300`). */
  tel: 'tel:',
  ccBy4: 'https://creativecommons.org/licenses/by/4.0/',
  ccBy4Legal: 'https://creativecommons.org/licenses/by/4.0/legalcode',
} as const

/** Prefixes used when writing Turtle/TriG and preset in the query UI. */
export const PREFIXES: Record<string, string> = {
  rdf: RDF.$iri, rdfs: RDFS.$iri, xsd: XSD.$iri, owl: OWL.$iri,
  dcat: DCAT.$iri, dct: DCT.$iri, dcatap: DCATAP.$iri, foaf: FOAF.$iri, org: ORG.$iri, eli: ELI.$iri,
  skos: SKOS.$iri, odrl: ODRL.$iri, cc: CC.$iri, dqv: DQV.$iri, oa: OA.$iri, vcard: VCARD.$iri, prov: PROV.$iri,
  adms: ADMS.$iri, spdx: SPDX.$iri, locn: LOCN.$iri, schema: SCHEMA.$iri, csvw: CSVW.$iri, sh: SH.$iri,
  hydra: HYDRA.$iri, void: VOID.$iri, sd: SD.$iri, time: TIME.$iri, as: AS.$iri,
}
export const CNT = createNamespace('http://www.w3.org/2011/content#', ['characterEncoding'])

/** ELI's in-force individuals (eli:InForce concept scheme). */
export const ELI_IN_FORCE = {
  inForce: ELI.$term('InForce-inForce'),
  notInForce: ELI.$term('InForce-notInForce'),
} as const

/**
 * Our own ontology. Its namespace sits under BASE_IRI so that it is served by us (/ontology);
 * the terms are declared in ontology/ogd.ttl with zh and en labels. Only terms no standard covers.
 */
export const OGD_TERMS = [
  // classes
  'UnresolvedAgent', 'PlannedOrganization', 'LinkProvenance', 'FundUnit',
  // properties
  'organicLaw', 'recordCount', 'metadataStatus', 'missingProperty', 'linkRecord', 'sourceText', 'linkMethod',
  'effectiveNote', 'articleText', 'chapterTitle',
  'isAbolished', 'feeNote', 'deliveryMethod', 'duplicateOf',
  'duplicateIndex', 'listingYear', 'remark',
  // limits of the SPARQL service, stated in its service description
  'queryTimeoutMs', 'queryQueueTimeoutMs', 'maxQueryBytes', 'maxQueryDepth', 'maxRequestBytes',
  'queryStrikeLimit', 'queryStrikeWindowMs',
  // the store behind the service (STORE=virtuoso), its row cap and its departures from SPARQL 1.1
  'storeEngine', 'storeMaxRows', 'storeDifference',
  'articleCount', 'compatibleWith',
  // the search API's facet counts (a JSON literal on a hydra:Collection)
  'facets',
  // today's catalogue merged from several sources (issue 11): history of values, provenance per property, listings
  'SupersededValue', 'supersededValue', 'ofProperty', 'contributedProperty', 'inCurrentListing', 'linkEvidence',
  'UncodedAgency',
  // the public's dataset requests (src/vocab/request-terms.ts)
  ...REQUEST_TERMS,
] as const
export type OgdTerm = (typeof OGD_TERMS)[number]
export const ontologyNamespace = (base: string) => createNamespace(`${base}/ontology#`, OGD_TERMS)

/** The MQA vocabulary of data.europa.eu (piveau): dimensions, metrics and scorings, for DQV quality measurements. */
export const PV = createNamespace('https://piveau.eu/ns/voc#', [
  'findability', 'accessibility', 'interoperability', 'reusability', 'contextuality',
  'keywordAvailability', 'categoryAvailability', 'spatialAvailability', 'temporalAvailability',
  'accessUrlStatusCode', 'downloadUrlAvailability', 'downloadUrlStatusCode',
  'formatAvailability', 'mediaTypeAvailability', 'formatMediaTypeVocabularyAlignment', 'formatMediaTypeNonProprietary', 'formatMediaTypeMachineInterpretable', 'dcatApCompliance',
  'licenceAvailability', 'knownLicence', 'accessRightsAvailability', 'accessRightsVocabularyAlignment', 'contactPointAvailability', 'publisherAvailability',
  'rightsAvailability', 'byteSizeAvailability', 'dateIssuedAvailability', 'dateModifiedAvailability',
  'scoring', 'findabilityScoring', 'accessibilityScoring', 'interoperabilityScoring', 'reusabilityScoring', 'contextualityScoring',
])
/** JSON-LD's own namespace: the `Link` relation for a context served with application/json (JSON-LD 1.1 §6.1) and profile IRIs. */
export const JSONLD_NS = createNamespace('http://www.w3.org/ns/json-ld#', ['context', 'compacted', 'expanded', 'flattened', 'framed'])
/** OpenAPI 3.1: the JSON Schema dialect its schemas use by default. */
export const OPENAPI = { version: '3.1.0', schemaDialect: 'https://spec.openapis.org/oas/3.1/dialect/base' } as const
