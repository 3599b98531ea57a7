/**
 * The SPARQL the search indexes are built from; terms enter only through the `sparql` tag. Each query reads every
 * record, or (with `records`) only those, so that a write re-reads just the graphs it replaced.
 */
import type { NamedNode } from 'n3'
import { sparql } from '../query/sparql-tag.ts'
import { DCAT, DCT, DQV, ELI, FOAF, OA, ORG, RDF, SKOS } from '../vocab/index.ts'

/** `SELECT head WHERE { [VALUES ?variable { records }] body }`: both parts made by the tag. */
function select(head: string, variable: 'd' | 'a' | 'l', body: string, records: readonly NamedNode[] | undefined): string {
  const values = records ? (variable === 'd' ? sparql`VALUES ?d { ${records} }` : variable === 'a' ? sparql`VALUES ?a { ${records} }` : sparql`VALUES ?l { ${records} }`) : ''
  return `SELECT ${head} WHERE {\n  ${values}\n  ${body}\n}`
}

/** The dataset facts the search shows, filters and ranks on (one row per statement). */
export const datasetFactsQuery = (records?: readonly NamedNode[]) => select('?d ?p ?o', 'd', sparql`
  GRAPH ?d { ?d ${RDF.type} ${DCAT.Dataset} ; ?p ?o }
  FILTER(?p IN (${DCT.identifier}, ${DCT.title}, ${DCT.description}, ${DCAT.keyword}, ${DCT.publisher}, ${DCAT.theme}, ${DCT.license}, ${DCT.issued}, ${DCT.modified}))`, records)

/** Each dataset's distribution formats, its quality badge and (with `metadataStatus`, our ogd: term) its metadata status. */
export const datasetPartsQuery = (records?: readonly NamedNode[], metadataStatus?: NamedNode) => select('?d ?format ?badge ?status', 'd', sparql`
  { GRAPH ?d { ?d ${DCAT.distribution} ?x . ?x ${DCT.format} ?format } }
  UNION
  { GRAPH ?d { ?d ${DQV.hasQualityAnnotation} ?q . ?q ${OA.hasBody} ?badge } }` + (metadataStatus ? sparql`
  UNION
  { GRAPH ?d { ?d ${metadataStatus} ?status } }` : ''), records)

/** Names of agents and labels of concepts and licences, in Chinese and English, wherever they are stated. */
export const labelsQuery = () => sparql`
SELECT ?s ?label WHERE {
  { GRAPH ?g { ?s ${RDF.type} ${FOAF.Agent} ; ${FOAF.name} ?label } }
  UNION { GRAPH ?g { ?s ${RDF.type} ${SKOS.Concept} ; ${SKOS.prefLabel} ?label } }
  UNION { GRAPH ?g { ?s ${RDF.type} ${DCT.LicenseDocument} ; ${DCT.title} ?label } }
  FILTER(langMatches(lang(?label), "zh") || langMatches(lang(?label), "en"))
}`

/** Agencies (coded, units and name-only ones) with the facts the agency search needs. */
export const agencyFactsQuery = (isAbolished: NamedNode, records?: readonly NamedNode[]) => select('?a ?p ?o', 'a', sparql`
  GRAPH ?a { ?a ${RDF.type} ${FOAF.Agent} ; ?p ?o }
  FILTER(?p IN (${FOAF.name}, ${SKOS.altLabel}, ${DCT.identifier}, ${ORG.classification}, ${ORG.subOrganizationOf}, ${ORG.unitOf}, ${RDF.type}, ${isAbolished}))`, records)

/** Laws with the facts the law search needs. */
export const lawFactsQuery = (records?: readonly NamedNode[]) => select('?l ?p ?o', 'l', sparql`
  GRAPH ?l { ?l ${RDF.type} ${ELI.LegalResource} ; ?p ?o }
  FILTER(?p IN (${ELI.title}, ${ELI.id_local}, ${ELI.type_document}, ${ELI.in_force}, ${ELI.responsibility_of}, ${ELI.version_date}))`, records)
