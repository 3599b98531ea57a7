/**
 * `/openapi.json` (OpenAPI 3.1 of the record, search and context routes) and `/api-docs`, its page for people.
 * A Hono sub-app: `app.route('/', openApiRoutes(deps))`.
 */
import { Hono, type Context } from 'hono'
import type { Logger } from 'pino'
import { makeForm } from '../records/record-forms.ts'
import { renderApiDocsPage } from '../pages/api-docs-page.ts'
import { publicOrigin } from './catalog-request.ts'
import { problemResponse } from './errors.ts'
import { buildOpenApiDocument } from './openapi-document.ts'
import { chooseLanguage } from './records-request.ts'
import { sendForm } from './records-response.ts'

export function openApiRoutes(deps: { logger: Logger }): Hono {
  const documents = new Map<string, string>()
  const documentFor = (origin: string) => {
    let text = documents.get(origin)
    if (!text) documents.set(origin, (text = JSON.stringify(buildOpenApiDocument(origin), null, 1) + '\n'))
    return text
  }
  const app = new Hono()
  app.get('/openapi.json', (c: Context) => sendForm(c, makeForm(documentFor(publicOrigin(c))), { contentType: 'application/json' }))
  app.get('/api-docs', (c: Context) => {
    const origin = publicOrigin(c)
    const language = chooseLanguage(c) === 'en' ? 'en' : 'zh'
    const page = renderApiDocsPage(JSON.parse(documentFor(origin)), { origin, language })
    return sendForm(c, makeForm(page), { contentType: 'text/html; charset=utf-8', vary: 'Accept-Language' })
  })
  app.onError((error, c) => problemResponse(c, error, deps.logger))
  return app
}
