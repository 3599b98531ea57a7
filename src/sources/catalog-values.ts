/** Shared value mappers of the record→quads rules: texts, times, licence, counts, the contact node. Each warns instead of guessing. */
import { DataFactory, type Literal, type NamedNode } from 'n3'
import { XSD } from '../vocab/index.ts'
import type { RecordBuilder } from './catalog-entry.ts'
import { OGDL_SLUG } from './licences.ts'
import { parseLocalDateTime } from './local-time.ts'

const { literal } = DataFactory

/** The licence of every dataset on data.gov.tw unless its record names another. */
export const PLATFORM_LICENSE_SLUG = OGDL_SLUG

/** Text in Traditional Chinese, as every data.gov.tw field is written in NFC (so a CJK compatibility
 * ideograph left by a Big5 round trip, e.g. U+F9C1 in 159479's 早期療育, becomes the ordinary 療), CRLF inside a field as LF. */
export const zh = (text: string): Literal => literal(text.normalize('NFC').replace(/\r\n?/g, '\n'), 'zh-Hant')

/** Map a local time text, warning (never guessing) when it does not parse. */
export function mapTime(b: RecordBuilder, text: string | undefined, what: string): Literal | undefined {
  if (!text?.trim()) return undefined
  const value = parseLocalDateTime(text)
  if (!value) b.warn(`${what} "${text.trim()}" is not a date (YYYY-MM-DD HH:mm:ss or YYYY/MM/DD): left out`)
  return value
}

/**
 * The dataset's licence, which its distributions and data service inherit (DCAT-AP: dct:license is recommended on
 * every distribution; ckanext-dcat likewise gives them the dataset's): the one 授權方式 names, else the platform's.
 * data.gov.tw publishes every dataset under OGDL-Taiwan-1.0 (its 授權條款 page; the catalogue node says so too), and
 * an export with the column emptied (MANIFEST §7: our 2026 sample's source dropped it) still describes such datasets.
 * A source without the field (the 2018 listing) says nothing of licences: no licence.
 * A licence the source names and we do not know gives undefined (with a warning, if asked): never a guess.
 */
export function mapLicense(b: RecordBuilder, warn = false): NamedNode | undefined {
  // A source with no licence field at all (the 2018 listing) gives none: nothing about licences is known of it.
  if (b.entry.license === undefined) return undefined
  const text = b.entry.license.trim()
  if (!text) return b.iris.license(PLATFORM_LICENSE_SLUG)
  const license = b.lookup.license(text)
  if (!license && warn) b.warn(`unknown 授權方式 "${text}" (add it to data/mappings/license.csv): no dct:license`)
  return license
}

/** The agency contact point (never personal), shared by the dataset and its data service. */
export const contactNode = (b: RecordBuilder): NamedNode | undefined =>
  b.entry.contact?.organization?.trim() ? b.iris.part(b.dataset, 'contact') : undefined

/**
 * 資料量 / numberOfData → xsd:nonNegativeInteger, or nothing. data.gov.tw fills "0" when the agency gave no count
 * (38129 阿里山林業鐵路 says 0 and plainly has rows), so 0 and "" mean "unknown", not "empty"; other text is warned about.
 */
export function mapRecordCount(b: RecordBuilder, text: string | undefined, what: string): Literal | undefined {
  const value = text?.trim().replace(/,/g, '')
  if (!value || /^0+$/.test(value)) return undefined
  if (!/^\d+$/.test(value)) {
    b.warn(`${what} "${text!.trim()}" is not a count: left out`)
    return undefined
  }
  return literal(value.replace(/^0+/, ''), XSD.nonNegativeInteger)
}
