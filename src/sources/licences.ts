/** Importer for the licence texts: OGDL-Taiwan-1.0 (with its ODRL policy and CC BY 4.0 compatibility) and the 2013 data.gov.tw usage rules it replaced. */
import { DataFactory, type NamedNode } from 'n3'
import { SourceError } from '../errors.ts'
import { ADMS_LICENCE_TYPE, ADMS_LICENCE_TYPE_SCHEME, SKOS, CC, DCT, EU, EXTERNAL, FOAF, OWL, RDF, RDFS, SPDX, SPDX_LICENSES } from '../vocab/index.ts'
import { findRocDate } from './law-dates.ts'
import { addOgdlPolicy, OGDL_PERMITTED_ACTIONS } from './licence-policy.ts'
import { createQuadSink, dateLiteral, langText, stringLiteral, ZH, type QuadSink } from './quad-sink.ts'
import { emptyResult, type ImportContext, type ImportResult } from './types.ts'

const { namedNode } = DataFactory

/** Slugs of the licence IRIs ({base}/license/{slug}); OGDL and CC BY use their SPDX identifiers. */
export const OGDL_SLUG = 'OGDL-Taiwan-1.0'
export const USAGE_RULES_SLUG = 'data-gov-tw-usage-rules-2013'
export const CC_BY_SLUG = 'CC-BY-4.0'

const OGDL_EN_TITLE = /^Open Government Data License, version 1\.0$/
/** §4.2 of the text, in each language: the compatibility is imported only if the text says so. */
const CC_BY_COMPATIBLE = { zh: '本條款與「創用CC授權 姓名標示 4.0 國際版本」相容', en: 'The License is compatible with the Creative Commons Attribution License 4.0 International' }

/** Display name of the usage-rules file (default: its real name beside `ctx.file`). */
export interface LicencesOptions {
  usageRulesFile?: string
}

/**
 * Import OGDL-Taiwan-1.0 (`ctx.file`) and the 2013 usage rules. Each licence sits in the named graph of its own
 * IRI; CC BY 4.0, which OGDL declares compatible, is described minimally under its SPDX IRI.
 */
export function importLicences(ogdlText: string, usageRulesText: string, ctx: ImportContext, options: LicencesOptions = {}): ImportResult {
  const result = emptyResult()
  const ogdl = ctx.iris.license(OGDL_SLUG)
  const rules = ctx.iris.license(USAGE_RULES_SLUG)
  const isCompatible = addOgdl(createQuadSink(result.quads, ogdl), ogdlText, ctx, rules)
  if (!isCompatible) result.warnings.push({ file: ctx.file, problem: 'the §4.2 CC BY 4.0 compatibility clause was not found; no ogd:compatibleWith' })
  const rulesFile = options.usageRulesFile ?? ctx.file.replace(/[^/\\]*$/, 'data-gov-tw-usage-rules-2013-excerpt.txt')
  addUsageRules(createQuadSink(result.quads, rules), usageRulesText, { ...ctx, file: rulesFile }, ogdl)
  addCcBy(createQuadSink(result.quads, ctx.iris.license(CC_BY_SLUG)))
  addLicenceTypeConcept(createQuadSink(result.quads, ctx.iris.graph('vocab')))
  result.stats = { licences: 3, permissions: OGDL_PERMITTED_ACTIONS.length, quads: result.quads.length }
  return result
}

/** The OGDL text is the Chinese version, then the English one from its title line on. */
function addOgdl(sink: QuadSink, text: string, ctx: ImportContext, rules: NamedNode): boolean {
  const lines = toLines(text)
  const zhTitle = lines.find((l) => l !== '') ?? ''
  if (!zhTitle.startsWith('政府資料開放授權條款')) {
    throw new SourceError(ctx.file, 1, `"${zhTitle.slice(0, 40)}" is not the OGDL-Taiwan-1.0 text, which opens with 政府資料開放授權條款－第1版`)
  }
  const enStart = lines.findIndex((l) => OGDL_EN_TITLE.test(l))
  if (enStart < 0) throw new SourceError(ctx.file, undefined, 'no English part: expected a line "Open Government Data License, version 1.0"')
  const zh = lines.slice(0, enStart).join('\n').trim()
  const en = lines.slice(enStart).join('\n').trim()
  const issued = findRocDate(zh) ?? fail(ctx.file, 'no adoption date (中華民國…年…月…日訂定) in the Chinese text')
  const licence = ctx.iris.license(OGDL_SLUG)
  const spdx = SPDX_LICENSES['OGDL-Taiwan-1.0']
  describeLicenceDocument(sink, licence)
  sink.add(licence, OWL.sameAs, spdx)
  sink.add(licence, RDFS.seeAlso, spdx)
  sink.add(licence, DCT.identifier, stringLiteral(OGDL_SLUG))
  sink.add(licence, SPDX.licenseId, stringLiteral(OGDL_SLUG))
  sink.add(licence, DCT.title, langText(zhTitle, ZH))
  sink.add(licence, DCT.title, langText(lines[enStart] ?? '', 'en'))
  sink.add(licence, DCT.description, langText(firstParagraphAfter(zh, /訂定$/), ZH))
  sink.add(licence, DCT.description, langText(firstParagraphAfter(en, OGDL_EN_TITLE), 'en'))
  sink.add(licence, DCT.issued, dateLiteral(issued))
  // SPDX's own property for a licence's full text: the text stays queryable without a second document.
  sink.add(licence, SPDX.licenseText, langText(zh, ZH))
  sink.add(licence, SPDX.licenseText, langText(en, 'en'))
  for (const page of [EXTERNAL.dataGovTwLicense, EXTERNAL.dataGovTwLicenseEn, EXTERNAL.dataGovTwLicenseOld]) sink.add(licence, FOAF.page, namedNode(page))
  sink.add(licence, CC.legalcode, namedNode(EXTERNAL.dataGovTwLicense))
  for (const permit of [CC.Reproduction, CC.Distribution, CC.DerivativeWorks]) sink.add(licence, CC.permits, permit)
  for (const requirement of [CC.Attribution, CC.Notice]) sink.add(licence, CC.requires, requirement)
  sink.add(licence, DCT.replaces, rules)
  addOgdlPolicy(sink, ctx.iris.policy(OGDL_SLUG), licence)
  const isCompatible = zh.includes(CC_BY_COMPATIBLE.zh) && en.includes(CC_BY_COMPATIBLE.en)
  if (isCompatible) sink.add(licence, ctx.iris.ogd.compatibleWith, SPDX_LICENSES['CC-BY-4.0'])
  return isCompatible
}

