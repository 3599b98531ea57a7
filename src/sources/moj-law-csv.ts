/** Reads the MOJ law metadata CSV (moj_laws_metadata_derived.csv) into checked rows; anything malformed is a SourceError naming file, line and column. */
import { parse } from 'csv-parse/sync'
import { SourceError } from '../errors.ts'
import { DATE_TO_BE_SET, parseYmd } from './law-dates.ts'

/** The header, exactly as the derived file writes it (the old FalV JSON key names). */
export const MOJ_LAW_COLUMNS = [
  'PCode', '法規名稱', '法規性質', '法規類別', '最新異動日期', '生效日期', '生效內容', '廢止註記', '是否英譯註記', '英文法規名稱', '法規網址', '條文數',
] as const
type Column = (typeof MOJ_LAW_COLUMNS)[number]

/** MOJ 法規性質 values. */
export const LAW_KINDS = ['憲法', '法律', '命令'] as const
export type LawKind = (typeof LAW_KINDS)[number]

/** One law as the CSV describes it, values cleaned but not interpreted beyond their format. */
export interface MojLawRow {
  line: number
  pcode: string
  name: string
  kind: LawKind
  /** 法規類別, e.g. `行政＞法務部＞法律事務目`; empty when the source leaves it blank. */
  category: string
  /** 最新異動日期 as written (YYYYMMDD). */
  lastAmendedRaw: string
  /** 最新異動日期 as ISO date; absent when the source gives only a year or month (`19460000`). */
  lastAmended?: string
  /** 生效日期 as ISO date; absent when blank or `99991231`. */
  effectiveDate?: string
  /** 生效日期 was `99991231`: the date is to be set by the Executive Yuan. */
  isEffectiveDatePending: boolean
  /** 生效內容, line breaks normalised to `\n`. */
  effectiveNote?: string
  isAbolished: boolean
  englishName?: string
  /** 法規網址 as written. */
  url: string
  articleCount: number
}

/** Parse and check the whole CSV. */
export function readMojLawRows(text: string, file: string): MojLawRow[] {
  const records = parseRecords(text, file)
  const header = records[0]
  if (!header) throw new SourceError(file, undefined, 'empty file; expected the MOJ law metadata CSV')
  const index = indexColumns(header.fields, file)
  const seen = new Map<string, number>()
  return records.slice(1).map((record) => {
    const row = readRow(record.fields, record.line, index, file)
    const earlier = seen.get(row.pcode)
    if (earlier !== undefined) throw new SourceError(file, record.line, `PCode ${row.pcode} repeats line ${earlier}`)
    seen.set(row.pcode, record.line)
    return row
  })
}

interface CsvRecord { fields: string[]; line: number }

function parseRecords(text: string, file: string): CsvRecord[] {
  const start = text.replace(/^\uFEFF/, '').trimStart()
  if (start.startsWith('{') || start.startsWith('[')) {
    throw new SourceError(file, 1, `this is JSON, not the MOJ law metadata CSV (header ${MOJ_LAW_COLUMNS.join(',')})`)
  }
  let rows: { record: string[]; raw: string }[]
  try {
    rows = parse(text, { bom: true, raw: true, skip_empty_lines: true }) as unknown as { record: string[]; raw: string }[]
  } catch (error) {
    const line = (error as { lines?: number }).lines
    throw new SourceError(file, line, `malformed CSV: ${(error as Error).message}`, { cause: error })
  }
  // csv-parse miscounts CRLF inside quoted fields, so lines are counted from each record's raw text,
  // which opens with the blank lines skipped before it.
  let line = 1
  return rows.map(({ record, raw }) => {
    const at = line + countLineBreaks(/^[\r\n]*/.exec(raw)?.[0] ?? '')
    line += countLineBreaks(raw)
    return { fields: record, line: at }
  })
}

const countLineBreaks = (text: string): number => (text.match(/\r\n|\r|\n/g) ?? []).length

function indexColumns(header: string[], file: string): Map<Column, number> {
  const known = new Set<string>(MOJ_LAW_COLUMNS)
  const index = new Map<Column, number>()
  header.forEach((raw, i) => {
    const name = raw.trim()
    if (!known.has(name)) throw new SourceError(file, 1, `unknown column "${name}"; expected ${MOJ_LAW_COLUMNS.join(',')}`)
    if (index.has(name as Column)) throw new SourceError(file, 1, `column "${name}" appears twice`)
    index.set(name as Column, i)
  })
  const missing = MOJ_LAW_COLUMNS.filter((c) => !index.has(c))
  if (missing.length > 0) throw new SourceError(file, 1, `missing column(s) ${missing.join(', ')}`)
  return index
}

function readRow(fields: string[], line: number, index: Map<Column, number>, file: string): MojLawRow {
  const fail = (column: Column, problem: string): never => {
    throw new SourceError(file, line, `${column}: ${problem}`)
  }
  const get = (column: Column): string => fields[index.get(column) ?? -1]?.trim() ?? ''
  const pcode = get('PCode')
  if (!/^[A-Z]\d{7}$/.test(pcode)) fail('PCode', `"${pcode}" is not a MOJ law code (a letter and 7 digits)`)
  const name = get('法規名稱')
  if (name === '') fail('法規名稱', 'blank')
  const kind = get('法規性質')
  if (!(LAW_KINDS as readonly string[]).includes(kind)) fail('法規性質', `"${kind}" is not one of ${LAW_KINDS.join('/')}`)
  const lastAmendedRaw = get('最新異動日期')
  const lastAmended = parseYmd(lastAmendedRaw)
  // One real row (J0120023) has 19460000: a year with month and day unknown; kept as raw, never invented.
  if (!lastAmended && !/^\d{4}(\d{2}00|0000)$/.test(lastAmendedRaw)) fail('最新異動日期', `"${lastAmendedRaw}" is not a date YYYYMMDD`)
  const effective = get('生效日期')
  const isEffectiveDatePending = effective === DATE_TO_BE_SET
  const effectiveDate = effective === '' || isEffectiveDatePending ? undefined : parseYmd(effective) ?? fail('生效日期', `"${effective}" is not a date YYYYMMDD`)
  const abolished = get('廢止註記')
  if (abolished !== '' && abolished !== '廢') fail('廢止註記', `"${abolished}" is neither blank nor 廢`)
  const translated = get('是否英譯註記')
  if (!['', 'Y', 'N'].includes(translated)) fail('是否英譯註記', `"${translated}" is not Y or N`)
  const count = get('條文數')
  if (!/^\d+$/.test(count)) fail('條文數', `"${count}" is not a whole number`)
  const note = get('生效內容').replace(/\r\n?/g, '\n')
  const englishName = get('英文法規名稱')
  return {
    line, pcode, name, kind: kind as LawKind, category: get('法規類別'), lastAmendedRaw, lastAmended, effectiveDate, isEffectiveDatePending,
    effectiveNote: note === '' ? undefined : note, isAbolished: abolished === '廢',
    englishName: englishName === '' ? undefined : englishName, url: get('法規網址'), articleCount: Number(count),
  }
}
