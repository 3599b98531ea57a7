/** Hydra paging: the hydra:PartialCollectionView of one page of a collection (first, previous, next, last, totalItems). */
import { DataFactory, type NamedNode, type Quad } from 'n3'
import { HYDRA, RDF, XSD } from '../vocab/index.ts'

const { literal, namedNode, quad } = DataFactory

export interface HydraPageLinks {
  /** The collection the page is a view of (for the catalogue: the dcat:Catalog). */
  collection: NamedNode
  /** Absolute URLs: this page, the first, the last, and the neighbours when there are any. */
  self: string
  first: string
  last: string
  previous?: string
  next?: string
  /** Items in the whole (filtered) collection, not on this page. */
  totalItems: number
}

/**
 * The view node, as Hydra Core §5.4 describes it and as piveau's harvester reads it: totalItems on the view
 * (on the collection too, since Hydra puts it there), and `collection hydra:view page`.
 */
export function describeHydraView(links: HydraPageLinks): Quad[] {
  const view = namedNode(links.self)
  const total = literal(String(links.totalItems), XSD.nonNegativeInteger)
  const quads = [
    quad(links.collection, HYDRA.view, view),
    quad(links.collection, HYDRA.totalItems, total),
    quad(view, RDF.type, HYDRA.PartialCollectionView),
    quad(view, HYDRA.totalItems, total),
    quad(view, HYDRA.first, namedNode(links.first)),
    quad(view, HYDRA.last, namedNode(links.last)),
  ]
  if (links.previous) quads.push(quad(view, HYDRA.previous, namedNode(links.previous)))
  if (links.next) quads.push(quad(view, HYDRA.next, namedNode(links.next)))
  return quads
}
