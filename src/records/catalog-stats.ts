/** Headline figures and distributions of the catalogue, counted from the search indexes (no query at request time). */
import type { Iris } from '../model/iris.ts'
import type { SearchIndexes } from './search-service.ts'

export interface Count { key: string; label: string; value: number }

export interface CatalogStats {
  datasets: number
  /** Of them, the complete records: the DCAT-AP catalogue (/catalog) lists these and only these. */
  complete: number
  publishers: number
  agencies: number
  laws: number
  lawsInForce: number
  /** Datasets first issued per year, and the catalogue's size at the end of each year. */
  perYear: { year: string; issued: number; total: number }[]
  perPublisher: Count[]
  perCategory: Count[]
  perFormat: Count[]
  perBadge: Count[]
  /** The most recently modified datasets. */
  latest: { iri: string; title: string; modified?: string }[]
}

const TOP = 15

function top(counts: Map<string, number>, label: (key: string) => string, limit = TOP): Count[] {
  return [...counts].sort((a, b) => b[1] - a[1] || a[0].localeCompare(b[0])).slice(0, limit).map(([key, value]) => ({ key, label: label(key), value }))
}

const increment = (counts: Map<string, number>, key: string | undefined) => { if (key) counts.set(key, (counts.get(key) ?? 0) + 1) }

/** Count everything in one pass over the dataset entries. */
export function computeCatalogStats(indexes: SearchIndexes, iris: Iris, language: 'zh' | 'en' = 'zh'): CatalogStats {
  const { datasets } = indexes
  const label = (key: string) => datasets.label(key, language)
  const categoryScheme = `${iris.scheme('service-category').value}/`
  const years = new Map<string, number>()
  const publishers = new Map<string, number>()
  const categories = new Map<string, number>()
  const formats = new Map<string, number>()
  const badges = new Map<string, number>()
  const latest: { iri: string; title: string; modified?: string; time: number }[] = []
  let count = 0
  let complete = 0
  const completeStatus = iris.concept('metadata-status', 'complete').value
  for (const entry of datasets.index.all()) {
    count++
    if (entry.status === completeStatus) complete++
    increment(years, entry.issued?.slice(0, 4))
    increment(publishers, entry.publisher)
    for (const theme of entry.themes) if (theme.startsWith(categoryScheme)) increment(categories, theme)
    for (const format of entry.formats) increment(formats, format)
    increment(badges, entry.badge ?? 'none')
    if (!Number.isNaN(entry.modifiedTime)) latest.push({ iri: entry.iri, title: entry.titles['zh-Hant'] ?? Object.values(entry.titles)[0] ?? entry.iri, modified: entry.modified, time: entry.modifiedTime })
  }
  let total = 0
  const perYear = [...years].filter(([year]) => /^\d{4}$/.test(year)).sort(([a], [b]) => a.localeCompare(b)).map(([year, issued]) => ({ year, issued, total: (total += issued) }))
  const agencies = [...indexes.agencies.index.all()].filter((entry) => entry.facets.kind?.includes('coded')).length
  const laws = [...indexes.laws.index.all()]
  return {
    datasets: count,
    complete,
    publishers: publishers.size,
    agencies,
    laws: laws.length,
    lawsInForce: laws.filter((entry) => entry.facets.status?.includes('in-force')).length,
    perYear,
    perPublisher: top(publishers, label),
    perCategory: top(categories, label, 30),
    perFormat: top(formats, (key) => key.replace(/^.*\//, '')),
    perBadge: top(badges, (key) => (key === 'none' ? (language === 'zh' ? '未檢測' : 'not checked') : label(key))),
    latest: latest.sort((a, b) => b.time - a.time).slice(0, 8).map(({ time: _time, ...rest }) => rest),
  }
}
