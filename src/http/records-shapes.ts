/**
 * `/shapes` (our own profile) and `/shapes/{profile}` (the official DCAT-AP shapes we validate against), read from
 * the shapes directory and served like any record document.
 */
import { fileURLToPath } from 'node:url'
import { Hono, type Context } from 'hono'
import type { Quad } from 'n3'
import { assembleDocument, type RecordDocument } from '../records/record-document.ts'
import type { CachedForm } from '../records/record-cache.ts'
import { makeForm, writeRdfForm } from '../records/record-forms.ts'
import type { RecordService } from '../records/record-service.ts'
import { contextPath } from '../serialize/context.ts'
import { isProfileName, loadShapes, PROFILES, type ProfileName } from '../validate/shapes.ts'
import { publicOrigin } from './catalog-request.ts'
import { notFound } from './errors.ts'
import { chooseFormat, chooseLanguage, readTarget, SUFFIXES } from './records-request.ts'
import { sendForm } from './records-response.ts'
import { contentTypeOf, formatById } from '../serialize/formats.ts'

export const DEFAULT_SHAPES_DIR = fileURLToPath(new URL('../../shapes', import.meta.url))

export function shapesRoutes(service: RecordService, shapesDir = DEFAULT_SHAPES_DIR): Hono {
  const documents = new Map<string, RecordDocument>()
  // The shapes are files read once: their forms are kept here, outside the record cache (no graph invalidates them).
  const forms = new Map<string, CachedForm>()
  const documentOf = (profile: ProfileName, iri: string) => {
    let document = documents.get(profile)
    if (!document) {
      const quads = loadShapes(shapesDir, profile).getQuads(null, null, null, null) as Quad[]
      documents.set(profile, (document = assembleDocument({ iri, graph: iri, kind: 'record', own: quads, summary: [], summaryGraphs: [] })))
    }
    return document
  }
  const serve = async (c: Context) => {
    const target = readTarget(c.req.url)
    const name = target.path === '/shapes' ? 'ogd' : decodeURIComponent(target.path.replace(/^\/shapes\//, ''))
    if (!isProfileName(name)) throw notFound(`${target.path} (shapes are published for: ${Object.keys(PROFILES).join(', ')})`)
    const document = documentOf(name, service.iris.base + target.path)
    const format = chooseFormat(c.req.header('accept'), target.suffix)
    const rdfFormat = format === 'html' ? 'ttl' : format
    const language = chooseLanguage(c, false)
    const origin = publicOrigin(c)
    // The shapes are Turtle files: a browser is shown the Turtle itself, as text.
    const contextUrl = origin + contextPath(language)
    const key = `${name}|${rdfFormat}|${rdfFormat === 'jsonld' ? `${language}|${contextUrl}` : ''}`
    let form = forms.get(key)
    if (!form) forms.set(key, (form = makeForm(writeRdfForm(document, rdfFormat, { tables: service.tables, language, contextUrl }))))
    return sendForm(c, form, {
      contentType: format === 'html' ? 'text/plain; charset=utf-8' : contentTypeOf(formatById(rdfFormat)),
      vary: target.suffix ? undefined : 'Accept',
      headers: { Link: `<${document.iri}>; rel="canonical"` },
    })
  }
  const app = new Hono()
  app.get('/shapes', serve)
  app.get('/shapes/:profile', serve)
  for (const suffix of Object.keys(SUFFIXES)) app.get(`/shapes.${suffix}`, serve)
  return app
}
