/** One row of the DGPA agency list (行政院所屬中央及地方機關代碼): its 17 columns by name, and the quads describing that agency. */
import { DataFactory, type NamedNode } from 'n3'
import { DCT, FOAF, ORG, RDF, SCHEMA, SKOS, VCARD } from '../vocab/index.ts'
import { checkFieldCount, type CsvRecord } from './agency-csv.ts'
import { cleanPhoneNumber } from './agency-phone.ts'
import { booleanLiteral, dateLiteral, stableBlankNode, stringLiteral, zhLiteral, type QuadList } from './agency-quads.ts'
import { parseRocDate } from './roc-date.ts'
import type { ImportContext } from './types.ts'

/** The header of the DGPA file, exactly and in order. */
export const DGPA_COLUMNS = [
  '機關代碼', '機關名稱', '郵遞區號', '機關地址', '機關電話', '主管機關代碼', '主管機關名稱', '傳真', '機關生效日期',
  '機關裁撤日期', '機關層級', '裁撤註記', '新機關代碼', '新機關名稱', '新機關生效日', '舊機關代碼', '舊機關名稱',
] as const

/** A DGPA row with every field trimmed (addresses and phones carry stray spaces and line breaks). */
export interface DgpaRow {
  line: number
  code: string; name: string; postcode: string; address: string; phone: string
  parentCode: string; parentName: string; fax: string
  effective: string; dissolved: string; level: string; abolishedMark: string
  newCode: string; newName: string; newEffective: string; oldCode: string; oldName: string
}

/** Reports a problem on a line of the input file. */
export type Warn = (line: number, problem: string) => void

/**
 * DGPA lists not-yet-scheduled reorganisations (經濟及能源部, 農業部 A19000000G, a second 內政部 A01000000A…)
 * as placeholder rows with the far-future effective date ROC 111/01/01. Real rows in this 2016 snapshot
 * take effect by 105/09/01 at the latest.
 */
export const PLANNED_EFFECTIVE_DATE = '1110101'
/** 裁撤註記 value meaning "abolished"; blank means not abolished. */
const ABOLISHED_MARK = '是'

/** Read one CSV record as a DGPA row; a wrong number of fields is a SourceError naming the line. */
export function readDgpaRow(record: CsvRecord, file: string): DgpaRow {
  checkFieldCount(record, DGPA_COLUMNS.length, file)
  const [code, name, postcode, address, phone, parentCode, parentName, fax, effective, dissolved, level, abolishedMark,
    newCode, newName, newEffective, oldCode, oldName] = record.fields.map((field) => field.trim()) as [
    string, string, string, string, string, string, string, string, string, string, string, string, string, string, string, string, string]
  return { line: record.line, code, name, postcode, address, phone, parentCode, parentName, fax, effective, dissolved, level,
    abolishedMark, newCode, newName, newEffective, oldCode, oldName }
}

/** A placeholder for a planned reorganisation: not (yet) an existing agency. */
export const isPlaceholder = (row: DgpaRow): boolean => row.effective === PLANNED_EFFECTIVE_DATE
/** Marked abolished (裁撤註記=是). */
export const isAbolished = (row: DgpaRow): boolean => row.abolishedMark === ABOLISHED_MARK
/** Fund and budget units (基金/預算單位) have a code ending in a digit instead of a letter. */
export const isFundUnit = (row: DgpaRow): boolean => /\d$/.test(row.code)

/**
 * Describe the agency of one row in its own named graph: types, names, code, level, status, dates and
 * organisational contact data. The parent link and lineage are added by agency-links.ts.
 */
export function describeAgency(row: DgpaRow, ctx: ImportContext, out: QuadList, warn: Warn): void {
  const agency = ctx.iris.agency(row.code)
  describeKind(row, ctx, out, warn)
  out.add(agency, FOAF.name, zhLiteral(row.name), agency)
  out.add(agency, SKOS.prefLabel, zhLiteral(row.name), agency)
  out.add(agency, DCT.identifier, stringLiteral(row.code), agency)
  if (/^\d+$/.test(row.level)) out.add(agency, ORG.classification, ctx.iris.concept('agency-level', row.level), agency)
  else warn(row.line, `機關層級 "${row.level}" is not a level number; no level given for ${row.code}`)
  if (!isPlaceholder(row)) describeDates(row, agency, out, warn)
  describeContact(row, agency, out, warn)
}

