/**
 * Reading data.gov.tw's daily change export (`/api/front/dataset/changed/export`, MANIFEST §7d): the export's keys
 * plus 資料集變動狀態 (上架 / 修改 / 下架), as JSON (an array of objects, or an object holding one) or CSV (the 22
 * columns plus that one, in any order). Without 資料集變動狀態 the file is a full export. 檔案格式 and other keys may
 * be null: read as empty. Problems with one record are that record's, not the file's: it is reported, the rest go on.
 */
import { SourceError } from '../errors.ts'
import { decodeUtf8, parseCsvRows } from '../sources/catalog-csv.ts'
import { EXPORT_HEADER } from '../sources/datagovtw-export.ts'

export const CHANGE_STATUS_KEY = '資料集變動狀態'

export type ChangeStatus = '上架' | '修改' | '下架'
const STATUSES: readonly string[] = ['上架', '修改', '下架']

export type ExportColumn = (typeof EXPORT_HEADER)[number]

/** One record of a change export (or of a full export, without status). */
export interface ChangeRecord {
  /** Where it is: `file:line` (CSV) or `file#index` (JSON, 1-based). */
  where: string
  id: string
  /** undefined in a full export. */
  status?: ChangeStatus
  /** Every export column, missing and null ones as ''. */
  row: Record<ExportColumn, string>
  /** A problem that makes the record unusable (unknown status, no id): it is rejected with this reason. */
  problem?: string
}

export interface ChangeExport {
  file: string
  /** Whether the file lists changes (has 資料集變動狀態) rather than the whole catalogue. */
  isChangeList: boolean
  records: ChangeRecord[]
}

const cellText = (value: unknown): string => (value === null || value === undefined ? '' : Array.isArray(value) ? value.join(';') : String(value))

function toRecord(values: Record<string, unknown>, where: string, isChangeList: boolean): ChangeRecord {
  const row = Object.fromEntries(EXPORT_HEADER.map((column) => [column, cellText(values[column])])) as Record<ExportColumn, string>
  const id = row.資料集識別碼.trim()
  const status = cellText(values[CHANGE_STATUS_KEY]).trim()
  const record: ChangeRecord = { where, id, row }
  if (!id) record.problem = 'no 資料集識別碼'
  else if (isChangeList && !STATUSES.includes(status)) record.problem = `資料集變動狀態 is "${status}"; expected 上架, 修改 or 下架`
  else if (isChangeList) record.status = status as ChangeStatus
  return record
}

function readJson(text: string, file: string): ChangeExport {
  let parsed: unknown
  try {
    parsed = JSON.parse(text.replace(/^\uFEFF/, ''))
  } catch (error) {
    throw new SourceError(file, undefined, `not JSON: ${(error as Error).message}`)
  }
  // data.gov.tw wraps some answers ({"success":true,"result":[…]}): take the one array it holds.
  const list = Array.isArray(parsed) ? parsed : Object.values((parsed ?? {}) as object).find(Array.isArray)
  if (!Array.isArray(list)) throw new SourceError(file, undefined, 'expected an array of records (or an object holding one)')
  const objects = list.filter((item): item is Record<string, unknown> => typeof item === 'object' && item !== null && !Array.isArray(item))
  if (objects.length !== list.length) throw new SourceError(file, undefined, `record ${list.findIndex((item) => !objects.includes(item)) + 1} is not an object`)
  checkKeys(objects.flatMap((o) => Object.keys(o)), file, undefined)
  const isChangeList = objects.some((o) => CHANGE_STATUS_KEY in o)
  return { file, isChangeList, records: objects.map((o, i) => toRecord(o, `${file}#${i + 1}`, isChangeList)) }
}

function checkKeys(keys: readonly string[], file: string, line: number | undefined): void {
  const known = new Set<string>([...EXPORT_HEADER, CHANGE_STATUS_KEY])
  const unknown = keys.find((key) => !known.has(key.trim()))
  if (unknown !== undefined) throw new SourceError(file, line, `unknown key "${unknown}" (the change export has the export's keys: ${EXPORT_HEADER.join(',')}, plus ${CHANGE_STATUS_KEY})`)
}

function readCsv(text: string, file: string): ChangeExport {
  const [header, ...rows] = parseCsvRows(text, file)
  if (!header) throw new SourceError(file, 1, 'empty file: expected the export header')
  const columns = header.fields.map((c) => c.trim())
  checkKeys(columns, file, 1)
  const missing = EXPORT_HEADER.find((c) => !columns.includes(c))
  if (missing) throw new SourceError(file, 1, `missing column "${missing}"`)
  const isChangeList = columns.includes(CHANGE_STATUS_KEY)
  const records = rows.map(({ fields, line }) => {
    if (fields.length !== columns.length) throw new SourceError(file, line, `${fields.length} fields, expected ${columns.length} (a comma or a quote out of place?)`)
    return toRecord(Object.fromEntries(columns.map((c, i) => [c, fields[i]])), `${file}:${line}`, isChangeList)
  })
  return { file, isChangeList, records }
}

/** Read a change export (or a full export) from its bytes; JSON or CSV by content. */
export function readChangeExport(bytes: Uint8Array, file: string): ChangeExport {
  const text = decodeUtf8(bytes, file)
  const start = text.replace(/^\uFEFF/, '').trimStart()
  return start.startsWith('[') || start.startsWith('{') ? readJson(text, file) : readCsv(text, file)
}
