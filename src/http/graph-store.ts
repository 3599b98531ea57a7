/**
 * The operator's raw write API, admin scope only (agencies write records through record-writes.ts):
 * - SPARQL 1.1 Update at POST /sparql/update (SPARQL 1.1 Protocol §2.2: `application/sparql-update`, or a form with
 *   `update=`; `using-graph-uri` / `using-named-graph-uri`), run as graph replacements (src/update/run-update.ts);
 * - the SPARQL 1.1 Graph Store HTTP Protocol at /store: indirect identification (`/store?graph=IRI`, `/store?default`)
 *   reaches every graph; direct identification (`/store/some/path`: the request IRI is the graph's name, GSP §4.1)
 *   names graphs of the operator's own under /store/; a POST to /store itself creates a graph with a fresh name and
 *   answers 201 with its Location (GSP §5.5). GET and HEAD are public reads (the graphs are public data, as in the
 *   dumps), PUT / POST / DELETE need the token.
 * The default graph of both is the store's own default graph; records live in named graphs (queries at /sparql see
 * the union of all graphs). A changed dataset record passes SHACL first (src/update/record-check.ts).
 */
import { Hono, type Context } from 'hono'
import { bodyLimit } from 'hono/body-limit'
import { DataFactory, Parser, Writer, type Quad } from 'n3'
import oxigraph from 'oxigraph'
import { randomBytes, randomUUID } from 'node:crypto'
import type { TokenVerifier } from '../auth/tokens.ts'
import { AppError } from '../errors.ts'
import { formatById, formatFromMediaType, type Format } from '../serialize/formats.ts'
import { negotiate } from '../serialize/negotiate.ts'
import { DEFAULT_GRAPH, type GraphStore } from '../store/types.ts'
import type { SyncContext } from '../sync/sync-context.ts'
import { withWriteLock } from '../sync/write-lock.ts'
import { checkChangedRecords } from '../update/record-check.ts'
import { runUpdate } from '../update/run-update.ts'
import { requireToken, type WriteEnv } from './auth.ts'
import { payloadTooLarge, unsupportedMediaType } from './errors.ts'
import { requestOrigin } from './records-request.ts'

export interface GraphStoreDeps {
  store: GraphStore
  verifier: TokenVerifier
  context: () => Promise<SyncContext>
  maxWriteBytes: number
  maxCopyQuads: number
}

const UPDATE_TYPES = ['application/sparql-update', 'application/x-www-form-urlencoded'] as const
/** What a GET of a graph is served as, and what a PUT or POST may send (n3 parses these). */
const READ_FORMATS: readonly Format[] = [formatById('ttl'), formatById('nt'), formatById('rdf'), formatById('nq')]
const WRITE_TYPES: Record<string, 'Turtle' | 'N-Triples' | 'N-Quads'> = {
  'text/turtle': 'Turtle', 'application/x-turtle': 'Turtle', 'application/n-triples': 'N-Triples', 'application/n-quads': 'N-Quads',
}

const mediaTypeOf = (c: Context) => c.req.header('content-type')?.split(';')[0]?.trim().toLowerCase()

