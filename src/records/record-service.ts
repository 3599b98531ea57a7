/**
 * Records for the HTTP layer: resolve an IRI to its document through the cache, and make (once) each serialised
 * form of it. The cache is dropped per graph when the store says which graphs a write replaced, or wholesale when
 * only a generation counter tells that something changed.
 */
import type { Iris } from '../model/iris.ts'
import { contextTables, type ContextLanguage, type ContextTables } from '../serialize/context.ts'
import type { GraphStore } from '../store/types.ts'
import { isObservedStore } from './graph-changes.ts'
import { createRecordCache, type CachedForm, type RecordCache } from './record-cache.ts'
import type { Quad } from 'n3'
import { loadDocument, readGraph, type RecordDocument } from './record-document.ts'
import { makeForm, writeRdfForm, type RecordFormat } from './record-forms.ts'

export interface FormRequest {
  format: RecordFormat
  language: ContextLanguage
  /** The public origin links are written with (only JSON-LD and HTML bodies hold links). */
  origin: string
  contextUrl: string
}

export type HtmlRenderer = (document: RecordDocument, request: FormRequest) => Promise<string>

export interface RecordService {
  readonly store: GraphStore
  readonly iris: Iris
  readonly tables: ContextTables
  readonly cache: RecordCache
  /** The document of an IRI under BASE_IRI, or undefined; at once when cached. */
  document(iri: string): RecordDocument | undefined | Promise<RecordDocument | undefined>
  /** One serialised form of a document, cached with it (returned at once when already made). */
  form(document: RecordDocument, request: FormRequest): CachedForm | Promise<CachedForm>
}

export interface RecordServiceOptions {
  store: GraphStore
  iris: Iris
  /** The context tables (made from `iris` when absent). */
  tables?: ContextTables
  renderHtml?: HtmlRenderer
  cache?: RecordCache
  maxCacheBytes?: number
  timeoutMs?: number
}

const MAX_WHOLE_GRAPHS = 4

/** The store's own write counter, when it has one (as the catalogue reads it). */
function generationOf(store: GraphStore): (() => number) | undefined {
  const candidate = (store as unknown as { generation?: unknown }).generation
  return typeof candidate === 'function' ? () => (candidate as () => number).call(store) : undefined
}

export function createRecordService(options: RecordServiceOptions): RecordService {
  const { store, iris } = options
  const tables = options.tables ?? contextTables(iris)
  const cache = options.cache ?? createRecordCache({ maxBytes: options.maxCacheBytes })
  // The graphs parts were last read from (the vocabularies hold hundreds of concepts): a few, read once.
  const wholeGraphs = new Map<string, Promise<Quad[]>>()
  const readWholeGraph = (graph: string) => {
    let quads = wholeGraphs.get(graph)
    if (!quads) {
      quads = readGraph(store, graph, options.timeoutMs)
      quads.catch(() => wholeGraphs.delete(graph))
      wholeGraphs.set(graph, quads)
      if (wholeGraphs.size > MAX_WHOLE_GRAPHS) wholeGraphs.delete(wholeGraphs.keys().next().value!)
    }
    return quads
  }
  if (isObservedStore(store)) {
    store.onGraphsReplaced((graphs) => {
      for (const graph of graphs) wholeGraphs.delete(graph)
      cache.invalidate(graphs)
    })
  }
  const generation = isObservedStore(store) ? undefined : generationOf(store)
  let seenGeneration = generation?.()

  const formKey = (request: FormRequest) => {
    if (request.format === 'jsonld') return `jsonld|${request.language}|${request.contextUrl}`
    if (request.format === 'html') return `html|${request.language}|${request.origin}`
    return request.format
  }

  return {
    store,
    iris,
    tables,
    cache,
    document(iri) {
      const current = generation?.()
      if (current !== seenGeneration) {
        seenGeneration = current
        wholeGraphs.clear()
        cache.clear()
      }
      const cached = cache.peek(iri)
      if (cached) return cached.document
      return cache.document(iri, () => loadDocument(store, iri, { timeoutMs: options.timeoutMs, readGraph: readWholeGraph }))
    },
    form(document, request) {
      const made = cache.peekForm(document.iri, formKey(request))
      if (made) return made
      return cache.form(document.iri, formKey(request), async () => {
        if (request.format !== 'html') return makeForm(writeRdfForm(document, request.format, { tables, language: request.language, contextUrl: request.contextUrl }))
        if (!options.renderHtml) throw new Error('no HTML renderer configured')
        return makeForm(await options.renderHtml(document, request))
      })
    },
  }
}
