/**
 * Walk any paged DCAT catalogue over HTTP the way a harvester does: GET a page, parse it by its Content-Type,
 * follow hydra:next (or ckanext-dcat's older hydra:nextPage) until there is none. `fetch` is injected.
 */
import jsonld from 'jsonld'
import { Parser, type Quad } from 'n3'
import oxigraph from 'oxigraph'
import { AppError } from '../errors.ts'
import { createLocalDocumentLoader } from '../serialize/jsonld-loader.ts'
import { HYDRA } from '../vocab/index.ts'
import type { CatalogProfile } from './profiles.ts'

export interface HarvestedPage {
  n: number
  url: string
  quads: Quad[]
  bytes: number
  ms: number
}

export interface WalkOptions {
  fetch: typeof fetch
  profile: CatalogProfile
  maxPages: number
  timeoutMs: number
}

/** Turtle first: every DCAT-AP publisher serves it, and it needs no remote JSON-LD context. */
export const HARVEST_ACCEPT = 'text/turtle, application/n-triples;q=0.9, application/rdf+xml;q=0.8, application/ld+json;q=0.5'

/** Why a walk stopped before the catalogue's end (HTTP error, unreadable page, loop, page limit). */
export class HarvestStopped extends AppError {
  constructor(message: string, readonly url: string) {
    super('unavailable', message, { url })
    this.name = 'HarvestStopped'
  }
}

/** Parse a page by its media type; JSON-LD with a remote @context is refused (the loader fetches nothing). */
export async function parsePage(text: string, contentType: string, base: string): Promise<Quad[]> {
  const mediaType = contentType.split(';')[0]!.trim().toLowerCase()
  if (['text/turtle', 'application/x-turtle', 'application/n-triples', 'text/plain', 'application/trig', 'application/n-quads'].includes(mediaType)) {
    return new Parser({ baseIRI: base, format: mediaType === 'text/plain' ? 'N-Triples' : mediaType }).parse(text)
  }
  if (mediaType === 'application/rdf+xml' || mediaType === 'application/xml') {
    return new Parser({ format: 'N-Triples' }).parse(toNTriples(text, base))
  }
  if (mediaType === 'application/ld+json' || mediaType === 'application/json') {
    const nquads = (await jsonld.toRDF(JSON.parse(text), { format: 'application/n-quads', base, documentLoader: createLocalDocumentLoader() as never })) as unknown as string
    return new Parser({ format: 'N-Quads' }).parse(nquads)
  }
  throw new AppError('unsupported_media_type', `cannot read a page of type ${JSON.stringify(contentType)}: ask for Turtle, N-Triples, RDF/XML or JSON-LD`)
}

/** RDF/XML → N-Triples through Oxigraph's parser (N3.js has none). */
function toNTriples(text: string, base: string): string {
  const store = new oxigraph.Store()
  store.load(text, { format: 'application/rdf+xml', base_iri: base })
  return store.dump({ format: 'application/n-triples', from_graph_name: oxigraph.defaultGraph() })
}

/** The next page: hydra:next of this page's view, else any hydra:next / hydra:nextPage in the page. */
export function nextLink(quads: readonly Quad[], url: string): string | undefined {
  const links = quads.filter((q) => (q.predicate.equals(HYDRA.next) || q.predicate.equals(HYDRA.nextPage)) && q.object.termType === 'NamedNode')
  return (links.find((q) => q.subject.value === url) ?? links[0])?.object.value
}

async function fetchPage(url: string, n: number, options: WalkOptions): Promise<HarvestedPage> {
  const started = performance.now()
  const headers = { accept: HARVEST_ACCEPT, 'accept-profile': `<${options.profile.iri}>` }
  let response: Response
  try {
    response = await options.fetch(url, { headers, signal: AbortSignal.timeout(options.timeoutMs), redirect: 'follow' })
  } catch (error) {
    throw new HarvestStopped(`page ${n}: GET ${url} failed: ${(error as Error).message}`, url)
  }
  const text = await response.text()
  if (!response.ok) throw new HarvestStopped(`page ${n}: GET ${url} answered ${response.status}: ${text.slice(0, 300)}`, url)
  try {
    const quads = await parsePage(text, response.headers.get('content-type') ?? '', response.url || url)
    return { n, url, quads, bytes: Buffer.byteLength(text), ms: performance.now() - started }
  } catch (error) {
    throw new HarvestStopped(`page ${n}: ${url} is not readable RDF: ${(error as Error).message}`, url)
  }
}

/** Only http(s), and the walk stays on the origin it started on: a page cannot send the checker elsewhere. */
function checkLink(next: string, start: URL, from: string): string {
  let url: URL
  try {
    url = new URL(next)
  } catch {
    throw new HarvestStopped(`hydra:next of ${from} is not a URL: ${next}`, from)
  }
  if (url.origin !== start.origin) throw new HarvestStopped(`hydra:next of ${from} leaves ${start.origin} for ${url.origin}: not followed`, from)
  return url.href
}

/** Pages from `start` to the last; throws HarvestStopped on an error, a loop, or after `maxPages` pages. */
export async function* walkCatalogue(start: string, options: WalkOptions): AsyncGenerator<HarvestedPage> {
  const origin = new URL(start)
  if (!/^https?:$/.test(origin.protocol)) throw new HarvestStopped(`only http(s) catalogues can be walked, not ${origin.protocol}`, start)
  const visited = new Set<string>()
  let url: string | undefined = origin.href
  for (let n = 1; url; n++) {
    if (n > options.maxPages) throw new HarvestStopped(`stopped after ${options.maxPages} pages (the --max-pages limit); the catalogue goes on at ${url}`, url)
    if (visited.has(url)) throw new HarvestStopped(`hydra:next loops back to ${url}`, url)
    visited.add(url)
    const page = await fetchPage(url, n, options)
    yield page
    const next = nextLink(page.quads, url)
    url = next ? checkLink(next, origin, url) : undefined
  }
}
