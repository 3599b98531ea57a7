/**
 * One catalogue page as a self-contained DCAT-AP document: the catalogue node listing this page's records,
 * the records themselves, what they point to, the Hydra view, in the profile asked for.
 */
import { DataFactory, type Quad, type Term } from 'n3'
import type { Iris } from '../model/iris.ts'
import { toDcatAp2 } from '../serialize/dcat-ap-2.ts'
import { describeHydraView, type HydraPageLinks } from '../serialize/hydra.ts'
import { DCAT, DCT, FOAF, RDF, XSD } from '../vocab/index.ts'
import type { CatalogMember } from './members.ts'
import type { CatalogProfile } from './profiles.ts'
import { entailRangeTypes } from './range-types.ts'

const { literal, namedNode, quad } = DataFactory

export interface PageParts {
  iris: Iris
  /** The catalogue node without member lists. */
  catalogNode: readonly Quad[]
  /** The page's members, in order, as the pinned catalogue version lists them. */
  members: readonly CatalogMember[]
  /** Their record graphs as they are now, and what those point to. */
  records: readonly Quad[]
  references: readonly Quad[]
  view: HydraPageLinks
  profile: CatalogProfile
  /** When the catalogue version was first seen: the catalogue's dct:modified. */
  modified: string
}

export interface PageDocument {
  quads: Quad[]
  /** Datasets listed, in order (members no longer complete or gone from the store are left out). */
  listed: string[]
}

const subjectsWith = (quads: readonly Quad[], predicate: Term, object: Term) =>
  new Set(quads.filter((q) => q.predicate.equals(predicate) && q.object.equals(object)).map((q) => q.subject.value))

/** dcat:dataset / dcat:record / dcat:service for the listed datasets, in page order. */
function memberLinks(parts: PageParts, listed: readonly string[]): Quad[] {
  const catalog = parts.iris.catalog()
  const isListed = new Set(listed)
  const records = subjectsWith(parts.records, RDF.type, DCAT.CatalogRecord)
  const services = subjectsWith(parts.records, RDF.type, DCAT.DataService)
  const links = listed.map((d) => quad(catalog, DCAT.dataset, namedNode(d)))
  for (const q of parts.records) {
    if (!isListed.has(q.object.value)) continue
    if (q.predicate.equals(FOAF.primaryTopic) && records.has(q.subject.value)) links.push(quad(catalog, DCAT.record, namedNode(q.subject.value)))
    if (q.predicate.equals(DCAT.servesDataset) && services.has(q.subject.value)) links.push(quad(catalog, DCAT.service, namedNode(q.subject.value)))
  }
  return links
}

/** The quads whose subject can be reached from `root` (everything a reader of the catalogue can get to). */
export function pruneUnreachable(quads: readonly Quad[], root: string): Quad[] {
  const bySubject = new Map<string, Quad[]>()
  for (const q of quads) {
    const list = bySubject.get(q.subject.value)
    if (list) list.push(q)
    else bySubject.set(q.subject.value, [q])
  }
  const reached = new Set([root])
  const queue = [root]
  while (queue.length) {
    for (const q of bySubject.get(queue.pop()!) ?? []) {
      const o = q.object
      if (o.termType !== 'Literal' && !reached.has(o.value)) {
        reached.add(o.value)
        queue.push(o.value)
      }
    }
  }
  return quads.filter((q) => reached.has(q.subject.value))
}

/** The listed dataset a subject is part of by its IRI (`{dataset}#contact`, `{dataset}/distribution/1`), if any. */
function datasetOf(subject: string, listed: ReadonlySet<string>): string | undefined {
  let candidate = subject.split('#')[0]!
  while (candidate.includes('/')) {
    if (listed.has(candidate)) return candidate
    candidate = candidate.slice(0, candidate.lastIndexOf('/'))
  }
  return undefined
}

/**
 * Drop repeated triples (one fact can come from a record and from a reference) and keep each subject's triples
 * together, in reading order: the catalogue and its Hydra view, then each dataset followed by its parts and its
 * catalogue record, then the rest (agents, licences, concepts) as they first appeared.
 */
function groupForReading(quads: readonly Quad[], catalog: string, view: string, listed: readonly string[]): Quad[] {
  const isListed = new Set(listed)
  const seen = new Set<string>()
  const groups = new Map<string, Quad[]>()
  const key = (t: Term) => (t.termType === 'Literal' ? `"${t.value}"@${t.language}^${t.datatype.value}` : `${t.termType[0]}${t.value}`)
  for (const q of quads) {
    const k = `${key(q.subject)} ${q.predicate.value} ${key(q.object)}`
    if (seen.has(k)) continue
    seen.add(k)
    const group = groups.get(q.subject.value)
    if (group) group.push(q)
    else groups.set(q.subject.value, [q])
  }
  const byDataset = new Map<string, string[]>(listed.map((d) => [d, []]))
  for (const [subject, group] of groups) {
    const topic = group.find((q) => q.predicate.equals(FOAF.primaryTopic) && isListed.has(q.object.value))?.object.value
    const owner = subject === catalog || isListed.has(subject) ? undefined : (topic ?? datasetOf(subject, isListed))
    if (owner) byDataset.get(owner)!.push(subject)
  }
  const placed = new Set([catalog, view, ...listed, ...[...byDataset.values()].flat()])
  const order = [catalog, view, ...listed.flatMap((d) => [d, ...byDataset.get(d)!]), ...[...groups.keys()].filter((s) => !placed.has(s))]
  return order.flatMap((subject) => groups.get(subject) ?? [])
}

/** Assemble the page; datasets still complete in the store are listed, each exactly where the version puts it. */
export function assemblePage(parts: PageParts): PageDocument {
  const { iris } = parts
  const catalog = iris.catalog()
  const complete = subjectsWith(parts.records, iris.ogd.metadataStatus, iris.concept('metadata-status', 'complete'))
  const listed = parts.members.map((m) => m.dataset).filter((d) => complete.has(d))
  const node = parts.catalogNode.filter((q) => !(q.subject.equals(catalog) && q.predicate.equals(DCT.modified)))
  let quads: Quad[] = [
    ...node,
    quad(catalog, DCT.modified, literal(parts.modified, XSD.dateTime)),
    ...memberLinks(parts, listed),
    ...parts.records,
    ...parts.references,
    ...describeHydraView(parts.view),
  ]
  for (const q of entailRangeTypes(quads)) quads.push(q)
  if (parts.profile.id === 'dcat-ap-2.1.1') quads = toDcatAp2(quads)
  return { quads: groupForReading(pruneUnreachable(quads, catalog.value), catalog.value, parts.view.self, listed), listed }
}
