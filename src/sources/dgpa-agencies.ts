/** Importer for the DGPA agency code list (CP950 CSV): agencies, hierarchy and lineage as foaf:Agent / org:Organization. */
import { SourceError } from '../errors.ts'
import { checkHeader, parseCsvRecords } from './agency-csv.ts'
import { decodeCp950 } from './agency-encoding.ts'
import { collectChanges, describeChanges, describeParent, describeUnresolved, type ParentLink, type UnresolvedCodes } from './agency-links.ts'
import { QuadList } from './agency-quads.ts'
import { DGPA_COLUMNS, describeAgency, isAbolished, isFundUnit, isPlaceholder, readDgpaRow, type DgpaRow, type Warn } from './agency-row.ts'
import { emptyResult, type ImportContext, type ImportResult } from './types.ts'

export { importAgencyEnglishNames } from './agency-english-names.ts'
export { importAgencyOids } from './agency-oids.ts'
export { importOrganicLaws } from './agency-organic-laws.ts'

/**
 * Import `agencies/dgpa_orglist_cp950_2016snapshot.csv` from its original CP950 bytes. Each agency goes in
 * its own named graph (its agency IRI). Throws SourceError for a wrong encoding, a header that is not the
 * 17 DGPA columns, or a row with the wrong number of fields; everything recoverable is a located warning.
 * A code listed twice keeps its first row (the later one is reported and ignored), so no agency gets two
 * conflicting records.
 */
export function importDgpaAgencies(bytes: Uint8Array, ctx: ImportContext): ImportResult {
  const [header, ...records] = parseCsvRecords(decodeCp950(bytes, ctx.file), ctx.file)
  if (!header) throw new SourceError(ctx.file, 1, 'no header row; expected the 17 DGPA columns')
  checkHeader(header, DGPA_COLUMNS, ctx.file)
  const result = emptyResult()
  const warn: Warn = (line, problem) => void result.warnings.push({ file: ctx.file, line, problem })
  const rows = keepFirstPerCode(records.map((record) => readDgpaRow(record, ctx.file)), warn)
  const known = new Set(rows.map((row) => row.code))
  const unresolved: UnresolvedCodes = new Map()
  const out = new QuadList()
  const parents = rows.map((row) => {
    describeAgency(row, ctx, out, warn)
    return describeParent(row, ctx, out, known, unresolved, warn)
  })
  const changes = collectChanges(rows, known, unresolved, warn)
  describeChanges(changes, ctx, out)
  describeUnresolved(unresolved, ctx, out)
  result.quads = out.quads
  result.stats = { rows: records.length, ...countAgencies(rows, parents), changeEvents: changes.length, unresolvedAgents: unresolved.size }
  return result
}

/** Drop rows without a code, and every later row of a code already seen (reported with both lines). */
function keepFirstPerCode(rows: readonly DgpaRow[], warn: Warn): DgpaRow[] {
  const first = new Map<string, DgpaRow>()
  for (const row of rows) {
    const seen = first.get(row.code)
    if (row.code === '') warn(row.line, '機關代碼 is blank; row ignored')
    else if (seen) warn(row.line, `機關代碼 ${row.code} is already listed on line ${seen.line} (${seen.name}); this row (${row.name}) is ignored`)
    else {
      if (!/^[0-9A-Z]{10}$/.test(row.code)) warn(row.line, `機關代碼 "${row.code}" is not 10 letters/digits; kept as given`)
      first.set(row.code, row)
    }
  }
  return [...first.values()]
}

/** Counts for `ogd stats`: active means existing and not abolished (placeholders are neither). */
function countAgencies(rows: readonly DgpaRow[], parents: readonly ParentLink[]): Record<string, number> {
  const count = (test: (row: DgpaRow) => boolean) => rows.filter(test).length
  return {
    agencies: rows.length,
    active: count((row) => !isAbolished(row) && !isPlaceholder(row)),
    abolished: count((row) => isAbolished(row) && !isPlaceholder(row)),
    placeholders: count(isPlaceholder),
    fundUnits: count(isFundUnit),
    roots: parents.filter((link) => link === 'root').length,
    missingParents: parents.filter((link) => link === 'missing').length,
  }
}
