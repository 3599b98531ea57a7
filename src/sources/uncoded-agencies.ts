/**
 * Agencies created after the 2016 DGPA code list (數位發展部, 環境部, 運動部 …), from
 * data/mappings/agencies-after-2016.csv: real organisations the 2026 catalogue names as publishers, which our only
 * code list cannot know. They are served honestly as ogd:UncodedAgency (foaf:Organization) nodes named by their names, never given an
 * invented code: org:subOrganizationOf their parent, dct:replaces the coded predecessor where there is one.
 */
import { parse } from 'csv-parse/sync'
import { DataFactory, type NamedNode, type Quad } from 'n3'
import { SourceError } from '../errors.ts'
import type { Iris } from '../model/iris.ts'
import { normalizeAgencyName } from '../link/normalize-name.ts'
import { DCT, FOAF, ORG, RDF, RDFS, SKOS, XSD } from '../vocab/index.ts'

const { literal, quad } = DataFactory
const COLUMNS = ['name_zh', 'name_en', 'founded', 'parent', 'predecessor_code', 'organic_law', 'note']
const CODE = /^[0-9A-Z]{9}[0-9A-Z]$/

export interface UncodedAgency {
  name: string
  iri: string
}

/** The agencies' quads (each in its own graph) and an index by normalised name for the publisher linker. */
export function importUncodedAgencies(csv: string, file: string, iris: Iris): { quads: Quad[]; byName: Map<string, UncodedAgency> } {
  const rows = parse(csv, { columns: true, skip_empty_lines: true, bom: true }) as Record<string, string>[]
  const byName = new Map<string, UncodedAgency>()
  rows.forEach((row, i) => {
    const missing = COLUMNS.find((c) => row[c] === undefined)
    if (missing) throw new SourceError(file, i + 2, `missing column "${missing}" (expected ${COLUMNS.join(',')})`)
    byName.set(normalizeAgencyName(row.name_zh!), { name: row.name_zh!.trim(), iri: iris.uncodedAgency(row.name_zh!).value })
  })
  const target = (ref: string, line: number): NamedNode => {
    if (CODE.test(ref)) return iris.agency(ref)
    const known = byName.get(normalizeAgencyName(ref))
    if (!known) throw new SourceError(file, line, `parent "${ref}" is neither a DGPA code nor an agency of this table`)
    return DataFactory.namedNode(known.iri)
  }
  const quads: Quad[] = []
  rows.forEach((row, i) => {
    const node = iris.uncodedAgency(row.name_zh!)
    const add = (p: NamedNode, o: Parameters<typeof quad>[2]) => quads.push(quad(node, p, o as never, node))
    add(RDF.type, FOAF.Agent)
    // foaf:Organization, not org:Organization: our profile requires a DGPA code of every org:Organization, and these
    // honestly have none (ogd:UncodedAgency is a subclass of foaf:Agent only, so SHACL does not target them as one)
    add(RDF.type, FOAF.Organization)
    add(RDF.type, iris.ogd.UncodedAgency)
    for (const p of [FOAF.name, SKOS.prefLabel]) add(p, literal(row.name_zh!.trim(), 'zh-Hant'))
    if (row.name_en?.trim()) for (const p of [FOAF.name, SKOS.prefLabel]) add(p, literal(row.name_en.trim(), 'en'))
    if (/^\d{4}-\d{2}-\d{2}$/.test(row.founded ?? '')) add(DCT.created, literal(row.founded!, XSD.date))
    if (row.parent?.trim()) add(ORG.subOrganizationOf, target(row.parent.trim(), i + 2))
    if (row.predecessor_code?.trim()) add(DCT.replaces, iris.agency(row.predecessor_code.trim()))
    if (row.organic_law?.trim()) add(iris.ogd.organicLaw, iris.law(row.organic_law.trim()))
    if (row.note?.trim()) add(RDFS.comment, literal(row.note.trim(), 'en'))
  })
  return { quads, byName }
}
