/**
 * The GraphStore on a remote Virtuoso 7: queries over the SPARQL 1.1 Protocol (/sparql), writes as one SPARQL
 * Update statement over /sparql-auth with Digest authentication (a large write's quads staged first by the Graph Store
 * Protocol's POST to /sparql-graph-crud-auth, see src/store/remote-update.ts). Answers are re-written locally in the negotiated
 * format (src/store/remote-results.ts), so clients see what the embedded store would give them; Virtuoso's
 * departures from SPARQL 1.1 are hidden or answered as errors (src/store/virtuoso-query.ts); a result that reaches
 * Virtuoso's ResultSetMaxRows, or an "anytime" partial answer, is refused, never passed on as complete.
 *
 * Several servers may share one Virtuoso: every write bumps a generation kept in the store (in the same statement)
 * with the graphs it replaced; each store polls it and tells its listeners of the others' writes, exactly as of its
 * own, so record caches, the result cache, the search index and the catalogue version follow.
 */
import { randomUUID } from 'node:crypto'
import oxigraph from 'oxigraph'
import type { Logger } from 'pino'
import { AppError } from '../errors.ts'
import { DEFAULT_QUERY_LIMITS, type QueryLimits } from '../query/guard.ts'
import { writeIri } from '../query/sparql-tag.ts'
import type { GraphChangeListener, ObservedStore } from '../records/graph-changes.ts'
import { STORE_STATE } from '../vocab/store-state.ts'
import { createDigestFetch } from './digest-auth.ts'
import { prepareQuery } from './embedded-request.ts'
import { readJsonResults, writeGraph, writeResults, writeTermNt } from './remote-results.ts'
import { DIRECT_MAX_TERMS, checkGraphIris, directStatementTerms, initialGenerationOperation, parseReplacement, pruneOperation, replaceOperation, staleStagingOperations, stagedSwitchOperation, stagingCleanupOperations, stagingTriples, storedGraphName } from './remote-update.ts'
import { DEFAULT_GRAPH, type QueryRequest, type QueryResult } from './types.ts'
import { VIRTUOSO_DIFFERENCES, type StoreDescription } from './virtuoso-differences.ts'
import { HIDDEN_FROM_DEFAULT, HIDDEN_FROM_NAMED, booleanVariables, classifyVirtuosoError, writeVirtuosoQuery } from './virtuoso-query.ts'

export interface VirtuosoStoreOptions {
  /** The SPARQL protocol endpoint, e.g. http://127.0.0.1:8890/sparql. */
  queryUrl: string
  /** The authenticated endpoint writes go to (default: queryUrl + "-auth", Virtuoso's /sparql-auth). */
  updateUrl?: string
  /**
   * Virtuoso's authenticated Graph Store endpoint, where large writes stage their quads (default: /sparql-graph-crud-auth
   * beside queryUrl).
   */
  graphCrudUrl?: string
  user?: string
  password?: string
  /** Deadline of a query that brings none. */
  defaultTimeoutMs: number
  limits?: QueryLimits
  /** Rows at which a result counts as cut by Virtuoso (its ResultSetMaxRows; default: read from the server). */
  maxRows?: number
  /** Rows of one keyset page of our own large reads (default: below Virtuoso's MaxSortedTopRows, read from the server). */
  pageRows?: number
  /** How often the generation is polled for other servers' writes (ms; 0: never). */
  pollMs?: number
  logger?: Logger
}

export interface VirtuosoStore extends ObservedStore {
  /** Changes seen (own writes and other servers'), a counter that only grows. */
  generation(): number
  /** False while the store says a load is under way (ogd load), or when the last poll failed. */
  isAvailable(): boolean
  /** Read the generation now and tell listeners of other servers' writes (the poll does it every pollMs). */
  sync(): Promise<void>
  /** Rows at which a result is refused as possibly cut. */
  readonly maxRows: number
  /** Rows of one keyset page of the server's own large reads (below MaxSortedTopRows). */
  readonly pageRows: number
  /** What the service description says of this store. */
  describeStore(): StoreDescription
}

