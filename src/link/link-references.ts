/** Turn the importers' name-only references into links, each with a record of how it was made (provenance). */
import { DataFactory, type NamedNode, type Quad } from 'n3'
import { DCT, ELI, FOAF, ORG, PROV, RDF, SKOS } from '../vocab/index.ts'
import type { Iris } from '../model/iris.ts'
import type { NameReference } from '../sources/types.ts'
import type { AgencyResolver, LinkMethod, Resolution } from './resolve-agency.ts'
import type { HostQualifier } from './host-qualifier.ts'

const { quad, literal } = DataFactory

export interface LinkStats {
  /** kind → method → count */
  byKind: Record<string, Partial<Record<LinkMethod, number>>>
  /** Distinct names that stayed unresolved, with how often each was referenced. */
  unresolvedNames: Record<string, number>
}

const PREDICATE_BY_KIND = {
  publisher: DCT.publisher,
  'competent-agency': ELI.responsibility_of,
} as const

const predicateOf = (kind: Exclude<NameReference['kind'], 'parent-agency' | 'organic-law-agency'>, iris: Iris): NamedNode =>
  kind === 'request-agency' ? iris.ogd.assignedTo : PREDICATE_BY_KIND[kind]

/** Link every reference; new agent nodes (units, unresolved names) are emitted once, each in its own graph. */
export function linkReferences(references: NameReference[], resolve: AgencyResolver, iris: Iris, qualify?: HostQualifier) {
  const quads: Quad[] = []
  const emitted = new Set<string>()
  const stats: LinkStats = { byKind: {}, unresolvedNames: {} }

  for (const ref of references) {
    if (ref.kind === 'parent-agency') continue // hierarchy comes from DGPA codes, not names
    let resolution = resolve(ref.text, ref.code)
    const qualified = resolution.method === 'unresolved' && qualify ? qualify(ref) : undefined
    if (qualified) resolution = qualified.resolution
    const target = targetOf(resolution, qualified?.qualifiedName ?? ref.text, iris, quads, emitted)
    const method = qualified ? 'host-qualified-unit' : resolution.method
    const kindStats = (stats.byKind[ref.kind] ??= {})
    kindStats[method] = (kindStats[method] ?? 0) + 1
    if (resolution.method === 'unresolved') stats.unresolvedNames[ref.text] = (stats.unresolvedNames[ref.text] ?? 0) + 1

    if (ref.kind === 'organic-law-agency') {
      // The link belongs to the agency's record: agency → the law that establishes it.
      const graph = target
      quads.push(quad(target, iris.ogd.organicLaw, ref.subject, graph))
      pushProvenance(quads, iris, target, 'organic-law', ref, resolution, graph)
    } else {
      quads.push(quad(ref.subject, predicateOf(ref.kind, iris), target, ref.graph))
      pushProvenance(quads, iris, ref.subject, ref.linkKey ?? ref.kind, ref, qualified ? { ...resolution, method } : resolution, ref.graph, ref.kind)
      if (qualified) quads.push(quad(iris.linkRecord(ref.subject, ref.linkKey ?? ref.kind), iris.ogd.linkEvidence, literal(qualified.evidence), ref.graph))
    }
  }
  return { quads, stats }
}

function targetOf(resolution: Resolution, text: string, iris: Iris, out: Quad[], emitted: Set<string>): NamedNode {
  if (resolution.method === 'unit-of' && resolution.agency && resolution.unitName) {
    const unit = iris.agencyUnit(resolution.agency.code, resolution.unitName)
    if (!emitted.has(unit.value)) {
      emitted.add(unit.value)
      const parent = DataFactory.namedNode(resolution.agency.iri)
      out.push(
        quad(unit, RDF.type, FOAF.Agent, unit),
        quad(unit, RDF.type, ORG.OrganizationalUnit, unit),
        quad(unit, FOAF.name, literal(text.trim(), 'zh-Hant'), unit),
        quad(unit, SKOS.prefLabel, literal(text.trim(), 'zh-Hant'), unit),
        quad(unit, ORG.unitOf, parent, unit),
      )
    }
    return unit
  }
  if (resolution.agency) return DataFactory.namedNode(resolution.agency.iri)
  if (resolution.uncoded) return DataFactory.namedNode(resolution.uncoded.iri)
  const node = iris.unresolvedAgency(text)
  if (!emitted.has(node.value)) {
    emitted.add(node.value)
    out.push(
      quad(node, RDF.type, FOAF.Agent, node),
      quad(node, RDF.type, iris.ogd.UnresolvedAgent, node),
      quad(node, FOAF.name, literal(text.trim(), 'zh-Hant'), node),
      quad(node, SKOS.prefLabel, literal(text.trim(), 'zh-Hant'), node),
    )
  }
  return node
}

function pushProvenance(out: Quad[], iris: Iris, subject: NamedNode, kind: string, ref: NameReference, resolution: Resolution, graph: NamedNode, activity = kind) {
  const record = iris.linkRecord(subject, kind)
  out.push(
    quad(subject, iris.ogd.linkRecord, record, graph),
    quad(record, RDF.type, iris.ogd.LinkProvenance, graph),
    quad(record, iris.ogd.sourceText, literal(ref.text), graph),
    quad(record, iris.ogd.linkMethod, iris.concept('link-method', resolution.method), graph),
    quad(record, PROV.wasGeneratedBy, iris.linkActivity(activity), graph),
  )
}

/** Share of references of a kind that reached a coded agency (not a unit, not unresolved). */
export function resolvedShare(stats: LinkStats, kind: string): { resolved: number; total: number; share: number } {
  const methods = stats.byKind[kind] ?? {}
  const total = Object.values(methods).reduce((a, b) => a + (b ?? 0), 0)
  const resolved = total - (methods.unresolved ?? 0) - (methods['unit-of'] ?? 0) - (methods['host-qualified-unit'] ?? 0) - (methods['uncoded-agency'] ?? 0)
  return { resolved, total, share: total ? resolved / total : 0 }
}
