/** Reading a record document for a page: values by subject and predicate, labels in the page's language, local links. */
import type { Quad, Term } from 'n3'
import type { RecordDocument } from '../records/record-document.ts'
import type { ContextTables } from '../serialize/context.ts'
import { DCT, ELI, FOAF, RDFS, SKOS, VCARD } from '../vocab/index.ts'
import { html, type Html } from './html.ts'
import { PROPERTY_LABELS, type PageLanguage } from './labels.ts'
import { termLabel, termLabels } from './term-labels.ts'

const LABEL_PREDICATES = [SKOS.prefLabel, FOAF.name, ELI.title, DCT.title, RDFS.label, VCARD.fn].map((p) => p.value)

const keyOf = (term: Term) => (term.termType === 'BlankNode' ? `_:${term.value}` : term.value)

export interface RecordView {
  readonly document: RecordDocument
  readonly language: PageLanguage
  values(subject: string, predicate: { value: string }): Term[]
  /** The best label of a resource in the page's language (then the other, then any), or undefined. */
  label(subject: string): string | undefined
  /** The label, else the IRI's last segment decoded. */
  name(subject: string): string
  isDescribed(subject: string): boolean
  /** Where a link to `iri` goes: our IRIs through the public origin, others as they are. */
  href(iri: string): string
  /** A link to a resource, labelled. */
  link(iri: string): Html
  /** The property's label (our context key's), else its compact IRI. */
  propertyLabel(predicate: string): string
  subjects(): string[]
}

/** A literal in the page's language first; the language tag of a literal as an HTML lang attribute. */
const rankLanguage = (language: PageLanguage) => (term: Term) => {
  const tag = term.termType === 'Literal' ? term.language : ''
  if (language === 'zh' ? tag.startsWith('zh') : tag.startsWith('en')) return 0
  return tag === '' ? 1 : 2
}

export function htmlLang(term: Term): string | undefined {
  if (term.termType !== 'Literal' || !term.language) return undefined
  return term.language.startsWith('zh') ? 'zh-Hant' : term.language
}

export function createRecordView(document: RecordDocument, options: { language: PageLanguage; base: string; origin: string; tables: ContextTables }): RecordView {
  const index = new Map<string, Map<string, Term[]>>()
  for (const q of document.quads as Quad[]) {
    const subject = keyOf(q.subject)
    const properties = index.get(subject) ?? new Map<string, Term[]>()
    properties.set(q.predicate.value, [...(properties.get(q.predicate.value) ?? []), q.object])
    index.set(subject, properties)
  }
  const keyByIri = new Map(options.tables.terms.map((term) => [term.iri, term.key]))
  const values = (subject: string, predicate: { value: string }) => index.get(subject)?.get(predicate.value) ?? []
  const label = (subject: string) => {
    for (const predicate of LABEL_PREDICATES) {
      const literals = (index.get(subject)?.get(predicate) ?? []).filter((term) => term.termType === 'Literal')
      if (literals.length > 0) return [...literals].sort((a, b) => rankLanguage(options.language)(a) - rankLanguage(options.language)(b))[0]!.value
    }
    return undefined
  }
  const href = (iri: string) => (iri.startsWith(`${options.base}/`) ? options.origin + iri.slice(options.base.length) : iri)
  const terms = termLabels(options.base)
  // Unlabelled: a known term's label; another site's page with a query as its readable address (the MOJ pages in
  // Chinese and English would otherwise both read "LawAll.aspx?pcode=…"); anything else by its last segment.
  const name = (subject: string) => label(subject) ?? termLabel(terms, subject, options.language) ??
    (/^https?:\/\/[^?]+\?/.test(subject) && !subject.startsWith(`${options.base}/`) ? safeDecode(subject.replace(/^https?:\/\//, '')) : safeDecode(subject.replace(/[#/]$/, '').split(/[/#]/).pop() ?? subject))
  return {
    document,
    language: options.language,
    values,
    label,
    name,
    isDescribed: (subject) => index.has(subject),
    href,
    link: (iri) => html`<a href="${href(iri)}">${name(iri)}</a>`,
    propertyLabel(predicate) {
      const key = keyByIri.get(predicate)
      if (key && PROPERTY_LABELS[key]) return PROPERTY_LABELS[key][options.language]
      const known = termLabel(terms, predicate, options.language)
      if (known) return known
      for (const [prefix, namespace] of Object.entries(options.tables.prefixes)) if (predicate.startsWith(namespace)) return `${prefix}:${predicate.slice(namespace.length)}`
      return predicate
    },
    subjects: () => [...index.keys()],
  }
}

function safeDecode(text: string): string {
  try {
    return decodeURIComponent(text)
  } catch {
    return text
  }
}

/** Literals sorted with the page's language first. */
export const byLanguage = (terms: Term[], language: PageLanguage): Term[] => [...terms].sort((a, b) => rankLanguage(language)(a) - rankLanguage(language)(b))
