/** Mapping tables (data/mappings/*.csv): data.gov.tw code values → our concepts and the EU authority tables. */
import { readFileSync } from 'node:fs'
import { join, relative, resolve } from 'node:path'
import { fileURLToPath } from 'node:url'
import { parse } from 'csv-parse/sync'
import { SourceError } from '../errors.ts'
import { loadEuAuthority, type EuAuthority, type EuTable } from './catalog-eu-authority.ts'

export type { EuAuthority, EuTable } from './catalog-eu-authority.ts'

/** How our concept relates to the EU one (SKOS mapping properties). */
export type MatchKind = 'exact' | 'close' | 'broad' | 'narrow' | 'related'
/** One row of a mapping table: its cells by column name, and where it came from. */
export type MappingRow = Readonly<Record<string, string>> & { readonly $line: number; readonly $file: string }

/** What each table is, which columns it has and which EU table its codes come from. */
export const TABLE_SPECS = {
  schemes: { file: 'schemes.csv', columns: ['scheme', 'name_zh', 'name_en', 'note'] },
  serviceCategories: {
    file: 'service-category.csv',
    columns: ['name_zh', 'code', 'notation', 'name_en', 'eu_theme', 'match', 'note'],
    eu: { column: 'eu_theme', table: 'dataTheme' },
  },
  frequencies: {
    file: 'update-frequency.csv',
    columns: ['value_zh', 'code', 'name_en', 'eu_frequency', 'match', 'note'],
    eu: { column: 'eu_frequency', table: 'frequency' },
  },
  fileFormats: {
    file: 'file-format.csv',
    columns: ['format', 'eu_file_type', 'media_type', 'kind', 'note'],
    eu: { column: 'eu_file_type', table: 'fileType' },
  },
  dataLevels: {
    file: 'data-level.csv',
    columns: ['name_zh', 'code', 'name_en', 'eu_access_right', 'match', 'note'],
    eu: { column: 'eu_access_right', table: 'accessRight' },
  },
  qualityBadges: { file: 'quality-badge.csv', columns: ['name_zh', 'code', 'name_en', 'note'] },
  languages: { file: 'language.csv', columns: ['value', 'eu_language', 'note'], eu: { column: 'eu_language', table: 'language' } },
  spatial: { file: 'spatial.csv', columns: ['value', 'eu_country', 'note'], eu: { column: 'eu_country', table: 'country' } },
  licenses: { file: 'license.csv', columns: ['value', 'license', 'note'] },
  metadataStatuses: { file: 'metadata-status.csv', columns: ['code', 'name_zh', 'name_en', 'note'] },
} as const satisfies Record<string, { file: string; columns: readonly string[]; eu?: { column: string; table: EuTable } }>

export type TableName = keyof typeof TABLE_SPECS

/** All mapping tables, plus the EU authority labels their codes point to. */
export type MappingTables = { readonly [K in TableName]: readonly MappingRow[] } & { readonly eu: EuAuthority }

const REPO_ROOT = fileURLToPath(new URL('../../', import.meta.url))
export const DEFAULT_MAPPINGS_DIR = join(REPO_ROOT, 'data/mappings')
export const DEFAULT_EU_AUTHORITY_DIR = join(REPO_ROOT, 'data/sources/eu-authority')

const MATCH_KINDS: readonly string[] = ['exact', 'close', 'broad', 'narrow', 'related']

/**
 * Parse one mapping table. The header must hold exactly the expected columns (in order);
 * every row must have as many cells. Cells are trimmed.
 */
export function parseMappingTable(text: string, file: string, columns: readonly string[]): MappingRow[] {
  const records = parse(text.replace(/^\uFEFF/, ''), { relax_column_count: true, skip_empty_lines: true, info: true }) as unknown as {
    record: string[]
    info: { lines: number }
  }[]
  const header = records[0]?.record.map((c) => c.trim()) ?? []
  checkHeader(header, columns, file)
  return records.slice(1).map(({ record, info }) => {
    if (record.length !== columns.length) {
      throw new SourceError(file, info.lines, `${record.length} cells, expected ${columns.length} (${columns.join(',')})`)
    }
    const row: Record<string, string | number> = { $line: info.lines, $file: file }
    columns.forEach((column, i) => (row[column] = (record[i] ?? '').trim()))
    return row as MappingRow
  })
}

function checkHeader(header: readonly string[], columns: readonly string[], file: string): void {
  const unknown = header.find((c) => !columns.includes(c))
  if (unknown !== undefined) throw new SourceError(file, 1, `unknown column "${unknown}" (expected ${columns.join(',')})`)
  const missing = columns.find((c) => !header.includes(c))
  if (missing !== undefined) throw new SourceError(file, 1, `missing column "${missing}" (expected ${columns.join(',')})`)
  if (header.join(',') !== columns.join(',')) throw new SourceError(file, 1, `columns out of order: expected ${columns.join(',')}`)
}

/**
 * Load every mapping table from `dir` and the EU authority tables from `euAuthorityDir`, and check that
 * each EU code a table names exists (and is not deprecated) there and each match kind is a SKOS one.
 */
export function loadMappingTables(dir = DEFAULT_MAPPINGS_DIR, euAuthorityDir = DEFAULT_EU_AUTHORITY_DIR): MappingTables {
  const eu = loadEuAuthority(euAuthorityDir)
  const tables: Record<string, unknown> = { eu }
  for (const [name, spec] of Object.entries(TABLE_SPECS)) {
    const path = join(dir, spec.file)
    const rows = parseMappingTable(readFileSync(path, 'utf8'), displayPath(path), spec.columns)
    if ('eu' in spec) checkEuCodes(rows, spec.eu, eu)
    checkMatchKinds(rows)
    tables[name] = rows
  }
  return tables as MappingTables
}

let defaultTables: MappingTables | undefined
/** The repository's own tables, loaded once per process. */
export const loadDefaultMappingTables = (): MappingTables => (defaultTables ??= loadMappingTables())

function checkEuCodes(rows: readonly MappingRow[], ref: { column: string; table: EuTable }, eu: EuAuthority): void {
  for (const row of rows) {
    const code = row[ref.column]
    if (!code) continue
    const concept = eu[ref.table].get(code)
    if (!concept) throw new SourceError(row.$file, row.$line, `EU ${ref.table} code "${code}" is not in the EU authority table`)
    if (concept.deprecated) throw new SourceError(row.$file, row.$line, `EU ${ref.table} code "${code}" is deprecated`)
  }
}

function checkMatchKinds(rows: readonly MappingRow[]): void {
  for (const row of rows) {
    const match = row['match']
    if (match !== undefined && match !== '' && !MATCH_KINDS.includes(match)) {
      throw new SourceError(row.$file, row.$line, `match "${match}" is not one of ${MATCH_KINDS.join(', ')}`)
    }
  }
}

const displayPath = (path: string): string => {
  const rel = relative(REPO_ROOT, resolve(path))
  return rel.startsWith('..') ? path : rel
}