/** The 2013 rules: only an excerpt is in hand (marked so in its `#` header), and the record says so. */
function addUsageRules(sink: QuadSink, text: string, ctx: ImportContext, ogdl: NamedNode): void {
  const { file } = ctx
  const rules = ctx.iris.license(USAGE_RULES_SLUG)
  const lines = toLines(text)
  const isExcerpt = lines.some((l) => /^#.*\bEXCERPT\b/i.test(l)) || text.includes('truncated')
  const body = lines.filter((l) => !l.startsWith('#')).join('\n').trim()
  const title = body.split('\n')[0]?.trim() ?? ''
  if (title !== '政府資料開放平臺資料使用規範') {
    throw new SourceError(file, undefined, `"${title.slice(0, 40)}" is not 政府資料開放平臺資料使用規範 (the 2013 data.gov.tw usage rules)`)
  }
  const issued = findRocDate(body) ?? fail(file, 'no adoption date (中華民國…年…月…日訂定)')
  describeLicenceDocument(sink, rules)
  sink.add(rules, DCT.title, langText(title, ZH))
  sink.add(rules, DCT.identifier, stringLiteral(USAGE_RULES_SLUG))
  sink.add(rules, DCT.issued, dateLiteral(issued))
  sink.add(rules, FOAF.page, namedNode(EXTERNAL.dataGovTwUsageRules2013))
  sink.add(rules, DCT.isReplacedBy, ogdl)
  if (isExcerpt) {
    sink.add(rules, DCT.description, langText('2013年政府資料開放平臺資料使用規範，已由政府資料開放授權條款－第1版取代。本紀錄所據文字僅為節錄（第一至四點，第四點不完整），全文未能取得。', ZH))
    sink.add(rules, DCT.description, langText('The 2013 data.gov.tw data usage rules, replaced by OGDL-Taiwan-1.0. The text held here is an excerpt only (sections 1 to 4, the last truncated); the full text was not found.', 'en'))
    // Not spdx:licenseText, which would claim the full text.
    sink.add(rules, ctx.iris.ogd.sourceText, langText(body, ZH))
  } else {
    sink.add(rules, SPDX.licenseText, langText(body, ZH))
  }
}

function addCcBy(sink: QuadSink): void {
  // Described under the SPDX IRI itself, the object of ogd:compatibleWith, so queries need no owl:sameAs reasoning.
  const ccBy = SPDX_LICENSES['CC-BY-4.0']
  describeLicenceDocument(sink, ccBy)
  sink.add(ccBy, DCT.identifier, stringLiteral(CC_BY_SLUG))
  sink.add(ccBy, DCT.title, langText('Creative Commons Attribution 4.0 International', 'en'))
  sink.add(ccBy, DCT.title, langText('創用CC授權 姓名標示 4.0 國際版本', ZH))
  sink.add(ccBy, OWL.sameAs, EU.licence.CC_BY_4_0)
  sink.add(ccBy, FOAF.page, namedNode(EXTERNAL.ccBy4))
  sink.add(ccBy, CC.legalcode, namedNode(EXTERNAL.ccBy4Legal))
}

function describeLicenceDocument(sink: QuadSink, licence: NamedNode): void {
  sink.add(licence, RDF.type, DCT.LicenseDocument)
  sink.add(licence, RDF.type, CC.License)
  // DCAT-AP recommends dct:type from the ADMS licence-type vocabulary; all three require attribution.
  sink.add(licence, DCT.type, ADMS_LICENCE_TYPE.Attribution)
}

/**
 * The ADMS licence-type concept we point to, typed and in its scheme as the DCAT-AP codelist shape
 * (LicenceTypeRestriction: skos:inScheme <http://purl.org/adms/licencetype/1.0>) checks.
 */
function addLicenceTypeConcept(sink: QuadSink): void {
  const concept = ADMS_LICENCE_TYPE.Attribution
  sink.add(concept, RDF.type, SKOS.Concept)
  sink.add(concept, SKOS.inScheme, ADMS_LICENCE_TYPE_SCHEME)
  sink.add(concept, SKOS.prefLabel, langText('Attribution', 'en'))
  sink.add(concept, SKOS.prefLabel, langText('須標示出處', ZH))
}

const toLines = (text: string): string[] => text.replace(/^\uFEFF/, '').replace(/\r\n?/g, '\n').split('\n').map((l) => l.trimEnd())

/** The first non-empty paragraph after the line matching `marker` (the licence's own statement of purpose). */
function firstParagraphAfter(text: string, marker: RegExp): string {
  const lines = text.split('\n')
  const start = lines.findIndex((l) => marker.test(l.trim()))
  return lines.slice(start + 1).find((l) => l.trim() !== '')?.trim() ?? ''
}

function fail(file: string, problem: string): never {
  throw new SourceError(file, undefined, problem)
}
