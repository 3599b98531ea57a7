/** A strict RFC 4180 CSV reader for the agency lists: quoted fields may span lines, each record keeps its first line number. */
import { SourceError } from '../errors.ts'

/** One CSV record: its fields (untrimmed, as written) and the 1-based line it starts on. */
export interface CsvRecord {
  fields: string[]
  line: number
}

/**
 * Split CSV text into records. A record ends at CRLF, LF or a lone CR (the DGPA file ends with one);
 * quoted fields may hold any of them; blank lines are skipped; a broken quote is a SourceError naming its line.
 */
export function parseCsvRecords(text: string, file: string): CsvRecord[] {
  const records: CsvRecord[] = []
  const source = text.charCodeAt(0) === 0xfeff ? text.slice(1) : text
  let fields: string[] = []
  let field = ''
  let line = 1
  let start = 1
  let i = 0
  const endField = () => { fields.push(field); field = '' }
  const endRecord = () => {
    endField()
    if (fields.length > 1 || fields[0] !== '') records.push({ fields, line: start })
    fields = []
  }
  while (i < source.length) {
    const c = source[i]
    if (c === '"' && field === '') {
      const end = readQuoted(source, i, file, line)
      field = end.value
      line += end.lineBreaks
      i = end.next
      const next = source[i]
      if (next !== undefined && next !== ',' && next !== '\r' && next !== '\n') {
        throw new SourceError(file, line, `unexpected ${JSON.stringify(next)} after a closing quote; a quoted field must end at a comma or line end`)
      }
    } else if (c === '"') {
      throw new SourceError(file, line, 'a quote inside an unquoted field; quote the whole field and double inner quotes ("")')
    } else if (c === ',') {
      endField()
      i++
    } else if (c === '\r' || c === '\n') {
      endRecord()
      const crlf = c === '\r' && source[i + 1] === '\n'
      if (c === '\n' || crlf) line++
      i += crlf ? 2 : 1
      start = line
    } else {
      field += c
      i++
    }
  }
  if (field !== '' || fields.length > 0) endRecord()
  return records
}

/** Read a quoted field starting at the opening quote `at`; returns its value and where reading resumes. */
function readQuoted(text: string, at: number, file: string, line: number): { value: string; next: number; lineBreaks: number } {
  let value = ''
  let lineBreaks = 0
  let i = at + 1
  for (;;) {
    const close = text.indexOf('"', i)
    if (close < 0) throw new SourceError(file, line, 'a quoted field is never closed (missing ")')
    const chunk = text.slice(i, close)
    value += chunk
    lineBreaks += countNewlines(chunk)
    if (text[close + 1] !== '"') return { value, next: close + 1, lineBreaks }
    value += '"'
    i = close + 2
  }
}

/**
 * Count line feeds. Line numbers count LF only, as grep -n, sed and awk do: the DGPA file ends records
 * with CRLF but also holds lone CRs inside fields (and one at the very end), which are not new lines.
 */
export function countNewlines(text: string): number {
  let count = 0
  for (let at = text.indexOf('\n'); at >= 0; at = text.indexOf('\n', at + 1)) count++
  return count
}

/**
 * Check a header row against the expected columns, exactly and in order. The error names every
 * unknown and missing column, so a renamed column is found at once.
 */
export function checkHeader(header: CsvRecord, expected: readonly string[], file: string): void {
  const names = header.fields.map((name) => name.trim())
  const unknown = names.filter((name) => !expected.includes(name))
  const missing = expected.filter((name) => !names.includes(name))
  const problems: string[] = []
  if (unknown.length > 0) problems.push(`unknown column${unknown.length > 1 ? 's' : ''} ${unknown.map(quoteName).join(', ')}`)
  if (missing.length > 0) problems.push(`missing column${missing.length > 1 ? 's' : ''} ${missing.map(quoteName).join(', ')}`)
  if (problems.length === 0 && names.join(',') !== expected.join(',')) problems.push('columns in the wrong order or repeated')
  if (problems.length > 0) {
    throw new SourceError(file, header.line, `header has ${problems.join('; ')}; expected the ${expected.length} columns ${expected.join(',')}`)
  }
}

/** Check that a record has as many fields as the header, else a SourceError naming its line. */
export function checkFieldCount(record: CsvRecord, expected: number, file: string): void {
  if (record.fields.length !== expected) {
    throw new SourceError(file, record.line, `row has ${record.fields.length} fields, expected ${expected} (a missing or extra comma?)`)
  }
}

const quoteName = (name: string): string => `"${name}"`
