/**
 * The document behind a dereferenceable IRI: a record's whole named graph, or the part of a graph a sub-resource
 * owns (a distribution, an article, a concept…), plus a summary (type, names) of every resource it links to.
 */
import { createHash } from 'node:crypto'
import { DataFactory, Parser, Writer, type Quad, type Term } from 'n3'
import type { GraphStore } from '../store/types.ts'
import { restoreLanguageCase } from '../serialize/language-case.ts'
import { DCT, RDF } from '../vocab/index.ts'
import { graphQuery, graphsOfQuery, mentionsQuery, recordQuery, summaryQuery } from './record-queries.ts'

const { namedNode, literal, blankNode, quad } = DataFactory

export type DocumentKind = 'record' | 'part' | 'mention'

/** A dependency on every graph: dropped on any write (a mention may be answered by any new record). */
export const ANY_GRAPH = '*'

export interface RecordDocument {
  /** The resource the document is about (its IRI without fragment). */
  readonly iri: string
  /** The named graph the document is read from. */
  readonly graph: string
  /**
   * 'record': a record's whole graph; 'part': what a sub-resource owns in its record's graph; 'mention': an IRI the
   * graph points to but describes nowhere (e.g. a law outside our snapshot), answered with the statements pointing to it.
   */
  readonly kind: DocumentKind
  /** The node the document is about: the IRI itself, or the main subject of a record graph that names another IRI. */
  readonly focus: string
  /** Triples, the root's first, in a stable order. */
  readonly quads: readonly Quad[]
  /** The triples as sorted N-Triples: the document's identity (its ETag is derived from it). */
  readonly ntriples: string
  /** A short hash of `ntriples`. */
  readonly hash: string
  /** Every named graph whose change makes this document stale. */
  readonly dependsOn: readonly string[]
  /** The root's dct:modified, for Last-Modified. */
  readonly modified?: Date
}

const parseNTriples = (text: string): Quad[] => new Parser({ format: 'N-Triples' }).parse(text)

/** Every triple of a named graph, parsed. */
export const readGraph = (store: GraphStore, graph: string, timeoutMs?: number): Promise<Quad[]> => construct(store, graphQuery(namedNode(graph)), timeoutMs)

async function construct(store: GraphStore, query: string, timeoutMs?: number): Promise<Quad[]> {
  const result = await store.query({ query, mediaType: 'application/n-triples', trusted: true, ...(timeoutMs ? { timeoutMs } : {}) })
  return parseNTriples(result.body)
}

interface Binding { type: string; value: string; 'xml:lang'?: string; datatype?: string }

function termOf(binding: Binding): Term {
  if (binding.type === 'uri') return namedNode(binding.value)
  if (binding.type === 'bnode') return blankNode(binding.value)
  return literal(binding.value, binding['xml:lang'] || (binding.datatype ? namedNode(binding.datatype) : undefined))
}

async function select(store: GraphStore, query: string, timeoutMs?: number): Promise<Record<string, Binding>[]> {
  const result = await store.query({ query, mediaType: 'application/sparql-results+json', trusted: true, ...(timeoutMs ? { timeoutMs } : {}) })
  return (JSON.parse(result.body) as { results: { bindings: Record<string, Binding>[] } }).results.bindings
}

/** Whether `subject` is owned by the document of `iri`: itself, its fragments and the paths below it. */
const isOwnedBy = (subject: string, iri: string) => subject === iri || subject.startsWith(`${iri}#`) || subject.startsWith(`${iri}/`)

/**
 * The part of a graph `iri` owns: its own subjects, then (transitively) the blank nodes and fragment nodes they
 * point to, so that a distribution brings its `#schema` and columns along.
 */
