/**
 * The published JSON-LD contexts (`/context.jsonld` = the current version, `/context/1.jsonld` and its zh/en
 * flavours, immutable), our copy of the ActivityStreams context, and one frame per class (`/frames/{name}.jsonld`).
 */
import { Hono, type Context } from 'hono'
import type { RecordService } from '../records/record-service.ts'
import { makeForm } from '../records/record-forms.ts'
import type { CachedForm } from '../records/record-cache.ts'
import { buildContextDocument, contextPath, CONTEXT_VERSION, type ContextLanguage } from '../serialize/context.ts'
import { buildFrameDocument, FRAMES } from '../serialize/frames.ts'
import { AS_CONTEXT_PATH, buildActivityStreamsContext } from '../serialize/activitystreams-context.ts'
import { publicOrigin } from './catalog-request.ts'
import { sendForm } from './records-response.ts'

const JSONLD = 'application/ld+json'
/** A versioned context never changes: clients may keep it for a year. */
const IMMUTABLE = 'public, max-age=31536000, immutable'

export function contextRoutes(service: RecordService): Hono {
  const contexts = new Map<ContextLanguage, CachedForm>()
  const contextForm = (language: ContextLanguage) => {
    let form = contexts.get(language)
    if (!form) contexts.set(language, (form = makeForm(JSON.stringify(buildContextDocument(service.tables, language), null, 2) + '\n')))
    return form
  }
  const serveContext = (language: ContextLanguage, isVersioned: boolean) => (c: Context) =>
    sendForm(c, contextForm(language), {
      contentType: JSONLD,
      
      headers: {
        ...(isVersioned ? { 'Cache-Control': IMMUTABLE } : { Link: `<${publicOrigin(c)}${contextPath(language)}>; rel="canonical"` }),
      },
    })
  const app = new Hono()
  app.get('/context.jsonld', serveContext('all', false))
  app.get(`/context/${CONTEXT_VERSION}.jsonld`, serveContext('all', true))
  for (const language of ['zh', 'en'] as const) app.get(`/context/${CONTEXT_VERSION}/${language}.jsonld`, serveContext(language, true))
  // Our copy of the ActivityStreams 2.0 context terms, which the change feed (/catalog/changes) names.
  const asForm = makeForm(JSON.stringify(buildActivityStreamsContext(), null, 2) + '\n')
  app.get(AS_CONTEXT_PATH, (c) => sendForm(c, asForm, { contentType: JSONLD, headers: { 'Cache-Control': 'public, max-age=86400' } }))
  for (const frame of FRAMES) {
    app.get(`/frames/${frame.name}.jsonld`, (c) => {
      const body = JSON.stringify(buildFrameDocument(frame, publicOrigin(c) + contextPath('all')), null, 2) + '\n'
      return sendForm(c, makeForm(body), { contentType: JSONLD })
    })
  }
  return app
}
