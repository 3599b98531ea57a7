/** Shared value mappers of the record→quads rules: texts, times, licence, counts, the contact node. Each warns instead of guessing. */
import { DataFactory, type Literal, type NamedNode } from 'n3'
import { XSD } from '../vocab/index.ts'
import type { RecordBuilder } from './catalog-entry.ts'
import { parseLocalDateTime } from './local-time.ts'

const { literal } = DataFactory

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

/** The dataset's licence, or undefined (with a warning, if asked, when the source names one we do not know). */
export function mapLicense(b: RecordBuilder, warn = false): NamedNode | undefined {
  const text = b.entry.license?.trim()
  if (!text) return undefined // an empty 授權方式 stays empty: a licence is never assumed
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
