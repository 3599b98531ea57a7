/** Importer for English agency names (ipgod `agencies_name_utf8.csv`): `@en` labels in each agency's graph. */
import { SourceError } from '../errors.ts'
import { FOAF, SKOS } from '../vocab/index.ts'
import { checkFieldCount, checkHeader, parseCsvRecords } from './agency-csv.ts'
import { enLiteral, QuadList } from './agency-quads.ts'
import { emptyResult, type ImportContext, type ImportResult } from './types.ts'

const COLUMNS = ['機關代碼', '機關名稱', '英文名稱', '上層機關'] as const

/**
 * Import `agencies/ipgod_agencies_name_utf8.csv` (UTF-8): `skos:prefLabel` and `foaf:name` "…"@en (trimmed)
 * on `agency(機關代碼)`, in that agency's graph. 上層機關 is a parent *name*; the DGPA list already gives
 * parents by code, so it is not used. A code listed twice keeps its first English name.
 */
export function importAgencyEnglishNames(text: string, ctx: ImportContext): ImportResult {
  const [header, ...records] = parseCsvRecords(text, ctx.file)
  if (!header) throw new SourceError(ctx.file, 1, `no header row; expected ${COLUMNS.join(',')}`)
  checkHeader(header, COLUMNS, ctx.file)
  const result = emptyResult()
  const out = new QuadList()
  const seen = new Map<string, number>()
  for (const record of records) {
    checkFieldCount(record, COLUMNS.length, ctx.file)
    const [code, , english] = record.fields.map((field) => field.trim()) as [string, string, string, string]
    const problem = code === '' ? '機關代碼 is blank' : english === '' ? `no English name for ${code}`
      : seen.has(code) ? `${code} already has an English name (line ${seen.get(code)}); this one is ignored` : undefined
    if (problem) {
      result.warnings.push({ file: ctx.file, line: record.line, problem })
      continue
    }
    seen.set(code, record.line)
    const agency = ctx.iris.agency(code)
    out.add(agency, SKOS.prefLabel, enLiteral(english), agency)
    out.add(agency, FOAF.name, enLiteral(english), agency)
  }
  result.quads = out.quads
  result.stats = { rows: records.length, names: seen.size }
  return result
}
