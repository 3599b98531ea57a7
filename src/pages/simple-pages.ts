/** Small pages in the site's layout: the example queries (GET /queries from a browser) and an error page (404s). */
import { html } from './html.ts'
import { t, type PageLanguage } from './labels.ts'
import { layout } from './layout.ts'

export interface ExampleQueryItem {
  name: string
  title: string
  description: string
  query: string
}

const otherLanguage = (language: PageLanguage) => (language === 'zh' ? 'en' : 'zh')

/** The example queries: each with its description, a link that opens it in the query UI, and its results link. */
export function renderQueriesPage(examples: readonly ExampleQueryItem[], options: { origin: string; language: PageLanguage }): string {
  const { origin, language } = options
  const zh = language === 'zh'
  const items = examples.map((example) => html`<li class="result"><h2 id="${example.name}">${example.title}</h2>
<p>${example.description}</p>
<p><a href="${origin}/sparql?query=${encodeURIComponent(example.query)}">${zh ? '在查詢介面開啟' : 'Open in the query UI'}</a> ·
<a href="${origin}/queries/${example.name}?format=csv">CSV</a> · <a href="${origin}/queries/${example.name}?format=json">JSON</a> ·
<code>${example.name}.rq</code></p></li>`)
  const body = html`<h1>${zh ? '範例查詢' : 'Example queries'}</h1>
<p>${zh ? `${examples.length} 個回答研究問題的 SPARQL 查詢；以 Accept: application/json 取得此清單的 JSON。` : `${examples.length} SPARQL queries answering research questions; this list as JSON with Accept: application/json.`}</p>
<ol class="plain">${items}</ol>`
  return layout({ title: zh ? '範例查詢' : 'Example queries', language, origin, body, otherLanguageHref: `${origin}/queries?lang=${otherLanguage(language)}` })
}

/** An error page for people (the same problem an API client gets as application/problem+json). */
export function renderErrorPage(problem: { status: number; title: string; detail: string }, options: { origin: string; language: PageLanguage; path: string }): string {
  const { origin, language } = options
  const zh = language === 'zh'
  const heading = problem.status === 404 ? (zh ? '找不到這一頁' : 'Page not found') : `${problem.status} ${problem.title}`
  const body = html`<h1>${heading}</h1>
<p>${problem.detail}</p>
<p>${zh ? '可以' : 'Try '}<a href="${origin}/search">${t('search', language)}</a>${zh ? '、' : ', '}<a href="${origin}/sparql">${t('sparql', language)}</a>${zh ? '或回到' : ' or the '}<a href="${origin}/">${t('home', language)}</a>${zh ? '。' : '.'}</p>`
  return layout({ title: heading, language, origin, body, otherLanguageHref: `${origin}${options.path}?lang=${otherLanguage(language)}` })
}
