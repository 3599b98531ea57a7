/** RFC 4180 CSV writing: quote a field only when it holds a comma, a quote, CR or LF; records end in CRLF. */

const NEEDS_QUOTES = /[",\r\n]/

/** One field, quoted and with inner quotes doubled when RFC 4180 requires it. */
export const formatCsvField = (value: string): string =>
  NEEDS_QUOTES.test(value) ? `"${value.replaceAll('"', '""')}"` : value

/** One record, terminated by CRLF (RFC 4180 §2.1). */
export const formatCsvRecord = (fields: readonly string[]): string => fields.map(formatCsvField).join(',') + '\r\n'
