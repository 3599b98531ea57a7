/** The value mixes of a synthetic catalogue: real 2026 distributions where stats.json has them, observed values elsewhere. */
import type { CatalogSources, NamedCount } from './catalog-sources.ts'
import { createWeightedPicker, type Prng, type Weighted } from './prng.ts'

/** A 檔案格式 choice: a real `;`-joined combination from stats.json, or `null` for the synthetic long tail. */
export type FormatChoice = string | null

export interface CatalogMix {
  readonly pickAgency: (rng: Prng) => string
  readonly pickCategory: (rng: Prng) => string
  readonly pickFormats: (rng: Prng) => FormatChoice
  readonly pickTailFormat: (rng: Prng) => string
  readonly pickApiFormats: (rng: Prng) => string
  readonly pickQuality: (rng: Prng) => string
  readonly pickFrequency: (rng: Prng) => string
  readonly pickAreaCode: (rng: Prng) => string
  readonly titlesByAgency: ReadonlyMap<string, readonly string[]>
  readonly allTitles: readonly string[]
  readonly fieldNames: readonly string[]
  readonly downloadHosts: readonly string[]
}

/** Service categories of data.gov.tw outside the stats.json top 10; they share the rest of the total evenly. */
export const OTHER_CATEGORIES = ['服兵役', '生育保健', '出生及收養', '婚姻', '選舉及投票', '退休', '老年安養', '生命禮儀'] as const

/** 品質檢測 badges (MANIFEST §0 plus 銅); weights follow the 24-record 2026 sample, tilted to leave room for 銅. */
export const QUALITY_WEIGHTS: Weighted<string> = [
  ['白金', 45], ['金', 20], ['銀', 15], ['銅', 5], ['無(白名單)', 8], ['無(未做品檢)', 7],
]

/** 更新頻率: the first five are seen in the sources; the rest follow the same `每N單位` pattern, kept rare. */
export const FREQUENCY_WEIGHTS: Weighted<string> = [
  ['不定期更新', 46], ['每1年', 18], ['每1月', 13], ['每日', 4], ['不更新', 5],
  ['每1季', 5], ['每6月', 3], ['每1日', 2], ['每1週', 2], ['每1時', 1], ['每5分鐘', 1],
]

/** Single formats for the long tail beyond the stats.json top 10 (that tail is 27 % of 2026 datasets). */
export const TAIL_FORMAT_WEIGHTS: Weighted<string> = [
  ['PDF', 30], ['XLSX', 20], ['XLS', 12], ['ODS', 8], ['XML', 6], ['JSON', 5], ['KML', 4], ['SHP', 4],
  ['TXT', 3], ['HTML', 3], ['RSS', 2], ['WMS', 1], ['KMZ', 1], ['GEOJSON', 1], ['DOCX', 1], ['ODT', 1],
]

export const API_FORMAT_WEIGHTS: Weighted<string> = [['JSON', 60], ['XML', 20], ['JSON;XML', 12], ['CSV', 8]]

/** Short forms some publishers type instead of the full agency name (noise for agency resolution). */
export const AGENCY_ABBREVIATIONS = [
  '國發會', '衛福部', '主計總處', '農委會', '環保署', '金管會', '北市府', '高市府', '中市府', '新北市府', '勞動部勞保局', '財資中心',
] as const

export const AREA_CODES = ['02', '03', '04', '05', '06', '07', '08', '037', '049', '089'] as const

/** Shares of the agency long tail (everything outside the stats.json top 10). */
const TAIL_SHARE = { listing2018: 0.8, dgpa: 0.15, abbreviation: 0.05 } as const

const sumCounts = (list: readonly NamedCount[]) => list.reduce((sum, x) => sum + x.count, 0)

function buildAgencyWeights(sources: CatalogSources): Weighted<string> {
  const top = new Set(sources.statsAgencies.map((a) => a.name))
  const tailTotal = sources.statsTotal - sumCounts(sources.statsAgencies)
  const listed = [...sources.titlesByAgency].filter(([name]) => !top.has(name))
  const listedTotal = listed.reduce((sum, [, titles]) => sum + titles.length, 0)
  const known = new Set([...top, ...sources.titlesByAgency.keys()])
  const dgpa = [...new Set(sources.dgpaNames)].filter((name) => !known.has(name))
  return [
    ...sources.statsAgencies.map((a) => [a.name, a.count] as const),
    ...listed.map(([name, titles]) => [name, (TAIL_SHARE.listing2018 * tailTotal * titles.length) / listedTotal] as const),
    ...dgpa.map((name) => [name, (TAIL_SHARE.dgpa * tailTotal) / dgpa.length] as const),
    ...AGENCY_ABBREVIATIONS.map((name) => [name, (TAIL_SHARE.abbreviation * tailTotal) / AGENCY_ABBREVIATIONS.length] as const),
  ]
}

function buildCategoryWeights(sources: CatalogSources): Weighted<string> {
  const rest = sources.statsTotal - sumCounts(sources.statsCategories)
  return [
    ...sources.statsCategories.map((c) => [c.name, c.count] as const),
    ...OTHER_CATEGORIES.map((name) => [name, rest / OTHER_CATEGORIES.length] as const),
  ]
}

function buildFormatWeights(sources: CatalogSources): Weighted<FormatChoice> {
  const rest = sources.statsTotal - sumCounts(sources.statsFormats)
  return [...sources.statsFormats.map((f) => [f.name, f.count] as const), [null, rest]]
}

/** Build every picker once from the loaded sources. */
export function buildCatalogMix(sources: CatalogSources): CatalogMix {
  return {
    pickAgency: createWeightedPicker(buildAgencyWeights(sources)),
    pickCategory: createWeightedPicker(buildCategoryWeights(sources)),
    pickFormats: createWeightedPicker(buildFormatWeights(sources)),
    pickTailFormat: createWeightedPicker(TAIL_FORMAT_WEIGHTS),
    pickApiFormats: createWeightedPicker(API_FORMAT_WEIGHTS),
    pickQuality: createWeightedPicker(QUALITY_WEIGHTS),
    pickFrequency: createWeightedPicker(FREQUENCY_WEIGHTS),
    pickAreaCode: (rng) => rng.pickOne(AREA_CODES),
    titlesByAgency: sources.titlesByAgency,
    allTitles: sources.allTitles,
    fieldNames: sources.fieldNames,
    downloadHosts: sources.downloadHosts,
  }
}