/**
 * Types and status. Every listed agency is foaf:Agent (DCAT-AP publisher) and org:Organization; real rows
 * are also org:FormalOrganization, since a DGPA code is the government's own formal registration of the
 * body. Placeholders are ogd:PlannedOrganization only and carry no ogd:isAbolished, so that
 * `?a ogd:isAbolished false` counts exactly the agencies that exist.
 */
function describeKind(row: DgpaRow, ctx: ImportContext, out: QuadList, warn: Warn): void {
  const agency = ctx.iris.agency(row.code)
  out.add(agency, RDF.type, FOAF.Agent, agency)
  out.add(agency, RDF.type, ORG.Organization, agency)
  if (isFundUnit(row)) out.add(agency, RDF.type, ctx.iris.ogd.FundUnit, agency)
  if (isPlaceholder(row)) {
    out.add(agency, RDF.type, ctx.iris.ogd.PlannedOrganization, agency)
    return
  }
  out.add(agency, RDF.type, ORG.FormalOrganization, agency)
  if (row.abolishedMark !== '' && !isAbolished(row)) warn(row.line, `裁撤註記 "${row.abolishedMark}" is neither 是 nor blank; ${row.code} taken as not abolished`)
  out.add(agency, ctx.iris.ogd.isAbolished, booleanLiteral(isAbolished(row)), agency)
}

/**
 * 機關生效日期 → schema:foundingDate, 機關裁撤日期 → schema:dissolutionDate (both xsd:date, day precision).
 * ORG has no dates, and PROV's generatedAtTime/invalidatedAtTime need xsd:dateTime, which would invent a time
 * of day; schema.org's pair says exactly "came into / went out of existence" on an organisation.
 */
function describeDates(row: DgpaRow, agency: NamedNode, out: QuadList, warn: Warn): void {
  const founded = parseRocDate(row.effective)
  if (founded.kind === 'date') out.add(agency, SCHEMA.foundingDate, dateLiteral(founded.iso), agency)
  if (founded.kind === 'invalid') warn(row.line, `機關生效日期: ${founded.problem}; left out`)
  const dissolved = parseRocDate(row.dissolved)
  if (dissolved.kind === 'date') out.add(agency, SCHEMA.dissolutionDate, dateLiteral(dissolved.iso), agency)
  if (dissolved.kind === 'invalid') warn(row.line, `機關裁撤日期: ${dissolved.problem}; left out`)
  if (dissolved.kind === 'date' && !isAbolished(row)) {
    warn(row.line, `${row.code} has 機關裁撤日期 ${row.dissolved} but 裁撤註記 is not 是; kept as not abolished, date kept`)
  }
}

/**
 * The agency's own (public, organisational) address, phone and fax as vCard. The voice number is a direct
 * `tel:` IRI; the fax follows vCard's typed-telephone pattern `[ a vcard:Fax ; vcard:hasValue <tel:…> ]`.
 * Blank nodes get stable labels so that re-importing the record replaces it.
 */
function describeContact(row: DgpaRow, agency: NamedNode, out: QuadList, warn: Warn): void {
  if (row.address !== '' || row.postcode !== '') {
    const address = stableBlankNode('dgpa', row.code, 'address')
    out.add(agency, VCARD.hasAddress, address, agency)
    out.add(address, RDF.type, VCARD.Address, agency)
    if (row.address !== '') out.add(address, VCARD['street-address'], stringLiteral(row.address), agency)
    if (row.postcode !== '') out.add(address, VCARD['postal-code'], stringLiteral(row.postcode), agency)
  }
  const phone = cleanPhoneNumber(row.phone)
  if (phone.kind === 'tel') out.add(agency, VCARD.hasTelephone, DataFactory.namedNode(phone.iri), agency)
  if (phone.kind === 'invalid') warn(row.line, `機關電話: ${phone.problem}; left out`)
  const fax = cleanPhoneNumber(row.fax)
  if (fax.kind === 'tel') {
    const node = stableBlankNode('dgpa', row.code, 'fax')
    out.add(agency, VCARD.hasTelephone, node, agency)
    out.add(node, RDF.type, VCARD.Fax, agency)
    out.add(node, VCARD.hasValue, DataFactory.namedNode(fax.iri), agency)
  }
  if (fax.kind === 'invalid') warn(row.line, `傳真: ${fax.problem}; left out`)
}
