/**
 * The dashboard's numbers, from SPARQL: the example queries themselves (datasets-per-year, datasets-per-agency with
 * units rolled up to their agency, datasets-per-category, distribution-formats, quality-badges) plus
 * queries/dashboard/coverage.rq (how many records each chart covers). So each chart says what the endpoint says,
 * stays right as the data grows, and links the query that drew it. Computed once per graph state.
 */
import { readFile } from 'node:fs/promises'
import { fileURLToPath } from 'node:url'
import type { GraphStore } from '../store/types.ts'
import { isObservedStore } from './graph-changes.ts'

/** Where the queries are: the repository's queries/ (not QUERIES_DIR, which a deployment may point elsewhere). */
const QUERIES = fileURLToPath(new URL('../../queries/', import.meta.url))

export const DASHBOARD_QUERIES = {
  perYear: 'datasets-per-year.rq',
  perAgency: 'datasets-per-agency.rq',
  perCategory: 'datasets-per-category.rq',
  perFormat: 'distribution-formats.rq',
  perBadge: 'quality-badges.rq',
  coverage: 'dashboard/coverage.rq',
} as const

export type DashboardQuery = keyof typeof DASHBOARD_QUERIES

export interface LabelledCount {
  /** The IRI counted for (agency, category, format, badge); '' for "none". */
  key: string
  zh?: string
  en?: string
  value: number
}

export interface DashboardData {
  /** Every year from the first to the last with a dated dataset (years without one at 0), and the running total. */
  perYear: { year: number; issued: number; total: number }[]
  /** Datasets without dct:issued: in the headline, in no year. */
  undated: number
  perAgency: LabelledCount[]
  perCategory: LabelledCount[]
  perFormat: LabelledCount[]
  perBadge: LabelledCount[]
  coverage: Record<'datasets' | 'listing2018' | 'complete' | 'categorised' | 'withFormat' | 'withDistribution' | 'badged', number>
  /** Latest dct:modified among the complete records (the catalogue export's date), as written. */
  latestModified?: string
  /** Each chart's query text, to open in the query UI. */
  queries: Record<DashboardQuery, string>
}

type Binding = Record<string, { value: string } | undefined>

async function select(store: GraphStore, query: string, baseIri: string): Promise<Binding[]> {
  const result = await store.query({ query, mediaType: 'application/sparql-results+json', baseIri: `${baseIri}/sparql` })
  return (JSON.parse(result.body) as { results: { bindings: Binding[] } }).results.bindings
}

const numberOf = (binding: Binding, name: string) => Number(binding[name]?.value ?? 0)

/** The years from first to last, none skipped; the total counts dated datasets only (the undated are apart). */
export function fillYears(rows: readonly { year: number; issued: number }[]): DashboardData['perYear'] {
  if (rows.length === 0) return []
  const issued = new Map(rows.map((row) => [row.year, row.issued]))
  const first = Math.min(...issued.keys())
  const last = Math.max(...issued.keys())
  let total = 0
  const years: DashboardData['perYear'] = []
  for (let year = first; year <= last; year++) {
    total += issued.get(year) ?? 0
    years.push({ year, issued: issued.get(year) ?? 0, total })
  }
  return years
}

async function compute(store: GraphStore, baseIri: string): Promise<DashboardData> {
  const queries = Object.fromEntries(await Promise.all(Object.entries(DASHBOARD_QUERIES).map(async ([name, file]) => [name, await readFile(QUERIES + file, 'utf8')]))) as Record<DashboardQuery, string>
  const run = (name: DashboardQuery) => select(store, queries[name], baseIri)
  const [years, agencies, categories, formats, badges, coverage] = await Promise.all([run('perYear'), run('perAgency'), run('perCategory'), run('perFormat'), run('perBadge'), run('coverage')])
  const dated = years.filter((row) => row.year).map((row) => ({ year: numberOf(row, 'year'), issued: numberOf(row, 'datasets') }))
  const labelled = (keyName: string, valueName: string, zh: string, en: string) => (row: Binding): LabelledCount =>
    ({ key: row[keyName]?.value ?? '', zh: row[zh]?.value, en: row[en]?.value, value: numberOf(row, valueName) })
  const measures = Object.fromEntries(coverage.map((row) => [row.what!.value, numberOf(row, 'n')])) as DashboardData['coverage']
  return {
    perYear: fillYears(dated),
    undated: years.filter((row) => !row.year).reduce((sum, row) => sum + numberOf(row, 'datasets'), 0),
    perAgency: agencies.map(labelled('agency', 'datasets', 'name', 'nameEn')),
    perCategory: categories.map(labelled('category', 'datasets', 'name', 'nameEn')).filter((row) => row.value > 0),
    perFormat: formats.map(labelled('format', 'datasets', 'code', 'code')),
    perBadge: badges.map(labelled('badge', 'datasets', 'name', 'nameEn')),
    coverage: measures,
    latestModified: coverage.find((row) => row.what?.value === 'complete')?.latest?.value,
    queries,
  }
}

/** The dashboard's data for `store`, computed on first use and again after each write to the graph. */
export function createDashboardData(store: GraphStore, baseIri: string): () => Promise<DashboardData> {
  let current: Promise<DashboardData> | undefined
  if (isObservedStore(store)) store.onGraphsReplaced(() => { current = undefined })
  return () => {
    current ??= compute(store, baseIri).catch((error: unknown) => { current = undefined; throw error })
    return current
  }
}
