/** Importer for the government OID crosswalk (secondary source): each agency's OID as an adms:Identifier. */
import { SourceError } from '../errors.ts'
import { ADMS, RDF, SKOS } from '../vocab/index.ts'
import { checkFieldCount, checkHeader, parseCsvRecords } from './agency-csv.ts'
import { QuadList, stableBlankNode, stringLiteral } from './agency-quads.ts'
import { emptyResult, type ImportContext, type ImportResult } from './types.ts'

const COLUMNS = ['機關名稱', 'OID', 'DGPA機關代碼(2016 snapshot, joined by exact name)', 'note'] as const
/** The registry that issues government OIDs (data.gov.tw dataset 7081, GDS.csv). */
const OID_REGISTRY = 'oid.nat.gov.tw'

/**
 * Import `agencies/ey_agencies_oid_crosswalk_secondary.csv`. The OID becomes
 * `adms:identifier [ a adms:Identifier ; skos:notation "2.16.886…" ; adms:schemaAgency "oid.nat.gov.tw" ]`
 * in the agency's graph: the DCAT-AP way to give an "other identifier", beside dct:identifier (the DGPA code).
 * A row whose note column says anything is skipped with a warning quoting the note: the note is where the
 * crosswalk flags unreliable joins (a 2016 placeholder code) and agencies with no code in the snapshot.
 */
export function importAgencyOids(text: string, ctx: ImportContext): ImportResult {
  const [header, ...records] = parseCsvRecords(text, ctx.file)
  if (!header) throw new SourceError(ctx.file, 1, `no header row; expected ${COLUMNS.join(',')}`)
  checkHeader(header, COLUMNS, ctx.file)
  const result = emptyResult()
  const out = new QuadList()
  let skipped = 0
  for (const record of records) {
    checkFieldCount(record, COLUMNS.length, ctx.file)
    const [name, oid, code, note] = record.fields.map((field) => field.trim()) as [string, string, string, string]
    const problem = note !== '' ? `${name}: join flagged in the note column ("${note}"); OID ${oid} not attached`
      : code === '' ? `${name}: no DGPA code; OID ${oid} not attached`
      : !/^2\.16\.886(\.\d+)+$/.test(oid) ? `${name}: "${oid}" is not a Taiwan government OID (2.16.886…); not attached` : undefined
    if (problem) {
      skipped++
      result.warnings.push({ file: ctx.file, line: record.line, problem })
      continue
    }
    const agency = ctx.iris.agency(code)
    const identifier = stableBlankNode('oid', code)
    out.add(agency, ADMS.identifier, identifier, agency)
    out.add(identifier, RDF.type, ADMS.Identifier, agency)
    out.add(identifier, SKOS.notation, stringLiteral(oid), agency)
    out.add(identifier, ADMS.schemaAgency, stringLiteral(OID_REGISTRY), agency)
  }
  result.quads = out.quads
  result.stats = { rows: records.length, oids: records.length - skipped, skipped }
  return result
}
