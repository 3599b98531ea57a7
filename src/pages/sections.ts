/**
 * The cross-domain sections of each class's page, by class IRI: a dataset's distributions, publisher chain, laws and
 * the other datasets citing them; an agency's hierarchy, lineage, laws and datasets; a law's articles, agencies and
 * datasets; a licence's datasets; a validation document's score and results.
 */
import type { Iris } from '../model/iris.ts'
import { DCAT, DCATAP, DCT, DQV, ELI, ORG, RDF, RDFS, FOAF, OA } from '../vocab/index.ts'
import { html, type Html } from './html.ts'
import { t, type UiKey } from './labels.ts'
import { createPageQueries, type Linked, type PageQueries } from './page-queries.ts'
import type { PageDeps, SectionBuilder, SectionTable } from './record-pages.ts'
import { byLanguage, htmlLang, type RecordView } from './record-view.ts'
import { renderValidationSections } from './validation-section.ts'
import { agencyRequestsSection, requestSections } from './request-sections.ts'
import { requestsOfAgency } from './request-queries.ts'

const MAX_ARTICLES = 300

function section(view: RecordView, id: string, title: UiKey, body: Html): Html {
  return html`<section aria-labelledby="${id}"><h2 id="${id}">${t(title, view.language)}</h2>${body}</section>`
}

function renderLinks(view: RecordView, links: readonly Linked[], more?: { total: number; href?: string }): Html {
  if (links.length === 0) return html`<p>${t('none', view.language)}</p>`
  const rest = more && more.total > links.length ? html`<li>… ${more.total - links.length} ${t('more', view.language)}${more.href ? html` — <a href="${more.href}">${t('search', view.language)}</a>` : ''}</li>` : ''
  return html`<ul class="cols">${links.map((link) => html`<li><a href="${view.href(link.iri)}">${link.label ?? view.name(link.iri)}</a></li>`)}${rest}</ul>`
}

const objects = (view: RecordView, subject: string, predicate: { value: string }) => view.values(subject, predicate).filter((term) => term.termType === 'NamedNode').map((term) => term.value)

function renderDistributions(view: RecordView, dataset: string): Html {
  const rows = objects(view, dataset, DCAT.distribution).map((distribution) => {
    const urls = [...objects(view, distribution, DCAT.downloadURL), ...objects(view, distribution, DCAT.accessURL)]
    const format = objects(view, distribution, DCT.format)[0]
    return html`<tr><td><a href="${view.href(distribution)}">${view.name(distribution)}</a></td><td>${format ? view.name(format) : ''}</td>
<td>${[...new Set(urls)].slice(0, 2).map((url) => html`<a href="${url}" rel="nofollow">${url.length > 60 ? `${url.slice(0, 57)}…` : url}</a> `)}</td></tr>`
  })
  if (rows.length === 0) return section(view, 'distributions', 'distributions', html`<p>${t('none', view.language)}</p>`)
  return section(view, 'distributions', 'distributions', html`<table><thead><tr><th scope="col">${t('title', view.language)}</th><th scope="col">${t('format', view.language)}</th><th scope="col">URL</th></tr></thead><tbody>${rows}</tbody></table>`)
}

/**
 * The laws of the publisher's own agency: the nearest in its chain (the publisher, else the agency a unit belongs
 * to, …) that is the competent agency of any law — not the parent's, which would list 行政院's laws for a unit of
 * 農業部.
 */
async function nearestLaws(queries: PageQueries, chain: readonly Linked[]): Promise<{ agency?: Linked; laws: { total: number; sample: Linked[] } }> {
  for (const agency of chain) {
    const laws = await queries.lawsOf(agency.iri)
    if (laws.total > 0) return { agency, laws }
  }
  return { laws: { total: 0, sample: [] } }
}

/** "Laws 農業部 administers (657)", the first of them and a link to all of them in the law search. */
function renderAgencyLaws(view: RecordView, agency: Linked | undefined, laws: { total: number; sample: Linked[] }, iris: Iris): Html {
  if (!agency) return renderLinks(view, [])
  const code = agency.iri.startsWith(`${iris.base}/agency/`) ? agency.iri.slice(iris.base.length + 8) : ''
  const all = `${view.href(`${iris.base}/api/laws`)}?agency=${encodeURIComponent(code && !code.includes('/') ? code : agency.iri)}`
  const who = html`<a href="${view.href(agency.iri)}">${agency.label ?? view.name(agency.iri)}</a>`
  const heading = view.language === 'zh' ? html`<p>${who}主管之法規，共 ${laws.total.toLocaleString('en')} 部：</p>` : html`<p>${laws.total.toLocaleString('en')} laws administered by ${who}:</p>`
  return html`${heading}${renderLinks(view, laws.sample, { total: laws.total, href: all })}`
}