export function extractPart(quads: readonly Quad[], iri: string): Quad[] {
  const bySubject = new Map<string, Quad[]>()
  for (const q of quads) {
    const key = q.subject.termType === 'BlankNode' ? `_:${q.subject.value}` : q.subject.value
    bySubject.set(key, [...(bySubject.get(key) ?? []), q])
  }
  const wanted = [...bySubject.keys()].filter((subject) => !subject.startsWith('_:') && isOwnedBy(subject, iri))
  const seen = new Set(wanted)
  const part: Quad[] = []
  while (wanted.length > 0) {
    for (const q of bySubject.get(wanted.pop()!) ?? []) {
      part.push(q)
      const o = q.object
      const key = o.termType === 'BlankNode' ? `_:${o.value}` : o.termType === 'NamedNode' && o.value.includes('#') ? o.value : undefined
      if (key && !seen.has(key) && bySubject.has(key)) {
        seen.add(key)
        wanted.push(key)
      }
    }
  }
  return part
}

/** Linked resources worth a summary: IRIs the document points to (or is pointed from) but does not describe; classes excluded. */
function linkedResources(own: readonly Quad[], incoming: readonly Quad[]): string[] {
  const described = new Set(own.map((q) => q.subject.value))
  const linked = new Set<string>(incoming.map((q) => q.subject.value))
  for (const q of own) if (q.object.termType === 'NamedNode' && !q.predicate.equals(RDF.type)) linked.add(q.object.value)
  return [...linked].filter((iri) => !described.has(iri)).sort()
}

const termKey = (term: Term) => (term.termType === 'Literal' ? `"${term.value}"@${term.language}^^${term.datatype.value}` : `${term.termType}:${term.value}`)

/** Triples in a stable order: the root's first (rdf:type leading), then by subject, predicate and object. */
function sortQuads(quads: readonly Quad[], root: string): Quad[] {
  const rank = (q: Quad) => (q.subject.value === root && q.subject.termType === 'NamedNode' ? '0' : '1') + q.subject.termType + q.subject.value
  const predicateRank = (q: Quad) => (q.predicate.equals(RDF.type) ? '0' : '1') + q.predicate.value
  return [...quads].sort((a, b) => rank(a).localeCompare(rank(b)) || predicateRank(a).localeCompare(predicateRank(b)) || termKey(a.object).localeCompare(termKey(b.object)))
}

/** The IRI itself when it is described; else the named subject with the most statements (a licence graph names its SPDX IRI). */
function focusOf(quads: readonly Quad[], iri: string): string {
  const counts = new Map<string, number>()
  for (const q of quads) if (q.subject.termType === 'NamedNode') counts.set(q.subject.value, (counts.get(q.subject.value) ?? 0) + 1)
  if (counts.has(iri) || counts.size === 0) return iri
  return [...counts].sort((a, b) => b[1] - a[1] || a[0].localeCompare(b[0]))[0]![0]
}

function modifiedOf(quads: readonly Quad[], root: string): Date | undefined {
  const dates = quads
    .filter((q) => q.subject.value === root && q.predicate.equals(DCT.modified) && q.object.termType === 'Literal')
    .map((q) => new Date(q.object.value))
    .filter((date) => !Number.isNaN(date.getTime()))
  return dates.length > 0 ? new Date(Math.max(...dates.map((d) => d.getTime()))) : undefined
}

/** Assemble a document from its own triples and its summaries. */
export function assembleDocument(input: { iri: string; graph: string; kind: DocumentKind; own: readonly Quad[]; summary: readonly Quad[]; summaryGraphs: readonly string[] }): RecordDocument {
  const seen = new Set<string>()
  const unique: Quad[] = []
  for (const q of [...input.own, ...input.summary]) {
    const key = `${termKey(q.subject)} ${q.predicate.value} ${termKey(q.object)}`
    if (!seen.has(key)) {
      seen.add(key)
      unique.push(quad(q.subject, q.predicate, q.object))
    }
  }
  const quads = sortQuads(unique, input.iri)
  // N3.js lower-cases language tags; the document (and its ETag) carries BCP 47 case.
  const ntriples = restoreLanguageCase(new Writer({ format: 'N-Triples' }).quadsToString(quads), 'application/n-triples')
  const hash = createHash('sha256').update(ntriples).digest('base64url').slice(0, 22)
  const dependsOn = [...new Set([input.graph, ...input.summaryGraphs, ...(input.kind === 'mention' ? [ANY_GRAPH] : [])])].sort()
  const focus = focusOf(quads, input.iri)
  return { iri: input.iri, graph: input.graph, kind: input.kind, focus, quads, ntriples, hash, dependsOn, modified: modifiedOf(quads, focus) }
}

