/** Prometheus metrics in text exposition format 0.0.4: requests by route and status, latency, queries running/queued/killed, queue waits. */
import { Hono } from 'hono'
import { monitorEventLoopDelay, type IntervalHistogram } from 'node:perf_hooks'
import type { EmbeddedStoreStats } from '../store/embedded.ts'
import type { ClientStrikes } from './client-strikes.ts'
import type { GraphStore } from '../store/types.ts'
import type { QueryLimiter, QueueOutcome } from './query-limiter.ts'
import type { ResultCache } from '../query/result-cache.ts'

const BUCKETS = [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10, 30, 60]

export interface Metrics {
  observeRequest(route: string, method: string, status: number, seconds: number): void
  /** A query answered 503 at its deadline. */
  countKilled(): void
  /** A query refused because the queue was full. */
  countRejected(): void
  /** How long an admitted query request (/sparql, /queries/{name}) waited for a slot, and how the wait ended. */
  observeQueueWait(outcome: QueueOutcome, ms: number): void
  /** `stats` are the store's own counters, when it keeps them (the embedded worker-replica store does). */
  render(limiter: QueryLimiter, stats?: EmbeddedStoreStats, cache?: ResultCache, strikes?: ClientStrikes): string
}

/** The store's counters, if it has any (the server's store wrapper passes the embedded store's through). */
export function readStoreStats(store: GraphStore): EmbeddedStoreStats | undefined {
  const withStats = store as GraphStore & { stats?: () => EmbeddedStoreStats | undefined }
  return typeof withStats.stats === 'function' ? withStats.stats() : undefined
}

interface Histogram { buckets: number[]; sum: number; count: number }

const newHistogram = (): Histogram => ({ buckets: BUCKETS.map(() => 0), sum: 0, count: 0 })

function observe(h: Histogram, seconds: number): void {
  BUCKETS.forEach((bound, i) => { if (seconds <= bound) h.buckets[i]! += 1 })
  h.sum += seconds
  h.count += 1
}

/** One histogram's sample lines; `labels` is empty or `key="value",…`. */
function renderHistogram(name: string, labels: string, h: Histogram): string[] {
  const bucket = (le: string, value: number) => `${name}_bucket{${labels ? `${labels},` : ''}le="${le}"} ${value}`
  const suffix = labels ? `{${labels}}` : ''
  return [
    ...BUCKETS.map((bound, i) => bucket(String(bound), h.buckets[i]!)),
    bucket('+Inf', h.count),
    `${name}_sum${suffix} ${h.sum}`,
    `${name}_count${suffix} ${h.count}`,
  ]
}

const metric = (name: string, type: 'gauge' | 'counter', help: string, value: number) => [`# HELP ${name} ${help}`, `# TYPE ${name} ${type}`, `${name} ${value}`]

/** Query counts: from the store's replicas when it has them (the work really running), else from the HTTP limiter. */
function renderQueries(limiter: QueryLimiter, killed: number, rejected: number, stats: EmbeddedStoreStats | undefined): string[] {
  return [
    ...metric('sparql_queries_running', 'gauge', 'Queries being evaluated now.', stats ? stats.running : limiter.running),
    // Waiting anywhere: for an HTTP admission slot, or admitted and waiting for a free replica.
    ...metric('sparql_queries_queued', 'gauge', 'Queries waiting to be evaluated.', limiter.queued + (stats?.queued ?? 0)),
    ...metric('sparql_queries_killed_total', 'counter', 'Queries stopped at their deadline.', stats ? stats.killed : killed),
    ...metric('sparql_queries_rejected_total', 'counter', 'Queries refused because the queue was full.', rejected),
    ...metric('sparql_requests_timed_out_total', 'counter', 'Requests answered 503 because their query passed the deadline.', killed),
    ...(stats ? [
      ...metric('sparql_engine_replicas', 'gauge', 'Query engine worker replicas (loading or ready).', stats.replicas),
      ...metric('sparql_engine_replicas_ready', 'gauge', 'Replicas ready to answer.', stats.ready),
      ...metric('sparql_engine_crashes_total', 'counter', 'Replicas lost to an engine crash or an unexpected exit.', stats.crashed),
      ...metric('sparql_engine_replacements_total', 'counter', 'Replicas started to take a lost one\'s place.', stats.replaced),
      ...metric('sparql_engine_crash_repeats_refused_total', 'counter', 'Queries of a shape that had crashed a replica, refused without running.', stats.crashRepeatsRefused),
      ...metric('sparql_engine_reserved_waits_refused_total', 'counter', 'Queries of a never-answered shape refused after waiting while the last free replica was kept for ordinary ones.', stats.reservedWaitsRefused ?? 0),
    ] : []),
  ]
}

/**
 * How late the event loop ran timers since the last scrape (perf_hooks.monitorEventLoopDelay, 10 ms resolution), in
 * seconds, as prom-client names them: every route waits this long behind synchronous work on the main thread.
 */