const isAbsoluteIri = (iri: string) => /^[a-z][a-z0-9+.-]*:[^\s<>"{}|^`\\]*$/i.test(iri)

/**
 * The graph a Graph Store request is about. At /store: `?default` or one `?graph=` (GSP §4.2), or, for a POST with
 * neither, a graph to create (`undefined`). Below /store: the request IRI itself (GSP §4.1), with no query.
 */
function targetGraph(c: Context, isCreationAllowed = false): string | undefined {
  const url = new URL(c.req.url)
  const params = url.searchParams
  const graphs = params.getAll('graph')
  if (c.req.path !== '/store' && c.req.path !== '/store/') {
    if (params.has('graph') || params.has('default')) throw new AppError('bad_request', `${c.req.path} names its graph directly (the request IRI is the graph): drop ?graph= and ?default, or send them to /store`)
    return requestOrigin(c) + url.pathname
  }
  if (params.has('default') && graphs.length === 0) return DEFAULT_GRAPH
  if (!params.has('default') && graphs.length === 1) {
    if (!isAbsoluteIri(graphs[0]!)) throw new AppError('bad_request', `graph=${JSON.stringify(graphs[0]!.slice(0, 200))} is not an absolute IRI`)
    return graphs[0]!
  }
  if (isCreationAllowed && !params.has('default') && graphs.length === 0) return undefined
  throw new AppError('bad_request', 'name one graph: ?default for the default graph, or ?graph=<IRI> (SPARQL 1.1 Graph Store HTTP Protocol, indirect identification), or /store/<path> (direct identification)')
}

/** `targetGraph` where a graph must be named. */
const namedTarget = (c: Context): string => targetGraph(c)!

const describe = (graph: string) => (graph === DEFAULT_GRAPH ? 'the default graph' : `graph <${graph}>`)

/** One RDF document's triples as quads in `graph`, blank nodes under labels no other write used. */
function parseTriples(text: string, format: 'Turtle' | 'N-Triples' | 'N-Quads', graph: string, baseIri: string, what: string): Quad[] {
  let quads: Quad[]
  try {
    quads = new Parser({ format, baseIRI: baseIri, blankNodePrefix: `b${randomBytes(6).toString('hex')}_` }).parse(text)
  } catch (error) {
    throw new AppError('bad_request', `${what} is not valid ${format}: ${(error as Error).message}`)
  }
  const elsewhere = quads.find((q) => q.graph.termType !== 'DefaultGraph')
  if (elsewhere) throw new AppError('bad_request', `${what} puts a quad in graph ${elsewhere.graph.value}: a Graph Store request writes only ${describe(graph)}; send triples`)
  const name = graph === DEFAULT_GRAPH ? DataFactory.defaultGraph() : DataFactory.namedNode(graph)
  return quads.map((q) => DataFactory.quad(q.subject, q.predicate, q.object, name))
}

const EXTENSIONS: Record<string, 'Turtle' | 'N-Triples' | 'N-Quads'> = { ttl: 'Turtle', nt: 'N-Triples', nq: 'N-Quads' }

/**
 * The request body's triples as N-Quads in `graph`. A POST may send `multipart/form-data` (GSP §5.5): each part is
 * one RDF document, typed by its own Content-Type or its file name's extension, and all are merged.
 */
async function bodyAsNQuads(c: Context, graph: string, isMultipartAllowed = false): Promise<string> {
  const mediaType = mediaTypeOf(c)
  // The graph's name is the base for relative IRIs (GSP §5.1 leaves it to the server); the request URL for the default graph.
  const baseIri = graph === DEFAULT_GRAPH ? c.req.url : graph
  if (isMultipartAllowed && mediaType === 'multipart/form-data') {
    let form: FormData
    try {
      form = await c.req.raw.clone().formData()
    } catch (error) {
      throw new AppError('bad_request', `the multipart/form-data body does not parse: ${(error as Error).message}`)
    }
    const quads: Quad[] = []
    for (const [name, part] of form.entries()) {
      const partType = typeof part === 'string' ? undefined : part.type.split(';')[0]!.trim().toLowerCase()
      const extension = typeof part === 'string' ? undefined : part.name.slice(part.name.lastIndexOf('.') + 1).toLowerCase()
      const format = (partType && WRITE_TYPES[partType]) || (extension && EXTENSIONS[extension]) || undefined
      if (!format) throw new AppError('unsupported_media_type', `part ${JSON.stringify(name)} is ${partType || 'untyped'}; each part must be one of: ${Object.keys(WRITE_TYPES).join(', ')}`)
      const text = typeof part === 'string' ? part : await part.text()
      quads.push(...parseTriples(text, format, graph, baseIri, `part ${JSON.stringify(name)}`))
    }
    return new Writer({ format: 'N-Quads' }).quadsToString(quads)
  }
  const format = mediaType ? WRITE_TYPES[mediaType] : undefined
  if (!format) throw unsupportedMediaType(mediaType, isMultipartAllowed ? [...Object.keys(WRITE_TYPES), 'multipart/form-data'] : Object.keys(WRITE_TYPES))
  return new Writer({ format: 'N-Quads' }).quadsToString(parseTriples(await c.req.text(), format, graph, baseIri, 'the body'))
}

/** A graph's N-Quads as the format asked for (oxigraph serialises; N-Quads of the default graph have no graph term). */
function serialise(nquads: string, graph: string, format: Format): string {
  const scratch = new oxigraph.Store()
  if (nquads) scratch.load(nquads, { format: 'application/n-quads' })
  const from = graph === DEFAULT_GRAPH ? oxigraph.defaultGraph() : oxigraph.namedNode(graph)
  if (format.id === 'nq') return scratch.dump({ format: 'application/n-quads', from_graph_name: from })
  return scratch.dump({ format: format.resultsFormat, from_graph_name: from })
}

export function graphStoreReadRoutes(deps: Pick<GraphStoreDeps, 'store'>): Hono {
  const app = new Hono()
  app.on(['GET', 'HEAD'], '/store/*', async (c) => {
    const graph = namedTarget(c)
    const format = negotiate(c.req.header('accept'), READ_FORMATS)
    const nquads = await deps.store.readGraphs([graph])
    // GSP §5.2: a graph that does not exist is 404; the default graph always exists.
    if (!nquads && graph !== DEFAULT_GRAPH) throw new AppError('not_found', `${describe(graph)} holds no triples here`)
    const body = serialise(nquads, graph, format)
    const type = format.mediaTypes[0] + (format.hasCharset ? '; charset=utf-8' : '')
    const headers = { 'Content-Type': type, Vary: 'Accept' }
    return c.req.method === 'HEAD' ? c.body(null, 200, headers) : c.body(body, 200, headers)
  })
  return app
}

export function graphStoreWriteRoutes(deps: GraphStoreDeps): Hono<WriteEnv> {
  const app = new Hono<WriteEnv>()
  const admin = requireToken(deps.verifier, ['admin'])
  const limit = (what: string) => bodyLimit({ maxSize: deps.maxWriteBytes, onError: () => { throw payloadTooLarge(what, deps.maxWriteBytes) } })
  const check = async (changed: ReadonlyMap<string, string>) => checkChangedRecords(changed, deps.store, await deps.context())

  app.post('/sparql/update', admin, limit('the update'), async (c) => {
    const mediaType = mediaTypeOf(c)
    let text: string
    let usingGraphUris: string[]
    let usingNamedGraphUris: string[]
    if (mediaType === 'application/sparql-update') {
      text = await c.req.text()
      usingGraphUris = c.req.queries('using-graph-uri') ?? []
      usingNamedGraphUris = c.req.queries('using-named-graph-uri') ?? []
    } else if (mediaType === 'application/x-www-form-urlencoded') {
      const form = new URLSearchParams(await c.req.text())
      const updates = form.getAll('update')
      if (updates.length !== 1) throw new AppError('bad_request', `the form must carry exactly one update= parameter (it has ${updates.length})`)
      text = updates[0]!
      usingGraphUris = form.getAll('using-graph-uri')
      usingNamedGraphUris = form.getAll('using-named-graph-uri')
    } else {
      throw unsupportedMediaType(mediaType, UPDATE_TYPES)
    }
    const outcome = await runUpdate(deps.store, text, {
      baseIri: requestOrigin(c) + '/sparql/update',
      usingGraphUris, usingNamedGraphUris, maxCopyQuads: deps.maxCopyQuads, check,
    })
    return c.json({ operations: outcome.operations, changedGraphs: outcome.changed.length, graphs: outcome.changed.slice(0, 100) })
  })

  // PUT replaces the graph, POST merges into it (new blank nodes stay new), DELETE drops it (GSP §5.3–5.5).
  app.put('/store/*', admin, limit('the graph'), async (c) => {
    const graph = namedTarget(c)
    const nquads = await bodyAsNQuads(c, graph)
    return withWriteLock(deps.store, async () => {
      const existed = (await deps.store.readGraphs([graph])) !== ''
      await check(new Map([[graph, nquads]]))
      await deps.store.replaceGraphs([graph], nquads)
      return c.body(null, existed || graph === DEFAULT_GRAPH ? 204 : 201)
    })
  })
  app.post('/store/*', admin, limit('the graph'), async (c) => {
    const named = targetGraph(c, true)
    // A POST to the store itself creates a graph under a name no one has used (GSP §5.5), below /store/ so that it
    // can be read back directly too.
    const graph = named ?? `${requestOrigin(c)}/store/${randomUUID()}`
    const added = await bodyAsNQuads(c, graph, true)
    return withWriteLock(deps.store, async () => {
      if (named === undefined) {
        await check(new Map([[graph, added]]))
        await deps.store.replaceGraphs([graph], added)
        return c.body(null, 201, { Location: graph })
      }
      const current = await deps.store.readGraphs([graph])
      const merged = current + added
      await check(new Map([[graph, merged]]))
      await deps.store.replaceGraphs([graph], merged)
      return c.body(null, current !== '' || graph === DEFAULT_GRAPH ? 204 : 201)
    })
  })
  app.delete('/store/*', admin, async (c) => {
    const graph = namedTarget(c)
    return withWriteLock(deps.store, async () => {
      const current = await deps.store.readGraphs([graph])
      if (!current && graph !== DEFAULT_GRAPH) throw new AppError('not_found', `${describe(graph)} holds no triples here`)
      await deps.store.replaceGraphs([graph], '')
      return c.body(null, 204)
    })
  })
  return app
}
