/** `modified_since` and the record dates it is compared with: ISO 8601 instants, Taiwan time when no zone is written. */
import { AppError } from '../errors.ts'

// Dates and times in the catalogue are Taiwan's (UTC+8, no daylight saving): a date alone starts at 00:00 there.
const TAIWAN_OFFSET = '+08:00'
const DATE = /^(\d{4})-(\d{2})-(\d{2})$/
const DATE_TIME = /^(\d{4})-(\d{2})-(\d{2})T(\d{2}):(\d{2})(?::(\d{2})(?:\.(\d{1,9}))?)?(Z|[+-]\d{2}:?\d{2})?$/

/** Epoch ms of an xsd:date / xsd:dateTime lexical form; NaN when it is neither or names no real day. */
export function instantOf(text: string, zoneless: string = TAIWAN_OFFSET): number {
  const date = DATE.exec(text)
  if (date) return checkedInstant(`${text}T00:00:00${zoneless}`, date.slice(1, 4).map(Number))
  const time = DATE_TIME.exec(text)
  if (!time) return Number.NaN
  const zone = time[8] ? time[8].replace(/^([+-]\d{2})(\d{2})$/, '$1:$2') : zoneless
  const seconds = `${time[6] ?? '00'}${time[7] ? `.${time[7].slice(0, 3)}` : ''}`
  const fields = time.slice(1, 7).map((part) => Number(part ?? 0))
  return checkedInstant(`${time[1]}-${time[2]}-${time[3]}T${time[4]}:${time[5]}:${seconds}${zone}`, fields)
}

/** Date.parse rolls 02-30 over to 03-01: refuse days and times that do not exist. */
function checkedInstant(iso: string, [year = 0, month = 0, day = 0, hour = 0, minute = 0, second = 0]: number[]): number {
  const daysInMonth = new Date(Date.UTC(year, month, 0)).getUTCDate()
  const isReal = month >= 1 && month <= 12 && day >= 1 && day <= daysInMonth && hour <= 23 && minute <= 59 && second <= 59
  return isReal ? Date.parse(iso) : Number.NaN
}

/**
 * Parse `modified_since`: a date (`2024-05-01`, from 00:00 Taiwan time) or a date-time with its zone
 * (`2024-05-01T08:00:00Z`, `2024-05-01T16:00:00+08:00`). A date-time without a zone is ambiguous: refused.
 */
export function parseModifiedSince(text: string): number {
  // A `+` left unencoded in a URL arrives as a space: `2024-05-01T16:00:00 08:00` can only mean +08:00.
  const value = text.trim().replace(/ (\d{2}:?\d{2})$/, '+$1')
  const hasTime = value.includes('T')
  const ms = hasTime && !/(Z|[+-]\d{2}:?\d{2})$/.test(value) ? Number.NaN : instantOf(value)
  if (Number.isNaN(ms)) {
    throw new AppError('bad_request', `modified_since must be an ISO 8601 date or date-time with a zone, e.g. 2024-05-01 or 2024-05-01T08:00:00Z (got ${JSON.stringify(text)})`, {
      parameter: 'modified_since',
    })
  }
  return ms
}
