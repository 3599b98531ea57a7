/**
 * One catalogue page as a self-contained DCAT-AP document: the catalogue node listing this page's records,
 * the records themselves, what they point to, the Hydra view, in the profile asked for.
 */
import { DataFactory, type NamedNode, type Quad, type Term } from 'n3'
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

interface RecordScan {
  complete: Set<string>
  /** dataset → its catalogue records / data services, as the record graphs say. */
  records: Map<string, string[]>
  services: Map<string, string[]>
}

/** One pass over the record graphs: which datasets are complete, which records and services serve which dataset. */
function scanRecords(quads: readonly Quad[], status: string, complete: string): RecordScan {
  const typed = new Map<string, string>()
  const links: [kind: string, subject: string, dataset: string][] = []
  const scan: RecordScan = { complete: new Set(), records: new Map(), services: new Map() }
  for (const q of quads) {
    const p = q.predicate.value
    if (p === status && q.object.value === complete) scan.complete.add(q.subject.value)
    else if (p === RDF.type.value && (q.object.value === DCAT.CatalogRecord.value || q.object.value === DCAT.DataService.value)) typed.set(q.subject.value, q.object.value)
    else if (p === FOAF.primaryTopic.value) links.push([DCAT.CatalogRecord.value, q.subject.value, q.object.value])
    else if (p === DCAT.servesDataset.value) links.push([DCAT.DataService.value, q.subject.value, q.object.value])
  }
  for (const [kind, subject, dataset] of links) {
    if (typed.get(subject) !== kind) continue
    const map = kind === DCAT.CatalogRecord.value ? scan.records : scan.services
    map.set(dataset, [...(map.get(dataset) ?? []), subject])
  }
  return scan
}

/** dcat:dataset / dcat:record / dcat:service for the listed datasets, in page order. */
function memberLinks(catalog: NamedNode, listed: readonly string[], scan: RecordScan): Quad[] {
  const links: Quad[] = []
  for (const d of listed) links.push(quad(catalog, DCAT.dataset, namedNode(d)))
  for (const d of listed) for (const r of scan.records.get(d) ?? []) links.push(quad(catalog, DCAT.record, namedNode(r)))
  for (const d of listed) for (const s of scan.services.get(d) ?? []) links.push(quad(catalog, DCAT.service, namedNode(s)))
  return links
}

const termKey = (t: Term) => (t.termType === 'Literal' ? `"${t.value}"@${t.language}^${t.datatype.value}` : `${t.termType[0]}${t.value}`)

/** Subject → its quads without repeats (one fact can come from a record and from a reference), in first-seen order. */
function indexBySubject(quads: readonly Quad[]): Map<string, Quad[]> {
  const index = new Map<string, { quads: Quad[]; keys: Set<string> }>()
  for (const q of quads) {
    let entry = index.get(q.subject.value)
    if (!entry) index.set(q.subject.value, (entry = { quads: [], keys: new Set() }))
    const key = `${q.predicate.value} ${termKey(q.object)}`
    if (entry.keys.has(key)) continue
    entry.keys.add(key)
    entry.quads.push(q)
  }
  return new Map([...index].map(([subject, entry]) => [subject, entry.quads]))
}

/** The subjects that can be reached from `root` (everything a reader of the catalogue can get to). */
function reachableFrom(index: ReadonlyMap<string, readonly Quad[]>, root: string): Set<string> {
  const reached = new Set([root])
  const queue = [root]
  while (queue.length) {
    for (const q of index.get(queue.pop()!) ?? []) {
      if (q.object.termType !== 'Literal' && !reached.has(q.object.value)) {
        reached.add(q.object.value)
        queue.push(q.object.value)
      }
    }
  }
  return reached
}

/** The quads whose subject can be reached from `root`. */
export function pruneUnreachable(quads: readonly Quad[], root: string): Quad[] {
  const reached = reachableFrom(indexBySubject(quads), root)
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
 * The reachable subjects' triples in reading order: the catalogue and its Hydra view, then each dataset followed
 * by its parts and its catalogue record, then the rest (agents, licences, concepts) as they first appeared.
 */
function inReadingOrder(index: ReadonlyMap<string, Quad[]>, reached: ReadonlySet<string>, catalog: string, view: string, listed: readonly string[]): Quad[] {
  const isListed = new Set(listed)
  const byDataset = new Map<string, string[]>(listed.map((d) => [d, []]))
  const placed = new Set([catalog, view, ...listed])
  for (const [subject, group] of index) {
    if (placed.has(subject) || !reached.has(subject)) continue
    const topic = group.find((q) => q.predicate.value === FOAF.primaryTopic.value && isListed.has(q.object.value))?.object.value
    const owner = topic ?? datasetOf(subject, isListed)
    if (!owner) continue
    byDataset.get(owner)!.push(subject)
    placed.add(subject)
  }
  const rest = [...index.keys()].filter((s) => !placed.has(s) && reached.has(s))
  const order = [catalog, view, ...listed.flatMap((d) => [d, ...byDataset.get(d)!]), ...rest]
  return order.flatMap((subject) => (reached.has(subject) ? (index.get(subject) ?? []) : []))
}

/** Assemble the page; datasets still complete in the store are listed, each exactly where the version puts it. */
export function assemblePage(parts: PageParts): PageDocument {
  const { iris } = parts
  const catalog = iris.catalog()
  const scan = scanRecords(parts.records, iris.ogd.metadataStatus.value, iris.concept('metadata-status', 'complete').value)
  const listed = parts.members.map((m) => m.dataset).filter((d) => scan.complete.has(d))
  const node = parts.catalogNode.filter((q) => !(q.subject.value === catalog.value && q.predicate.value === DCT.modified.value))
  let quads: Quad[] = [
    ...node,
    quad(catalog, DCT.modified, literal(parts.modified, XSD.dateTime)),
    ...memberLinks(catalog, listed, scan),
    ...parts.records,
    ...parts.references,
    ...describeHydraView(parts.view),
  ]
  for (const q of entailRangeTypes(quads)) quads.push(q)
  if (parts.profile.id === 'dcat-ap-2.1.1') quads = toDcatAp2(quads)
  const index = indexBySubject(quads)
  const reached = reachableFrom(index, catalog.value)
  return { quads: inReadingOrder(index, reached, catalog.value, parts.view.self, listed), listed }
}
