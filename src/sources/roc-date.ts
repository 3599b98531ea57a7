/** ROC (民國) calendar dates as the DGPA lists write them, `YYYMMDD`, turned into ISO `xsd:date` strings. */

/** What a ROC date field held: a real date, nothing (blank or `0000000` = unknown), or something unreadable. */
export type RocDate =
  | { kind: 'date'; iso: string }
  | { kind: 'unknown' }
  | { kind: 'invalid'; problem: string }

/** The Republic of China calendar counts years from 1912: ROC year + 1911 = Gregorian year. */
const ROC_YEAR_OFFSET = 1911

/**
 * Parse a ROC date such as `1030122` (2014-01-22). Blank and `0000000` mean "unknown" and are never
 * turned into an invented date; anything else that is not a real calendar day is reported as invalid.
 */
export function parseRocDate(raw: string): RocDate {
  const value = raw.trim()
  if (value === '' || /^0+$/.test(value)) return { kind: 'unknown' }
  const match = /^(\d{2,3})(\d{2})(\d{2})$/.exec(value)
  if (!match) return { kind: 'invalid', problem: `date "${value}" is not a ROC date YYYMMDD` }
  const year = Number(match[1]) + ROC_YEAR_OFFSET
  const month = Number(match[2])
  const day = Number(match[3])
  const date = new Date(Date.UTC(year, month - 1, day))
  if (date.getUTCFullYear() !== year || date.getUTCMonth() !== month - 1 || date.getUTCDate() !== day) {
    return { kind: 'invalid', problem: `date "${value}" is not a calendar day (ROC year ${match[1]} = ${year})` }
  }
  return { kind: 'date', iso: `${year}-${match[2]}-${match[3]}` }
}
