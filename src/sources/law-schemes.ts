/** The two small SKOS schemes the MOJ laws are classified by: law kind (法規性質) and law category (法規類別, a ＞ path). */
import type { NamedNode, Quad } from 'n3'
import type { Iris } from '../model/iris.ts'
import { DCT, ELI, RDF, SKOS } from '../vocab/index.ts'
import type { LawKind } from './moj-law-csv.ts'
import { createQuadSink, langText, stringLiteral, ZH, type QuadSink } from './quad-sink.ts'

/** MOJ writes category paths with a full-width greater-than sign. */
export const CATEGORY_SEPARATOR = '＞'

interface KindEntry { code: string; zh: string; en: string; altEn: string; definitionEn: string }

/** Concept codes are ASCII so that their IRIs read well; the MOJ value is kept as skos:notation. */
const LAW_KIND_ENTRIES: Record<LawKind, KindEntry> = {
  憲法: { code: 'constitution', zh: '憲法', en: 'Constitution', altEn: 'Constitutional law', definitionEn: 'The Constitution and its additional articles and related constitutional instruments.' },
  法律: { code: 'act', zh: '法律', en: 'Act', altEn: 'Statute', definitionEn: 'A law passed by the Legislative Yuan and promulgated by the President (法、律、條例、通則).' },
  命令: { code: 'order', zh: '命令', en: 'Regulation', altEn: 'Administrative order', definitionEn: 'A regulation issued by an authority, usually under a delegation in an act (規程、規則、細則、辦法、綱要、標準、準則).' },
}

/** English labels for the top of the category tree (MOJ gives none; these are the official names of the branches). */
const CATEGORY_TOP_EN: Record<string, string> = {
  憲法: 'Constitution', 總統: 'Office of the President', 行政: 'Executive Yuan', 立法: 'Legislative Yuan', 司法: 'Judicial Yuan',
  考試: 'Examination Yuan', 監察: 'Control Yuan', 廢止法規: 'Abolished laws and regulations',
  '國民大會（憲法國民大會章條文已停止適用）': 'National Assembly (constitutional chapter suspended)',
}

/** The IRI of the kind concept for a MOJ 法規性質 value. */
export const lawKindConcept = (iris: Iris, kind: LawKind): NamedNode => iris.concept('law-kind', LAW_KIND_ENTRIES[kind].code)

/** The whole law-kind scheme, in the vocab graph. */
export function buildLawKindScheme(iris: Iris): Quad[] {
  const quads: Quad[] = []
  const sink = createQuadSink(quads, iris.graph('vocab'))
  const scheme = iris.scheme('law-kind')
  addScheme(sink, scheme, '法規性質', 'Kinds of law (MOJ law database)')
  for (const entry of Object.values(LAW_KIND_ENTRIES)) {
    const concept = iris.concept('law-kind', entry.code)
    sink.add(concept, RDF.type, SKOS.Concept)
    // ELI: eli:type_document ranges over eli:ResourceType, a SKOS concept class.
    sink.add(concept, RDF.type, ELI.ResourceType)
    sink.add(concept, SKOS.inScheme, scheme)
    sink.add(concept, SKOS.topConceptOf, scheme)
    sink.add(scheme, SKOS.hasTopConcept, concept)
    sink.add(concept, SKOS.prefLabel, langText(entry.zh, ZH))
    sink.add(concept, SKOS.prefLabel, langText(entry.en, 'en'))
    sink.add(concept, SKOS.altLabel, langText(entry.altEn, 'en'))
    sink.add(concept, SKOS.definition, langText(entry.definitionEn, 'en'))
    sink.add(concept, SKOS.notation, stringLiteral(entry.zh))
  }
  return quads
}

/**
 * Mints law-category concepts as categories are met, each path prefix once: `行政＞法務部＞法律事務目` gives
 * `行政`, `行政＞法務部` and the leaf, linked by skos:broader. The full path is the code and the prefLabel
 * (unique in the scheme: 組織目 alone occurs under dozens of agencies); the last segment is the altLabel.
 */
export function createLawCategoryScheme(iris: Iris, out: Quad[]) {
  const sink = createQuadSink(out, iris.graph('vocab'))
  const scheme = iris.scheme('law-category')
  const minted = new Map<string, NamedNode>()
  addScheme(sink, scheme, '法規類別', 'Law categories (MOJ law database)')

  const mint = (segments: string[]): NamedNode => {
    const path = segments.join(CATEGORY_SEPARATOR)
    const known = minted.get(path)
    if (known) return known
    const concept = iris.concept('law-category', path)
    minted.set(path, concept)
    sink.add(concept, RDF.type, SKOS.Concept)
    sink.add(concept, SKOS.inScheme, scheme)
    sink.add(concept, SKOS.prefLabel, langText(path, ZH))
    sink.add(concept, SKOS.altLabel, langText(segments[segments.length - 1] ?? path, ZH))
    if (segments.length === 1) {
      sink.add(concept, SKOS.topConceptOf, scheme)
      sink.add(scheme, SKOS.hasTopConcept, concept)
      const en = CATEGORY_TOP_EN[path]
      if (en) sink.add(concept, SKOS.prefLabel, langText(en, 'en'))
    } else {
      sink.add(concept, SKOS.broader, mint(segments.slice(0, -1)))
    }
    return concept
  }

  return {
    /** The concept for a category path, minting it and its ancestors on first sight. */
    conceptFor: (category: string): NamedNode => mint(splitCategory(category)),
    /** How many distinct concepts have been minted. */
    size: (): number => minted.size,
  }
}

/** Split a category path into its trimmed, non-empty segments. */
export const splitCategory = (category: string): string[] =>
  category.split(CATEGORY_SEPARATOR).map((s) => s.trim()).filter((s) => s !== '')

function addScheme(sink: QuadSink, scheme: NamedNode, zh: string, en: string): void {
  sink.add(scheme, RDF.type, SKOS.ConceptScheme)
  sink.add(scheme, SKOS.prefLabel, langText(zh, ZH))
  sink.add(scheme, SKOS.prefLabel, langText(en, 'en'))
  // DCAT-AP 3: dct:title 1..n on skos:ConceptScheme
  sink.add(scheme, DCT.title, langText(zh, ZH))
  sink.add(scheme, DCT.title, langText(en, 'en'))
}