/** A SPARQL 1.1 parse of a client's query (on an empty store: Oxigraph has no parse-only call); SERVICE passes. */
function checkSparql11(query: string, baseIri?: string): void {
  try {
    new oxigraph.Store().query(query, baseIri ? { base_iri: baseIri } : {})
  } catch (error) {
    const message = (error as Error).message
    if (!/SERVICE/i.test(message)) throw new AppError('bad_query', message)
  }
}

const JSON_RESULTS = 'application/sparql-results+json'
const NTRIPLES = 'application/n-triples'
/** Grace past the deadline Virtuoso is told before we stop waiting for its answer. */
const DEADLINE_GRACE_MS = 2_000
/** A staged write older than this is a dead writer's leftover (a switch takes seconds). */
const STALE_STAGING_MS = 3_600_000
/** How many graphs one dump query reads. */
const DUMP_GRAPHS = 200

/** Open the store: checks that Virtuoso answers, that the credentials work and what its row cap is. */
export async function openVirtuosoStore(options: VirtuosoStoreOptions): Promise<VirtuosoStore> {
  const queryUrl = options.queryUrl
  const updateUrl = options.updateUrl ?? `${queryUrl.replace(/\/+$/, '')}-auth`
  const graphCrudUrl = options.graphCrudUrl ?? new URL('/sparql-graph-crud-auth', queryUrl).href
  const limits = options.limits ?? DEFAULT_QUERY_LIMITS
  const authFetch = options.user ? createDigestFetch({ user: options.user, password: options.password ?? '' }) : undefined
  const writer = randomUUID()
  const listeners = new Set<GraphChangeListener>()
  let seenGeneration = 0
  let changes = 0
  let status = 'ready'
  let isReachable = true
  let isClosed = false
  let writing: Promise<unknown> = Promise.resolve()

  /** POST a form to Virtuoso; network failures and deadlines as AppErrors. */
  async function post(url: string, form: Record<string, string>, accept: string, timeoutMs: number, viaAuth = false): Promise<Response> {
    if (isClosed) throw new AppError('unavailable', 'the store is closed')
    const doFetch = viaAuth ? authFetch : fetch
    if (!doFetch) throw new AppError('invalid_config', 'writes to the remote store need STORE_USER and STORE_PASSWORD (a Virtuoso user with the SPARQL_UPDATE role)')
    const controller = new AbortController()
    const timer = setTimeout(() => controller.abort(), timeoutMs + DEADLINE_GRACE_MS)
    try {
      return await doFetch(url, { method: 'POST', headers: { 'content-type': 'application/x-www-form-urlencoded', accept }, body: new URLSearchParams(form).toString(), signal: controller.signal })
    } catch (error) {
      if (controller.signal.aborted) throw new AppError('timeout', `the store did not answer within the deadline (${timeoutMs} ms)`, { timeoutMs })
      throw new AppError('unavailable', `the store at ${url} does not answer: ${(error as Error).cause instanceof Error ? ((error as Error).cause as Error).message : (error as Error).message}`, { retryAfterSeconds: 5 })
    } finally {
      clearTimeout(timer)
    }
  }

  /** Send one query text as it is (already written for Virtuoso); the body of a complete 200 answer. */
  async function send(text: string, accept: string, timeoutMs: number, dataset: { defaultGraphUris?: string[]; namedGraphUris?: string[] } = {}): Promise<string> {
    const params = new URLSearchParams()
    for (const g of dataset.defaultGraphUris ?? []) params.append('default-graph-uri', g)
    for (const g of dataset.namedGraphUris ?? []) params.append('named-graph-uri', g)
    const url = params.size ? `${queryUrl}?${params}` : queryUrl
    // Virtuoso's `timeout` (ms) makes it stop the work at our deadline; what it has by then comes flagged as partial.
    const response = await post(url, { query: text, timeout: String(timeoutMs) }, accept, timeoutMs)
    const body = await response.text()
    const sqlState = response.headers.get('x-sql-state')
    if (sqlState || response.status === 206) {
      throw new AppError('timeout', `the query ran past its deadline (${timeoutMs} ms) in the store, which stopped it with a partial answer (X-SQL-State ${sqlState ?? 'none'}); it was not passed on`, { timeoutMs, sqlState })
    }
    if (response.status !== 200) throw classifyVirtuosoError(response.status, body)
    return body
  }

  async function select(text: string, timeoutMs = options.defaultTimeoutMs) {
    return readJsonResults(await send(text, JSON_RESULTS, timeoutMs))
  }

  /** Our own internal reads (no exclusions needed: they name their graphs). */
  const hiddenNamed = (variable: string, graphs: readonly string[]) => `FILTER(${variable} NOT IN (${graphs.map(writeIri).join(', ')}))`

  async function readMaxRows(): Promise<number> {
    if (options.maxRows) return options.maxRows
    const { rows } = await select(`SELECT (bif:virtuoso_ini_item_value('SPARQL', 'ResultSetMaxRows') AS ?max) WHERE {}`)
    const max = Number(rows[0]?.max?.value)
    // Unset in the ini means Virtuoso's built-in default, 10,000.
    return Number.isInteger(max) && max > 0 ? max : 10_000
  }

  /** Rows an ORDER BY with LIMIT may sort (MaxSortedTopRows, past which Virtuoso refuses with SR353). */
  async function readPageRows(): Promise<number> {
    if (options.pageRows) return options.pageRows
    const { rows } = await select(`SELECT (bif:virtuoso_ini_item_value('Parameters', 'MaxSortedTopRows') AS ?max) WHERE {}`)
    const sorted = Number(rows[0]?.max?.value)
    return Math.min(Number.isInteger(sorted) && sorted > 1 ? sorted - 1 : 9_999, maxRows - 1)
  }

  const notify = (graphs: readonly string[]) => {
    changes += 1
    for (const listener of listeners) listener(graphs)
  }

  /** Every graph (after a load, or when more writes were missed than the store keeps records of). */
  async function allGraphs(): Promise<string[]> {
    // Pages by key, not OFFSET: Virtuoso sorts at most MaxSortedTopRows (10,000 by default) rows of OFFSET + LIMIT.
    const graphs: string[] = []
    const page = Math.min(maxRows - 1, 9_999)
    for (;;) {
      const after = graphs.length ? `FILTER(STR(?g) > ${JSON.stringify(graphs.at(-1))})` : ''
      const { rows } = await select(`SELECT DISTINCT ?g WHERE { GRAPH ?g { ?s ?p ?o } ${hiddenNamed('?g', HIDDEN_FROM_NAMED)} ${after} } ORDER BY STR(?g) LIMIT ${page}`, 600_000)
      graphs.push(...rows.map((row) => row.g!.value))
      if (rows.length < page) return graphs
    }
  }

  async function readState(): Promise<{ current: number; status: string; hasGeneration: boolean }> {
    const s = STORE_STATE
    const { rows } = await select(`SELECT ?n ?status WHERE { GRAPH ${writeIri(s.graph)} { OPTIONAL { ${writeIri(s.subject)} ${writeIri(s.generation)} ?n } OPTIONAL { ${writeIri(s.subject)} ${writeIri(s.status)} ?status } } }`)
    return { current: Number(rows[0]?.n?.value ?? 0), status: rows[0]?.status?.value ?? 'ready', hasGeneration: rows[0]?.n !== undefined }
  }

  async function sync(): Promise<void> {
    const s = STORE_STATE
    const state = await readState()
    const current = state.current
    status = state.status
    if (current === seenGeneration) return
    const since = seenGeneration
    const records = (await select(`SELECT ?n ?g ?all ?w WHERE { GRAPH ${writeIri(s.graph)} { ?c ${writeIri(s.changeNumber)} ?n ; ${writeIri(s.writer)} ?w . OPTIONAL { ?c ${writeIri(s.replaced)} ?g } OPTIONAL { ?c ${writeIri(s.replacedAll)} ?all } FILTER(?n > ${since} && ?n <= ${current}) } }`)).rows
    seenGeneration = current
    const numbers = new Set(records.map((row) => Number(row.n!.value)))
    const isComplete = current < since || numbers.size === current - since
    const foreign = records.filter((row) => row.w!.value !== writer)
    if (!isComplete || current < since || foreign.some((row) => row.all)) {
      notify(await allGraphs())
      return
    }
    const graphs = [...new Set(foreign.flatMap((row) => (row.g ? [row.g.value === STORE_STATE.defaultGraph ? DEFAULT_GRAPH : row.g.value] : [])))]
    if (graphs.length > 0) notify(graphs)
  }

  // Start-up checks, each failure naming what is wrong.
  try {
    await select('ASK {}', 10_000)
  } catch (error) {
    throw new AppError((error as AppError).code === 'unavailable' ? 'unavailable' : 'invalid_config', `STORE_URL ${queryUrl}: ${(error as Error).message}`, { retryAfterSeconds: 5 })
  }
  if (authFetch) {
    const response = await post(updateUrl, { query: 'ASK {}' }, JSON_RESULTS, 10_000, true).catch((error: AppError) => { throw new AppError('unavailable', `the update endpoint ${updateUrl}: ${error.message}`) })
    await response.body?.cancel()
    if (response.status === 401 || response.status === 403) throw new AppError('invalid_config', `STORE_USER/STORE_PASSWORD: the update endpoint ${updateUrl} refused them (HTTP ${response.status}); the user needs Virtuoso's SPARQL_UPDATE role`)
    if (response.status !== 200) throw new AppError('invalid_config', `the update endpoint ${updateUrl} answered HTTP ${response.status}: set STORE_UPDATE_URL to Virtuoso's authenticated SPARQL endpoint (/sparql-auth)`)
  }
  const maxRows = await readMaxRows()
  const pageRows = await readPageRows()
  let initial = await readState()
  // A store no load has prepared: start its generation, so that writes (which require it) can be counted.
  if (!initial.hasGeneration && authFetch) {
    await update(initialGenerationOperation())
    initial = await readState()
  }
  seenGeneration = initial.current
  status = initial.status
  const poller = options.pollMs === 0 ? undefined : setInterval(() => {
    sync().then(() => { isReachable = true }, (error: unknown) => {
      if (isReachable) options.logger?.warn({ err: error }, 'the store does not answer the generation poll')
      isReachable = false
    })
  }, options.pollMs ?? 1_000)
  poller?.unref()

  const checkOpen = () => {
    if (status === 'loading') throw new AppError('unavailable', 'the store is being loaded with a new snapshot (ogd load); it answers again when the load is complete', { retryAfterSeconds: 30 })
  }

  async function query(request: QueryRequest): Promise<QueryResult> {
    checkOpen()
    const prepared = prepareQuery(request, { limits })
    // A client's query is parsed by a SPARQL 1.1 parser first: Virtuoso accepts its own extensions (define, bif:), we
    // answer SPARQL only. The server's own queries (request.trusted: written with the sparql tag) skip it.
    if (!request.trusted) checkSparql11(request.query, request.baseIri)
    const timeoutMs = request.timeoutMs ?? options.defaultTimeoutMs
    const hasDataset = prepared.hasDatasetClause || Boolean(request.defaultGraphUris?.length || request.namedGraphUris?.length)
    const text = writeVirtuosoQuery(request.query, { form: prepared.form, hasDataset, baseIri: request.baseIri })
    const dataset = { defaultGraphUris: request.defaultGraphUris, namedGraphUris: request.namedGraphUris }
    if (prepared.form === 'SELECT' || prepared.form === 'ASK') {
      const results = readJsonResults(await send(text, JSON_RESULTS, timeoutMs, dataset), booleanVariables(request.query))
      if (results.rows.length >= maxRows) throw rowCapError(results.rows.length)
      return { form: prepared.form, mediaType: prepared.mediaType, body: writeResults(results, prepared.mediaType) }
    }
    const ntriples = await send(text, NTRIPLES, timeoutMs, dataset)
    const lines = ntriples.split('\n').filter((line) => line.trim() && !line.startsWith('#')).length
    if (lines >= maxRows) throw rowCapError(lines)
    return { form: prepared.form, mediaType: prepared.mediaType, body: writeGraph(ntriples, prepared.mediaType) }
  }

  const rowCapError = (rows: number) => new AppError('engine_limit', `the answer reached the store's cap of ${maxRows.toLocaleString('en')} rows (Virtuoso's ResultSetMaxRows; it would cut the rest silently), so it was not passed on as complete: add a LIMIT below ${maxRows.toLocaleString('en')} and page with OFFSET, or download the whole graph from /dump.nq.gz`, { rows, maxRows })

  async function update(text: string): Promise<void> {
    for (let attempt = 1; ; attempt += 1) {
      const response = await post(updateUrl, { update: text }, JSON_RESULTS, 600_000, true)
      const body = await response.text()
      if (response.status === 200) return
      // A deadlock with another server's write: Virtuoso rolled this one back; it is safe to run again.
      if (/\b40001\b/.test(body) && attempt < 4) continue
      throw classifyVirtuosoError(response.status, body)
    }
  }

  /**
   * Read the old quads at a generation, send the statement, check that it applied; again if another write came
   * between. A change too large for one statement with constants (DIRECT_MAX_TERMS) is staged first, then switched
   * in by one statement of fixed size (remote-update.ts, StagedWrite).
   */
  async function applyReplacement(graphs: readonly string[], quads: readonly oxigraph.Quad[]): Promise<void> {
    // Too large already by its new quads: no need to read the old ones.
    if (quads.length + graphs.length * 2 > DIRECT_MAX_TERMS) return applyStaged(graphs, quads)
    for (let attempt = 1; attempt <= 8; attempt += 1) {
      const { current: generation } = await readState()
      const old = graphs.length ? oxigraph.parse(await dumpGraphs(graphs, true), { format: 'application/n-quads' }) : []
      if ((await readState()).current !== generation) continue
      if (directStatementTerms({ graphs, old, quads }) > DIRECT_MAX_TERMS) return applyStaged(graphs, quads)
      const token = randomUUID()
      await update(replaceOperation({ graphs, old, quads, generation, writer, token }))
      if (await isApplied(token)) return
    }
    throw keptChanging()
  }

  const isApplied = async (token: string) =>
    (await select(`ASK { GRAPH ${writeIri(STORE_STATE.graph)} { ?c ${writeIri(STORE_STATE.token)} ${JSON.stringify(token)} } }`)).boolean === true
  const keptChanging = () => new AppError('unavailable', 'the store kept changing under this write (other servers writing the same graphs): not applied; try again', { retryAfterSeconds: 1 })

  /** A large replacement: its quads staged by a GSP POST into the hidden staging graph, then one switch statement. */
  async function applyStaged(graphs: readonly string[], quads: readonly oxigraph.Quad[]): Promise<void> {
    const write = `${STORE_STATE.writePrefix}${randomUUID()}`
    try {
      await postStaging(stagingTriples({ write, graphs }, quads, new Date()))
      for (let attempt = 1; attempt <= 8; attempt += 1) {
        const { current: generation } = await readState()
        const token = randomUUID()
        await update(stagedSwitchOperation({ write, generation, writer, token }))
        if (await isApplied(token)) return
      }
      throw keptChanging()
    } finally {
      for (const operation of stagingCleanupOperations(write)) {
        await update(operation).catch((error: unknown) => options.logger?.warn({ err: error, write }, 'removing a staged write failed (it is hidden, and removed with stale staging later)'))
      }
    }
  }

  /** Add N-Triples to the staging graph (Virtuoso's Graph Store POST: its bulk reader, no statement size limit). */
  async function postStaging(ntriples: string): Promise<void> {
    if (isClosed) throw new AppError('unavailable', 'the store is closed')
    if (!authFetch) throw new AppError('invalid_config', 'writes to the remote store need STORE_USER and STORE_PASSWORD (a Virtuoso user with the SPARQL_UPDATE role)')
    const url = `${graphCrudUrl}?graph-uri=${encodeURIComponent(STORE_STATE.staging)}`
    const controller = new AbortController()
    const timer = setTimeout(() => controller.abort(), 600_000)
    let response: Response
    try {
      response = await authFetch(url, { method: 'POST', headers: { 'content-type': 'application/n-triples' }, body: ntriples, signal: controller.signal })
    } catch (error) {
      throw new AppError('unavailable', `the store's Graph Store endpoint ${graphCrudUrl} does not answer: ${(error as Error).cause instanceof Error ? ((error as Error).cause as Error).message : (error as Error).message}`, { retryAfterSeconds: 5 })
    } finally {
      clearTimeout(timer)
    }
    const body = await response.text()
    if (response.status === 401 || response.status === 403) throw new AppError('invalid_config', `the store's Graph Store endpoint ${graphCrudUrl} refused STORE_USER (HTTP ${response.status}): large writes stage their quads there; grant the user SPARQL_UPDATE, or set STORE_GRAPH_CRUD_URL`)
    if (response.status === 404) throw new AppError('invalid_config', `no Graph Store endpoint at ${graphCrudUrl} (HTTP 404): set STORE_GRAPH_CRUD_URL to Virtuoso's /sparql-graph-crud-auth`)
    if (response.status >= 300) throw classifyVirtuosoError(response.status, body)
  }

  let nextStalePrune = 0
  async function replaceGraphs(graphs: readonly string[], nquads: string): Promise<void> {
    checkOpen()
    checkGraphIris(graphs)
    const quads = parseReplacement(graphs, nquads)
    const run = writing.then(async () => {
      await applyReplacement(graphs.map(storedGraphName), quads)
      notify(graphs)
      await update(pruneOperation()).catch((error: unknown) => options.logger?.warn({ err: error }, 'pruning old change records failed'))
      // Staged writes a writer left behind when it died between staging and switch (hidden; only space is lost).
      if (Date.now() >= nextStalePrune) {
        nextStalePrune = Date.now() + STALE_STAGING_MS
        for (const operation of staleStagingOperations(new Date(Date.now() - STALE_STAGING_MS))) {
          await update(operation).catch((error: unknown) => options.logger?.warn({ err: error }, 'removing stale staged writes failed'))
        }
      }
    })
    writing = run.catch(() => undefined)
    await run
  }

  async function size(): Promise<number> {
    const { rows } = await select(`SELECT (COUNT(*) AS ?n) WHERE { GRAPH ?g { ?s ?p ?o } ${hiddenNamed('?g', HIDDEN_FROM_DEFAULT)} }`, 600_000)
    return Number(rows[0]?.n?.value ?? 0)
  }

  /**
   * N-Quads lines of the listed graphs (Virtuoso's names); a chunk that reaches the row cap is read in halves. The
   * default graph's stand-in comes out as triples, or in its own name (`asStored`: for a replacement's old quads).
   */
  async function dumpGraphs(graphs: readonly string[], asStored = false): Promise<string> {
    const { rows } = await select(`SELECT ?g ?s ?p ?o WHERE { VALUES ?g { ${graphs.map(writeIri).join(' ')} } GRAPH ?g { ?s ?p ?o } }`, 600_000)
    if (rows.length >= maxRows) {
      if (graphs.length === 1) throw rowCapError(rows.length)
      const half = Math.ceil(graphs.length / 2)
      return (await dumpGraphs(graphs.slice(0, half), asStored)) + (await dumpGraphs(graphs.slice(half), asStored))
    }
    return rows.map((row) => {
      const graph = row.g!.value === STORE_STATE.defaultGraph && !asStored ? '' : ` <${row.g!.value}>`
      // Virtuoso's blank node labels are stable internal ids, the same in every query: one node, one label.
      return `${writeTermNt(row.s!)} ${writeTermNt(row.p!)} ${writeTermNt(row.o!)}${graph} .\n`
    }).join('')
  }

  async function* dumpNQuads(): AsyncGenerator<string> {
    checkOpen()
    const defaultGraph = await dumpGraphs([STORE_STATE.defaultGraph])
    if (defaultGraph) yield defaultGraph
    const graphs = await allGraphs()
    for (let i = 0; i < graphs.length; i += DUMP_GRAPHS) {
      const chunk = await dumpGraphs(graphs.slice(i, i + DUMP_GRAPHS))
      if (chunk) yield chunk
    }
  }

  async function readGraphs(graphs: readonly string[]): Promise<string> {
    checkOpen()
    checkGraphIris(graphs)
    return graphs.length ? dumpGraphs(graphs.map(storedGraphName)) : ''
  }

  return {
    query,
    replaceGraphs,
    readGraphs,
    size,
    dumpNQuads,
    async close() {
      isClosed = true
      if (poller) clearInterval(poller)
      listeners.clear()
    },
    onGraphsReplaced(listener) {
      listeners.add(listener)
      return () => listeners.delete(listener)
    },
    generation: () => changes,
    isAvailable: () => isReachable && status !== 'loading' && !isClosed,
    sync,
    maxRows,
    pageRows,
    describeStore: () => ({ engine: 'Virtuoso 7 (remote, SPARQL 1.1 Protocol)', maxRows, differences: VIRTUOSO_DIFFERENCES }),
  }
}
