/**
 * Our copy of the ActivityStreams 2.0 context terms the change feed uses (`/context/activitystreams.jsonld`): the same
 * definitions as the normative context at https://www.w3.org/ns/activitystreams (AS2 Core §2.1), so that the feed
 * expands without fetching anything remote, and a loader can serve every context we publish.
 */
import { AS, XSD } from '../vocab/index.ts'

/** The path our copy is served at. */
export const AS_CONTEXT_PATH = '/context/activitystreams.jsonld'

/** The context document: `{"@context": {...}}`, terms as the AS2 context defines them. */
export function buildActivityStreamsContext(): { '@context': Record<string, unknown> } {
  const as = (local: string) => `as:${local}`
  const link = (local: string) => ({ '@id': as(local), '@type': '@id' })
  return {
    '@context': {
      '@vocab': '_:',
      xsd: XSD.$iri,
      as: AS.$iri,
      id: '@id',
      type: '@type',
      OrderedCollection: as('OrderedCollection'),
      OrderedCollectionPage: as('OrderedCollectionPage'),
      Create: as('Create'),
      Update: as('Update'),
      Delete: as('Delete'),
      object: link('object'),
      target: link('target'),
      partOf: link('partOf'),
      first: link('first'),
      last: link('last'),
      prev: link('prev'),
      next: link('next'),
      items: link('items'),
      // AS2: orderedItems is as:items as an ordered list
      orderedItems: { '@id': as('items'), '@type': '@id', '@container': '@list' },
      published: { '@id': as('published'), '@type': 'xsd:dateTime' },
      updated: { '@id': as('updated'), '@type': 'xsd:dateTime' },
      startIndex: { '@id': as('startIndex'), '@type': 'xsd:nonNegativeInteger' },
      totalItems: { '@id': as('totalItems'), '@type': 'xsd:nonNegativeInteger' },
      summary: as('summary'),
    },
  }
}
