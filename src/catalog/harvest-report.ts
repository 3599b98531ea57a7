/**
 * Validate harvested pages with the official shapes, page by page, and gather the results per record:
 * what an agency would see before data.europa.eu harvests it. EU vocabularies can be given as background data.
 */
import { readdirSync, readFileSync } from 'node:fs'
import { join } from 'node:path'
import { DataFactory, Parser, type Quad } from 'n3'
import { validateQuads, type ValidationIssue } from '../validate/validate.ts'
import { DCAT, DCT, FOAF, RDF, SKOS } from '../vocab/index.ts'
import type { HarvestedPage } from './harvest-walk.ts'
import type { CatalogProfile } from './profiles.ts'

export interface RecordResult {
  dataset: string
  /** Pages that list it (more than one is a paging fault). */
  pages: number[]
  violations: ValidationIssue[]
  /** Warnings and infos (what data.europa.eu's MQA would mark down, not reject). */
  warnings: ValidationIssue[]
}

export interface PageResult {
  n: number
  url: string
  records: number
  violations: number
  warnings: number
  bytes: number
  ms: number
}

export interface HarvestReport {
  start: string
  profile: CatalogProfile['id']
  pages: PageResult[]
  records: Map<string, RecordResult>
  /** Violations on nodes no single record owns (a shared agent, a concept, the catalogue node), by focus node. */
  shared: ValidationIssue[]
  /** Warnings on such nodes. */
  sharedWarnings: ValidationIssue[]
  /** Why the walk ended early, if it did. */
  stopped?: string
}

/** EU concept descriptions by IRI: type, scheme, labels (schemes also get dct:title from their prefLabel). */
export type Background = ReadonlyMap<string, readonly Quad[]>

const KEPT = new Set([RDF.type, SKOS.inScheme, SKOS.prefLabel, SKOS.notation].map((t) => t.value))

/** Read the EU authority tables (Turtle) of `dir` as background data, indexed by subject. */
export function loadBackground(dir: string): Background {
  const index = new Map<string, Quad[]>()
  for (const file of readdirSync(dir).filter((f) => f.endsWith('.ttl')).sort()) {
    const quads = new Parser().parse(readFileSync(join(dir, file), 'utf8'))
    const schemes = new Set(quads.filter((q) => q.predicate.equals(RDF.type) && q.object.equals(SKOS.ConceptScheme)).map((q) => q.subject.value))
    for (const q of quads) {
      if (q.subject.termType !== 'NamedNode' || !KEPT.has(q.predicate.value)) continue
      const list = index.get(q.subject.value) ?? []
      list.push(q)
      // DCAT-AP 3 asks dct:title of a skos:ConceptScheme; the EU tables give it as skos:prefLabel.
      if (schemes.has(q.subject.value) && q.predicate.equals(SKOS.prefLabel)) list.push(DataFactory.quad(q.subject, DCT.title, q.object))
      index.set(q.subject.value, list)
    }
  }
  return index
}

/** The background quads for the IRIs a page points to but does not describe (and their schemes). */
export function backgroundFor(quads: readonly Quad[], background: Background): Quad[] {
  const described = new Set(quads.map((q) => q.subject.value))
  const added: Quad[] = []
  const add = (iri: string) => {
    if (described.has(iri)) return
    described.add(iri)
    for (const q of background.get(iri) ?? []) {
      added.push(q)
      if (q.predicate.equals(SKOS.inScheme)) add(q.object.value)
    }
  }
  for (const q of quads) if (q.object.termType === 'NamedNode') add(q.object.value)
  return added
}

/** The datasets a page lists: dcat:dataset of its catalogue(s), else its dcat:Dataset nodes. */
export function listedDatasets(quads: readonly Quad[]): string[] {
  const listed = quads.filter((q) => q.predicate.equals(DCAT.dataset)).map((q) => q.object.value)
  const typed = quads.filter((q) => q.predicate.equals(RDF.type) && q.object.equals(DCAT.Dataset)).map((q) => q.subject.value)
  return [...new Set(listed.length ? listed : typed)]
}

/**
 * Which record a focus node belongs to: the dataset itself, the nodes only it points to (distributions, contact
 * points, periods) and their own parts, and the records and services that point to it.
 */
export function recordOwners(quads: readonly Quad[], datasets: readonly string[]): Map<string, string> {
  const isListed = new Set(datasets)
  const owners = new Map<string, string>(datasets.map((d) => [d, d]))
  const pointers = new Map<string, Set<string>>()
  for (const q of quads) {
    if ((q.predicate.equals(FOAF.primaryTopic) || q.predicate.equals(DCAT.servesDataset)) && isListed.has(q.object.value)) owners.set(q.subject.value, q.object.value)
    if (q.object.termType === 'Literal' || q.predicate.equals(RDF.type)) continue
    const from = pointers.get(q.object.value) ?? new Set<string>()
    from.add(q.subject.value)
    pointers.set(q.object.value, from)
  }
  for (let depth = 0; depth < 2; depth++) {
    for (const [node, from] of pointers) {
      if (owners.has(node)) continue
      const ownersOfPointers = new Set([...from].map((subject) => owners.get(subject)))
      const [owner] = ownersOfPointers
      if (ownersOfPointers.size === 1 && owner) owners.set(node, owner)
    }
  }
  return owners
}

/** Validate one page and add its results to `report`. */
export async function checkPage(page: HarvestedPage, report: HarvestReport, options: { shapesDir: string; profile: CatalogProfile; background?: Background }): Promise<void> {
  const datasets = listedDatasets(page.quads)
  const owners = recordOwners(page.quads, datasets)
  const data = options.background ? [...page.quads, ...backgroundFor(page.quads, options.background)] : page.quads
  const result = await validateQuads(data, { shapesDir: options.shapesDir, profile: options.profile.shapes, recordOf: (focus) => owners.get(focus) })
  for (const dataset of datasets) {
    const record = report.records.get(dataset) ?? { dataset, pages: [], violations: [], warnings: [] }
    record.pages.push(page.n)
    report.records.set(dataset, record)
  }
  for (const issue of result.issues) {
    const record = issue.record ? report.records.get(issue.record) : undefined
    if (record && issue.severity === 'Violation') record.violations.push(issue)
    else if (record) record.warnings.push(issue)
    else if (issue.severity === 'Violation') report.shared.push(issue)
    else report.sharedWarnings.push(issue)
  }
  const count = (severity: string) => result.issues.filter((i) => (severity === 'Violation' ? i.severity === 'Violation' : i.severity !== 'Violation')).length
  report.pages.push({ n: page.n, url: page.url, records: datasets.length, violations: count('Violation'), warnings: count('Warning'), bytes: page.bytes, ms: page.ms })
}
