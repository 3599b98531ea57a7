/** Local Taiwan times without a zone (`2016-10-31 00:00:00`, `2013/03/18`) → xsd:dateTime with +08:00, or xsd:date. */
import { DataFactory, type Literal } from 'n3'
import { XSD } from '../vocab/index.ts'

// Taiwan has kept UTC+8 without daylight saving since 1980; every date in these sources is later.
const TAIWAN_OFFSET = '+08:00'
const LOCAL_TIME = /^(\d{4})[-/](\d{1,2})[-/](\d{1,2})(?:[ T](\d{1,2}):(\d{2})(?::(\d{2}))?)?$/

const pad = (n: number): string => String(n).padStart(2, '0')

const isRealDate = (y: number, m: number, d: number): boolean => {
  const date = new Date(Date.UTC(y, m - 1, d))
  return date.getUTCFullYear() === y && date.getUTCMonth() === m - 1 && date.getUTCDate() === d
}

/**
 * Parse a local date-time as data.gov.tw writes it (`YYYY-MM-DD HH:mm:ss`, also `YYYY/MM/DD` with or without time).
 * With a time → `xsd:dateTime` at +08:00; date only → `xsd:date` (no time is invented). Anything else → undefined.
 */
export function parseLocalDateTime(text: string): Literal | undefined {
  const m = LOCAL_TIME.exec(text.trim())
  if (!m) return undefined
  const [y, mo, d] = [Number(m[1]), Number(m[2]), Number(m[3])]
  if (!isRealDate(y, mo, d)) return undefined
  const date = `${m[1]}-${pad(mo)}-${pad(d)}`
  if (m[4] === undefined) return DataFactory.literal(date, XSD.date)
  const [h, mi, s] = [Number(m[4]), Number(m[5]), Number(m[6] ?? 0)]
  if (h > 23 || mi > 59 || s > 59) return undefined
  return DataFactory.literal(`${date}T${pad(h)}:${pad(mi)}:${pad(s)}${TAIWAN_OFFSET}`, XSD.dateTime)
}

/** Parse a date only (`YYYY/MM/DD` or `YYYY-MM-DD`) → `xsd:date`; a time part is refused. */
export function parseLocalDate(text: string): Literal | undefined {
  const literal = parseLocalDateTime(text)
  return literal?.datatype.equals(XSD.date) ? literal : undefined
}
