/**
 * What a page shows beyond its record: the links across domains (publisher → parents → laws → datasets citing
 * them; agency lineage; a law's datasets). Terms enter only through the `sparql` tag; every list is bounded.
 */
import { DataFactory, type NamedNode } from 'n3'
import type { Iris } from '../model/iris.ts'
import { sparql } from '../query/sparql-tag.ts'
import type { GraphStore } from '../store/types.ts'
import { DCAT, DCATAP, DCT, ELI, FOAF, ORG, RDF } from '../vocab/index.ts'

export interface Linked { iri: string; label?: string }
type Row = Record<string, string | undefined>

export const LIST_LIMIT = 20
const node = (iri: string): NamedNode => DataFactory.namedNode(iri)

async function selectRows(store: GraphStore, query: string, timeoutMs?: number): Promise<Row[]> {
  const result = await store.query({ query, mediaType: 'application/sparql-results+json', ...(timeoutMs ? { timeoutMs } : {}) })
  const bindings = (JSON.parse(result.body) as { results: { bindings: Record<string, { value: string }>[] } }).results.bindings
  return bindings.map((binding) => Object.fromEntries(Object.entries(binding).map(([name, term]) => [name, term.value])))
}

/** Names of `?x` (agencies), titles (datasets) and law titles, Chinese first; made by the tag, joined as text. */
const LABELS = sparql`
  OPTIONAL { GRAPH ?lg1 { ?x ${FOAF.name} ?name } FILTER(langMatches(lang(?name), "zh")) }
  OPTIONAL { GRAPH ?lg2 { ?x ${DCT.title} ?title } FILTER(langMatches(lang(?title), "zh") || lang(?title) = "") }
  OPTIONAL { GRAPH ?lg3 { ?x ${ELI.title} ?legal } FILTER(langMatches(lang(?legal), "zh")) }`

/** `SELECT ?x (labels) WHERE { pattern LABELS } LIMIT n`, the pattern made by the tag. */
const listQuery = (pattern: string, limit = LIST_LIMIT) => `SELECT DISTINCT ?x ?name ?title ?legal WHERE {\n${pattern}\n${LABELS}\n} ORDER BY ?x LIMIT ${limit * 3}`

function labelled(rows: Row[], limit = LIST_LIMIT): Linked[] {
  const seen = new Map<string, Linked>()
  for (const row of rows) if (row.x && !seen.has(row.x)) seen.set(row.x, { iri: row.x, label: row.name ?? row.legal ?? row.title })
  return [...seen.values()].slice(0, limit)
}

export interface PageQueries {
  /** Agencies above `agency`, nearest first. */
  parents(agency: string): Promise<Linked[]>
  subOrganizations(agency: string): Promise<Linked[]>
  predecessors(agency: string): Promise<Linked[]>
  successors(agency: string): Promise<Linked[]>
  lawsAdministeredBy(agencies: readonly string[]): Promise<Linked[]>
  /** The laws `agency` itself is the competent agency of: how many, and the first of them. */
  lawsOf(agency: string): Promise<{ total: number; sample: Linked[] }>
  agenciesWithOrganicLaw(law: string): Promise<Linked[]>
  datasetsCiting(laws: readonly string[], except?: string): Promise<Linked[]>
  datasetsOf(agency: string): Promise<{ total: number; sample: Linked[] }>
  datasetsUnderLicence(licence: string): Promise<{ total: number; sample: Linked[] }>
}

export function createPageQueries(store: GraphStore, iris: Iris, timeoutMs?: number): PageQueries {
  const list = async (pattern: string, limit?: number) => labelled(await selectRows(store, listQuery(pattern, limit), timeoutMs), limit)
  const count = async (pattern: string) => Number((await selectRows(store, `SELECT (COUNT(DISTINCT ?x) AS ?n) WHERE {\n${pattern}\n}`, timeoutMs))[0]?.n ?? 0)
  return {
    async parents(agency) {
      const chain: Linked[] = []
      let current = agency
      for (let depth = 0; depth < 8; depth++) {
        const parent = (await list(sparql`GRAPH ${node(current)} { ${node(current)} ${ORG.subOrganizationOf} ?x }`, 1))[0]
        if (!parent || parent.iri === agency || chain.some((link) => link.iri === parent.iri)) break
        chain.push(parent)
        current = parent.iri
      }
      return chain
    },
    subOrganizations: (agency) => list(sparql`GRAPH ?x { ?x ${ORG.subOrganizationOf} ${node(agency)} }`, 50),
    predecessors: (agency) => list(sparql`GRAPH ?g { ?e ${ORG.resultingOrganization} ${node(agency)} ; ${ORG.originalOrganization} ?x }`),
    successors: (agency) => list(sparql`GRAPH ?g { ?e ${ORG.originalOrganization} ${node(agency)} ; ${ORG.resultingOrganization} ?x }`),
    lawsAdministeredBy: async (agencies) => (agencies.length === 0 ? [] : list(sparql`VALUES ?a { ${agencies.map(node)} } GRAPH ?x { ?x ${ELI.responsibility_of} ?a }`)),
    async lawsOf(agency) {
      const pattern = sparql`GRAPH ?x { ?x ${ELI.responsibility_of} ${node(agency)} }`
      return { total: await count(pattern), sample: await list(pattern) }
    },
    agenciesWithOrganicLaw: (law) => list(sparql`GRAPH ?x { ?x ${iris.ogd.organicLaw} ${node(law)} }`),
    async datasetsCiting(laws, except) {
      if (laws.length === 0) return []
      const found = await list(sparql`VALUES ?law { ${laws.map(node)} } GRAPH ?x { ?x ${DCATAP.applicableLegislation} ?law }`, LIST_LIMIT + 1)
      return found.filter((link) => link.iri !== except).slice(0, LIST_LIMIT)
    },
    async datasetsOf(agency) {
      const pattern = sparql`GRAPH ?x { ?x ${DCT.publisher} ${node(agency)} ; ${RDF.type} ${DCAT.Dataset} }`
      return { total: await count(pattern), sample: await list(pattern) }
    },
    async datasetsUnderLicence(licence) {
      const pattern = sparql`GRAPH ?x { ?x ${DCT.license} ${node(licence)} ; ${RDF.type} ${DCAT.Dataset} }`
      return { total: await count(pattern), sample: await list(pattern) }
    },
  }
}
