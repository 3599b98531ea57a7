/** HTML for a record document: the generic facts, plus the cross-domain sections of its class, in one layout. */
import type { Iris } from '../model/iris.ts'
import type { RecordDocument } from '../records/record-document.ts'
import { writeJsonLd } from '../records/record-forms.ts'
import type { FormRequest, HtmlRenderer } from '../records/record-service.ts'
import type { ContextTables } from '../serialize/context.ts'
import type { GraphStore } from '../store/types.ts'
import { RDF } from '../vocab/index.ts'
import { html, type Html } from './html.ts'
import type { PageLanguage } from './labels.ts'
import { layout } from './layout.ts'
import { renderGenericBody } from './record-page.ts'
import { createRecordView, type RecordView } from './record-view.ts'

/** A class's extra sections: reads what other records say (publisher's parents, laws' datasets…). */
export type SectionBuilder = (view: RecordView, deps: PageDeps) => Promise<Html>

export interface PageDeps {
  store: GraphStore
  iris: Iris
  tables: ContextTables
  timeoutMs?: number
}

/** Section builders by class IRI; the first class of the root that has one wins. */
export type SectionTable = ReadonlyMap<string, SectionBuilder>

const pageLanguage = (request: FormRequest): PageLanguage => (request.language === 'en' ? 'en' : 'zh')

export function createRecordPageRenderer(deps: PageDeps, sections: SectionTable = new Map()): HtmlRenderer {
  return async (document: RecordDocument, request: FormRequest) => {
    const language = pageLanguage(request)
    const view = createRecordView(document, { language, base: deps.iris.base, origin: request.origin, tables: deps.tables })
    const types = view.values(document.focus, RDF.type).map((type) => type.value)
    const builder = types.map((type) => sections.get(type)).find((candidate) => candidate !== undefined)
    const extra = builder ? await builder(view, deps) : html``
    const href = view.href(document.iri)
    return layout({
      title: view.name(document.focus),
      language,
      origin: request.origin,
      body: renderGenericBody(view, deps.tables, extra),
      jsonLd: writeJsonLd(document, deps.tables, 'all', request.contextUrl.replace(/\/context\/(\d+)\/(zh|en)\.jsonld$/, '/context/$1.jsonld')),
      canonical: document.iri,
      alternates: [['application/ld+json', `${href}.jsonld`], ['text/turtle', `${href}.ttl`], ['application/n-triples', `${href}.nt`], ['application/rdf+xml', `${href}.rdf`]],
      otherLanguageHref: `${href}?lang=${language === 'zh' ? 'en' : 'zh'}`,
    })
  }
}
