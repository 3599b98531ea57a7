/** Summaries and the markdown report of bench/sparql.ts: medians over rounds, ratios ours/Virtuoso. */
import { median } from './sparql-client.ts'

export const OURS = 'ours'
export const VIRTUOSO = 'virtuoso'
export type EndpointName = typeof OURS | typeof VIRTUOSO

/** One closed loop: one query, one endpoint, one client count, one round. */
export interface RoundCell { p50: number; p99: number; n: number; errors: number; requestsPerSecond: number }

export interface QueryRecord {
  name: string
  /** Rows of the check request on each endpoint, or the error that stopped it (then the query is not timed there). */
  rows: Record<EndpointName, number | string>
  /** Time of the check request (the cold first run), ms. */
  firstMs: Record<EndpointName, number>
  /** Set when the check request ran into the deadline there: the query took longer than this many ms. */
  timedOutMs: Partial<Record<EndpointName, number>>
  rounds: Record<number, Record<EndpointName, RoundCell[]>>
  /** The first few error lines of the timed loops. */
  errorSamples: string[]
}

export interface CellSummary { p50: number; p99: number; n: number; errors: number; requestsPerSecond: number }

/** Medians over rounds of each round's p50, p99 and throughput; sample and error counts are summed. */
export function summarise(cells: RoundCell[]): CellSummary {
  return {
    p50: median(cells.map((c) => c.p50)),
    p99: median(cells.map((c) => c.p99)),
    requestsPerSecond: median(cells.map((c) => c.requestsPerSecond)),
    n: cells.reduce((sum, c) => sum + c.n, 0),
    errors: cells.reduce((sum, c) => sum + c.errors, 0),
  }
}

export function isRowMatch(record: QueryRecord): boolean {
  return typeof record.rows[OURS] === 'number' && record.rows[OURS] === record.rows[VIRTUOSO]
}

function formatMs(ms: number): string {
  if (!Number.isFinite(ms)) return '–'
  return ms < 10 ? ms.toFixed(2) : ms < 100 ? ms.toFixed(1) : Math.round(ms).toLocaleString('en')
}

function formatRatio(ratio: number): string {
  return Number.isFinite(ratio) ? ratio.toFixed(2) : '–'
}

function formatRows(value: number | string): string {
  return typeof value === 'number' ? value.toLocaleString('en') : 'error'
}

/** Geometric mean of the finite, positive values (the usual mean of ratios). */
export function geometricMean(values: number[]): number {
  const usable = values.filter((v) => Number.isFinite(v) && v > 0)
  return usable.length === 0 ? Number.NaN : Math.exp(usable.reduce((sum, v) => sum + Math.log(v), 0) / usable.length)
}

/** Geometric mean of the ratios over the queries both engines answered alike (a wrong or failed answer is no race). */
export function geometricMeanRatio(records: QueryRecord[], clients: number, stat: 'p50' | 'p99'): number {
  return geometricMean(records.filter(isRowMatch).map((r) => ratioOf(r, clients, stat)))
}

/** The ratio ours/Virtuoso of one statistic at one client count; NaN when either side has no sample. */
export function ratioOf(record: QueryRecord, clients: number, stat: 'p50' | 'p99'): number {
  const ours = summarise(record.rounds[clients]?.[OURS] ?? [])[stat]
  const virtuoso = summarise(record.rounds[clients]?.[VIRTUOSO] ?? [])[stat]
  return ours / virtuoso
}

/** A latency, or "> deadline" when the check request timed out there (the latency is then a lower bound). */
function boundedLatency(record: QueryRecord, name: EndpointName, value: number): { text: string; value: number; isLowerBound: boolean } {
  const timedOut = record.timedOutMs[name]
  if (Number.isFinite(value) || timedOut === undefined) return { text: formatMs(value), value, isLowerBound: false }
  return { text: `>${formatMs(timedOut)}`, value: timedOut, isLowerBound: true }
}

function latencyCell(record: QueryRecord, clients: number, stat: 'p50' | 'p99'): string {
  const oursCell = summarise(record.rounds[clients]?.[OURS] ?? [])
  const virtuosoCell = summarise(record.rounds[clients]?.[VIRTUOSO] ?? [])
  const ours = boundedLatency(record, OURS, oursCell[stat])
  const virtuoso = boundedLatency(record, VIRTUOSO, virtuosoCell[stat])
  // Answered at the check but left out of this loop (too slow for 8 clients): say so rather than "–".
  for (const [name, side] of [[OURS, ours], [VIRTUOSO, virtuoso]] as const) {
    if (side.text === '–' && typeof record.rows[name] === 'number' && (record.rounds[clients]?.[name] ?? []).length === 0) side.text = 'not timed'
  }
  const failed = oursCell.errors + virtuosoCell.errors > 0 ? ' ⚠' : ''
  // A timed-out side bounds the ratio: ours > x makes the ratio larger, Virtuoso > x makes it smaller.
  const bound = ours.isLowerBound && virtuoso.isLowerBound ? '?' : ours.isLowerBound ? '>' : virtuoso.isLowerBound ? '<' : ''
  const ratio = bound === '?' ? '–' : `${bound}${formatRatio(ours.value / virtuoso.value)}`
  return `${ours.text} / ${virtuoso.text} (**${ratio}**)${failed}`
}

/** The latency table: one row per query, cells "ours / Virtuoso (ratio)" in ms, and (with `hasMeanRow`) the geometric mean of each column's ratios. */
export function renderLatencyTable(records: QueryRecord[], clientCounts: number[], hasMeanRow = true): string {
  const header = ['query', 'rows ours / Virtuoso', ...clientCounts.flatMap((c) => [`p50 ms, ${c} client${c > 1 ? 's' : ''}`, `p99 ms, ${c} client${c > 1 ? 's' : ''}`])]
  const lines = [`| ${header.join(' | ')} |`, `| ${header.map((_, i) => (i === 0 ? '---' : '---:')).join(' | ')} |`]
  for (const record of records) {
    const rows = `${formatRows(record.rows[OURS])} / ${formatRows(record.rows[VIRTUOSO])}${isRowMatch(record) ? '' : ' ≠'}`
    lines.push(`| ${record.name} | ${rows} | ${clientCounts.flatMap((c) => [latencyCell(record, c, 'p50'), latencyCell(record, c, 'p99')]).join(' | ')} |`)
  }
  const means = clientCounts.flatMap((c) => (['p50', 'p99'] as const).map((stat) => `**${formatRatio(geometricMeanRatio(records, c, stat))}**`))
  if (hasMeanRow) lines.push(`| geometric mean of the ratios (queries with equal rows on both) | | ${means.join(' | ')} |`)
  return lines.join('\n')
}

/** Requests per second of one query at each client count, both endpoints and the ratio. */
export function renderThroughputTable(record: QueryRecord, clientCounts: number[]): string {
  const lines = ['| clients | ours req/s | Virtuoso req/s | ratio ours/Virtuoso |', '| ---: | ---: | ---: | ---: |']
  for (const clients of clientCounts) {
    const ours = summarise(record.rounds[clients]?.[OURS] ?? []).requestsPerSecond
    const virtuoso = summarise(record.rounds[clients]?.[VIRTUOSO] ?? []).requestsPerSecond
    lines.push(`| ${clients} | ${ours.toFixed(1)} | ${virtuoso.toFixed(1)} | **${formatRatio(ours / virtuoso)}** |`)
  }
  return lines.join('\n')
}

export { formatMs, formatRatio }
