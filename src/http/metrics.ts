/** Prometheus metrics in text exposition format 0.0.4: requests by route and status, latency, query admission. */
import { Hono } from 'hono'
import type { QueryLimiter } from './query-limiter.ts'

const BUCKETS = [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10, 30, 60]

export interface Metrics {
  observeRequest(route: string, method: string, status: number, seconds: number): void
  /** A query stopped at its deadline. */
  countKilled(): void
  /** A query refused because the queue was full. */
  countRejected(): void
  render(limiter: QueryLimiter): string
}

const escapeLabel = (value: string) => value.replace(/\\/g, '\\\\').replace(/"/g, '\\"').replace(/\n/g, '\\n')

/** An in-process registry; one per app, so tests never share counters. */
export function createMetrics(): Metrics {
  const requests = new Map<string, number>()
  const histograms = new Map<string, { buckets: number[]; sum: number; count: number }>()
  let killed = 0
  let rejected = 0

  return {
    observeRequest(route, method, status, seconds) {
      const key = `route="${escapeLabel(route)}",method="${method}",status="${status}"`
      requests.set(key, (requests.get(key) ?? 0) + 1)
      const hKey = `route="${escapeLabel(route)}"`
      const h = histograms.get(hKey) ?? { buckets: BUCKETS.map(() => 0), sum: 0, count: 0 }
      BUCKETS.forEach((bound, i) => { if (seconds <= bound) h.buckets[i]! += 1 })
      h.sum += seconds
      h.count += 1
      histograms.set(hKey, h)
    },
    countKilled: () => { killed += 1 },
    countRejected: () => { rejected += 1 },
    render(limiter) {
      const lines = ['# HELP http_requests_total HTTP requests by route, method and status.', '# TYPE http_requests_total counter']
      for (const [key, value] of requests) lines.push(`http_requests_total{${key}} ${value}`)
      lines.push('# HELP http_request_duration_seconds Request latency by route.', '# TYPE http_request_duration_seconds histogram')
      for (const [key, h] of histograms) {
        BUCKETS.forEach((bound, i) => lines.push(`http_request_duration_seconds_bucket{${key},le="${bound}"} ${h.buckets[i]}`))
        lines.push(`http_request_duration_seconds_bucket{${key},le="+Inf"} ${h.count}`)
        lines.push(`http_request_duration_seconds_sum{${key}} ${h.sum}`, `http_request_duration_seconds_count{${key}} ${h.count}`)
      }
      lines.push(
        '# HELP sparql_queries_running Queries being evaluated now.', '# TYPE sparql_queries_running gauge', `sparql_queries_running ${limiter.running}`,
        '# HELP sparql_queries_queued Queries waiting for a slot.', '# TYPE sparql_queries_queued gauge', `sparql_queries_queued ${limiter.queued}`,
        '# HELP sparql_queries_killed_total Queries stopped at their deadline.', '# TYPE sparql_queries_killed_total counter', `sparql_queries_killed_total ${killed}`,
        '# HELP sparql_queries_rejected_total Queries refused because the queue was full.', '# TYPE sparql_queries_rejected_total counter', `sparql_queries_rejected_total ${rejected}`,
      )
      return lines.join('\n') + '\n'
    },
  }
}

/** GET /metrics */
export const metricsRoutes = ({ metrics, limiter }: { metrics: Metrics; limiter: QueryLimiter }) =>
  new Hono().get('/metrics', (c) => c.body(metrics.render(limiter), 200, { 'Content-Type': 'text/plain; version=0.0.4; charset=utf-8' }))
