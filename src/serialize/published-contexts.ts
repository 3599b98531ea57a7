/**
 * Every JSON-LD context we publish, by path — the records' context in its versions and flavours, our copy of the
 * ActivityStreams context — and a document loader that serves them (for our origins) and refuses everything else.
 */
import { buildActivityStreamsContext, AS_CONTEXT_PATH } from './activitystreams-context.ts'
import { buildContextDocument, contextPath, type ContextTables } from './context.ts'
import { createLocalDocumentLoader, type DocumentLoader } from './jsonld-loader.ts'

/** path → context document, for every context we serve. */
export function publishedContexts(tables: ContextTables): Record<string, unknown> {
  const all = buildContextDocument(tables, 'all')
  return {
    '/context.jsonld': all,
    [contextPath('all')]: all,
    [contextPath('zh')]: buildContextDocument(tables, 'zh'),
    [contextPath('en')]: buildContextDocument(tables, 'en'),
    [AS_CONTEXT_PATH]: buildActivityStreamsContext(),
  }
}

/**
 * A loader that knows every context we publish under each of `origins` (our base IRI, the public origin a client
 * used), plus the normative AS2 context URL answered with our copy; anything else is refused, never fetched.
 */
export function createPublishedContextLoader(tables: ContextTables, origins: readonly string[]): DocumentLoader {
  const byPath = publishedContexts(tables)
  const documents: Record<string, unknown> = { 'https://www.w3.org/ns/activitystreams': byPath[AS_CONTEXT_PATH] }
  for (const origin of origins) for (const [path, document] of Object.entries(byPath)) documents[origin.replace(/\/+$/, '') + path] = document
  return createLocalDocumentLoader(documents)
}
