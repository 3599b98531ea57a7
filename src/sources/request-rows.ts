/**
 * The raw crawl of data.gov.tw's public dataset requests (opengovdatatw/crawlers, MANIFEST §7c) re-aligned into
 * fields. The crawler wrote each assigned agency and each reply into a cell of its own, so every column after
 * 派發機關 shifts; the status words (已回復/未回復/研議中, 已分派/未分派) and the reply cells (`[<p>…`) are the anchors.
 */
import { SourceError } from '../errors.ts'
import { parseCsvRows, type CsvRow } from './catalog-csv.ts'
import type { SourceWarning } from './types.ts'

export const REQUESTS_HEADER = 'ID,建議之標題,建議資料集名稱,建議開放的欄位,建議原因,派發機關,回復狀態,分派狀態,回復時間,回應'
export const REQUEST_AGENCIES_HEADER = 'ID,派發機關數量,派發機關'

export type ReplyStatus = 'answered' | 'unanswered' | 'under-study'
export type AssignmentStatus = 'assigned' | 'unassigned'

const REPLY_STATUS: Record<string, ReplyStatus> = { 已回復: 'answered', 未回復: 'unanswered', 研議中: 'under-study' }
const ASSIGNMENT_STATUS: Record<string, AssignmentStatus> = { 已分派: 'assigned', 未分派: 'unassigned' }

export interface RawRequest {
  id: string
  line: number
  title: string
  requestedDataset: string
  requestedFields: string
  reason: string
  /** Agency names as the crawl's cells give them (the crawler kept at most a few of a long list). */
  agencies: string[]
  replyStatus?: ReplyStatus
  assignmentStatus?: AssignmentStatus
  /** 回復時間 as written (`星期四, 一月 24, 2019 - 17:29`), or undefined when the row has no such cell. */
  replyTimeText?: string
  /** Each reply cell, the HTML fragment list as crawled (`[<p>…</p>, <p>…</p>]`). */
  replies: string[]
}

const isReplyCell = (cell: string): boolean => cell.startsWith('[')

/** Re-align one crawled row. Cells after the four text fields: agencies, then the status anchors, then replies. */
export function alignRequestRow(row: CsvRow): RawRequest {
  const [id = '', title = '', requestedDataset = '', requestedFields = '', reason = '', ...rest] = row.fields.map((f) => f.trim())
  const request: RawRequest = { id, line: row.line, title, requestedDataset, requestedFields, reason, agencies: [], replies: [] }
  let seenAnchor = false
  for (const cell of rest) {
    if (isReplyCell(cell)) request.replies.push(cell)
    else if (request.replies.length > 0) continue // nothing but replies follows the first reply
    else if (REPLY_STATUS[cell] && !request.replyStatus) [request.replyStatus, seenAnchor] = [REPLY_STATUS[cell], true]
    else if (ASSIGNMENT_STATUS[cell] && !request.assignmentStatus) [request.assignmentStatus, seenAnchor] = [ASSIGNMENT_STATUS[cell], true]
    else if (seenAnchor) request.replyTimeText ??= cell // the 回復時間 slot (where the crawler sometimes put 公司 / 社群)
    else if (cell) request.agencies.push(cell)
  }
  return request
}

function checkHeader(header: CsvRow | undefined, expected: string, file: string): void {
  const line = header?.fields.map((f) => f.trim()).join(',') ?? ''
  if (line !== expected) throw new SourceError(file, 1, `expected the header ${expected}, found ${line ? `"${line.slice(0, 80)}"` : 'nothing'}`)
}

/** Parse the raw crawl: one RawRequest per row; a row without a numeric id is an error naming its line. */
export function parseRequestRows(text: string, file: string): { requests: RawRequest[]; warnings: SourceWarning[] } {
  const [header, ...rows] = parseCsvRows(text, file)
  checkHeader(header, REQUESTS_HEADER, file)
  const warnings: SourceWarning[] = []
  const seen = new Set<string>()
  const requests: RawRequest[] = []
  for (const row of rows) {
    const request = alignRequestRow(row)
    if (!/^\d+$/.test(request.id)) throw new SourceError(file, row.line, `ID "${request.id.slice(0, 40)}" is not a data.gov.tw node id (digits)`)
    if (seen.has(request.id)) {
      warnings.push({ file, line: row.line, problem: `request ${request.id} appears again: the first row is kept` })
      continue
    }
    seen.add(request.id)
    if (!request.title && row.fields.length === 1) warnings.push({ file, line: row.line, problem: `request ${request.id}: only the id was crawled` })
    requests.push(request)
  }
  return { requests, warnings }
}

/** The agency file (`ID,派發機關數量,派發機關…`): request id → every agency it was assigned to, in order. */
export function parseRequestAgencies(text: string, file: string): { agencies: Map<string, { names: string[]; line: number }>; warnings: SourceWarning[] } {
  const [header, ...rows] = parseCsvRows(text, file)
  const first = header?.fields.slice(0, 3).map((f) => f.trim()).join(',')
  if (first !== REQUEST_AGENCIES_HEADER) throw new SourceError(file, 1, `expected the header ${REQUEST_AGENCIES_HEADER}, found "${first ?? ''}"`)
  const agencies = new Map<string, { names: string[]; line: number }>()
  const warnings: SourceWarning[] = []
  for (const row of rows) {
    const [id = '', count = '', ...names] = row.fields.map((f) => f.trim())
    if (!/^\d+$/.test(id)) throw new SourceError(file, row.line, `ID "${id.slice(0, 40)}" is not a data.gov.tw node id (digits)`)
    const list = [...new Set(names.filter(Boolean))]
    if (String(list.length) !== count) warnings.push({ file, line: row.line, problem: `request ${id}: 派發機關數量 says ${count}, the row names ${list.length}` })
    agencies.set(id, { names: list, line: row.line })
  }
  return { agencies, warnings }
}
