/** The home page (search and headline figures), the search page (results and facets) and the dashboard (charts). */
import type { CatalogStats } from '../records/catalog-stats.ts'
import type { DatasetResults, FacetName } from '../records/search-datasets.ts'
import type { DashboardData } from '../records/dashboard-data.ts'
import { renderDashboardCharts } from './dashboard-charts.ts'
import { html, type Html } from './html.ts'
import { t, type PageLanguage } from './labels.ts'
import { layout } from './layout.ts'

export interface PageContext {
  origin: string
  base: string
  language: PageLanguage
}

/** Our IRIs through the public origin. */
const local = (context: PageContext, iri: string) => (iri.startsWith(`${context.base}/`) ? context.origin + iri.slice(context.base.length) : iri)
const number = (value: number) => value.toLocaleString('en')
const words = (context: PageContext, zh: string, en: string) => (context.language === 'zh' ? zh : en)

function searchForm(context: PageContext, q = '', hidden: Record<string, string | undefined> = {}): Html {
  return html`<form class="search" role="search" action="${context.origin}/search" method="get">
<label for="q" class="skip">${t('search', context.language)}</label>
<input type="search" id="q" name="q" value="${q}" placeholder="${t('searchPlaceholder', context.language)}" autocomplete="off">
${Object.entries(hidden).filter(([, value]) => value).map(([name, value]) => html`<input type="hidden" name="${name}" value="${value}">`)}
<button type="submit">${t('search', context.language)}</button></form>`
}

/** What the dataset count covers: how many are complete (in the DCAT-AP catalogue) and what the others are. */
export function completenessNote(context: PageContext, stats: CatalogStats): Html {
  const partial = stats.datasets - stats.complete
  return html`<p class="completeness">${context.language === 'zh'
    ? html`共 ${number(stats.datasets)} 筆資料集，其中 ${number(stats.complete)} 筆詮釋資料完整，列於 <a href="${context.origin}/catalog">DCAT-AP 目錄</a>供收割；其餘 ${number(partial)} 筆為不完整紀錄（主要來自 2018 年清單，缺描述、格式與網址），可搜尋與查詢，但不在目錄中。`
    : html`${number(stats.datasets)} datasets, of which ${number(stats.complete)} complete records are in the <a href="${context.origin}/catalog">DCAT-AP catalogue</a> for harvesters; the other ${number(partial)} are partial records (mostly the 2018 listing, without descriptions, formats or URLs), searchable and queryable but not in the catalogue.`}</p>`
}

export function renderHomePage(context: PageContext, stats: CatalogStats): string {
  const figures: [string, number, string][] = [
    [words(context, '資料集', 'Datasets'), stats.datasets, `${context.origin}/search`],
    [words(context, '提供機關', 'Publishers'), stats.publishers, `${context.origin}/dashboard#publishers`],
    [words(context, '機關（代碼）', 'Agencies (coded)'), stats.agencies, `${context.origin}/api/agencies`],
    [words(context, '現行法規', 'Laws in force'), stats.lawsInForce, `${context.origin}/api/laws?status=in-force`],
  ]
  const body = html`<h1>${t('siteName', context.language)}</h1>
<p>${words(context, '政府開放資料、機關與法規的連結資料：每一筆紀錄都有穩定的網址，可取得 HTML、JSON-LD 與 Turtle。', 'Open government data, agencies and laws as linked data: every record has a stable address, in HTML, JSON-LD and Turtle.')}</p>
${searchForm(context)}
<div class="figures">${figures.map(([label, value, href]) => html`<div><strong>${number(value)}</strong><a href="${href}">${label}</a></div>`)}</div>
${completenessNote(context, stats)}
<section aria-labelledby="latest"><h2 id="latest">${words(context, '最近更新', 'Recently updated')}</h2>
<ul>${stats.latest.map((item) => html`<li><a href="${local(context, item.iri)}">${item.title}</a> <small>${item.modified?.slice(0, 10) ?? ''}</small></li>`)}</ul></section>
<section aria-labelledby="more"><h2 id="more">${words(context, '開發者與研究者', 'For developers and researchers')}</h2>
<ul><li><a href="${context.origin}/dashboard">${t('dashboard', context.language)}</a></li><li><a href="${context.origin}/api-docs">${t('api', context.language)}</a></li>
<li><a href="${context.origin}/sparql">${t('sparql', context.language)}</a></li><li><a href="${context.origin}/catalog">${t('catalog', context.language)}</a></li></ul></section>`
  return layout({ title: t('home', context.language), language: context.language, origin: context.origin, body, otherLanguageHref: `${context.origin}/?lang=${context.language === 'zh' ? 'en' : 'zh'}` })
}

