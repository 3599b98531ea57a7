/**
 * The body of a federation thread: Comunica over an in-memory store of the local quads plus the SERVICE
 * endpoints, reached only through the guarded fetch. One thread per query, so a deadline can stop it all.
 */
import { parentPort, workerData } from 'node:worker_threads'
import { QueryEngine } from '@comunica/query-sparql'
import { Store } from 'n3'
import oxigraph from 'oxigraph'
import { AppError } from '../errors.ts'
import { createGuardedFetch } from './fetch-guard.ts'
import type { FederationCommand, FederationReply, FederationRequest, FederationWorkerData } from './federation-protocol.ts'
import { readLocalQuads } from './local-data.ts'
import { collectLocalPatterns } from './local-patterns.ts'

const settings = workerData as FederationWorkerData
const engine = new QueryEngine()
/** What went wrong on the network, kept because Comunica rewords the errors it passes on. */
const network: { refusal?: AppError; failure?: Error; badStatus?: string } = {}

const guardedFetch = createGuardedFetch({
  allowlist: settings.allowlist,
  allowLoopbackForTests: settings.allowLoopbackForTests,
  onRefused: (error) => { network.refusal ??= error },
})

const observedFetch: typeof fetch = async (input, init) => {
  try {
    const response = await guardedFetch(input, init)
    if (!response.ok) network.badStatus ??= `${response.url} answered HTTP ${response.status}`
    return response
  } catch (error) {
    if (!(error instanceof AppError)) network.failure ??= error as Error
    throw error
  }
}

async function plan(query: string, baseIri: string | undefined): Promise<unknown> {
  let algebra: unknown
  try {
    algebra = (await engine.explain(query, { sources: [new Store()], ...(baseIri ? { baseIRI: baseIri } : {}) }, 'parsed')).data
  } catch (error) {
    throw new AppError('bad_query', `the query does not parse: ${(error as Error).message}`)
  }
  return collectLocalPatterns(algebra)
}

async function readText(stream: NodeJS.ReadableStream): Promise<string> {
  let text = ''
  for await (const chunk of stream) text += typeof chunk === 'string' ? chunk : Buffer.from(chunk as Uint8Array).toString('utf8')
  return text
}

async function evaluate(command: Extract<FederationCommand, { kind: 'evaluate' }>): Promise<string> {
  const local = new Store(command.localResults ? readLocalQuads(command.localResults, command.maxLocalQuads) : [])
  const context = { sources: [local], fetch: observedFetch, lenient: false, httpRetryCount: 0, ...(command.baseIri ? { baseIRI: command.baseIri } : {}) }
  if (command.form === 'CONSTRUCT') {
    // Serialised by oxigraph, as the store serialises every other graph result.
    const quads = await (await engine.queryQuads(command.query, context)).toArray()
    const scratch = new oxigraph.Store()
    for (const quad of quads) scratch.add(oxigraph.quad(quad.subject as oxigraph.Quad_Subject, quad.predicate as oxigraph.Quad_Predicate, quad.object as oxigraph.Quad_Object, oxigraph.defaultGraph()))
    return scratch.query('CONSTRUCT WHERE { ?s ?p ?o }', { results_format: command.mediaType }) as string
  }
  const result = await engine.query(command.query, context)
  return readText((await engine.resultToString(result, command.mediaType, context)).data)
}

/** Comunica's error, unless the network says more precisely what failed. */
function describeFailure(error: unknown): AppError {
  if (network.refusal) return network.refusal
  if (error instanceof AppError) return error
  const message = error instanceof Error ? error.message : String(error)
  if (network.failure) return new AppError('unavailable', `a SERVICE endpoint could not be reached: ${network.failure.message}`)
  if (network.badStatus) return new AppError('unavailable', `a SERVICE endpoint failed: ${network.badStatus} (${message})`)
  return new AppError('bad_query', `the federated query failed: ${message}`)
}

async function execute(command: FederationCommand): Promise<unknown> {
  return command.kind === 'plan' ? plan(command.query, command.baseIri) : evaluate(command)
}

parentPort!.on('message', (request: FederationRequest) => {
  execute(request).then(
    (value): FederationReply => ({ id: request.id, ok: true, value }),
    (caught: unknown): FederationReply => {
      const error = describeFailure(caught)
      return { id: request.id, ok: false, error: { code: error.code, message: error.message, details: error.details } }
    },
  ).then((reply) => parentPort!.postMessage(reply))
})
