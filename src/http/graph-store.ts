/**
 * The operator's raw write API, admin scope only (agencies write records through record-writes.ts):
 * - SPARQL 1.1 Update at POST /sparql/update (SPARQL 1.1 Protocol §2.2: `application/sparql-update`, or a form with
 *   `update=`; `using-graph-uri` / `using-named-graph-uri`), run as graph replacements (src/update/run-update.ts);
 * - the SPARQL 1.1 Graph Store HTTP Protocol at /store with indirect identification (`?graph=IRI` or `?default`):
 *   GET and HEAD are public reads (the graphs are public data, as in the dumps), PUT / POST / DELETE need the token.
 * The default graph of both is the store's own default graph; records live in named graphs (queries at /sparql see
 * the union of all graphs). A changed dataset record passes SHACL first (src/update/record-check.ts).
 */
import { Hono, type Context } from 'hono'
import { bodyLimit } from 'hono/body-limit'
import { DataFactory, Parser, Writer, type Quad } from 'n3'
import oxigraph from 'oxigraph'
import { randomBytes } from 'node:crypto'
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

/** The graph a Graph Store request is about: `?default` or one `?graph=` (SPARQL 1.1 GSP §4.2). */
function targetGraph(c: Context): string {
  const params = new URL(c.req.url).searchParams
  const graphs = params.getAll('graph')
  if (params.has('default') && graphs.length === 0) return DEFAULT_GRAPH
  if (!params.has('default') && graphs.length === 1) {
    if (!isAbsoluteIri(graphs[0]!)) throw new AppError('bad_request', `graph=${JSON.stringify(graphs[0]!.slice(0, 200))} is not an absolute IRI`)
    return graphs[0]!
  }
  throw new AppError('bad_request', 'name one graph: ?default for the default graph, or ?graph=<IRI> (SPARQL 1.1 Graph Store HTTP Protocol, indirect identification)')
}

const describe = (graph: string) => (graph === DEFAULT_GRAPH ? 'the default graph' : `graph <${graph}>`)

/** The request body's triples as N-Quads in `graph`, blank nodes under labels no other write used. */
async function bodyAsNQuads(c: Context, graph: string): Promise<string> {
  const mediaType = mediaTypeOf(c)
  const format = mediaType ? WRITE_TYPES[mediaType] : undefined
  if (!format) throw unsupportedMediaType(mediaType, Object.keys(WRITE_TYPES))
  const text = await c.req.text()
  let quads: Quad[]
  try {
    // The graph's name is the base for relative IRIs (GSP §5.1 leaves it to the server); the request URL for the default graph.
    quads = new Parser({ format, baseIRI: graph === DEFAULT_GRAPH ? c.req.url : graph, blankNodePrefix: `b${randomBytes(6).toString('hex')}_` }).parse(text)
  } catch (error) {
    throw new AppError('bad_request', `the body is not valid ${format}: ${(error as Error).message}`)
  }
  const elsewhere = quads.find((q) => q.graph.termType !== 'DefaultGraph')
  if (elsewhere) throw new AppError('bad_request', `the body puts a quad in graph ${elsewhere.graph.value}: a Graph Store request writes only ${describe(graph)}; send triples`)
  const name = graph === DEFAULT_GRAPH ? DataFactory.defaultGraph() : DataFactory.namedNode(graph)
  return new Writer({ format: 'N-Quads' }).quadsToString(quads.map((q) => DataFactory.quad(q.subject, q.predicate, q.object, name)))
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
  app.on(['GET', 'HEAD'], '/store', async (c) => {
    const graph = targetGraph(c)
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
  app.put('/store', admin, limit('the graph'), async (c) => {
    const graph = targetGraph(c)
    const nquads = await bodyAsNQuads(c, graph)
    return withWriteLock(deps.store, async () => {
      const existed = (await deps.store.readGraphs([graph])) !== ''
      await check(new Map([[graph, nquads]]))
      await deps.store.replaceGraphs([graph], nquads)
      return c.body(null, existed || graph === DEFAULT_GRAPH ? 204 : 201)
    })
  })
  app.post('/store', admin, limit('the graph'), async (c) => {
    const graph = targetGraph(c)
    const added = await bodyAsNQuads(c, graph)
    return withWriteLock(deps.store, async () => {
      const current = await deps.store.readGraphs([graph])
      const merged = current + added
      await check(new Map([[graph, merged]]))
      await deps.store.replaceGraphs([graph], merged)
      return c.body(null, current !== '' || graph === DEFAULT_GRAPH ? 204 : 201)
    })
  })
  app.delete('/store', admin, async (c) => {
    const graph = targetGraph(c)
    return withWriteLock(deps.store, async () => {
      const current = await deps.store.readGraphs([graph])
      if (!current && graph !== DEFAULT_GRAPH) throw new AppError('not_found', `${describe(graph)} holds no triples here`)
      await deps.store.replaceGraphs([graph], '')
      return c.body(null, 204)
    })
  })
  return app
}