export interface LoadOptions {
  timeoutMs?: number
  /** Reads a whole graph for a part's extraction (a cache of recently read graphs, e.g. the vocabularies). */
  readGraph?: (graph: string) => Promise<Quad[]>
}

/** Read the document of `iri` from the store; undefined when no graph says anything about it. */
export async function loadDocument(store: GraphStore, iri: string, options: LoadOptions = {}): Promise<RecordDocument | undefined> {
  const resource = namedNode(iri)
  // A record (the IRI names a graph): its triples and their summary in one query.
  const rows = await select(store, recordQuery(resource), options.timeoutMs)
  const ownRows = rows.filter((row) => !row.g)
  if (ownRows.length > 0) {
    const own = ownRows.map(toQuad)
    const linked = new Set(linkedResources(own, []))
    const summaryRows = rows.filter((row) => row.g && linked.has(row.s!.value))
    return assembleDocument({ iri, graph: iri, kind: 'record', own, summary: summaryRows.map(toQuad), summaryGraphs: summaryRows.map((row) => row.g!.value) })
  }
  const graphs = (await select(store, graphsOfQuery(resource), options.timeoutMs)).map((b) => b.g?.value).filter((g): g is string => !!g).sort()
  if (graphs.length === 0) return loadMention(store, iri, options)
  const graph = graphs[0]!
  const whole = options.readGraph ? await options.readGraph(graph) : await construct(store, graphQuery(namedNode(graph)), options.timeoutMs)
  const own = extractPart(whole, iri)
  // The statements pointing at the part from its record (dataset → distribution, law → article): the way back.
  const incoming = whole.filter((q) => q.object.equals(resource) && q.subject.termType === 'NamedNode' && !isOwnedBy(q.subject.value, iri))
  const linked = linkedResources(own, incoming)
  const summaryRows = linked.length > 0 ? await select(store, summaryQuery(linked.map((value) => namedNode(value))), options.timeoutMs) : []
  return assembleDocument({ iri, graph, kind: 'part', own: [...own, ...incoming], summary: summaryRows.map(toQuad), summaryGraphs: summaryRows.map((row) => row.g!.value) })
}

const toQuad = (row: Record<string, Binding>): Quad => quad(termOf(row.s!) as never, termOf(row.p!) as never, termOf(row.o!) as never)

/** The statements pointing to an IRI no graph describes; undefined when nothing points to it either. */
async function loadMention(store: GraphStore, iri: string, options: LoadOptions): Promise<RecordDocument | undefined> {
  const rows = await select(store, mentionsQuery(namedNode(iri)), options.timeoutMs)
  if (rows.length === 0) return undefined
  const incoming = rows.map((row) => quad(termOf(row.s!) as never, termOf(row.p!) as never, namedNode(iri)))
  const linked = [...new Set(incoming.filter((q) => q.subject.termType === 'NamedNode').map((q) => q.subject.value))].sort()
  const summaryRows = linked.length > 0 ? await select(store, summaryQuery(linked.map((value) => namedNode(value))), options.timeoutMs) : []
  const summary = summaryRows.map((row) => quad(termOf(row.s!) as never, termOf(row.p!) as never, termOf(row.o!) as never))
  const graphs = [...rows, ...summaryRows].map((row) => row.g!.value)
  return assembleDocument({ iri, graph: iri, kind: 'mention', own: incoming, summary, summaryGraphs: graphs })
}