async function datasetSections(view: RecordView, queries: PageQueries, iris: Iris): Promise<Html> {
  const dataset = view.document.focus
  const publisher = objects(view, dataset, DCT.publisher)[0]
  const parents = publisher ? await queries.parents(publisher) : []
  const chain = publisher ? [{ iri: publisher, label: view.label(publisher) }, ...parents] : []
  const ownLaws = objects(view, dataset, DCATAP.applicableLegislation)
  const administered = await nearestLaws(queries, chain)
  const citing = await queries.datasetsCiting([...new Set([...ownLaws, ...administered.laws.sample.map((law) => law.iri)])], dataset)
  const badge = objects(view, dataset, DQV.hasQualityAnnotation).flatMap((annotation) => objects(view, annotation, OA.hasBody))[0]
  const quality = html`<p>${badge ? html`<span class="badge ${badge.replace(/^.*\//, '')}">${view.name(badge)}</span> ` : ''}<a href="${view.href(dataset)}/validation">${t('validation', view.language)}</a></p>`
  return html`${renderDistributions(view, dataset)}
${section(view, 'quality', 'quality', quality)}
${section(view, 'publisher', 'publisher', html`<ol>${chain.map((link) => html`<li><a href="${view.href(link.iri)}">${link.label ?? view.name(link.iri)}</a></li>`)}</ol>`)}
${ownLaws.length > 0 ? section(view, 'legislation', 'applicableLegislation', renderLinks(view, ownLaws.map((iri) => ({ iri, label: view.label(iri) })))) : ''}
${section(view, 'administered', 'lawsAdministered', renderAgencyLaws(view, administered.agency, administered.laws, iris))}
${section(view, 'citing', 'datasetsCitingLaws', renderLinks(view, citing))}`
}

async function agencySections(view: RecordView, queries: PageQueries, iris: Iris, deps: PageDeps): Promise<Html> {
  const agency = view.document.focus
  const [parents, children, predecessors, successors, laws, datasets, requests] = await Promise.all([
    queries.parents(agency), queries.subOrganizations(agency), queries.predecessors(agency), queries.successors(agency),
    queries.lawsOf(agency), queries.datasetsOf(agency), requestsOfAgency(deps.store, iris, agency, deps.timeoutMs),
  ])
  const code = agency.startsWith(`${iris.base}/agency/`) ? agency.slice(iris.base.length + 8) : undefined
  return html`${renderAgencySource(view, agency, iris)}
${section(view, 'parents', 'parents', renderLinks(view, parents))}
${section(view, 'children', 'subOrganizations', renderLinks(view, children))}
${section(view, 'predecessors', 'predecessors', renderLinks(view, predecessors))}
${section(view, 'successors', 'successors', renderLinks(view, successors))}
${section(view, 'laws', 'lawsAdministered', laws.total > 0 ? renderAgencyLaws(view, { iri: agency, label: view.label(agency) }, laws, iris) : renderLinks(view, []))}
${section(view, 'datasets', 'datasetsOfAgency', renderLinks(view, datasets.sample, { total: datasets.total, href: code && !code.includes('/') ? `${view.href(`${iris.base}/search`)}?publisher=${code}` : undefined }))}
${requests.total > 0 ? agencyRequestsSection(view, requests) : ''}`
}

/** When the DGPA list this graph holds was taken (data/sources/MANIFEST.md §2a: the copy's commit, 2016-01-14). */
const DGPA_LIST_DATE = '2016-01-14'

/**
 * Where an agency record comes from, said on its page: the 2016 DGPA code list, so its names, parent, status and
 * lineage are as of then (later reorganisations, e.g. 農業部 in 2023, are not in it); a placeholder row of a
 * planned agency says that the list records no predecessors or founding for it. Agencies known by name only say so.
 */
