/** Strict reading of data.gov.tw CSV files: UTF-8 or a located error, rows with the line each one starts on. */
import { parse } from 'csv-parse/sync'
import iconv from 'iconv-lite'
import { SourceError } from '../errors.ts'

export interface CsvRow {
  fields: string[]
  /** 1-based line on which the record starts (a quoted field may run over several lines). */
  line: number
}

/** Decode UTF-8 (BOM optional) or throw a SourceError naming the first bad line and what the bytes look like. */
export function decodeUtf8(bytes: Uint8Array, file: string): string {
  try {
    return new TextDecoder('utf-8', { fatal: true, ignoreBOM: false }).decode(bytes)
  } catch {
    const lenient = Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength).toString('utf8')
    const bad = lenient.indexOf('\uFFFD')
    const line = bad < 0 ? undefined : lenient.slice(0, bad).split('\n').length
    throw new SourceError(file, line, `not UTF-8${looksLikeBig5(bytes) ? ' (the bytes look like Big5/CP950: convert with `iconv -f CP950 -t UTF-8`)' : ''}`)
  }
}

const looksLikeBig5 = (bytes: Uint8Array): boolean => !iconv.decode(Buffer.from(bytes), 'cp950').includes('\uFFFD')

/** Start offsets of lines, to turn csv-parse's byte offsets into line numbers (its own `lines` miscounts CRLF inside quotes). */
function indexNewlines(buffer: Buffer): number[] {
  const offsets: number[] = []
  for (let i = buffer.indexOf(10); i >= 0; i = buffer.indexOf(10, i + 1)) offsets.push(i)
  return offsets
}

function countBefore(sorted: readonly number[], offset: number): number {
  let [lo, hi] = [0, sorted.length]
  while (lo < hi) {
    const mid = (lo + hi) >> 1
    if (sorted[mid]! < offset) lo = mid + 1
    else hi = mid
  }
  return lo
}

/**
 * Parse CSV text (BOM already removed or not) into rows with their start line. Field counts are not
 * checked here (the importer knows how many it wants); blank lines are skipped; a broken quote is a SourceError.
 */
export function parseCsvRows(text: string, file: string): CsvRow[] {
  const buffer = Buffer.from(text.replace(/^\uFEFF/, ''), 'utf8')
  const newlines = indexNewlines(buffer)
  let records: { record: string[]; info: { bytes: number } }[]
  try {
    records = parse(buffer, { info: true, relax_column_count: true, skip_empty_lines: false }) as unknown as typeof records
  } catch (error) {
    const lines = (error as { lines?: number }).lines
    throw new SourceError(file, lines, `broken CSV: ${(error as Error).message}`, { cause: error })
  }
  const rows: CsvRow[] = []
  let start = 0
  for (const { record, info } of records) {
    if (!(record.length === 1 && record[0] === '')) rows.push({ fields: record, line: countBefore(newlines, start) + 1 })
    start = info.bytes
  }
  return rows
}
