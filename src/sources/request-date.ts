/**
 * Dates of the request crawl: 回復時間 as Drupal printed it in Chinese (`星期四, 一月 24, 2019 - 17:29`, local Taiwan
 * time) and submission dates agencies quote in replies in the ROC calendar (`台端於107年12月4日`).
 */
import { DataFactory, type Literal } from 'n3'
import { XSD } from '../vocab/index.ts'

const MONTHS = ['一', '二', '三', '四', '五', '六', '七', '八', '九', '十', '十一', '十二']
const WEEKDAYS = ['日', '一', '二', '三', '四', '五', '六']
const REPLY_TIME = /^星期([日一二三四五六天]),\s*(十[一二]?|[一二三四五六七八九])月\s*(\d{1,2}),\s*(\d{4})\s*-\s*(\d{1,2}):(\d{2})$/
// Taiwan has kept UTC+8 without daylight saving since 1980 (as src/sources/local-time.ts).
const TAIWAN_OFFSET = '+08:00'

const pad = (n: number): string => String(n).padStart(2, '0')

function realDate(y: number, m: number, d: number): Date | undefined {
  const date = new Date(Date.UTC(y, m - 1, d))
  return date.getUTCFullYear() === y && date.getUTCMonth() === m - 1 && date.getUTCDate() === d ? date : undefined
}

export interface ReplyTime {
  literal: Literal
  /** The calendar day in Taiwan, `YYYY-MM-DD`. */
  day: string
  /** The weekday the text gives disagrees with the date's (the date is kept: Drupal printed both from one timestamp). */
  weekdayMismatch: boolean
}

/** `星期四, 一月 24, 2019 - 17:29` → `2019-01-24T17:29:00+08:00`; anything else → undefined. */
export function parseReplyTime(text: string): ReplyTime | undefined {
  const m = REPLY_TIME.exec(text.trim())
  if (!m) return undefined
  const [y, mo, d, h, mi] = [Number(m[4]), MONTHS.indexOf(m[2]!) + 1, Number(m[3]), Number(m[5]), Number(m[6])]
  const date = realDate(y, mo, d)
  if (!date || h > 23 || mi > 59) return undefined
  const day = `${y}-${pad(mo)}-${pad(d)}`
  const weekday = m[1] === '天' ? 0 : WEEKDAYS.indexOf(m[1]!)
  return { literal: DataFactory.literal(`${day}T${pad(h)}:${pad(mi)}:00${TAIWAN_OFFSET}`, XSD.dateTime), day, weekdayMismatch: date.getUTCDay() !== weekday }
}

// 「台端於107年12月4日」「您於107年12月19日在資料開放平臺」「臺端107年12月23日」: the requester's own submission, as the agency quotes it.
const QUOTED_SUBMISSION = /(?:台端|臺端|您)\s*(?:於|在)?\s*(\d{2,3})\s*年\s*(\d{1,2})\s*月\s*(\d{1,2})\s*日/

/** The submission date a reply quotes, as `YYYY-MM-DD` with the words quoted; undefined when none is quoted. */
export function findQuotedSubmissionDate(text: string): { day: string; quote: string } | undefined {
  const m = QUOTED_SUBMISSION.exec(text)
  if (!m) return undefined
  const [y, mo, d] = [Number(m[1]) + 1911, Number(m[2]), Number(m[3])]
  if (y < 2013 || !realDate(y, mo, d)) return undefined // the platform took requests from 2013 (民國 102) on
  return { day: `${y}-${pad(mo)}-${pad(d)}`, quote: m[0] }
}

/** Whole days from `from` to `to` (both `YYYY-MM-DD`). */
export function daysBetween(from: string, to: string): number {
  return Math.round((Date.parse(`${to}T00:00:00Z`) - Date.parse(`${from}T00:00:00Z`)) / 86_400_000)
}
