/**
 * Whose record is it? The publisher the graph holds for a dataset (never what a writer sends), compared with a
 * token's agency — or, for a token made with --include-subordinates, with every agency below it (org:subOrganizationOf
 * from the DGPA parent codes; org:unitOf for units named only inside an agency): the programme's own model, where a
 * 中央二級機關 coordinates its subordinates.
 */
import { DataFactory } from 'n3'
import type { Iris } from '../model/iris.ts'
import { sparql } from '../query/sparql-tag.ts'
import type { GraphStore } from '../store/types.ts'
import { DCT, ORG } from '../vocab/index.ts'
import type { TokenRecord } from './tokens.ts'

const { namedNode } = DataFactory

/** The publishers the store's graph of `dataset` names (none for a record not in the graph). */
export async function publishersOf(store: GraphStore, dataset: string): Promise<string[]> {
  const d = namedNode(dataset)
  const { body } = await store.query({ query: sparql`SELECT DISTINCT ?p WHERE { GRAPH ${d} { ${d} ${DCT.publisher} ?p } }`, mediaType: 'application/sparql-results+json' })
  return (JSON.parse(body) as { results: { bindings: { p: { value: string } }[] } }).results.bindings.map((b) => b.p.value)
}

/** Whether `publisher` is the token's agency, or (with includeSubordinates) below it. Admin tokens may write any record. */
export async function isWithinTokenAgency(store: GraphStore, iris: Iris, token: TokenRecord, publisher: string): Promise<boolean> {
  if (token.scope === 'admin' || token.scope === 'sync') return true
  if (!token.agency) return false
  const agency = iris.agency(token.agency)
  if (publisher === agency.value) return true
  if (!token.includeSubordinates) return false
  const query = sparql`ASK { ${namedNode(publisher)} (${ORG.subOrganizationOf}|${ORG.unitOf})+ ${agency} }`
  const { body } = await store.query({ query, mediaType: 'application/sparql-results+json' })
  return (JSON.parse(body) as { boolean: boolean }).boolean
}
