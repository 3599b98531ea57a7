/** Read the agency name tables: abbreviations (abbreviation,full_name,note) and renames (pattern,replacement,note). */
import { parse } from 'csv-parse/sync'

export function readAbbreviations(csv: string): Map<string, string> {
  const rows = parse(csv, { columns: true, skip_empty_lines: true, bom: true }) as { abbreviation: string; full_name: string }[]
  return new Map(rows.map((r) => [r.abbreviation.trim(), r.full_name.trim()]))
}

/** data/mappings/agency-renames.csv: each pattern is an anchored regular expression over the normalised name. */
export function readRenameRules(csv: string): { pattern: RegExp; replacement: string }[] {
  const rows = parse(csv, { columns: true, skip_empty_lines: true, bom: true }) as { pattern: string; replacement: string }[]
  return rows.map((r) => ({ pattern: new RegExp(r.pattern), replacement: r.replacement }))
}