function renderAgencySource(view: RecordView, agency: string, iris: Iris): Html {
  const zh = view.language === 'zh'
  const types = view.values(agency, RDF.type).map((type) => type.value)
  if (types.includes(iris.ogd.UnresolvedAgent.value)) {
    return html`<p class="source">${zh ? '此機關僅以名稱出現在資料集的提供機關欄，未能對應到 2016 年機關代碼表中的代碼。' : 'This agency appears only by name, as a dataset publisher; the name did not match a code of the 2016 DGPA code list.'}</p>`
  }
  const planned = types.includes(iris.ogd.PlannedOrganization.value)
    ? (zh ? '此列是代碼表為規劃中的組織改造預留的代碼：表中沒有它的前身、成立或現況的紀錄。' : 'This row is a code the list reserved for a planned reorganisation: the list records no predecessor, founding or current state for it.')
    : ''
  return html`<p class="source">${zh
    ? `來源：行政院人事行政總處「行政院所屬中央及地方機關代碼」，${DGPA_LIST_DATE} 的版本。名稱、隸屬、裁撤與否及沿革皆以該版為準；其後的組織改造（如 2023 年農業部成立）不在其中。`
    : `Source: the DGPA code list of central and local agencies (行政院所屬中央及地方機關代碼) as of ${DGPA_LIST_DATE}. Names, parent, abolition and lineage are as the list stated them then; later reorganisations (e.g. 農業部, the Ministry of Agriculture, in 2023) are not in it.`}${planned ? ` ${planned}` : ''}</p>`
}

/** Article order: 第 2 條 before 第 10 條, 第 10-1 條 after 第 10 條. */
function articleOrder(view: RecordView, article: string): number[] {
  const number = view.values(article, ELI.number)[0]?.value ?? article.replace(/^.*\//, '')
  return number.split(/[-之]/).map((part) => Number.parseInt(part, 10) || 0)
}

function renderArticles(view: RecordView, law: string, iris: Iris): Html {
  const articles = objects(view, law, ELI.has_part).map((iri) => ({ iri, order: articleOrder(view, iri) }))
    .sort((a, b) => a.order[0]! - b.order[0]! || (a.order[1] ?? 0) - (b.order[1] ?? 0)).map((article) => article.iri)
  const items = articles.slice(0, MAX_ARTICLES).map((article) => {
    const label = byLanguage(view.values(article, RDFS.label), view.language)[0]
    const text = byLanguage(view.values(article, iris.ogd.articleText), view.language)[0]
    return html`<li id="${article.replace(/^.*\//, 'article-')}"><a href="${view.href(article)}">${label?.value ?? view.name(article)}</a>${text ? html` <span lang="${htmlLang(text) ?? 'zh-Hant'}">${text.value}</span>` : ''}</li>`
  })
  return articles.length === 0 ? html`` : section(view, 'articles', 'articles', html`<ol class="plain">${items}</ol>`)
}

async function lawSections(view: RecordView, queries: PageQueries, iris: Iris): Promise<Html> {
  const law = view.document.focus
  const [agencies, datasets] = await Promise.all([queries.agenciesWithOrganicLaw(law), queries.datasetsCiting([law])])
  const competent = objects(view, law, ELI.responsibility_of).map((iri) => ({ iri, label: view.label(iri) }))
  const source = view.language === 'zh'
    ? '來源：法務部全國法規資料庫（法規名稱、類別、效力、日期、主管機關；12 部重要法規另有全文）。'
    : 'Source: the Ministry of Justice law database (全國法規資料庫): title, kind, status, dates and competent agency; full text for 12 key laws.'
  return html`<p class="source">${source}</p>
${section(view, 'competent', 'competentAgency', renderLinks(view, competent))}
${agencies.length > 0 ? section(view, 'organic', 'organicLawOf', renderLinks(view, agencies)) : ''}
${section(view, 'datasets', 'datasetsCitingLaw', renderLinks(view, datasets))}
${renderArticles(view, law, iris)}`
}

async function licenceSections(view: RecordView, queries: PageQueries): Promise<Html> {
  const datasets = await queries.datasetsUnderLicence(view.document.iri)
  return section(view, 'datasets', 'datasetsWithLicence', renderLinks(view, datasets.sample, { total: datasets.total }))
}

export function pageSections(iris: Iris): SectionTable {
  const queriesFor = (deps: PageDeps) => createPageQueries(deps.store, deps.iris, deps.timeoutMs)
  const agency: SectionBuilder = (view, deps) => agencySections(view, queriesFor(deps), iris, deps)
  return new Map<string, SectionBuilder>([
    [DCAT.Dataset.value, (view, deps) => datasetSections(view, queriesFor(deps), iris)],
    [ORG.FormalOrganization.value, agency],
    [ORG.Organization.value, agency],
    [ORG.OrganizationalUnit.value, agency],
    [FOAF.Agent.value, agency],
    [ELI.LegalResource.value, (view, deps) => lawSections(view, queriesFor(deps), iris)],
    [DCT.LicenseDocument.value, (view, deps) => licenceSections(view, queriesFor(deps))],
    [DQV.QualityMetadata.value, (view) => renderValidationSections(view)],
    [iris.ogd.DatasetRequest.value, async (view) => requestSections(view, iris)],
  ])
}
