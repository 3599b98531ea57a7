/** Read data/mappings/agency-abbreviations.csv (abbreviation,full_name,note) into a map. */
import { parse } from 'csv-parse/sync'

export function readAbbreviations(csv: string): Map<string, string> {
  const rows = parse(csv, { columns: true, skip_empty_lines: true, bom: true }) as { abbreviation: string; full_name: string }[]
  return new Map(rows.map((r) => [r.abbreviation.trim(), r.full_name.trim()]))
}
