/**
 * One catalogue page as a self-contained DCAT-AP document: the catalogue node listing this page's records and its
 * Hydra view, the records themselves (already in the profile asked for), then what they point to.
 */
import { DataFactory, type NamedNode, type Quad, type Term } from 'n3'
import type { Iris } from '../model/iris.ts'
import { describeHydraView, type HydraPageLinks } from '../serialize/hydra.ts'
import { DCAT, DCT, FOAF, RDF, XSD } from '../vocab/index.ts'
import type { CatalogMember } from './members.ts'
import { entailRangeTypes } from './range-types.ts'
import type { RecordText } from './record-text.ts'

const { literal, namedNode, quad } = DataFactory

export interface PageParts {
  iris: Iris
  /** The catalogue node without member lists. */
  catalogNode: readonly Quad[]
  /** The page's members, in order, as the pinned catalogue version lists them. */
  members: readonly CatalogMember[]
  /** Their record graphs as they are now, in the page's profile; and the descriptions of what they point to. */
  records: RecordText
  references: readonly Quad[]
  view: HydraPageLinks
  /** The catalogue's dct:modified: the version's data date (CatalogVersion.modified). */
  modified: string
  /** The DCAT-AP profile the page is written in: each catalogue record says its metadata conforms to it. */
  profileIri?: string
}

/** A page in three parts, written in this order: head and tail as quads, the records as the store wrote them. */
export interface PageDocument {
  /** The catalogue node with this page's members, and the Hydra view. */
  head: Quad[]
  /** The record graphs, N-Triples. */
  records: string
  /** What the records point to (agents, licences, concepts…) and the range types entailed. */
  tail: Quad[]
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

/** Drop repeated triples: an agent's name can be stated in two graphs, and come back once from each. */
export function dedupe(quads: readonly Quad[]): Quad[] {
  const seen = new Set<string>()
  return quads.filter((q) => {
    const key = `${termKey(q.subject)} ${q.predicate.value} ${termKey(q.object)}`
    return !seen.has(key) && !!seen.add(key)
  })
}

/**
 * Assemble the page; datasets still complete in the store are listed, each exactly where the version puts it.
 * The record graphs pass through as the store wrote them (their triples are the record's, once each); only the
 * small rest — catalogue node, view, references, entailed range types — is built here and checked for repeats.
 */
export function assemblePage(parts: PageParts): PageDocument {
  const { iris } = parts
  const catalog = iris.catalog()
  const scan = scanRecords(parts.records.links, iris.ogd.metadataStatus.value, iris.concept('metadata-status', 'complete').value)
  const listed = parts.members.map((m) => m.dataset).filter((d) => scan.complete.has(d))
  const node = parts.catalogNode.filter((q) => !(q.subject.value === catalog.value && q.predicate.value === DCT.modified.value))
  const head = [...node, quad(catalog, DCT.modified, literal(canonicalDateTime(parts.modified), XSD.dateTime)), ...memberLinks(catalog, listed, scan), ...describeHydraView(parts.view)]
  // DCAT-AP: a catalogue record's dct:conformsTo is the application profile its metadata follows — the one served.
  if (parts.profileIri) for (const d of listed) for (const r of scan.records.get(d) ?? []) head.push(quad(namedNode(r), DCT.conformsTo, namedNode(parts.profileIri)))
  const references = dedupe(parts.references)
  const types = entailRangeTypes([...head, ...parts.records.links, ...references])
  return { head, records: parts.records.ntriples, tail: [...references, ...types], listed }
}

/**
 * An ISO timestamp in the canonical xsd:dateTime form: fractional seconds without trailing zeros (".940Z" → ".94Z",
 * ".000Z" → "Z"). RDF/XML and Turtle writers that normalise typed literals print it that way, so a non-canonical form
 * made the .rdf page differ from the .nt page whenever the milliseconds ended in 0.
 */
export const canonicalDateTime = (iso: string): string => iso.replace(/\.(\d*?)0+(?=Z|[+-]\d\d:\d\d$)/, (_, kept: string) => (kept ? `.${kept}` : ''))
