/** The dashboard's section on the public's dataset requests: per year, reasons given, reply rate and wait per agency. */
import type { RequestStats } from '../records/request-stats.ts'
import { barChart, columnChart } from './charts.ts'
import { html, type Html } from './html.ts'
import type { PageLanguage } from './labels.ts'

export function renderRequestDashboard(context: { origin: string; base: string; language: PageLanguage }, stats: RequestStats): Html {
  const words = (zh: string, en: string) => (context.language === 'zh' ? zh : en)
  if (stats.requests === 0) return html``
  const local = (iri: string) => (iri.startsWith(`${context.base}/`) ? context.origin + iri.slice(context.base.length) : iri)
  // Each chart says what it counts, over which records and from which source (as the catalogue's charts do).
  const source = words('來源：政府資料開放平臺民眾資料集建議（g0v 爬取，2019-01-25；data/sources/MANIFEST.md §7c）', 'Source: data.gov.tw dataset requests (g0v crawl of 2019-01-25; data/sources/MANIFEST.md §7c)')
  const note = (zh: string, en: string) => html`${words(zh, en)} ${source} <a href="${context.origin}/api/requests">/api/requests</a>`
  const rows = stats.perAgency.map((row) => html`<tr><td><a href="${local(row.key)}">${row.label}</a></td><td>${row.requests}</td><td>${row.answered}</td><td>${row.replyRate}%</td>
<td>${row.medianDays ?? '—'}</td><td>${row.withDays}</td></tr>`)
  return html`<section id="requests" aria-labelledby="requests-title"><h2 id="requests-title">${words('民眾資料集建議', 'Dataset requests from the public')}</h2>
<p>${words(`共 ${stats.requests} 件建議，${stats.answered} 件已回復。`, `${stats.requests} requests, ${stats.answered} answered.`)} <a href="${context.origin}/api/requests">/api/requests</a></p>
${columnChart({ title: words('每年民眾資料集建議數', 'Requests per year'), description: words('年份為回復所引述之提出日，否則為最晚提出日。', 'The year a reply quotes the request was made in, else the latest it can have been made.'), note: note(`涵蓋全部 ${stats.requests} 筆建議；年份為回復所引述之提出日，否則為最晚可能提出日。`, `Over all ${stats.requests} requests; the year a reply quotes the request was made in, else the latest it can have been made.`), items: stats.perYear.map((c) => ({ label: c.label, value: c.value })) })}
${barChart({ title: words('回復所述之不開放理由', 'Reasons replies give for not opening'), note: note('計算回復文字明言理由之建議（一件可有數個理由）。', 'Counts the requests whose reply states a reason in words (a request may have several).'), items: stats.perReason.map((c) => ({ label: c.label, value: c.value, href: `${context.origin}/api/requests?reason=${c.key}` })) })}
<table class="per-agency"><caption>${words('受派最多之機關：回復率與回復日數中位數', 'Agencies assigned the most requests: reply rate and median days to reply')}</caption>
<thead><tr><th scope="col">${words('機關', 'Agency')}</th><th scope="col">${words('建議', 'Requests')}</th><th scope="col">${words('已回復', 'Answered')}</th><th scope="col">${words('回復率', 'Reply rate')}</th>
<th scope="col">${words('回復日數中位數', 'Median days to reply')}</th><th scope="col">${words('有提出日者', 'With a quoted date')}</th></tr></thead><tbody>${rows}</tbody></table></section>`
}
