/** Page arithmetic over an ordered member list: parse the page parameters, plan one page, say where the others are. */
import { AppError } from '../errors.ts'

export interface PageSizeLimits {
  /** Page size when the request names none. */
  defaultSize: number
  /** The largest page size a request may ask for. */
  maxSize: number
}

export interface PagePlan {
  page: number
  pageSize: number
  totalItems: number
  lastPage: number
  /** Index of the first item of the page, and one past its last. */
  start: number
  end: number
}

const POSITIVE_INTEGER = /^[1-9][0-9]{0,8}$/

/** `page` (1-based); absent means 1. */
export function parsePageNumber(text: string | undefined): number {
  if (text === undefined) return 1
  if (!POSITIVE_INTEGER.test(text)) throw new AppError('bad_request', `page must be a whole number from 1 (got ${JSON.stringify(text)})`, { parameter: 'page' })
  return Number(text)
}

/** `page_size`: a whole number from 1 to the maximum; absent means the default. */
export function parsePageSize(text: string | undefined, limits: PageSizeLimits): number {
  if (text === undefined) return limits.defaultSize
  const size = POSITIVE_INTEGER.test(text) ? Number(text) : Number.NaN
  if (!(size >= 1 && size <= limits.maxSize)) {
    throw new AppError('bad_request', `page_size must be a whole number from 1 to ${limits.maxSize}, the maximum (got ${JSON.stringify(text)})`, {
      parameter: 'page_size',
      maximum: limits.maxSize,
    })
  }
  return size
}

/** The slice of page `page`; a page past the last is not found (an empty collection still has page 1). */
export function planPage(totalItems: number, page: number, pageSize: number): PagePlan {
  const lastPage = Math.max(1, Math.ceil(totalItems / pageSize))
  if (page > lastPage) {
    throw new AppError('not_found', `page ${page} is past the last page (${lastPage}) of this collection`, { lastPage })
  }
  const start = (page - 1) * pageSize
  return { page, pageSize, totalItems, lastPage, start, end: Math.min(totalItems, start + pageSize) }
}
