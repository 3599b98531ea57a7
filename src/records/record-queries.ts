/** The SPARQL behind record documents; terms enter only through the `sparql` tag (src/query/sparql-tag.ts). */
import type { NamedNode } from 'n3'
import { sparql } from '../query/sparql-tag.ts'
import { DCT, ELI, FOAF, RDF, SKOS } from '../vocab/index.ts'

/** Every triple of one named graph (a record is its graph). */
export const graphQuery = (graph: NamedNode) => sparql`
CONSTRUCT { ?s ?p ?o } WHERE { GRAPH ${graph} { ?s ?p ?o } }`

/** The named graphs where `resource` is a subject (a distribution lives in its dataset's graph, a concept in the vocab graph). */
export const graphsOfQuery = (resource: NamedNode) => sparql`
SELECT DISTINCT ?g WHERE { GRAPH ?g { ${resource} ?p ?o } } LIMIT 8`

/** Statements pointing to an IRI no graph describes (a bounded sample: it answers "what is this?"). */
export const mentionsQuery = (resource: NamedNode) => sparql`
SELECT ?s ?p ?g WHERE { GRAPH ?g { ?s ?p ${resource} } } LIMIT 200`

/**
 * A record's graph and the summary of what it links to, in one query (one round trip to a remote store): rows without
 * ?g are the graph's own triples; rows with ?g are summaryQuery's, for every IRI the graph points to (the caller
 * keeps those of IRIs the graph does not describe itself, as for summaryQuery).
 */
export const recordQuery = (graph: NamedNode) => sparql`
SELECT ?s ?p ?o ?g WHERE {
  { GRAPH ${graph} { ?s ?p ?o } }
  UNION
  { SELECT DISTINCT ?s ?p ?o ?g WHERE {
      GRAPH ${graph} { ?x ?q ?s }
      FILTER(isIRI(?s) && ?q != ${RDF.type})
      GRAPH ?g { ?s ?p ?o }
      FILTER(?p IN (${RDF.type}, ${SKOS.inScheme}, ${SKOS.prefLabel}, ${FOAF.name}, ${ELI.title}, ${DCT.title}, ${DCT.identifier}, ${SKOS.notation}))
      FILTER(!isLiteral(?o) || lang(?o) = "" || langMatches(lang(?o), "zh") || langMatches(lang(?o), "en"))
  } }
}`

/**
 * The summary of resources a document links to: what each is (type, scheme) and what it is called (names, titles,
 * codes), with the graph each statement comes from (so the cached document is dropped when that graph changes). Text only in Chinese, English or no language: EU tables carry 24 languages.
 * One VALUES block only: with two, Oxigraph 0.5 plans a scan of the whole store (see src/catalog/catalog-queries.ts).
 */
export const summaryQuery = (resources: readonly NamedNode[]) => sparql`
SELECT ?s ?p ?o ?g WHERE {
  VALUES ?s { ${resources} }
  GRAPH ?g { ?s ?p ?o }
  FILTER(?p IN (${RDF.type}, ${SKOS.inScheme}, ${SKOS.prefLabel}, ${FOAF.name}, ${ELI.title}, ${DCT.title}, ${DCT.identifier}, ${SKOS.notation}))
  FILTER(!isLiteral(?o) || lang(?o) = "" || langMatches(lang(?o), "zh") || langMatches(lang(?o), "en"))
}`
