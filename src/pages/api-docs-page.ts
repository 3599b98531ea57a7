/** The API documentation page, generated on the server from our OpenAPI document (no script, no CDN). */
import { html, type Html } from './html.ts'
import type { PageLanguage } from './labels.ts'
import { layout } from './layout.ts'

type Json = Record<string, unknown>

function renderParameter(parameter: Json, components: Json): Html {
  const resolved = typeof parameter.$ref === 'string' ? ((components.parameters as Json)[parameter.$ref.replace('#/components/parameters/', '')] as Json) : parameter
  const schema = (resolved.schema ?? {}) as Json
  const limits = [schema.enum ? `one of ${(schema.enum as string[]).join(', ')}` : '', schema.maximum !== undefined ? `max ${schema.maximum}` : '', schema.default !== undefined ? `default ${schema.default}` : '']
    .filter(Boolean).join('; ')
  return html`<tr><td><code>${String(resolved.name)}</code></td><td>${String(resolved.in)}</td><td>${String(resolved.description ?? '')}${limits ? html` <small>(${limits})</small>` : ''}</td></tr>`
}

function renderOperation(path: string, method: string, operation: Json, components: Json, origin: string): Html {
  const parameters = (operation.parameters ?? []) as Json[]
  const responses = Object.entries((operation.responses ?? {}) as Record<string, Json>)
  const example = method === 'get' && path.startsWith('/api/') ? html`<p><a href="${origin}${path}?page_size=3">GET ${path}?page_size=3</a></p>` : ''
  return html`<section class="operation" aria-labelledby="${path}"><h3 id="${path}"><code>${method.toUpperCase()} ${path}</code></h3>
<p>${String(operation.summary)}</p>${operation.description ? html`<p>${String(operation.description)}</p>` : ''}${example}
${parameters.length > 0 ? html`<table><thead><tr><th scope="col">Parameter</th><th scope="col">In</th><th scope="col">Description</th></tr></thead><tbody>${parameters.map((p) => renderParameter(p, components))}</tbody></table>` : ''}
<p>${responses.map(([status]) => html`<span class="badge">${status}</span> `)}</p></section>`
}

/** The page for the document `openapi`. */
export function renderApiDocsPage(openapi: Json, options: { origin: string; language: PageLanguage }): string {
  const info = openapi.info as Json
  const paths = Object.entries(openapi.paths as Record<string, Json>)
  const components = openapi.components as Json
  // Every operation of a path (the write routes are POST, PUT, DELETE), in the path's own order.
  const group = (test: (path: string) => boolean) => paths.filter(([path]) => test(path)).flatMap(([path, item]) =>
    ['get', 'post', 'put', 'delete', 'patch'].filter((method) => item[method]).map((method) => renderOperation(path, method, item[method] as Json, components, options.origin)))
  const body = html`<h1>${String(info.title)}</h1><p>${String(info.description)}</p>
<p><a href="${options.origin}/openapi.json">openapi.json</a> (OpenAPI ${String(openapi.openapi)}) · <a href="${options.origin}/context.jsonld">context.jsonld</a></p>
<h2>${options.language === 'zh' ? '搜尋 API' : 'Search API'}</h2>${group((path) => path.startsWith('/api/'))}
<h2>${options.language === 'zh' ? '紀錄（可解析的 IRI）' : 'Records (dereferenceable IRIs)'}</h2>${group((path) => !path.startsWith('/api/'))}`
  return layout({ title: String(info.title), language: options.language, origin: options.origin, body, otherLanguageHref: `${options.origin}/api-docs?lang=${options.language === 'zh' ? 'en' : 'zh'}` })
}
