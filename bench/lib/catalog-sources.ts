/** Reads the real public sources the synthetic catalogue draws from (data/sources/, see MANIFEST.md §1–§2). */
import { readFileSync } from 'node:fs'
import { fileURLToPath } from 'node:url'
import { parse } from 'csv-parse/sync'

export interface NamedCount { readonly name: string; readonly count: number }

export interface CatalogSources {
  /** 2026 catalogue size the stats were taken from (stats.json `total`). */
  readonly statsTotal: number
  /** 2026 top-10 檔案格式 values (already `;`-joined), 提供機關 and 服務分類, with counts. */
  readonly statsFormats: readonly NamedCount[]
  readonly statsAgencies: readonly NamedCount[]
  readonly statsCategories: readonly NamedCount[]
  /** 2018 listing: agency → its dataset titles, in file order. */
  readonly titlesByAgency: ReadonlyMap<string, readonly string[]>
  readonly allTitles: readonly string[]
  /** Active DGPA agencies of levels 2–4 (2016 snapshot), schools left out: they rarely publish on data.gov.tw. */
  readonly dgpaNames: readonly string[]
  /** Column names seen in 主要欄位說明 of the 2026 export sample. */
  readonly fieldNames: readonly string[]
  /** Download hosts seen in 資料下載網址 of the 2026 export sample. */
  readonly downloadHosts: readonly string[]
}

export const DEFAULT_SOURCES_DIR = fileURLToPath(new URL('../../data/sources/', import.meta.url))

type Row = Record<string, string>
const readCsv = (path: string, options: Record<string, unknown> = {}): Row[] =>
  parse(readFileSync(path), { columns: true, bom: true, ...options }) as Row[]

function readStats(dir: string) {
  const stats = JSON.parse(readFileSync(`${dir}/catalog/toydogcat_catalog_stats_2026.json`, 'utf8')) as {
    total: number; formats: NamedCount[]; agencies: NamedCount[]; categories: NamedCount[]
  }
  return { statsTotal: stats.total, statsFormats: stats.formats, statsAgencies: stats.agencies, statsCategories: stats.categories }
}

function readTitles2018(dir: string) {
  const titlesByAgency = new Map<string, string[]>()
  const allTitles: string[] = []
  for (const row of readCsv(`${dir}/catalog/dragonchen_datagovtw_list_2018.csv`)) {
    const agency = row['提供機關名稱'] ?? ''
    const title = row['資料集名稱'] ?? ''
    if (!agency || !title) continue
    const list = titlesByAgency.get(agency) ?? []
    if (list.length === 0) titlesByAgency.set(agency, list)
    list.push(title)
    allTitles.push(title)
  }
  return { titlesByAgency, allTitles }
}

const SCHOOL = /(小學|中學|幼兒園|托兒所|分校|分班)$/

function readDgpaNames(dir: string): string[] {
  // The last record of the 2016 file has a stray quote (MANIFEST §2a); relax_quotes keeps it readable.
  const rows = readCsv(`${dir}/agencies/dgpa_orglist_utf8_2016snapshot.csv`, { relax_quotes: true })
  return rows
    .filter((r) => r['裁撤註記'] !== '是' && ['2', '3', '4'].includes(r['機關層級'] ?? ''))
    .map((r) => r['機關名稱'] ?? '')
    .filter((name) => name !== '' && !SCHOOL.test(name))
}

function readExportSample(dir: string) {
  const rows = readCsv(`${dir}/catalog/datagovtw_export_2026_sample.csv`)
  const fields = new Set<string>()
  const hosts = new Set<string>()
  for (const row of rows) {
    for (const f of (row['主要欄位說明'] ?? '').split(';')) if (f.trim()) fields.add(f.trim())
    for (const url of (row['資料下載網址'] ?? '').split(';')) {
      if (URL.canParse(url)) hosts.add(new URL(url).host)
    }
  }
  return { fieldNames: [...fields], downloadHosts: [...hosts] }
}

/** Load every source once (about 0.5 s); the result is plain data, safe to share between generators. */
export function loadCatalogSources(dir: string = DEFAULT_SOURCES_DIR): CatalogSources {
  return { ...readStats(dir), ...readTitles2018(dir), dgpaNames: readDgpaNames(dir), ...readExportSample(dir) }
}
