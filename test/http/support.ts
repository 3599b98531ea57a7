/** Test support for the HTTP layer: a small in-process GraphStore over oxigraph, a config and an app per test. */
import oxigraph from 'oxigraph'
import pino from 'pino'
import { readFileSync } from 'node:fs'
import { join } from 'node:path'
import { loadConfig, type Config } from '../../src/config.ts'
import { AppError } from '../../src/errors.ts'
import { createApp, type AppDeps } from '../../src/http/app.ts'
import { DEFAULT_QUERY_LIMITS, guardQueryText } from '../../src/query/guard.ts'
import { restoreLanguageCase } from '../../src/serialize/language-case.ts'
import { dumpGraphs } from '../../src/store/embedded-engine.ts'
import type { GraphStore } from '../../src/store/types.ts'

export const FIXTURES = join(import.meta.dirname, '../fixtures/http')

export interface LocalStoreOptions {
  nquads?: string
  /** Query the union of the named graphs as the default graph (our design); false for standard SPARQL semantics. */
  unionDefaultGraph?: boolean
}

/** A GraphStore evaluated in this thread (no worker, no deadline): enough for route tests. */
export function createLocalStore({ nquads = '', unionDefaultGraph = true }: LocalStoreOptions = {}): GraphStore & { raw: oxigraph.Store } {
  const raw = new oxigraph.Store()
  if (nquads) raw.load(nquads, { format: 'application/n-quads' })
  return {
    raw,
    async query({ query, mediaType, defaultGraphUris, namedGraphUris, baseIri }) {
      const hasDataset = !!(defaultGraphUris?.length || namedGraphUris?.length)
      const options = {
        results_format: mediaType,
        ...(baseIri ? { base_iri: baseIri } : {}),
        ...(hasDataset
          ? { default_graph: (defaultGraphUris ?? []).map((iri) => oxigraph.namedNode(iri)), named_graphs: (namedGraphUris ?? []).map((iri) => oxigraph.namedNode(iri)) }
          : { use_default_graph_as_union: unionDefaultGraph }),
      }
      try {
        // As the engine's runQuery does: language tags back in BCP 47 case.
        const body = restoreLanguageCase(raw.query(query, options) as string, mediaType)
        return { form: guardQueryText(query, DEFAULT_QUERY_LIMITS).form, mediaType, body }
      } catch (error) {
        const message = (error as Error).message
        throw /^error at \d+:\d+/.test(message) ? new AppError('bad_query', message) : error
      }
    },
    async replaceGraphs() { throw new AppError('internal', 'read-only test store') },
    async size() { return raw.size },
    async readGraphs(graphs) { return dumpGraphs(raw, graphs) },
    async *dumpNQuads() { yield raw.dump({ format: 'application/n-quads' }) },
    async close() {},
  }
}

export const silentLogger = () => pino({ level: 'silent' })

/** A config from defaults plus overrides given as environment variables. */
export const testConfig = (env: Record<string, string> = {}): Config =>
  loadConfig({ BASE_IRI: 'http://kg.example.tw', QUERIES_DIR: join(FIXTURES, 'queries'), ...env })

export const fixture = (name: string) => readFileSync(join(FIXTURES, name), 'utf8')

/** An app over the fixture graph (or the store given). */
export function buildApp({ store, env, ...rest }: { store?: GraphStore; env?: Record<string, string> } & Partial<Omit<AppDeps, 'store' | 'config'>> = {}) {
  const graphStore = store ?? createLocalStore({ nquads: fixture('graph.nq') })
  return createApp({ store: graphStore, config: testConfig(env), logger: silentLogger(), ...rest })
}
