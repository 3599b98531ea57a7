/** Distributions (one per aligned 檔案格式/資料下載網址/編碼格式/資料量 position) and, for API services, the dcat:DataService. */
import { DataFactory, type NamedNode } from 'n3'
import { CNT, DCAT, DCT, RDF } from '../vocab/index.ts'
import type { DistributionEntry, RecordBuilder } from './catalog-entry.ts'
import { addSchema } from './catalog-schema.ts'
import { contactNode, mapLicense, mapRecordCount, mapTime, zh } from './catalog-values.ts'
import { encodeIri } from './iri-text.ts'

const { literal, namedNode } = DataFactory

/** Charset names as IANA registers them (data.gov.tw writes BIG5, UTF8…). */
const CHARSETS: Readonly<Record<string, string>> = { 'UTF-8': 'UTF-8', UTF8: 'UTF-8', BIG5: 'Big5', 'BIG-5': 'Big5', CP950: 'Big5', 'US-ASCII': 'US-ASCII', ASCII: 'US-ASCII' }

interface AddedDistribution {
  node: NamedNode
  url: NamedNode
  isEndpoint: boolean
}

function addFormat(b: RecordBuilder, node: NamedNode, d: DistributionEntry, n: number): boolean {
  const text = d.format?.trim()
  if (!text) return false
  const format = b.lookup.fileFormat(text)
  if (!format) {
    b.warn(`distribution ${n}: unknown 檔案格式 "${text}" (add it to data/mappings/file-format.csv): no dct:format`)
    return false
  }
  if (format.euFileType) b.add(node, DCT.format, format.euFileType)
  if (format.mediaType) b.add(node, DCAT.mediaType, format.mediaType)
  return format.isService
}

function addDetails(b: RecordBuilder, node: NamedNode, d: DistributionEntry, n: number): void {
  const charset = d.encoding?.trim()
  if (charset) b.add(node, CNT.characterEncoding, literal(CHARSETS[charset.toUpperCase()] ?? charset))
  const count = mapRecordCount(b, d.recordCount, `distribution ${n} 資料量`)
  if (count) b.add(node, b.iris.ogd.recordCount, count)
  if (d.title?.trim()) b.add(node, DCT.title, zh(d.title.trim()))
  if (d.description?.trim()) b.add(node, DCT.description, zh(d.description.trim()))
  if (d.identifier?.trim()) b.add(node, DCT.identifier, literal(d.identifier.trim()))
  const modified = mapTime(b, d.modified, `distribution ${n} modified`)
  if (modified) b.add(node, DCT.modified, modified)
}

/** One distribution; none (and a warning) when its URL is unusable, since DCAT-AP 3 requires dcat:accessURL. */
function addDistribution(b: RecordBuilder, d: DistributionEntry, n: number): AddedDistribution | undefined {
  const iri = d.url?.trim() ? encodeIri(d.url) : undefined
  if (!iri) {
    b.warn(d.url?.trim() ? `distribution ${n}: unusable URL "${d.url.trim()}": distribution left out` : `distribution ${n}: no URL: distribution left out`)
    return undefined
  }
  const node = b.iris.distribution(b.entry.id, n)
  const url = namedNode(iri)
  b.add(b.dataset, DCAT.distribution, node)
  b.add(node, RDF.type, DCAT.Distribution)
  b.add(node, DCAT.accessURL, url)
  const isEndpoint = addFormat(b, node, d, n)
  if (!isEndpoint) b.add(node, DCAT.downloadURL, url) // an API / WMS endpoint is accessed, not downloaded
  addDetails(b, node, d, n)
  const license = mapLicense(b)
  if (license) b.add(node, DCT.license, license)
  b.count('distributions')
  return { node, url, isEndpoint }
}

/** The API behind an API服務 / SERVICES record: endpoints are the service-type URLs, else every distribution's URL. */
function addDataService(b: RecordBuilder, added: readonly AddedDistribution[]): void {
  const endpoints = added.some((a) => a.isEndpoint) ? added.filter((a) => a.isEndpoint) : added
  if (!endpoints.length) return b.warn('an API service without a usable URL: no dcat:DataService (DCAT-AP 3 requires dcat:endpointURL)')
  const service = b.iris.dataService(b.entry.id)
  b.add(service, RDF.type, DCAT.DataService)
  b.add(service, DCT.title, zh(b.entry.title.trim()))
  b.add(service, DCAT.servesDataset, b.dataset)
  for (const url of new Set(endpoints.map((a) => a.url.value))) b.add(service, DCAT.endpointURL, namedNode(url))
  const license = mapLicense(b)
  if (license) b.add(service, DCT.license, license)
  const right = b.lookup.dataLevel('公開')
  if (right) b.add(service, DCT.accessRights, right)
  const contact = contactNode(b)
  if (contact) b.add(service, DCAT.contactPoint, contact)
  for (const a of added) b.add(a.node, DCAT.accessService, service)
  b.count('dataServices')
}

/** Every distribution of the record, their shared table schema, and the data service of an API record. */
export function addDistributions(b: RecordBuilder): void {
  const added = (b.entry.distributions ?? [])
    .map((d, i) => addDistribution(b, d, i + 1))
    .filter((a): a is AddedDistribution => a !== undefined)
  const schema = added.length ? addSchema(b) : undefined
  if (schema) for (const a of added) b.add(a.node, DCT.conformsTo, schema)
  if (b.entry.isService) addDataService(b, added)
}
