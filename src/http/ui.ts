/** The query UI: YASGUI in the site's layout, served from our own /assets (no CDN), prefixes and example queries preset. */
import { readFile } from 'node:fs/promises'
import { createRequire } from 'node:module'
import { dirname, join } from 'node:path'
import { Hono, type Context } from 'hono'
import { ontologyNamespace, PREFIXES } from '../vocab/index.ts'
import type { RouteDeps } from './deps.ts'
import { notFound } from './errors.ts'
import { readExampleQueries } from './queries.ts'
import { html, raw } from '../pages/html.ts'
import { t, type PageLanguage } from '../pages/labels.ts'
import { layout } from '../pages/layout.ts'
import { chooseLanguage } from './records-request.ts'

const YASGUI_DIR = join(dirname(createRequire(import.meta.url).resolve('@zazuko/yasgui/package.json')), 'build')

const ASSETS: Record<string, { file: string; type: string }> = {
  'yasgui.min.js': { file: 'yasgui.min.js', type: 'text/javascript; charset=utf-8' },
  'yasgui.min.js.map': { file: 'yasgui.min.js.map', type: 'application/json' },
  'yasgui.min.css': { file: 'yasgui.min.css', type: 'text/css; charset=utf-8' },
}

/** JSON safe inside a <script> element. */
const scriptJson = (value: unknown) => JSON.stringify(value).replace(/</g, '\\u003c').replace(/\u2028/g, '\\u2028').replace(/\u2029/g, '\\u2029')

function prologue(baseIri: string): string {
  const prefixes: Record<string, string> = { ...PREFIXES, ogd: ontologyNamespace(baseIri).$iri }
  return Object.entries(prefixes).map(([prefix, iri]) => `PREFIX ${prefix}: <${iri}>`).join('\n')
}

// YASR's table, made readable at a laptop's width: "Simple view" by default (`2012`, not `"2012"^^xsd:integer`; the
// switch still turns it off), IRIs shown percent-decoded (the link keeps the IRI itself), long cells wrapped rather
// than cut; and an error from the endpoint (problem+json) shown as its sentence and caret, not as raw JSON.
const PAGE_SCRIPT = `
const config = JSON.parse(document.getElementById('ogd-config').textContent)
const Table = Yasgui.Yasr.plugins.table
const drawTable = Table.prototype.draw
Table.prototype.draw = function (settings) { return drawTable.call(this, { compact: true, isEllipsed: false, ...(settings || {}) }) }
const linkOf = Table.prototype.getUriLinkFromBinding
const escapeText = (text) => text.replace(/[&<>"']/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c])
const unescapeText = (text) => text.replace(/&(amp|lt|gt|quot|#39);/g, (m, n) => ({ amp: '&', lt: '<', gt: '>', quot: '"', '#39': "'" })[n])
const readable = (text) => { try { return decodeURI(text) } catch { return text } }
Table.prototype.getUriLinkFromBinding = function (binding, prefixes) {
  return linkOf.call(this, binding, prefixes).replace(/>([^<]*)<\\/a>/, (m, text) => '>' + escapeText(readable(unescapeText(text))) + '</a>')
}
Yasgui.Yasr.defaults.errorRenderers = [async (error) => {
  let problem
  try { problem = JSON.parse(error.text) } catch { return undefined }
  if (!problem || typeof problem.detail !== 'string') return undefined
  const box = document.createElement('div')
  box.className = 'ogd-problem'
  box.setAttribute('role', 'alert')
  const head = document.createElement('p')
  const title = document.createElement('strong')
  title.textContent = problem.title || config.labels.error
  head.append(title, ' ' + [problem.status, problem.code].filter(Boolean).join(' · '))
  const detail = document.createElement('pre')
  detail.textContent = problem.detail
  box.append(head, detail)
  return box
}]
Yasgui.Yasqe.defaults.autocompleters = ['prefixes', 'variables'] // the others call an outside service (LOV)
const yasgui = window.yasgui = new Yasgui(document.getElementById('yasgui'), {
  requestConfig: { endpoint: config.endpoint, method: 'POST' },
  copyEndpointOnNewTab: false,
  endpointCatalogueOptions: { getData: () => [{ endpoint: config.endpoint }] },
  yasqe: { value: config.defaultQuery, collapsePrefixesOnLoad: true },
})
const list = document.getElementById('examples')
for (const example of config.examples) {
  const item = document.createElement('li')
  const button = document.createElement('button')
  button.type = 'button'
  button.textContent = example.title
  button.title = example.description
  button.dataset.name = example.name
  button.addEventListener('click', () => { yasgui.getTab().setQuery(example.query) })
  item.append(button)
  list.append(item)
}
`

