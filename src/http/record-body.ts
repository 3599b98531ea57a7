/**
 * The body of a record write, as the record's graph: Turtle, N-Triples or JSON-LD (our published contexts only; no
 * remote context is fetched), or one row of the data.gov.tw export's JSON keys — what agencies' systems already
 * produce — which goes through the build's importer and linkers. Every triple must be about the record: its IRI, its
 * fragments and sub-paths (distributions), or blank nodes; a triple about anything else is refused, naming it.
 */
import jsonld from 'jsonld'
import { DataFactory, Parser, type Quad } from 'n3'
import { AppError } from '../errors.ts'
import type { ContextTables } from '../serialize/context.ts'
import { buildContextDocument, contextPath } from '../serialize/context.ts'
import { createLocalDocumentLoader } from '../serialize/jsonld-loader.ts'
import { readChangeExport } from '../sync/change-export.ts'
import { buildRecordGraphs, type RecordGraphs } from '../sync/record-graphs.ts'
import type { SyncContext } from '../sync/sync-context.ts'
import { DCAT, RDF } from '../vocab/index.ts'

export const RECORD_BODY_TYPES = ['text/turtle', 'application/n-triples', 'application/ld+json', 'application/json'] as const

const isOwnedBy = (subject: string, iri: string) => subject === iri || subject.startsWith(`${iri}#`) || subject.startsWith(`${iri}/`)

export async function parseRdf(text: string, mediaType: string, iri: string, options: { origin: string; tables: ContextTables }): Promise<Quad[]> {
  try {
    if (mediaType === 'application/ld+json') {
      const documents: Record<string, unknown> = {}
      for (const language of ['all', 'zh', 'en'] as const) documents[options.origin + contextPath(language)] = buildContextDocument(options.tables, language)
      const nquads = (await jsonld.toRDF(JSON.parse(text), { format: 'application/n-quads', base: iri, documentLoader: createLocalDocumentLoader(documents) as never })) as unknown as string
      return new Parser({ format: 'N-Quads' }).parse(nquads)
    }
    return new Parser({ baseIRI: iri, format: mediaType === 'text/turtle' ? 'Turtle' : 'N-Triples' }).parse(text)
  } catch (error) {
    if (error instanceof AppError) throw error
    throw new AppError('invalid_data', `the ${mediaType} body does not parse: ${(error as Error).message}`)
  }
}

function fromRdf(quads: readonly Quad[], iri: string): RecordGraphs {
  const outside = quads.find((q) => q.subject.termType === 'NamedNode' && !isOwnedBy(q.subject.value, iri))
  if (outside) throw new AppError('invalid_data', `the body describes ${outside.subject.value}, which is not part of the record ${iri} (only the record, its fragments and sub-paths may be written here)`)
  if (quads.some((q) => q.graph.termType !== 'DefaultGraph')) throw new AppError('invalid_data', 'the body names graphs: send the record\'s triples only (its graph is its IRI)')
  const g = DataFactory.namedNode(iri)
  const own = quads.map((q) => DataFactory.quad(q.subject, q.predicate, q.object, g))
  if (!own.some((q) => q.subject.value === iri && q.predicate.equals(RDF.type) && q.object.equals(DCAT.Dataset))) {
    throw new AppError('invalid_data', `the body does not say <${iri}> a dcat:Dataset`)
  }
  return { iri, own, agents: new Map(), warnings: [] }
}

function fromExportRow(text: string, id: string, context: SyncContext): RecordGraphs {
  const parsed = readChangeExport(Buffer.from(Array.isArray(safeJson(text)) ? text : `[${text}]`, 'utf8'), 'request body')
  if (parsed.records.length !== 1) throw new AppError('invalid_data', `the body holds ${parsed.records.length} records; send one (an object with the export's keys)`)
  const [record] = parsed.records
  if (record!.row.資料集識別碼.trim() === '') record!.row.資料集識別碼 = id
  if (record!.row.資料集識別碼.trim() !== id) throw new AppError('invalid_data', `資料集識別碼 is ${record!.row.資料集識別碼} but the IRI is /dataset/${id}`)
  return buildRecordGraphs({ ...record!, id, problem: undefined }, context)
}

const safeJson = (text: string): unknown => {
  try {
    return JSON.parse(text)
  } catch (error) {
    throw new AppError('invalid_data', `the JSON body does not parse: ${(error as Error).message}`)
  }
}

/** Parse a record body of the given media type into the record's graph (and agent graphs, for an export row). */
export async function parseRecordBody(text: string, mediaType: string, id: string, iri: string, options: { origin: string; tables: ContextTables; context: () => Promise<SyncContext> }): Promise<RecordGraphs> {
  if (mediaType === 'application/json') return fromExportRow(text, id, await options.context())
  return fromRdf(await parseRdf(text, mediaType, iri, options), iri)
}
