/** The query UI: YASGUI served from our own /assets (no CDN), prefixes and example queries preset. */
import { readFile } from 'node:fs/promises'
import { createRequire } from 'node:module'
import { dirname, join } from 'node:path'
import { Hono, type Context } from 'hono'
import { ontologyNamespace, PREFIXES } from '../vocab/index.ts'
import type { RouteDeps } from './deps.ts'
import { notFound } from './errors.ts'
import { readExampleQueries } from './queries.ts'

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

const PAGE_SCRIPT = `
const config = JSON.parse(document.getElementById('ogd-config').textContent)
Yasgui.Yasqe.defaults.autocompleters = ['prefixes', 'variables'] // the others call an outside service (LOV)
const yasgui = new Yasgui(document.getElementById('yasgui'), {
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
  button.addEventListener('click', () => { yasgui.getTab().setQuery(example.query) })
  item.append(button)
  list.append(item)
}
`

/** The HTML page for GET /sparql from a browser. */
export async function uiResponse(c: Context, { config }: RouteDeps): Promise<Response> {
  const examples = await readExampleQueries(config.queriesDir)
  const defaultQuery = `${prologue(config.baseIri)}\n\nSELECT ?class (COUNT(?s) AS ?count)\nWHERE { ?s a ?class }\nGROUP BY ?class\nORDER BY DESC(?count)\nLIMIT 25\n`
  const settings = { endpoint: new URL('/sparql', c.req.url).href, defaultQuery, examples: examples.map(({ title, description, query }) => ({ title, description, query })) }
  const html = `<!doctype html>
<html lang="zh-Hant">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>SPARQL · 政府資料開放知識圖譜 Taiwan OGD knowledge graph</title>
<link rel="stylesheet" href="/assets/yasgui.min.css">
<style>body{font-family:system-ui,sans-serif;margin:0 1rem}header{display:flex;gap:1rem;align-items:baseline;flex-wrap:wrap}#examples{display:flex;flex-wrap:wrap;gap:.4rem;list-style:none;padding:0}#examples button{cursor:pointer}</style>
</head>
<body>
<header><h1>SPARQL 1.1</h1><p>政府資料開放知識圖譜 · <a href="/.well-known/void">VoID</a> · <a href="/dump.nq.gz">dump</a> · <a href="/queries">examples (JSON)</a></p></header>
<nav aria-label="example queries"><ul id="examples"></ul></nav>
<div id="yasgui"></div>
<script type="application/json" id="ogd-config">${scriptJson(settings)}</script>
<script src="/assets/yasgui.min.js"></script>
<script>${PAGE_SCRIPT}</script>
</body>
</html>
`
  return c.html(html, 200, { Vary: 'Accept' })
}

/** GET /assets/{file}: the YASGUI bundle from node_modules, cached by browsers for a day. */
export const uiRoutes = () =>
  new Hono().get('/assets/:file', async (c) => {
    const asset = ASSETS[c.req.param('file')]
    if (!asset) throw notFound(`asset ${c.req.param('file')}`)
    const body = await readFile(join(YASGUI_DIR, asset.file))
    return c.body(body, 200, { 'Content-Type': asset.type, 'Cache-Control': 'public, max-age=86400' })
  })