/** The query UI's own CSS: result cells wrap (long IRIs break anywhere), the error box reads as text. */
const PAGE_CSS = `#examples{display:flex;flex-wrap:wrap;gap:.4rem;list-style:none;padding:0}#examples button{cursor:pointer;font-size:.9rem;padding:.3rem .6rem}
.yasr table.dataTable{width:100%!important;table-layout:auto}.yasr table.dataTable th{white-space:nowrap}.yasr table.dataTable td,.yasr table.dataTable td div,.yasr table.dataTable td span{white-space:normal!important;overflow-wrap:anywhere;word-break:break-word;max-width:40rem}
.ogd-problem{border:1px solid var(--bad);border-radius:.4rem;padding:.6rem 1rem;background:#fff8f8}.ogd-problem pre{white-space:pre-wrap;font:14px/1.5 ui-monospace,monospace;margin:.4rem 0 0}`

/** The HTML page for GET /sparql from a browser: the site's layout around YASGUI. */
export async function uiResponse(c: Context, { config }: RouteDeps): Promise<Response> {
  const examples = await readExampleQueries(config.queriesDir)
  const language: PageLanguage = chooseLanguage(c) === 'en' ? 'en' : 'zh'
  // Links from this page are written relative to the host ('' as origin): the page loads nothing from elsewhere.
  const origin = ''
  const defaultQuery = `${prologue(config.baseIri)}\n\nSELECT ?class (COUNT(?s) AS ?count)\nWHERE { ?s a ?class }\nGROUP BY ?class\nORDER BY DESC(?count)\nLIMIT 25\n`
  const settings = {
    endpoint: new URL('/sparql', c.req.url).href,
    defaultQuery,
    examples: examples.map(({ name, title, description, query }) => ({ name, title, description, query })),
    labels: { error: language === 'zh' ? '錯誤' : 'Error' },
  }
  const body = html`<h1>${t('sparql', language)}</h1>
<p>${language === 'zh' ? '以 SPARQL 1.1 查詢整個知識圖譜；下方為範例查詢。' : 'Query the whole knowledge graph with SPARQL 1.1; example queries below.'}
<a href="${origin}/.well-known/void">VoID</a> · <a href="${origin}/dump.nq.gz">${language === 'zh' ? '完整資料（N-Quads）' : 'dump (N-Quads)'}</a> · <a href="${origin}/queries">${language === 'zh' ? '範例查詢' : 'example queries'}</a></p>
<nav aria-label="${language === 'zh' ? '範例查詢' : 'example queries'}"><ul id="examples"></ul></nav>
<div id="yasgui"></div>
<script type="application/json" id="ogd-config">${raw(scriptJson(settings))}</script>`
  const page = layout({
    title: t('sparql', language),
    language,
    origin,
    body,
    wide: true,
    head: html`<link rel="stylesheet" href="${origin}/assets/yasgui.min.css"><style>${raw(PAGE_CSS)}</style>`,
    scripts: html`<script src="${origin}/assets/yasgui.min.js"></script><script>${raw(PAGE_SCRIPT)}</script>`,
    otherLanguageHref: `${origin}/sparql?lang=${language === 'zh' ? 'en' : 'zh'}`,
  })
  return c.html(page, 200, { Vary: 'Accept, Accept-Language' })
}

/** GET /assets/{file}: the YASGUI bundle from node_modules, cached by browsers for a day. */
export const uiRoutes = () =>
  new Hono().get('/assets/:file', async (c) => {
    const asset = ASSETS[c.req.param('file')]
    if (!asset) throw notFound(`asset ${c.req.param('file')}`)
    const body = await readFile(join(YASGUI_DIR, asset.file))
    return c.body(body, 200, { 'Content-Type': asset.type, 'Cache-Control': 'public, max-age=86400' })
  })
