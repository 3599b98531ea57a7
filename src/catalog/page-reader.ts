/**
 * Read what one page needs from the store: the record graphs of its members, then a short description of
 * every node they point to (agents, licences, concepts, schemes, laws) so that the page stands on its own.
 */
import { DataFactory, type Quad } from 'n3'
import type { GraphStore } from '../store/types.ts'
import { DCAT, DCT, ELI, FOAF, OWL, RDF, SKOS } from '../vocab/index.ts'
import type { Iris } from '../model/iris.ts'
import { completeGraphsQuery, describeQuery } from './catalog-queries.ts'
import { construct } from './members.ts'

const { namedNode } = DataFactory

/** What a page says about a node it only points to: enough for the range and codelist shapes, and a name. */
export const REFERENCE_PREDICATES: ReadonlySet<string> = new Set([
  RDF.type, SKOS.prefLabel, SKOS.inScheme, SKOS.notation, DCT.title, DCT.type, FOAF.name, ELI.title, OWL.sameAs, SKOS.exactMatch,
].map((term) => term.value))

// Links to web pages and endpoints, never described in the store: not worth a lookup.
const NOT_FOLLOWED = new Set([RDF.type, DCAT.accessURL, DCAT.downloadURL, DCAT.endpointURL, DCAT.endpointDescription].map((t) => t.value))

// A dataset, distribution… that another page lists is described there in full; typed here it would be judged
// as incomplete (DCAT-AP's mandatory properties), so a page never types a node of another record as one.
const RECORD_CLASSES = new Set([DCAT.Dataset, DCAT.Distribution, DCAT.DataService, DCAT.CatalogRecord, DCAT.Catalog, DCAT.DatasetSeries].map((t) => t.value))

/** Reference chains are short: dataset → licence → licence type → its scheme. */
const MAX_DEPTH = 3
/** IRIs per VALUES block: keeps every query well under the store's query-size cap. */
const CHUNK = 200

export interface ReferenceReader {
  /** The descriptions of these nodes (record classes left out), cached until `clear()`. */
  describe(nodes: readonly string[]): Promise<Quad[]>
  clear(): void
}

function chunks<T>(items: readonly T[], size: number): T[][] {
  const out: T[][] = []
  for (let i = 0; i < items.length; i += size) out.push(items.slice(i, i + size))
  return out
}

export function createReferenceReader(store: GraphStore, timeoutMs?: number): ReferenceReader {
  let cache = new Map<string, Quad[]>()
  return {
    async describe(nodes) {
      const missing = [...new Set(nodes)].filter((n) => !cache.has(n))
      const generation = cache
      for (const part of chunks(missing, CHUNK)) {
        const quads = await construct(store, describeQuery(part.map((n) => namedNode(n))), timeoutMs)
        for (const n of part) generation.set(n, [])
        for (const q of quads) {
          if (!REFERENCE_PREDICATES.has(q.predicate.value)) continue
          if (q.predicate.value === RDF.type.value && RECORD_CLASSES.has(q.object.value)) continue
          generation.get(q.subject.value)?.push(q)
        }
      }
      return nodes.flatMap((n) => cache.get(n) ?? generation.get(n) ?? [])
    },
    clear: () => void (cache = new Map()),
  }
}

/** IRIs the quads point to (objects worth following) that they do not describe themselves. */
function pointedTo(quads: readonly Quad[], described: ReadonlySet<string>): string[] {
  const out = new Set<string>()
  for (const q of quads) {
    if (q.object.termType === 'NamedNode' && !NOT_FOLLOWED.has(q.predicate.value) && !described.has(q.object.value)) out.add(q.object.value)
  }
  return [...out]
}

/** Follow references from `quads` up to MAX_DEPTH steps (`described`: nodes the page holds already); the descriptions found. */
export async function readReferences(reader: ReferenceReader, quads: readonly Quad[], alsoDescribed: Iterable<string> = []): Promise<Quad[]> {
  const described = new Set([...quads.map((q) => q.subject.value), ...alsoDescribed])
  const found: Quad[] = []
  let frontier = pointedTo(quads, described)
  for (let depth = 0; depth < MAX_DEPTH && frontier.length; depth++) {
    for (const n of frontier) described.add(n)
    const descriptions = await reader.describe(frontier)
    for (const q of descriptions) found.push(q)
    frontier = pointedTo(descriptions, described)
  }
  return found
}

/** The page's record graphs that still hold a complete record, as N-Triples text (graph by graph). */
export async function readRecordGraphs(store: GraphStore, iris: Iris, graphs: readonly string[], timeoutMs?: number): Promise<string> {
  const status = iris.ogd.metadataStatus
  const complete = iris.concept('metadata-status', 'complete')
  let text = ''
  for (const part of chunks(graphs, CHUNK)) {
    const query = completeGraphsQuery(part.map((g) => namedNode(g)), status, complete)
    const body = (await store.query({ query, mediaType: 'application/n-triples', ...(timeoutMs ? { timeoutMs } : {}) })).body
    text += body === '' || body.endsWith('\n') ? body : `${body}\n`
  }
  return text
}
