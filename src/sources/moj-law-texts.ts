/** Importer for MOJ full texts (laws/FalVMingLing zh, laws/Eng_FalVMingLing en): articles as eli:LegalResourceSubdivision in the law's named graph. */
import type { NamedNode } from 'n3'
import { SourceError } from '../errors.ts'
import { ELI, RDF, RDFS, SKOS } from '../vocab/index.ts'
import { findRocDate } from './law-dates.ts'
import { readLawText, type LawArticle } from './moj-law-text-json.ts'
import { createQuadSink, dateLiteral, langText, stringLiteral, ZH, type QuadSink } from './quad-sink.ts'
import { emptyResult, type ImportContext, type ImportResult } from './types.ts'

/** Display name of the English file (default: `ctx.file` with FalVMingLing → Eng_FalVMingLing). */
export interface MojLawTextsOptions {
  enFile?: string
}

/** Chapter paths join their levels the way MOJ joins category paths. */
const HEADING_JOIN = { zh: '＞', en: ' > ' } as const

/**
 * Import one law's full text, zh (`ctx.file`) and optionally en. Articles are matched across languages by
 * number; an article present in one language only is kept and reported as a warning.
 */
export function importMojLawTexts(zhJson: string, enJson: string | undefined, ctx: ImportContext, options: MojLawTextsOptions = {}): ImportResult {
  const result = emptyResult()
  const zh = readLawText(zhJson, ctx.file, 'zh')
  const enFile = options.enFile ?? ctx.file.replace('FalVMingLing', 'Eng_FalVMingLing')
  const en = enJson === undefined ? undefined : readLawText(enJson, enFile, 'en')
  if (en && en.pcode !== zh.pcode) throw new SourceError(enFile, undefined, `is the English text of ${en.pcode}, but the Chinese text is ${zh.pcode}`)

  const law = ctx.iris.law(zh.pcode)
  const sink = createQuadSink(result.quads, law)
  sink.add(law, RDF.type, ELI.LegalResource)
  addHistory(sink, law, zh.history, en?.history)
  const enByNo = new Map((en?.articles ?? []).map((a) => [a.no, a]))
  for (const article of zh.articles) {
    const english = enByNo.get(article.no)
    if (en && !english) result.warnings.push({ file: enFile, problem: `${zh.pcode}: article ${article.no} has no English text` })
    addArticle(sink, ctx, law, zh.pcode, article, english)
    enByNo.delete(article.no)
  }
  for (const orphan of enByNo.values()) {
    result.warnings.push({ file: enFile, problem: `${zh.pcode}: English article ${orphan.no} has no Chinese counterpart; kept in English only` })
    addArticle(sink, ctx, law, zh.pcode, undefined, orphan)
  }
  result.stats = {
    articles: zh.articles.length + enByNo.size,
    englishArticles: en?.articles.length ?? 0,
    withHeadings: zh.articles.filter((a) => a.headings.length > 0).length,
  }
  return result
}

function addArticle(sink: QuadSink, ctx: ImportContext, law: NamedNode, pcode: string, zh: LawArticle | undefined, en: LawArticle | undefined): void {
  const no = (zh ?? en)?.no
  if (no === undefined) return
  const article = ctx.iris.lawArticle(pcode, no)
  sink.add(law, ELI.has_part, article)
  sink.add(article, RDF.type, ELI.LegalResourceSubdivision)
  sink.add(article, ELI.is_part_of, law)
  sink.add(article, ELI.number, stringLiteral(no))
  // ELI has no property for the text itself (it lives in expressions/manifestations), hence ogd:articleText.
  for (const [version, lang, join] of [[zh, ZH, HEADING_JOIN.zh], [en, 'en', HEADING_JOIN.en]] as const) {
    if (!version) continue
    sink.add(article, RDFS.label, langText(version.label, lang))
    if (version.text !== '') sink.add(article, ctx.iris.ogd.articleText, langText(version.text, lang))
    if (version.headings.length > 0) sink.add(article, ctx.iris.ogd.chapterTitle, langText(version.headings.join(join), lang))
  }
}

function addHistory(sink: QuadSink, law: NamedNode, zh: string | undefined, en: string | undefined): void {
  if (zh) sink.add(law, SKOS.historyNote, langText(zh, ZH))
  if (en) sink.add(law, SKOS.historyNote, langText(en, 'en'))
  // 沿革 entry 1 opens with the date the law was first promulgated (公布/發布): ELI's date of adoption or signature.
  const firstEntry = zh?.split(/\n(?=\d+\.)/)[0]
  const adopted = firstEntry ? findRocDate(firstEntry) : undefined
  if (adopted) sink.add(law, ELI.date_document, dateLiteral(adopted))
}