function renderLoopDelay(histogram: IntervalHistogram): string[] {
  const seconds = (ns: number) => (Number.isFinite(ns) ? ns / 1e9 : 0)
  const lines = [
    ...metric('nodejs_eventloop_lag_min_seconds', 'gauge', 'The shortest event loop delay seen since the last scrape.', seconds(histogram.min)),
    ...metric('nodejs_eventloop_lag_max_seconds', 'gauge', 'The longest event loop delay seen since the last scrape.', seconds(histogram.max)),
    ...metric('nodejs_eventloop_lag_mean_seconds', 'gauge', 'The mean event loop delay since the last scrape.', seconds(histogram.mean)),
    ...metric('nodejs_eventloop_lag_p50_seconds', 'gauge', 'The median event loop delay since the last scrape.', seconds(histogram.percentile(50))),
    ...metric('nodejs_eventloop_lag_p99_seconds', 'gauge', 'The 99th percentile of event loop delay since the last scrape.', seconds(histogram.percentile(99))),
  ]
  histogram.reset()
  return lines
}

const escapeLabel = (value: string) => value.replace(/\\/g, '\\\\').replace(/"/g, '\\"').replace(/\n/g, '\\n')

/** An in-process registry; one per app, so tests never share counters. */
export function createMetrics(): Metrics {
  const requests = new Map<string, number>()
  const histograms = new Map<string, Histogram>()
  const queueWait = newHistogram()
  const queueEnds = { timedOut: 0, abandoned: 0 }
  let killed = 0
  let rejected = 0
  const loopDelay = monitorEventLoopDelay({ resolution: 10 })
  loopDelay.enable()

  return {
    observeRequest(route, method, status, seconds) {
      const key = `route="${escapeLabel(route)}",method="${method}",status="${status}"`
      requests.set(key, (requests.get(key) ?? 0) + 1)
      const hKey = `route="${escapeLabel(route)}"`
      const h = histograms.get(hKey) ?? newHistogram()
      observe(h, seconds)
      histograms.set(hKey, h)
    },
    countKilled: () => { killed += 1 },
    countRejected: () => { rejected += 1 },
    observeQueueWait(outcome, ms) {
      observe(queueWait, ms / 1000)
      if (outcome === 'timed_out') queueEnds.timedOut += 1
      if (outcome === 'abandoned') queueEnds.abandoned += 1
    },
    render(limiter, stats, cache, strikes) {
      const lines = ['# HELP http_requests_total HTTP requests by route, method and status.', '# TYPE http_requests_total counter']
      for (const [key, value] of requests) lines.push(`http_requests_total{${key}} ${value}`)
      lines.push('# HELP http_request_duration_seconds Request latency by route.', '# TYPE http_request_duration_seconds histogram')
      for (const [key, h] of histograms) lines.push(...renderHistogram('http_request_duration_seconds', key, h))
      lines.push(...renderQueries(limiter, killed, rejected, stats))
      lines.push(...renderLoopDelay(loopDelay))
      // Every admitted query request is observed once, 0 s when a slot was free (so the count is all admitted ones).
      lines.push('# HELP sparql_queue_wait_seconds Time query requests (/sparql, /queries) waited for a slot, until started, timed out or abandoned.', '# TYPE sparql_queue_wait_seconds histogram')
      lines.push(...renderHistogram('sparql_queue_wait_seconds', '', queueWait))
      lines.push(...metric('sparql_queue_timeouts_total', 'counter', 'Requests answered 503 because they waited QUERY_QUEUE_TIMEOUT_MS without starting.', queueEnds.timedOut))
      lines.push(...metric('sparql_queue_abandoned_total', 'counter', 'Requests whose client left while they waited; never started.', queueEnds.abandoned))
      if (strikes) lines.push(...metric('sparql_client_strike_refusals_total', 'counter', 'Queries refused because their client\'s queries cost QUERY_STRIKE_LIMIT replicas within the window.', strikes.refused))
      if (cache) {
        const c = cache.stats()
        lines.push(...metric('sparql_result_cache_hits_total', 'counter', 'Queries answered from the result cache.', c.hits))
        lines.push(...metric('sparql_result_cache_misses_total', 'counter', 'Cacheable queries evaluated by the store.', c.misses))
        lines.push(...metric('sparql_result_cache_coalesced_total', 'counter', 'Queries that waited for an identical query already running.', c.coalesced))
        lines.push(...metric('sparql_result_cache_entries', 'gauge', 'Results held in the cache.', c.entries))
        lines.push(...metric('sparql_result_cache_bytes', 'gauge', 'Estimated bytes of the results held.', c.bytes))
      }
      return lines.join('\n') + '\n'
    },
  }
}

/** GET /metrics */
export const metricsRoutes = ({ metrics, limiter, store, resultCache, strikes }: { metrics: Metrics; limiter: QueryLimiter; store: GraphStore; resultCache?: ResultCache; strikes?: ClientStrikes }) =>
  new Hono().get('/metrics', (c) => c.body(metrics.render(limiter, readStoreStats(store), resultCache, strikes), 200, { 'Content-Type': 'text/plain; version=0.0.4; charset=utf-8' }))
