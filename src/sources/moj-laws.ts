/** Importer for the MOJ law database metadata (全國法規資料庫): every law as an eli:LegalResource in its own named graph. */
import { DataFactory, type NamedNode } from 'n3'
import { ELI, ELI_IN_FORCE, EXTERNAL, FOAF, RDF } from '../vocab/index.ts'
import { createLawCategoryScheme, buildLawKindScheme, lawKindConcept, splitCategory } from './law-schemes.ts'
import { readMojLawRows, type MojLawRow } from './moj-law-csv.ts'
import { readMojLawAliases, readMojLawIndex, type MojLawIndexEntry } from './moj-law-index.ts'
import { createQuadSink, dateLiteral, integerLiteral, langText, stringLiteral, ZH } from './quad-sink.ts'
import { emptyResult, type ImportContext, type ImportResult, type SourceWarning } from './types.ts'

/** Display names of the JSON inputs, used in messages (default: index.json / aliases.json beside `ctx.file`). */
export interface MojLawsFiles {
  indexFile?: string
  aliasesFile?: string
}

const { namedNode } = DataFactory

const ABOLISHED_CATEGORY = '廢止法規'
/** 院本部 = "the Yuan itself": under each branch it names that branch's Yuan. */
const YUAN_OF_BRANCH: Record<string, string> = { 行政: '行政院', 立法: '立法院', 司法: '司法院', 考試: '考試院', 監察: '監察院' }

/**
 * Import `moj_laws_metadata_derived.csv`, cross-checked against `index.json` (whose English names fill any gap),
 * with the nicknames of `aliases.json` (個資法…) as eli:title_alternative, plus the law-kind and law-category
 * schemes (graph vocab). Each law's competent agency comes back as a
 * `competent-agency` NameReference for src/link to resolve into eli:responsibility_of.
 */
export function importMojLaws(metadataCsv: string, indexJson: string, ctx: ImportContext, aliasesJson?: string, files: MojLawsFiles = {}): ImportResult {
  const result = emptyResult()
  const rows = readMojLawRows(metadataCsv, ctx.file)
  const indexFile = files.indexFile ?? siblingFile(ctx.file, 'index.json')
  const index = readMojLawIndex(indexJson, indexFile)
  const aliasesFile = files.aliasesFile ?? siblingFile(ctx.file, 'aliases.json')
  const aliases = aliasesJson === undefined ? new Map<string, string[]>() : readMojLawAliases(aliasesJson, aliasesFile)
  result.warnings.push(...crossCheckIndex(rows, index, indexFile), ...checkAliases(rows, aliases, aliasesFile))
  result.quads.push(...buildLawKindScheme(ctx.iris))
  const categories = createLawCategoryScheme(ctx.iris, result.quads)
  const laws = rows.map((row) => ({ ...row, englishName: row.englishName ?? index.get(row.pcode)?.englishName }))
  for (const row of laws) addLaw(row, aliases.get(row.pcode) ?? [], ctx, result, categories.conceptFor)
  result.stats = countLaws(laws, result)
  result.stats.categoryConcepts = categories.size()
  result.stats.aliases = laws.reduce((n, row) => n + (aliases.get(row.pcode)?.length ?? 0), 0)
  return result
}

type ConceptFor = (category: string) => NamedNode

function addLaw(row: MojLawRow, aliases: string[], ctx: ImportContext, result: ImportResult, conceptFor: ConceptFor): void {
  const law = ctx.iris.law(row.pcode)
  const sink = createQuadSink(result.quads, law)
  sink.add(law, RDF.type, ELI.LegalResource)
  sink.add(law, ELI.id_local, stringLiteral(row.pcode))
  sink.add(law, ELI.title, langText(row.name, ZH))
  if (row.englishName) sink.add(law, ELI.title, langText(row.englishName, 'en'))
  for (const alias of aliases) sink.add(law, ELI.title_alternative, langText(alias, ZH))
  sink.add(law, ELI.type_document, lawKindConcept(ctx.iris, row.kind))
  sink.add(law, ELI.in_force, row.isAbolished ? ELI_IN_FORCE.notInForce : ELI_IN_FORCE.inForce)
  // ELI: 最新異動日期 dates the consolidated text this record describes (its latest amendment), which is
  // eli:version_date; eli:date_document would be the date the law was first adopted, which this file lacks.
  if (row.lastAmended) sink.add(law, ELI.version_date, dateLiteral(row.lastAmended))
  else result.warnings.push({ file: ctx.file, line: row.line, problem: `${row.pcode}: 最新異動日期 "${row.lastAmendedRaw}" is not a full date; no eli:version_date` })
  // MOJ's 生效日期 is when the latest amendment (often only some articles, see 生效內容) takes effect, not
  // when the law first entered into force (著作權法 1928 shows 2022 dates), so not eli:first_date_entry_in_force.
  if (row.effectiveDate) sink.add(law, ELI.date_applicability, dateLiteral(row.effectiveDate))
  if (row.effectiveNote) sink.add(law, ctx.iris.ogd.effectiveNote, langText(row.effectiveNote, ZH))
  sink.add(law, FOAF.page, namedNode(EXTERNAL.mojLaw + row.pcode))
  if (row.englishName) sink.add(law, FOAF.page, namedNode(EXTERNAL.mojLawEn + row.pcode))
  sink.add(law, ctx.iris.ogd.articleCount, integerLiteral(row.articleCount))
  addCategory(row, law, ctx, result, conceptFor)
  checkUrl(row, ctx.file, result.warnings)
}

