/** Reads one MOJ full-text file (FalVMingLing zh or Eng_FalVMingLing en) into its PCode, history and articles placed under their headings. */
import { SourceError } from '../errors.ts'
import { isRecord, parseJsonSource, readOptionalString, readString } from './json-source.ts'

/** Which of the two MOJ full-text formats a file is in. */
export type TextLanguage = 'zh' | 'en'

/** One article with the headings (編章節) it stands under, outermost first. */
export interface LawArticle {
  /** Clean number: `第 5-1 條` / `Article 5-1` → `5-1`. */
  no: string
  /** The number as the source writes it (`第 5-1 條`). */
  label: string
  text: string
  headings: string[]
}

export interface LawText {
  pcode: string
  /** 沿革內容, line breaks normalised. */
  history?: string
  articles: LawArticle[]
}

const ARTICLE_NUMBER: Record<TextLanguage, RegExp> = {
  zh: /^第\s*(\d+(?:-\d+)?)\s*條$/,
  en: /^Article\s+(\d+(?:-\d+)?)$/i,
}

/** Heading levels, outermost first: 編 Part, 章 Chapter, 節 Section, 款 Subsection, 目 Item. */
const HEADING_LEVEL: Record<TextLanguage, [RegExp, number][]> = {
  zh: [[/^第\s*\S+?\s*編/, 0], [/^第\s*\S+?\s*章/, 1], [/^第\s*\S+?\s*節/, 2], [/^第\s*\S+?\s*款/, 3], [/^第\s*\S+?\s*目/, 4]],
  en: [[/^Part\b/i, 0], [/^Chapter\b/i, 1], [/^Section\b/i, 2], [/^Subsection\b/i, 3], [/^(Item|Division)\b/i, 4]],
}

/** Parse and check one full-text file; the PCode comes from its 法規網址. */
export function readLawText(text: string, file: string, language: TextLanguage): LawText {
  const data = parseJsonSource(text, file)
  if (!isRecord(data) || !Array.isArray(data['法規內容'])) {
    throw new SourceError(file, undefined, 'expected a MOJ full-text object with 法規網址 and a 法規內容 array (FalVMingLing format)')
  }
  const url = readString(data, '法規網址', file, 'law')
  const pcode = /[?&]pcode=([A-Z]\d{7})\b/i.exec(url)?.[1]?.toUpperCase()
  if (!pcode) throw new SourceError(file, undefined, `法規網址 "${url}" carries no pcode=`)
  const history = readOptionalString(data, '沿革內容', file, 'law')?.replace(/\r\n?/g, '\n').trim()
  return { pcode, history: history || undefined, articles: placeArticles(data['法規內容'], file, language) }
}

function placeArticles(items: unknown[], file: string, language: TextLanguage): LawArticle[] {
  const articles: LawArticle[] = []
  const seen = new Set<string>()
  let headings: { level: number; text: string }[] = []
  items.forEach((item, i) => {
    const where = `法規內容[${i}]`
    if (!isRecord(item)) throw new SourceError(file, undefined, `${where}: expected an object`)
    const heading = readOptionalString(item, '編章節', file, where)
    if (heading !== undefined) {
      const text = heading.replace(/\s+/g, ' ').trim()
      const level = headingLevel(text, language, headings)
      headings = [...headings.filter((h) => h.level < level), { level, text }]
      return
    }
    const label = readString(item, '條號', file, where).trim()
    const no = ARTICLE_NUMBER[language].exec(label)?.[1]
    if (!no) throw new SourceError(file, undefined, `${where}: 條號 "${label}" is not an article number like ${language === 'zh' ? '第 5-1 條' : 'Article 5-1'}`)
    if (seen.has(no)) throw new SourceError(file, undefined, `${where}: article ${no} appears twice`)
    seen.add(no)
    const body = (readOptionalString(item, '條文內容', file, where) ?? '').replace(/\r\n?/g, '\n').trim()
    articles.push({ no, label, text: body, headings: headings.map((h) => h.text) })
  })
  return articles
}

/** An unrecognised heading is taken as a sibling of the innermost open one (never as a new outer level). */
function headingLevel(text: string, language: TextLanguage, open: { level: number }[]): number {
  const known = HEADING_LEVEL[language].find(([pattern]) => pattern.test(text))
  return known ? known[1] : open[open.length - 1]?.level ?? 1
}
