/** A page of search results as a Hydra collection in JSON-LD (our context), with paging links and facet counts. */
import type { DatasetEntry } from '../records/search-datasets.ts'
import type { DirectoryEntry } from '../records/search-directory.ts'
import { XSD } from '../vocab/index.ts'
import type { Paging } from './search-request.ts'

type Json = Record<string, unknown>

export interface CollectionInput {
  origin: string
  path: string
  /** The filters as given (without page and page_size), in a stable order. */
  filters: Record<string, string | undefined>
  paging: Paging
  total: number
  members: Json[]
  facets: Record<string, { value: string; label?: string; count: number }[]>
  /** Template variables and the property each one filters on (hydra:search). */
  variables: readonly (readonly [string, string])[]
  contextUrl: string
}

/** The URL of this search with other parameters (undefined drops one). */
export function searchUrl(origin: string, path: string, parameters: Record<string, string | number | undefined>): string {
  const query = Object.entries(parameters).filter(([, value]) => value !== undefined).map(([key, value]) => `${key}=${encodeURIComponent(String(value))}`).join('&')
  return `${origin}${path}${query ? `?${query}` : ''}`
}

/** The paging links of a page: first, previous, next, last (RFC 8288 relations). */
export function pageLinks(input: Pick<CollectionInput, 'origin' | 'path' | 'filters' | 'paging' | 'total'>): Record<'first' | 'previous' | 'next' | 'last', string | undefined> {
  const { origin, path, filters, paging, total } = input
  const last = Math.max(1, Math.ceil(total / paging.pageSize))
  const at = (page: number) => searchUrl(origin, path, { ...filters, page, page_size: paging.pageSize })
  return {
    first: at(1),
    previous: paging.page > 1 ? at(Math.min(paging.page - 1, last)) : undefined,
    next: paging.page < last ? at(paging.page + 1) : undefined,
    last: at(last),
  }
}

export function hydraCollection(input: CollectionInput): Json {
  const { origin, path, filters, paging, total } = input
  const links = pageLinks(input)
  const facets = Object.fromEntries(Object.entries(input.facets).map(([name, values]) => [name, values.map((value) => ({
    ...value, search: searchUrl(origin, path, { ...filters, [name]: value.value }),
  }))]))
  return {
    '@context': input.contextUrl,
    id: searchUrl(origin, path, filters),
    type: 'Collection',
    totalItems: total,
    member: input.members,
    view: {
      id: searchUrl(origin, path, { ...filters, page: paging.page, page_size: paging.pageSize }),
      type: 'PartialCollectionView',
      ...Object.fromEntries(Object.entries(links).filter(([, url]) => url !== undefined)),
    },
    search: {
      type: 'IriTemplate',
      template: `${origin}${path}{?${[...input.variables.map(([variable]) => variable), 'page', 'page_size'].join(',')}}`,
      'hydra:variableRepresentation': { '@id': 'hydra:BasicRepresentation' },
      mapping: input.variables.map(([variable, property]) => ({ type: 'IriTemplateMapping', variable, property, required: false })),
    },
    facets,
  }
}

const languageMap = (texts: Record<string, string | undefined>) =>
  Object.fromEntries(Object.entries(texts).filter(([, text]) => text !== undefined).map(([tag, text]) => [tag === '' ? '@none' : tag, text]))

/** A date under a dateTime-typed key: a dateTime as it is; a date (or year) as a value object with its own datatype. */
const dateValue = (lexical: string | undefined) =>
  lexical === undefined ? undefined : /T/.test(lexical) ? lexical : { '@value': lexical, '@type': /^\d{4}$/.test(lexical) ? XSD.gYear.value : XSD.date.value }

/** A dataset in a result page: the statements a list shows, with the publisher's name. */
export function datasetMember(entry: DatasetEntry, publisherName: { zh?: string; en?: string } | undefined): Json {
  const member: Json = { id: entry.iri, type: 'Dataset' }
  if (entry.identifier) member.identifier = entry.identifier
  member.title = languageMap(entry.titles)
  if (entry.publisher) member.publisher = { id: entry.publisher, ...(publisherName ? { name: languageMap({ 'zh-Hant': publisherName.zh, en: publisherName.en }) } : {}) }
  if (entry.themes.length > 0) member.theme = entry.themes
  if (entry.licenses.length > 0) member.license = entry.licenses.length === 1 ? entry.licenses[0] : entry.licenses
  const issued = dateValue(entry.issued)
  const modified = dateValue(entry.modified)
  if (issued) member.issued = issued
  if (modified) member.modified = modified
  return member
}

/** An agency in a result page. */
export function agencyMember(entry: DirectoryEntry): Json {
  return {
    id: entry.iri,
    type: 'Agent',
    ...(entry.code ? { identifier: entry.code } : {}),
    name: languageMap({ 'zh-Hant': entry.names.zh, en: entry.names.en }),
    ...(entry.links.parent ? { subOrganizationOf: [entry.links.parent] } : {}),
    ...(entry.facets.level ? { classification: entry.facets.level } : {}),
  }
}

/** A law in a result page. */
export function lawMember(entry: DirectoryEntry): Json {
  return {
    id: entry.iri,
    type: 'LegalResource',
    ...(entry.code ? { localId: entry.code } : {}),
    legalTitle: languageMap({ 'zh-Hant': entry.names.zh, en: entry.names.en }),
    ...(entry.facets.kind?.[0] ? { documentType: entry.facets.kind[0] } : {}),
    ...(entry.links.agency ? { responsibilityOf: [entry.links.agency] } : {}),
  }
}
