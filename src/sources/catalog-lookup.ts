/** Lookups over the mapping tables: a source's code value (any width, any case) → our concept and the EU concept. */
import type { NamedNode } from 'n3'
import type { Iris } from '../model/iris.ts'
import { EU, IANA_MEDIA } from '../vocab/index.ts'
import type { MappingRow, MappingTables } from './mapping-tables.ts'

export interface CategoryMatch {
  concept: NamedNode
  euTheme?: NamedNode
}

export interface FormatMatch {
  euFileType?: NamedNode
  mediaType?: NamedNode
  /** An endpoint (API, WMS…) rather than a file: no dcat:downloadURL. */
  isService: boolean
}

export interface MappingLookup {
  /** By 服務分類 name (交通及通訊) or API v1 categoryCode (A00). */
  serviceCategory(text: string): CategoryMatch | undefined
  /** EU frequency; `null` when the value is known but has no EU code, `undefined` when unknown. */
  frequency(text: string): NamedNode | null | undefined
  fileFormat(text: string): FormatMatch | undefined
  /** EU access right of a 公開/敏感/機敏 level. */
  dataLevel(text: string): NamedNode | undefined
  qualityBadge(text: string): NamedNode | undefined
  language(text: string): NamedNode | undefined
  spatial(text: string): NamedNode | undefined
  license(text: string): NamedNode | undefined
  metadataStatus(code: 'complete' | 'partial'): NamedNode
}

/** Fold full-width forms (（）－) and letter case so that 無（白名單） finds 無(白名單) and GeoJSON finds GEOJSON. */
export const normaliseKey = (text: string): string => text.normalize('NFKC').trim().replace(/\s+/g, ' ').toUpperCase()

const indexBy = (rows: readonly MappingRow[], ...columns: string[]): Map<string, MappingRow> => {
  const index = new Map<string, MappingRow>()
  for (const row of rows) for (const column of columns) if (row[column]) index.set(normaliseKey(row[column]!), row)
  return index
}

const find = (index: Map<string, MappingRow>, text: string): MappingRow | undefined => index.get(normaliseKey(text))
const euTerm = (ns: { $term: (local: string) => NamedNode }, code: string | undefined) => (code ? ns.$term(code) : undefined)

/** Build the lookups once per import. */
export function createMappingLookup(tables: MappingTables, iris: Iris): MappingLookup {
  const categories = indexBy(tables.serviceCategories, 'name_zh', 'notation')
  const frequencies = indexBy(tables.frequencies, 'value_zh')
  const formats = indexBy(tables.fileFormats, 'format')
  const levels = indexBy(tables.dataLevels, 'name_zh', 'code')
  const badges = indexBy(tables.qualityBadges, 'name_zh')
  const languages = indexBy(tables.languages, 'value')
  const places = indexBy(tables.spatial, 'value')
  const licenses = indexBy(tables.licenses, 'value', 'license')
  return {
    serviceCategory: (text) => {
      const row = find(categories, text)
      if (!row) return undefined
      return { concept: iris.concept('service-category', row['code']!), euTheme: euTerm(EU.dataTheme, row['eu_theme']) }
    },
    frequency: (text) => {
      const row = find(frequencies, text)
      return row ? (euTerm(EU.frequency, row['eu_frequency']) ?? null) : undefined
    },
    fileFormat: (text) => {
      const row = find(formats, text)
      if (!row) return undefined
      const mediaType = row['media_type'] ? IANA_MEDIA.$term(row['media_type']) : undefined
      return { euFileType: euTerm(EU.fileType, row['eu_file_type']), mediaType, isService: row['kind'] === 'service' }
    },
    dataLevel: (text) => euTerm(EU.accessRight, find(levels, text)?.['eu_access_right']),
    qualityBadge: (text) => {
      const row = find(badges, text)
      return row ? iris.concept('quality-badge', row['code']!) : undefined
    },
    language: (text) => euTerm(EU.language, find(languages, text)?.['eu_language']),
    spatial: (text) => euTerm(EU.country, find(places, text)?.['eu_country']),
    license: (text) => {
      const slug = find(licenses, text)?.['license']
      return slug ? iris.license(slug) : undefined
    },
    metadataStatus: (code) => iris.concept('metadata-status', code),
  }
}