const FACET_TITLES: Record<FacetName, [string, string]> = {
  publisher: ['提供機關', 'Publisher'], theme: ['分類', 'Theme'], format: ['格式', 'Format'], license: ['授權', 'Licence'], year: ['上架年份', 'Year issued'],
  status: ['詮釋資料', 'Metadata'],
}

export interface SearchPageInput {
  q?: string
  filters: Record<string, string | undefined>
  results: DatasetResults
  page: number
  pageSize: number
  /** The URL of this search with other parameters. */
  urlWith: (parameters: Record<string, string | number | undefined>) => string
}

export function renderSearchPage(context: PageContext, input: SearchPageInput): string {
  const { results } = input
  const facets = (Object.keys(FACET_TITLES) as FacetName[]).filter((name) => name !== 'year' && (results.facets[name].length > 0 || input.filters[name])).map((name) => html`<div class="facet"><h3>${words(context, ...FACET_TITLES[name])}</h3>
<ul class="plain">${input.filters[name] ? html`<li><a href="${input.urlWith({ [name]: undefined, page: undefined })}">✕ ${words(context, '清除', 'clear')}</a></li>` : ''}
${results.facets[name].slice(0, 10).map((value) => html`<li><a href="${input.urlWith({ [name]: value.value, page: undefined })}">${value.label}</a> (${number(value.count)})</li>`)}</ul></div>`)
  const items = results.members.map((entry) => {
    const title = entry.titles[context.language === 'en' ? 'en' : 'zh-Hant'] ?? entry.titles['zh-Hant'] ?? Object.values(entry.titles)[0] ?? entry.iri
    return html`<li class="result"><a href="${local(context, entry.iri)}">${title}</a>
<p>${entry.description ? (entry.description.length > 120 ? `${entry.description.slice(0, 119)}…` : entry.description) : ''}</p>
<p>${entry.formats.map((format) => html`<span class="badge">${format.replace(/^.*\//, '')}</span> `)}${entry.modified ? html`<small>${entry.modified.slice(0, 10)}</small>` : ''}</p></li>`
  })
  const last = Math.max(1, Math.ceil(results.total / input.pageSize))
  const pager = html`<nav aria-label="${words(context, '分頁', 'Pages')}"><p>
${input.page > 1 ? html`<a rel="prev" href="${input.urlWith({ page: input.page - 1 })}">${t('previous', context.language)}</a> ` : ''}
${input.page} / ${last}
${input.page < last ? html` <a rel="next" href="${input.urlWith({ page: input.page + 1 })}">${t('next', context.language)}</a>` : ''}</p></nav>`
  const body = html`<h1>${t('search', context.language)}</h1>
${searchForm(context, input.q ?? '', Object.fromEntries(Object.entries(input.filters).filter(([name]) => name !== 'q')))}
<p role="status">${number(results.total)} ${t('results', context.language)} · <a href="${input.urlWith({}).replace('/search', '/api/datasets')}">JSON-LD</a></p>
<div class="layout"><aside aria-label="${words(context, '篩選', 'Filters')}">${facets}</aside>
<div><ol class="plain">${items}</ol>${pager}</div></div>`
  return layout({ title: input.q ? `${t('search', context.language)}：${input.q}` : t('search', context.language), language: context.language, origin: context.origin, body, otherLanguageHref: input.urlWith({ lang: context.language === 'zh' ? 'en' : 'zh' }) })
}

/** The dashboard: the headline figures, then the charts drawn from SPARQL (src/pages/dashboard-charts.ts). */
export function renderDashboardPage(context: PageContext, stats: CatalogStats, charts: DashboardData, extra: Html = html``): string {
  const body = html`<h1>${t('dashboard', context.language)}</h1>
<div class="figures"><div><strong>${number(stats.datasets)}</strong>${t('datasets', context.language)}</div><div><strong>${number(stats.publishers)}</strong>${words(context, '提供機關', 'Publishers')}</div>
<div><strong>${number(stats.agencies)}</strong>${t('agencies', context.language)}</div><div><strong>${number(stats.laws)}</strong>${t('laws', context.language)}</div></div>
${completenessNote(context, stats)}
${renderDashboardCharts(context, charts)}
${extra}`
  return layout({ title: t('dashboard', context.language), language: context.language, origin: context.origin, body, otherLanguageHref: `${context.origin}/dashboard?lang=${context.language === 'zh' ? 'en' : 'zh'}` })
}
