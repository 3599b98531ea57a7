/** The HTML view of a catalogue page (src/pages/catalog-view.ts) from the page the harvesters get. */
import { Parser } from 'n3'
import type { PageResult } from '../catalog/catalog-service.ts'
import type { CatalogProfile } from '../catalog/profiles.ts'
import { renderCatalogView, type CatalogViewEntry } from '../pages/catalog-view.ts'
import { DCT } from '../vocab/index.ts'
import { CATALOG_FORMATS } from './catalog-request.ts'

export interface CatalogHtmlInput {
  result: PageResult
  profile: CatalogProfile
  origin: string
  base: string
  language: 'zh' | 'en'
  /** The URL of page `page` of this view (version pinned), with extra parameters. */
  urlOf: (page: number, extra?: Record<string, string>) => string
}

/** Titles (zh-Hant first) and dates of the listed datasets, read from the page's record graphs. */
function entriesOf(input: CatalogHtmlInput): CatalogViewEntry[] {
  const titles = new Map<string, Map<string, string>>()
  const modified = new Map<string, string>()
  for (const q of new Parser({ format: 'N-Triples' }).parse(input.result.document.records)) {
    if (q.predicate.equals(DCT.title) && q.object.termType === 'Literal') {
      const byLanguage = titles.get(q.subject.value) ?? new Map<string, string>()
      byLanguage.set(q.object.language.toLowerCase(), q.object.value)
      titles.set(q.subject.value, byLanguage)
    } else if (q.predicate.equals(DCT.modified)) modified.set(q.subject.value, q.object.value)
  }
  const order = input.language === 'en' ? ['en', 'zh-hant', ''] : ['zh-hant', '', 'en']
  return input.result.document.listed.map((iri) => {
    const byLanguage = titles.get(iri)
    const title = byLanguage ? order.map((tag) => byLanguage.get(tag)).find((text) => text !== undefined) ?? [...byLanguage.values()][0] : undefined
    const href = iri.startsWith(input.base) ? input.origin + iri.slice(input.base.length) : iri
    return { iri, href, ...(title ? { title } : {}), ...(modified.has(iri) ? { modified: modified.get(iri)! } : {}) }
  })
}

/** The page as HTML. */
export function renderCatalogHtml(input: CatalogHtmlInput): string {
  const { plan, version } = input.result
  const other = input.language === 'zh' ? 'en' : 'zh'
  return renderCatalogView({
    language: input.language,
    origin: input.origin,
    selfUrl: input.urlOf(plan.page),
    page: plan.page,
    lastPage: plan.lastPage,
    totalItems: plan.totalItems,
    profile: { id: input.profile.id, iri: input.profile.iri },
    version: version.token,
    modified: version.modified,
    entries: entriesOf(input),
    ...(plan.page > 1 ? { previous: input.urlOf(plan.page - 1, { lang: input.language }) } : {}),
    ...(plan.page < plan.lastPage ? { next: input.urlOf(plan.page + 1, { lang: input.language }) } : {}),
    alternates: CATALOG_FORMATS.map((format) => [format.label, format.mediaTypes[0], input.urlOf(plan.page, { format: format.id })] as const),
    otherLanguageHref: input.urlOf(plan.page, { lang: other }),
  })
}

