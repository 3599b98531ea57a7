/**
 * The dashboard's charts, each saying what it counts, over which records, from which source and date, with a link
 * to the SPARQL query that drew it (src/records/dashboard-data.ts). Years are never skipped; datasets without an
 * issue date are a bar of their own, so the yearly bars add up to the headline.
 */
import type { DashboardData, DashboardQuery, LabelledCount } from '../records/dashboard-data.ts'
import { barChart, columnChart } from './charts.ts'
import { html, type Html } from './html.ts'
import type { PageLanguage } from './labels.ts'

export interface DashboardChartsContext {
  origin: string
  language: PageLanguage
}

/** Publishers shown: the agencies with the most datasets. */
const TOP_AGENCIES = 15

const number = (value: number) => value.toLocaleString('en')

export function renderDashboardCharts(context: DashboardChartsContext, data: DashboardData): Html {
  const zh = context.language === 'zh'
  const w = (zhText: string, enText: string) => (zh ? zhText : enText)
  const { coverage } = data
  const labelOf = (row: LabelledCount) => (zh ? row.zh ?? row.en : row.en ?? row.zh) ?? (row.key.replace(/^.*[/#]/, '') || w('未註明', 'none'))
  const searchBy = (name: string, key: string) => (key ? `${context.origin}/search?${name}=${encodeURIComponent(key)}` : undefined)
  const queryLink = (name: DashboardQuery, file: string) => html`<a href="${context.origin}/sparql?query=${encodeURIComponent(data.queries[name])}">${file}</a>`
  const dated = coverage.datasets - data.undated
  const catalogueDate = data.latestModified?.slice(0, 10)
  // Where the numbers come from, with the dates the sources carry.
  const source = html`${w('來源：政府資料開放平臺', 'Source: data.gov.tw')} — ${w(`2018 年資料集清單 ${number(coverage.listing2018)} 筆`, `its 2018 dataset listing (${number(coverage.listing2018)} rows)`)}${w('，以及目錄匯出的完整紀錄', ' and its catalogue export')} ${w(`${number(coverage.complete)} 筆`, `(${number(coverage.complete)} complete records`)}${catalogueDate ? w(`（最後修改 ${catalogueDate}）`, `, last modified ${catalogueDate})`) : w('', ')')}`
  const note = (counts: string, over: string, name: DashboardQuery, file: string) =>
    html`${counts}${w('', ' ')}${over} ${source}${w('。查詢：', '. Query: ')}${queryLink(name, file)}`

  const yearItems = [...data.perYear.map((row) => ({ label: String(row.year), value: row.issued })), ...(data.undated > 0 ? [{ label: w('無日期', 'undated'), value: data.undated }] : [])]
  const issuedChart = columnChart({
    title: w('每年上架資料集數', 'Datasets issued per year'),
    items: yearItems,
    note: note(
      w('依資料集的上架日期（dct:issued）所在年份計數，沒有年份被略過（無上架者為 0）；', 'Datasets counted by the year of their issue date (dct:issued); no year is skipped (a year with none shows 0);'),
      w(`涵蓋全部 ${number(coverage.datasets)} 筆資料集：${number(dated)} 筆有日期，${number(data.undated)} 筆未註明日期（另列一欄），合計即標題數字。`, `over all ${number(coverage.datasets)} datasets: ${number(dated)} dated and ${number(data.undated)} undated (a bar of their own), adding up to the headline.`),
      'perYear', 'datasets-per-year.rq'),
  })
  const sizeChart = columnChart({
    title: w('資料集累計數量（年底）', 'Catalogue size at the end of each year'),
    items: data.perYear.map((row) => ({ label: String(row.year), value: row.total })),
    note: note(
      w('各年年底以前上架、且仍在資料中的資料集數（下架的資料集不在來源中，早年數字為下限）；', 'Datasets issued by the end of each year and still in the sources (withdrawn datasets are not, so earlier years are lower bounds);'),
      w(`${number(dated)} 筆有日期者，${number(data.undated)} 筆未註明日期者不計入任何一年。`, `the ${number(dated)} dated datasets; the ${number(data.undated)} undated are in no year.`),
      'perYear', 'datasets-per-year.rq'),
  })
  const agencies = barChart({
    title: w('資料集最多的提供機關', 'Publishers with the most datasets'),
    items: data.perAgency.slice(0, TOP_AGENCIES).map((row) => ({ label: labelOf(row), value: row.value, href: searchBy('publisher', row.key) })),
    note: note(
      w(`各機關提供的資料集數，機關內部單位併入其機關計算；前 ${TOP_AGENCIES} 名（共 ${number(data.perAgency.length)} 個提供者）；`, `Datasets per publishing agency, a unit counted for its agency; the top ${TOP_AGENCIES} of ${number(data.perAgency.length)} publishers;`),
      w(`涵蓋全部 ${number(coverage.datasets)} 筆資料集。`, `over all ${number(coverage.datasets)} datasets.`),
      'perAgency', 'datasets-per-agency.rq'),
  })
  const categories = barChart({
    title: w('各服務分類資料集數', 'Datasets per service category'),
    items: data.perCategory.map((row) => ({ label: labelOf(row), value: row.value, href: searchBy('theme', row.key) })),
    note: note(
      w('各服務分類的資料集數；', 'Datasets per service category (服務分類);'),
      w(`僅涵蓋有服務分類的 ${number(coverage.categorised)} 筆紀錄（全部 ${number(coverage.datasets)} 筆中；2018 年清單沒有分類）。`, `over the ${number(coverage.categorised)} records that have one, of ${number(coverage.datasets)} datasets (the 2018 listing has no categories).`),
      'perCategory', 'datasets-per-category.rq'),
  })
  const formats = barChart({
    title: w('各檔案格式資料集數', 'Datasets per file format'),
    items: data.perFormat.slice(0, 15).map((row) => ({ label: labelOf(row), value: row.value, href: searchBy('format', row.key) })),
    note: note(
      w('提供各檔案格式的資料集數（一筆資料集有多種格式時各計一次）；', 'Datasets offering each file format (a dataset with several formats counts for each);'),
      w(`僅涵蓋有檔案格式的 ${number(coverage.withFormat)} 筆紀錄（全部 ${number(coverage.datasets)} 筆中；2018 年清單沒有格式）。`, `over the ${number(coverage.withFormat)} records with a format, of ${number(coverage.datasets)} datasets (the 2018 listing has no formats).`),
      'perFormat', 'distribution-formats.rq'),
  })
  const badges = barChart({
    title: w('品質檢測標章', 'Quality badges'),
    items: data.perBadge.map((row) => ({ label: row.key ? labelOf(row) : w('有資料但未檢測', 'not checked'), value: row.value })),
    note: note(
      w('各品質檢測標章的資料集數，「未檢測」為有資料內容但沒有標章者；', 'Datasets per quality badge (品質檢測); "not checked" are datasets with a distribution and no badge;'),
      w(`涵蓋有資料內容的 ${number(coverage.withDistribution)} 筆紀錄。`, `over the ${number(coverage.withDistribution)} records with a distribution.`),
      'perBadge', 'quality-badges.rq'),
  })
  return html`<section id="growth">${issuedChart}${sizeChart}</section>
<section id="publishers">${agencies}</section>
<section id="categories">${categories}</section>
<section id="formats">${formats}</section>
<section id="badges">${badges}</section>`
}
