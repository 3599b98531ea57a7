/** A normalised data.gov.tw record → DCAT-AP 3 quads in the dataset's named graph: one small rule per property group. */
import { DataFactory, type NamedNode } from 'n3'
import { DCAT, DCT, DQV, FOAF, OA, RDF, VCARD } from '../vocab/index.ts'
import type { ImportContext, ImportResult } from './types.ts'
import type { MappingLookup } from './catalog-lookup.ts'
import { createRecordBuilder, type DatasetEntry, type RecordBuilder, type RecordOptions } from './catalog-entry.ts'
import { addDistributions } from './catalog-distribution.ts'
import { contactNode, mapLicense, mapRecordCount, mapTime, zh } from './catalog-values.ts'
import { addUsage } from './catalog-usage.ts'
import { encodeIri } from './iri-text.ts'
import { parseLocalDateTime } from './local-time.ts'

const { literal, namedNode } = DataFactory
const EMAIL = /^[^\s@<>"]+@[^\s@<>"]+\.[^\s@<>"]+$/

type Rule = (b: RecordBuilder) => void

const addIdentity: Rule = (b) => {
  b.add(b.dataset, RDF.type, DCAT.Dataset)
  b.add(b.dataset, RDF.type, DCAT.Resource) // stated: DCAT-AP 3 checks a CatalogRecord's primaryTopic is a dcat:Resource, without DCAT's subclass axioms
  b.add(b.dataset, DCT.identifier, literal(b.entry.id))
  b.count('datasets')
}

const addTexts: Rule = (b) => {
  if (b.entry.title.trim()) b.add(b.dataset, DCT.title, zh(b.entry.title.trim()))
  if (b.entry.description?.trim()) b.add(b.dataset, DCT.description, zh(b.entry.description.trim()))
}

const addThemes: Rule = (b) => {
  const text = b.entry.category?.trim()
  if (!text) return
  const match = b.lookup.serviceCategory(text)
  if (!match) return b.warn(`unknown 服務分類 "${text}" (add it to data/mappings/service-category.csv): no dcat:theme`)
  b.add(b.dataset, DCAT.theme, match.concept)
  if (match.euTheme) b.add(b.dataset, DCAT.theme, match.euTheme)
}

const addFrequency: Rule = (b) => {
  const text = b.entry.frequency?.trim()
  if (!text) return
  const frequency = b.lookup.frequency(text)
  if (frequency === undefined) b.warn(`unknown 更新頻率 "${text}" (add it to data/mappings/update-frequency.csv): no dct:accrualPeriodicity`)
  if (frequency) b.add(b.dataset, DCT.accrualPeriodicity, frequency)
}

const addDates: Rule = (b) => {
  const issued = mapTime(b, b.entry.issued, 'issued')
  const modified = mapTime(b, b.entry.modified, 'modified')
  if (issued) b.add(b.dataset, DCT.issued, issued)
  if (modified) b.add(b.dataset, DCT.modified, modified)
}

/** A web page about the dataset: typed foaf:Document, the range DCAT-AP 3 gives landingPage and page. */
function addDocument(b: RecordBuilder, predicate: NamedNode, text: string, what: string): void {
  const iri = encodeIri(text)
  if (!iri) return b.warn(`${what} "${text}" is not a usable URL: left out`)
  b.add(b.dataset, predicate, namedNode(iri))
  b.add(namedNode(iri), RDF.type, FOAF.Document)
}

const addPages: Rule = (b) => {
  if (b.entry.landingPage?.trim()) addDocument(b, DCAT.landingPage, b.entry.landingPage, 'landing page')
  for (const url of b.entry.relatedUrls ?? []) if (url.trim()) addDocument(b, FOAF.page, url, '相關網址')
}

/** Everything data.gov.tw publishes is at the 公開 level (敏感/機敏 data is never put there): EU PUBLIC, via data-level.csv. */
const addAccessRights: Rule = (b) => {
  const right = b.lookup.dataLevel('公開')
  if (right) b.add(b.dataset, DCT.accessRights, right)
}

const addQualityAnnotation: Rule = (b) => {
  const text = b.entry.qualityBadge?.trim()
  if (!text) return
  const badge = b.lookup.qualityBadge(text)
  if (!badge) return b.warn(`unknown 品質檢測 "${text}" (add it to data/mappings/quality-badge.csv): no quality annotation`)
  const annotation = b.iris.part(b.dataset, 'quality')
  b.add(b.dataset, DQV.hasQualityAnnotation, annotation)
  b.add(annotation, RDF.type, DQV.QualityAnnotation)
  b.add(annotation, OA.hasBody, badge)
  b.add(annotation, OA.hasTarget, b.dataset)
  b.add(annotation, OA.motivatedBy, DQV.qualityAssessment)
}

const addLicense: Rule = (b) => {
  const license = mapLicense(b, true)
  if (license) b.add(b.dataset, DCT.license, license)
}

const addNotes: Rule = (b) => {
  const { ogd } = b.iris
  if (b.entry.feeNote?.trim()) b.add(b.dataset, ogd.feeNote, zh(b.entry.feeNote.trim()))
  for (const remark of b.entry.remarks ?? []) if (remark.trim()) b.add(b.dataset, ogd.remark, zh(remark.trim()))
  if (b.entry.deliveryMethod?.trim()) b.add(b.dataset, ogd.deliveryMethod, zh(b.entry.deliveryMethod.trim()))
  const count = mapRecordCount(b, b.entry.recordCount, 'numberOfData')
  if (count) b.add(b.dataset, ogd.recordCount, count)
}

const addKeywords: Rule = (b) => {
  for (const keyword of new Set((b.entry.keywords ?? []).map((k) => k.trim()).filter(Boolean))) {
    b.add(b.dataset, DCAT.keyword, zh(keyword))
  }
}

const addLanguageAndSpatial: Rule = (b) => {
  const language = b.entry.language?.trim()
  if (language) {
    const iri = b.lookup.language(language)
    if (iri) b.add(b.dataset, DCT.language, iri)
    else b.warn(`unknown language "${language}" (add it to data/mappings/language.csv): no dct:language`)
  }
  const spatial = b.entry.spatial?.trim()
  if (spatial) {
    const iri = b.lookup.spatial(spatial)
    if (iri) b.add(b.dataset, DCT.spatial, iri)
    else b.warn(`unknown spatial coverage "${spatial}" (add it to data/mappings/spatial.csv): no dct:spatial`)
  }
}

const addTemporal: Rule = (b) => {
  const start = mapTime(b, b.entry.temporalFrom, 'temporal coverage start')
  const end = mapTime(b, b.entry.temporalTo, 'temporal coverage end')
  if (!start && !end) return
  const period = b.iris.part(b.dataset, 'temporal')
  b.add(b.dataset, DCT.temporal, period)
  b.add(period, RDF.type, DCT.PeriodOfTime)
  if (start) b.add(period, DCAT.startDate, start)
  if (end) b.add(period, DCAT.endDate, end)
}

/** Privacy by default: the agency only; persons' names, phones and e-mails only when asked for. */
const addContactPoint: Rule = (b) => {
  const node = contactNode(b)
  const contact = b.entry.contact
  if (!node || !contact?.organization) return
  b.add(b.dataset, DCAT.contactPoint, node)
  b.add(node, RDF.type, VCARD.Kind) // stated, so SHACL's class check passes without vCard's subclass axioms
  b.add(node, RDF.type, VCARD.Organization)
  b.add(node, VCARD.fn, zh(contact.organization))
  if (!b.options.includePersonalContacts || !(contact.person || contact.phone || contact.email)) return
  const person = b.iris.part(b.dataset, 'contact-person')
  b.add(b.dataset, DCAT.contactPoint, person)
  b.add(person, RDF.type, VCARD.Kind)
  b.add(person, RDF.type, VCARD.Individual)
  b.add(person, VCARD['organization-name'], zh(contact.organization))
  if (contact.person) b.add(person, VCARD.fn, zh(contact.person))
  if (contact.phone) b.add(person, VCARD.hasTelephone, literal(contact.phone))
  if (contact.email && EMAIL.test(contact.email.trim())) b.add(person, VCARD.hasEmail, namedNode(`mailto:${contact.email.trim()}`))
}

const addPublisher: Rule = (b) => {
  const name = b.entry.publisherName?.trim()
  if (name) b.refer('publisher', name, b.entry.publisherCode?.trim() || undefined, b.entry.publisherHint)
}

/** DCAT-AP 3 makes dct:title and dct:description mandatory on a Dataset: say honestly which are missing. */
const addCompleteness: Rule = (b) => {
  const missing = [
    b.entry.title.trim() ? undefined : DCT.title,
    b.entry.description?.trim() ? undefined : DCT.description,
  ].filter((p): p is NamedNode => p !== undefined)
  b.add(b.dataset, b.iris.ogd.metadataStatus, b.lookup.metadataStatus(missing.length ? 'partial' : 'complete'))
  for (const property of missing) b.add(b.dataset, b.iris.ogd.missingProperty, property)
}

/** Only a source that keeps a catalogue record (詮釋資料更新時間) gets a dcat:CatalogRecord; DCAT-AP 3 needs its dct:modified. */
const addCatalogRecord: Rule = (b) => {
  const modified = mapTime(b, b.entry.metadataModified, '詮釋資料更新時間')
  if (!modified) return
  const record = b.iris.catalogRecord(b.entry.id)
  b.add(record, RDF.type, DCAT.CatalogRecord)
  b.add(record, FOAF.primaryTopic, b.dataset)
  b.add(record, DCT.modified, modified)
  const issued = b.entry.issued ? parseLocalDateTime(b.entry.issued) : undefined
  if (issued) b.add(record, DCT.issued, issued)
}

const DATASET_RULES: readonly Rule[] = [
  addIdentity, addTexts, addThemes, addFrequency, addDates, addPages, addAccessRights, addQualityAnnotation,
  addLicense, addNotes, addKeywords, addLanguageAndSpatial, addTemporal, addContactPoint, addPublisher,
  addCompleteness, addDistributions, addUsage, addCatalogRecord,
]

/** Turn one normalised record into quads (graph = the dataset's IRI), warnings and a publisher reference, into `result`. */
export function buildDatasetRecord(
  entry: DatasetEntry,
  ctx: ImportContext,
  lookup: MappingLookup,
  options: RecordOptions,
  result: ImportResult,
): RecordBuilder {
  const builder = createRecordBuilder(entry, ctx, lookup, options, result)
  for (const rule of DATASET_RULES) rule(builder)
  return builder
}
