/** The EU Publications Office authority tables (data/sources/eu-authority/*.csv): code → English label, deprecated flag. */
import { readFileSync } from 'node:fs'
import { join } from 'node:path'
import { parse } from 'csv-parse/sync'
import { SourceError } from '../errors.ts'

export type EuTable = 'fileType' | 'frequency' | 'dataTheme' | 'accessRight' | 'language' | 'country'

export interface EuConcept {
  readonly code: string
  readonly labelEn: string
  readonly deprecated: boolean
}

export type EuAuthority = { readonly [K in EuTable]: ReadonlyMap<string, EuConcept> }

/** File of each EU table in the mirror (header `url,deprecated,valid_until,valid_from,id,label_en,label_it`). */
export const EU_FILES: Readonly<Record<EuTable, string>> = {
  fileType: 'filetypes.csv',
  frequency: 'frequencies.csv',
  dataTheme: 'data-theme.csv',
  accessRight: 'access-right.csv',
  language: 'languages.csv',
  country: 'countries.csv',
}

/** Parse one EU authority CSV into code → concept. */
export function parseEuTable(text: string, file: string): Map<string, EuConcept> {
  const rows = parse(text.replace(/^\uFEFF/, ''), { columns: true, relax_column_count: true, skip_empty_lines: true }) as Record<string, string>[]
  const concepts = new Map<string, EuConcept>()
  for (const row of rows) {
    const code = row['id']?.trim()
    if (!code) throw new SourceError(file, undefined, 'a row without an "id" (is this an EU authority table?)')
    concepts.set(code, { code, labelEn: row['label_en']?.trim() ?? '', deprecated: row['deprecated']?.trim() === 'true' })
  }
  return concepts
}

/** Load the six EU tables DCAT-AP's ranges need from `dir`. */
export function loadEuAuthority(dir: string): EuAuthority {
  const entries = Object.entries(EU_FILES).map(([table, file]) => [table, parseEuTable(readFileSync(join(dir, file), 'utf8'), file)])
  return Object.fromEntries(entries) as EuAuthority
}