function addCategory(row: MojLawRow, law: NamedNode, ctx: ImportContext, result: ImportResult, conceptFor: ConceptFor): void {
  if (splitCategory(row.category).length === 0) {
    result.warnings.push({ file: ctx.file, line: row.line, problem: `${row.pcode}: 法規類別 is blank; no category and no competent agency` })
    return
  }
  createQuadSink(result.quads, law).add(law, ELI.is_about, conceptFor(row.category))
  const agency = nameCompetentAgency(row.category)
  if (agency === undefined) return
  result.references.push({ kind: 'competent-agency', subject: law, graph: law, text: agency, file: ctx.file, line: row.line })
}

/**
 * The competent agency a MOJ category names: its second segment (`行政＞法務部＞…` → 法務部; abolished laws keep
 * the agency of their time, `廢止法規＞行政院衛生署` → 行政院衛生署), 院本部 read as the branch's Yuan, and
 * the one-segment 立法 as 立法院. Undefined where the category names no agency (憲法, blank).
 */
export function nameCompetentAgency(category: string): string | undefined {
  const [top, second] = splitCategory(category)
  if (top === undefined) return undefined
  if (top === ABOLISHED_CATEGORY) return second === undefined || second === '憲法' ? undefined : dropParenthetical(second)
  if (second === undefined) return top === '憲法' ? undefined : YUAN_OF_BRANCH[top] ?? dropParenthetical(top)
  return second === '院本部' ? YUAN_OF_BRANCH[top] : second
}

/** `國民大會（憲法國民大會章條文已停止適用）` names the body 國民大會; the note in brackets is not part of the name. */
const dropParenthetical = (name: string): string => name.replace(/（[^）]*）$/, '').trim()

function checkUrl(row: MojLawRow, file: string, warnings: SourceWarning[]): void {
  const pcode = /^https?:\/\/law\.moj\.gov\.tw\/LawClass\/LawAll\.aspx\?pcode=([A-Z]\d{7})$/i.exec(row.url)?.[1]
  if (pcode?.toUpperCase() === row.pcode) return
  // The page is always written in the canonical form (https, lowercase pcode=) built from PCode.
  warnings.push({ file, line: row.line, problem: `${row.pcode}: 法規網址 "${row.url}" is not the MOJ page of this PCode; the canonical page is used` })
}

function crossCheckIndex(rows: MojLawRow[], index: Map<string, MojLawIndexEntry>, indexFile: string): SourceWarning[] {
  const warnings: SourceWarning[] = []
  const inCsv = new Set(rows.map((r) => r.pcode))
  for (const row of rows) {
    const entry = index.get(row.pcode)
    const differs = entry && (entry.name !== row.name || entry.lastUpdate !== row.lastAmendedRaw || (row.englishName && entry.englishName && entry.englishName !== row.englishName))
    if (!entry) warnings.push({ file: indexFile, problem: `${row.pcode} (CSV line ${row.line}) is not in index.json` })
    else if (differs) warnings.push({ file: indexFile, problem: `${row.pcode}: index.json disagrees with the CSV (line ${row.line}) on name, date or English name; the CSV is used` })
  }
  for (const pcode of index.keys()) {
    if (!inCsv.has(pcode)) warnings.push({ file: indexFile, problem: `${pcode} is in index.json but not in the CSV; not imported` })
  }
  return warnings
}

function checkAliases(rows: MojLawRow[], aliases: Map<string, string[]>, aliasesFile: string): SourceWarning[] {
  const known = new Set(rows.map((r) => r.pcode))
  return [...aliases.keys()]
    .filter((pcode) => !known.has(pcode))
    .map((pcode) => ({ file: aliasesFile, problem: `aliases for ${pcode}, which is not a known law; ignored` }))
}

function countLaws(rows: MojLawRow[], result: ImportResult): Record<string, number> {
  const count = (test: (row: MojLawRow) => boolean) => rows.filter(test).length
  return {
    laws: rows.length,
    inForce: count((r) => !r.isAbolished),
    abolished: count((r) => r.isAbolished),
    acts: count((r) => r.kind === '法律'),
    orders: count((r) => r.kind === '命令'),
    constitutional: count((r) => r.kind === '憲法'),
    withEnglishTitle: count((r) => r.englishName !== undefined),
    effectiveDates: count((r) => r.effectiveDate !== undefined),
    effectiveDatePending: count((r) => r.isEffectiveDatePending),
    effectiveNotes: count((r) => r.effectiveNote !== undefined),
    competentAgencyReferences: result.references.length,
    quads: result.quads.length,
  }
}

/** `data/sources/laws/moj_laws_metadata_derived.csv` → `data/sources/laws/index.json` (a display name only, no I/O). */
const siblingFile = (file: string, name: string): string => file.replace(/[^/\\]*$/, name)

