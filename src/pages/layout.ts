/** The frame of every page: head (title, alternates, embedded JSON-LD), skip link, navigation, footer, small CSS. */
import { html, raw, scriptJson, type Html } from './html.ts'
import { t, type PageLanguage } from './labels.ts'

/** Hand-written CSS: system fonts, readable measure, visible focus, colours with AA contrast. */
const CSS = `
:root{--fg:#1b1f23;--muted:#57606a;--line:#d0d7de;--accent:#0b5cad;--bg:#fff;--soft:#f6f8fa;--ok:#1a7f37;--warn:#9a6700;--bad:#cf222e}
*{box-sizing:border-box}body{margin:0;font:16px/1.6 system-ui,"Noto Sans TC","PingFang TC","Microsoft JhengHei",sans-serif;color:var(--fg);background:var(--bg)}
a{color:var(--accent)}a:focus-visible,button:focus-visible,input:focus-visible,select:focus-visible{outline:3px solid #f5a623;outline-offset:2px}
.skip{position:absolute;left:-9999px}.skip:focus{left:1rem;top:1rem;background:#fff;padding:.5rem;z-index:9}
header.site{background:#0b3d6b;color:#fff}header.site a{color:#fff;text-decoration:none}
header.site nav{display:flex;flex-wrap:wrap;gap:1rem;align-items:center;max-width:72rem;margin:0 auto;padding:.6rem 1rem}
header.site .brand{font-weight:700;margin-right:auto}
main{max-width:72rem;margin:0 auto;padding:1rem}main.wide{max-width:none}h1{font-size:1.6rem;line-height:1.3;margin:.5rem 0}h2{font-size:1.2rem;margin-top:2rem;border-bottom:1px solid var(--line)}
.iri{font-family:ui-monospace,monospace;font-size:.85rem;color:var(--muted);word-break:break-all}
dl.facts{display:grid;grid-template-columns:minmax(8rem,14rem) 1fr;gap:.3rem 1rem;margin:0}dl.facts dt{font-weight:600;color:var(--muted);overflow-wrap:anywhere;min-width:0}dl.facts dd{margin:0;word-break:break-word}
dl.facts dl.facts{border-left:3px solid var(--line);padding-left:.6rem}
ul.plain{list-style:none;padding:0;margin:0}ul.cols{columns:2 20rem}
.badge{display:inline-block;border-radius:1rem;padding:0 .6rem;font-size:.85rem;background:var(--soft);border:1px solid var(--line)}
.badge.gold,.badge.platinum{background:#fff4d6}.badge.silver{background:#eef1f4}.badge.bronze{background:#f8e6da}
form.search{display:flex;gap:.5rem;flex-wrap:wrap;margin:1rem 0}form.search input[type=search]{flex:1 1 20rem;font:inherit;padding:.5rem;border:1px solid var(--muted);border-radius:.3rem}
button,select{font:inherit;padding:.45rem .9rem;border-radius:.3rem;border:1px solid var(--muted);background:var(--soft)}
.figures{display:grid;grid-template-columns:repeat(auto-fit,minmax(10rem,1fr));gap:1rem;margin:1rem 0}.figures div{background:var(--soft);border:1px solid var(--line);border-radius:.4rem;padding:.8rem}
.figures strong{display:block;font-size:1.6rem}.layout{display:grid;grid-template-columns:16rem 1fr;gap:1.5rem}@media (max-width:50rem){.layout{grid-template-columns:1fr}dl.facts{grid-template-columns:1fr}}
.facet h3{font-size:1rem;margin:1rem 0 .3rem}.facet li{font-size:.9rem}.result{padding:.6rem 0;border-bottom:1px solid var(--line)}.result p{margin:.2rem 0;color:var(--muted)}
figure.chart{margin:1rem 0}figure.chart svg{max-width:100%;height:auto}figure.chart figcaption{font-weight:600}.chart-note{color:var(--muted);font-size:.9rem;margin:.2rem 0 .5rem;max-width:60rem}
table{border-collapse:collapse}td,th{border:1px solid var(--line);padding:.2rem .5rem;text-align:left}
footer.site{max-width:72rem;margin:2rem auto;padding:1rem;color:var(--muted);font-size:.9rem;border-top:1px solid var(--line)}
.score{font-size:2rem;font-weight:700}.ok{color:var(--ok)}.warn{color:var(--warn)}.bad{color:var(--bad)}
`

export interface LayoutOptions {
  title: string
  language: PageLanguage
  /** The public origin our own links are written with. */
  origin: string
  body: Html
  /** The record's JSON-LD (embedded for search engines and scripts). */
  jsonLd?: string
  /** Other representations: [media type, URL]. */
  alternates?: readonly (readonly [string, string])[]
  canonical?: string
  /** The same page in the other language. */
  otherLanguageHref?: string
  /** More elements for the head (a page's own stylesheet). */
  head?: Html
  /** Scripts at the end of the body (the query UI). */
  scripts?: Html
  /** Use the whole width of the window (the query UI's result tables) instead of a reading measure. */
  wide?: boolean
}

/** The whole page. */
export function layout(options: LayoutOptions): string {
  const { language, origin } = options
  const nav = html`<nav aria-label="${language === 'zh' ? '主要導覽' : 'Main'}">
<a class="brand" href="${origin}/">${t('siteName', language)}</a>
<a href="${origin}/search">${t('search', language)}</a>
<a href="${origin}/dashboard">${t('dashboard', language)}</a>
<a href="${origin}/sparql">${t('sparql', language)}</a>
<a href="${origin}/api-docs">${t('api', language)}</a>
${options.otherLanguageHref ? html`<a href="${options.otherLanguageHref}" lang="${language === 'zh' ? 'en' : 'zh-Hant'}">${t('language', language)}</a>` : ''}
</nav>`
  return html`<!doctype html>
<html lang="${language === 'zh' ? 'zh-Hant' : 'en'}">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>${options.title} · ${t('siteName', language)}</title>
${options.canonical ? html`<link rel="canonical" href="${options.canonical}">` : ''}
${(options.alternates ?? []).map(([type, href]) => html`<link rel="alternate" type="${type}" href="${href}">\n`)}
<style>${raw(CSS)}</style>
${options.head ?? ''}
${options.jsonLd ? html`<script type="application/ld+json">${scriptJson(options.jsonLd)}</script>` : ''}
</head>
<body>
<a class="skip" href="#main">${t('skip', language)}</a>
<header class="site">${nav}</header>
<main id="main"${options.wide ? html` class="wide"` : ''}>
${options.body}
</main>
<footer class="site">${language === 'zh'
    ? html`資料來源：政府資料開放平臺、全國法規資料庫、行政院人事行政總處機關代碼。以 DCAT-AP 3 發布；<a href="${origin}/catalog">DCAT-AP 目錄</a>・<a href="${origin}/openapi.json">OpenAPI</a>・<a href="${origin}/context.jsonld">JSON-LD context</a>`
    : html`Sources: data.gov.tw, the MOJ law database, the DGPA agency codes. Published as DCAT-AP 3; <a href="${origin}/catalog">DCAT-AP catalogue</a> · <a href="${origin}/openapi.json">OpenAPI</a> · <a href="${origin}/context.jsonld">JSON-LD context</a>`}</footer>
${options.scripts ?? ''}
</body>
</html>
`.text
}
