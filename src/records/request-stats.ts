/** The dashboard's figures on the public's dataset requests, counted from the request index (no query at request time). */
import type { Iris } from '../model/iris.ts'
import type { Count } from './catalog-stats.ts'
import type { SearchIndexes } from './search-service.ts'

export interface AgencyReplies {
  key: string
  label: string
  requests: number
  answered: number
  /** Answered ÷ requests, in per cent, one decimal. */
  replyRate: number
  /** The lower median of ogd:daysToReply, over `withDays` requests (only those whose reply quotes the request's date). */
  medianDays?: number
  withDays: number
}

export interface RequestStats {
  requests: number
  answered: number
  perYear: Count[]
  perReason: Count[]
  perAgency: AgencyReplies[]
}

const TOP = 15

/** The lower median: the smallest value with at least half the values at or below it (as queries/requests-reply-rate-per-agency.rq). */
export function lowerMedian(values: readonly number[]): number | undefined {
  if (values.length === 0) return undefined
  const sorted = [...values].sort((a, b) => a - b)
  return sorted[Math.ceil(sorted.length / 2) - 1]
}

export function computeRequestStats(indexes: SearchIndexes, iris: Iris, language: 'zh' | 'en' = 'zh'): RequestStats {
  const label = (key: string) => indexes.datasets.label(key, language)
  const years = new Map<string, number>()
  const reasons = new Map<string, number>()
  const agencies = new Map<string, { requests: number; answered: number; days: number[] }>()
  let requests = 0
  let answered = 0
  for (const entry of indexes.requests.index.all()) {
    requests++
    const isAnswered = entry.facets.status?.includes('answered') ?? false
    if (isAnswered) answered++
    for (const year of entry.facets.year ?? []) years.set(year, (years.get(year) ?? 0) + 1)
    for (const reason of entry.facets.reason ?? []) reasons.set(reason, (reasons.get(reason) ?? 0) + 1)
    const days = entry.facets.days?.[0]
    for (const agency of entry.facets.agency ?? []) {
      const counts = agencies.get(agency) ?? { requests: 0, answered: 0, days: [] }
      counts.requests++
      if (isAnswered) counts.answered++
      if (days !== undefined) counts.days.push(Number(days))
      agencies.set(agency, counts)
    }
  }
  const perYear = [...years].sort(([a], [b]) => a.localeCompare(b)).map(([key, value]) => ({ key, label: key, value }))
  const perReason = [...reasons].sort((a, b) => b[1] - a[1] || a[0].localeCompare(b[0]))
    .map(([key, value]) => ({ key, label: label(iris.concept('refusal-reason', key).value), value }))
  const perAgency = [...agencies].sort((a, b) => b[1].requests - a[1].requests || a[0].localeCompare(b[0])).slice(0, TOP)
    .map(([key, c]) => ({ key, label: label(key), requests: c.requests, answered: c.answered, replyRate: Math.round((1000 * c.answered) / c.requests) / 10, medianDays: lowerMedian(c.days), withDays: c.days.length }))
  return { requests, answered, perYear, perReason, perAgency }
}
