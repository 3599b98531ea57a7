/**
 * The HTML view of one DCAT-AP catalogue page, for a person who opens /catalog in a browser: what the catalogue is
 * (complete records only), this page's datasets, paging, and the machine-readable forms harvesters take.
 */
import { html } from './html.ts'
import { layout } from './layout.ts'
import type { PageLanguage } from './labels.ts'

export interface CatalogViewEntry {
  iri: string
  /** The record's page on this server (its IRI rewritten to the public origin). */
  href: string
  title?: string
  modified?: string
}

export interface CatalogView {
  language: PageLanguage
  origin: string
  /** This page's URL without the format (for the alternates). */
  selfUrl: string
  page: number
  lastPage: number
  totalItems: number
  profile: { id: string; iri: string }
  version: string
  /** The catalogue's dct:modified (ISO). */
  modified: string
  entries: readonly CatalogViewEntry[]
  previous?: string
  next?: string
  /** selfUrl with `format=` for each RDF form: [label, media type, url]. */
  alternates: readonly (readonly [string, string, string])[]
  otherLanguageHref: string
}

const WORDS = {
  title: { zh: 'DCAT-AP 資料目錄', en: 'DCAT-AP catalogue' },
  intro: {
    zh: (n: number) => `此目錄供 DCAT-AP 收割器（如 data.europa.eu）使用，只列出詮釋資料完整的 ${n.toLocaleString('en')} 筆資料集；其餘（2018 年清單等不完整紀錄）仍可於 SPARQL 與各資料集頁面查閱，但不在目錄中。`,
    en: (n: number) => `This catalogue is for DCAT-AP harvesters (such as data.europa.eu) and lists only the ${n.toLocaleString('en')} datasets whose metadata is complete; the others (partial records such as the 2018 listing) remain in SPARQL and on their own pages, not in the catalogue.`,
  },
  pageOf: { zh: (p: number, last: number) => `第 ${p} / ${last} 頁`, en: (p: number, last: number) => `Page ${p} of ${last}` },
  profile: { zh: '規範', en: 'Profile' },
  version: { zh: '目錄版本', en: 'Catalogue version' },
  modified: { zh: '最後修改', en: 'Last modified' },
  forms: { zh: '機器可讀格式', en: 'Machine-readable forms' },
  title_: { zh: '資料集', en: 'Dataset' },
  previous: { zh: '上一頁', en: 'Previous page' },
  next: { zh: '下一頁', en: 'Next page' },
  harvest: {
    zh: '收割時請以 Accept 或 ?format= 取得 RDF，並依 Link 標頭的 next 逐頁讀取；變更記錄見',
    en: 'To harvest, ask for RDF by Accept or ?format= and follow the Link header\'s next page by page; changes are at',
  },
} as const

/** The whole page. */
export function renderCatalogView(view: CatalogView): string {
  const l = view.language
  const body = html`<h1>${WORDS.title[l]}</h1>
<p>${WORDS.intro[l](view.totalItems)}</p>
<dl class="facts">
<dt>${WORDS.profile[l]}</dt><dd><a href="${view.profile.iri}">${view.profile.id}</a></dd>
<dt>${WORDS.modified[l]}</dt><dd>${view.modified}</dd>
<dt>${WORDS.version[l]}</dt><dd class="iri">${view.version}</dd>
</dl>
<h2>${WORDS.pageOf[l](view.page, view.lastPage)}</h2>
<table>
<thead><tr><th>${WORDS.title_[l]}</th><th>${WORDS.modified[l]}</th></tr></thead>
<tbody>
${view.entries.map((entry) => html`<tr><td><a href="${entry.href}">${entry.title ?? entry.iri}</a></td><td>${entry.modified ?? ''}</td></tr>\n`)}
</tbody>
</table>
<p>${view.previous ? html`<a rel="prev" href="${view.previous}">${WORDS.previous[l]}</a> ` : ''}${view.next ? html`<a rel="next" href="${view.next}">${WORDS.next[l]}</a>` : ''}</p>
<h2>${WORDS.forms[l]}</h2>
<ul>
${view.alternates.map(([label, type, href]) => html`<li><a href="${href}" type="${type}">${label}</a></li>\n`)}
</ul>
<p>${WORDS.harvest[l]} <a href="${view.origin}/catalog/changes">/catalog/changes</a>.</p>`
  return layout({
    title: WORDS.title[l],
    language: l,
    origin: view.origin,
    body,
    canonical: view.selfUrl,
    alternates: view.alternates.map(([, type, href]) => [type, href] as const),
    otherLanguageHref: view.otherLanguageHref,
  })
}
