/**
 * The change feed as an ActivityStreams 2.0 OrderedCollection, oldest change first: Create, Update and Delete of
 * catalogue records. Rendered as AS2 JSON (its own context) and as RDF quads (for Turtle, N-Triples, RDF/XML).
 */
import { DataFactory, type NamedNode, type Quad, type Quad_Object, type Quad_Subject } from 'n3'
import { AS, AS_CONTEXT_IRI, RDF, XSD } from '../vocab/index.ts'
import type { CatalogChange } from './change-log.ts'

const { blankNode, literal, namedNode, quad } = DataFactory

/** The AS2 profile (media type parameter); the JSON's `@context` is our copy of its context (FeedCollection.context). */
export const AS_CONTEXT = AS_CONTEXT_IRI

/** AS2 published/updated are xsd:dateTime: a date alone is its first instant in Taiwan time (as modified_since reads it). */
const asDateTime = (text: string) => (text.includes('T') ? text : `${text}T00:00:00+08:00`)

export interface FeedPage {
  /** The URL of the JSON-LD context the JSON names (our copy of the AS2 context). */
  context: string
  /** Absolute URLs: the collection, this page, first, last, neighbours. */
  collection: string
  self: string
  first: string
  last: string
  previous?: string
  next?: string
  totalItems: number
  /** Position of the page's first item in the (filtered) collection, from 0. */
  startIndex: number
  items: readonly CatalogChange[]
  /** The catalogue the activities change, and the base for activity ids. */
  catalog: NamedNode
}

/** A stable id per change: the feed position never changes once given. */
export const activityIri = (catalog: NamedNode, change: CatalogChange): string => `${catalog.value}/changes#${change.seq}`

function activityJson(page: FeedPage, change: CatalogChange): Record<string, unknown> {
  return {
    id: activityIri(page.catalog, change),
    type: change.type,
    object: change.dataset,
    target: page.catalog.value,
    published: change.at,
    ...(change.modified ? { updated: asDateTime(change.modified) } : {}),
  }
}

/** The AS2 JSON of one page of the collection (an OrderedCollectionPage with its partOf collection inline). */
export function feedPageJson(page: FeedPage): Record<string, unknown> {
  return {
    '@context': page.context,
    id: page.self,
    type: 'OrderedCollectionPage',
    partOf: { id: page.collection, type: 'OrderedCollection', totalItems: page.totalItems, first: page.first, last: page.last },
    startIndex: page.startIndex,
    ...(page.previous ? { prev: page.previous } : {}),
    ...(page.next ? { next: page.next } : {}),
    orderedItems: page.items.map((change) => activityJson(page, change)),
  }
}

/** An rdf:List of `items` (AS2 orderedItems is an ordered list); returns its head and its quads. */
function rdfList(items: readonly Quad_Object[], label: string): { head: Quad_Object; quads: Quad[] } {
  const quads: Quad[] = []
  let head: Quad_Object = RDF.nil
  for (let i = items.length - 1; i >= 0; i--) {
    const cell = blankNode(`${label}${i}`)
    quads.push(quad(cell, RDF.first, items[i]!), quad(cell, RDF.rest, head))
    head = cell
  }
  return { head, quads }
}

function activityQuads(page: FeedPage, change: CatalogChange): Quad[] {
  const id = namedNode(activityIri(page.catalog, change))
  const quads = [
    quad(id, RDF.type, AS[change.type]),
    quad(id, AS.object, namedNode(change.dataset)),
    quad(id, AS.target, page.catalog),
    quad(id, AS.published, literal(change.at, XSD.dateTime)),
  ]
  if (change.modified) quads.push(quad(id, AS.updated, literal(asDateTime(change.modified), XSD.dateTime)))
  return quads
}

export interface FeedCollection {
  /** The URL of the JSON-LD context the JSON names (our copy of the AS2 context). */
  context: string
  collection: string
  first: string
  last: string
  totalItems: number
}

/** The collection itself: how many changes, where its first and last pages are. */
export const feedCollectionJson = (feed: FeedCollection): Record<string, unknown> => ({
  '@context': feed.context,
  id: feed.collection,
  type: 'OrderedCollection',
  totalItems: feed.totalItems,
  first: feed.first,
  last: feed.last,
})

export function feedCollectionQuads(feed: FeedCollection): Quad[] {
  const collection = namedNode(feed.collection)
  return [
    quad(collection, RDF.type, AS.OrderedCollection),
    quad(collection, AS.totalItems, literal(String(feed.totalItems), XSD.nonNegativeInteger)),
    quad(collection, AS.first, namedNode(feed.first)),
    quad(collection, AS.last, namedNode(feed.last)),
  ]
}

/** The same page as RDF. */
export function feedPageQuads(page: FeedPage): Quad[] {
  const self = namedNode(page.self)
  const collection = namedNode(page.collection)
  const link = (s: Quad_Subject, p: NamedNode, url?: string) => (url ? [quad(s, p, namedNode(url))] : [])
  const list = rdfList(page.items.map((c) => namedNode(activityIri(page.catalog, c))), 'item')
  return [
    ...feedCollectionQuads(page),
    quad(self, RDF.type, AS.OrderedCollectionPage),
    quad(self, AS.partOf, collection),
    quad(self, AS.startIndex, literal(String(page.startIndex), XSD.nonNegativeInteger)),
    ...link(self, AS.prev, page.previous),
    ...link(self, AS.next, page.next),
    quad(self, AS.items, list.head), // AS2's orderedItems: as:items holding an rdf:List
    ...list.quads,
    ...page.items.flatMap((change) => activityQuads(page, change)),
  ]
}
