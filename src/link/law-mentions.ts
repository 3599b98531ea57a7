/**
 * Datasets → the laws they name. A dataset whose title or description contains the full title of a law
 * (e.g. 「公平會101年涉及公平交易法之檢舉案件行為態樣統計」 names 公平交易法) cites it: `dct:references`
 * (DCMI: "a related resource that is referenced, cited, or otherwise pointed to"). Not dcatap:applicableLegislation,
 * which claims the law *mandates* the dataset — a title mention does not show that. Each link records its provenance.
 */
import { DataFactory, type NamedNode, type Quad } from 'n3'
import { DCAT, DCT, ELI, ELI_IN_FORCE, PROV, RDF } from '../vocab/index.ts'
import type { Iris } from '../model/iris.ts'

const { quad, literal, namedNode } = DataFactory

// Shorter titles (法院組織法 is 5) are safe; 4-character titles such as 公證法 + 1 are too, but 3 would match words.
const MIN_TITLE_LENGTH = 4

export interface LawTitle { iri: string; title: string; inForce: boolean }

/** How titles are indexed: the shortest title kept, and whether nicknames (eli:title_alternative, 個資法) count. */
export interface LawIndexOptions { minLength: number; alternatives: boolean }

/** Index law titles by their first two characters, so each text position looks at a handful of candidates. */
export function indexLawTitles(quads: readonly Quad[], options: LawIndexOptions = { minLength: MIN_TITLE_LENGTH, alternatives: false }): Map<string, LawTitle[]> {
  const laws = new Map<string, { titles: string[]; inForce: boolean }>()
  const entry = (iri: string) => laws.get(iri) ?? laws.set(iri, { titles: [], inForce: true }).get(iri)!
  for (const q of quads) {
    const isTitle = q.predicate.equals(ELI.title) || (options.alternatives && q.predicate.equals(ELI.title_alternative))
    if (isTitle && q.object.termType === 'Literal' && q.object.language.startsWith('zh')) entry(q.subject.value).titles.push(q.object.value)
    else if (q.predicate.equals(ELI.in_force)) entry(q.subject.value).inForce = q.object.equals(ELI_IN_FORCE.inForce)
  }
  const index = new Map<string, LawTitle[]>()
  for (const [iri, { titles, inForce }] of laws) {
    for (const title of titles) {
      if (title.length < options.minLength) continue
      const key = title.slice(0, 2)
      const list = index.get(key) ?? []
      list.push({ iri, title, inForce })
      index.set(key, list)
    }
  }
  // Longest title first, in-force before abolished: 農藥殘留容許量標準 wins over any shorter title inside it.
  for (const list of index.values()) list.sort((a, b) => b.title.length - a.title.length || Number(b.inForce) - Number(a.inForce))
  return index
}

/** The laws named in `text`: longest match at each position, no overlapping matches. */
export function findLawMentions(text: string, index: Map<string, LawTitle[]>): LawTitle[] {
  const found = new Map<string, LawTitle>()
  for (let i = 0; i < text.length - 1; ) {
    const hit = index.get(text.slice(i, i + 2))?.find((law) => text.startsWith(law.title, i))
    if (hit) {
      if (!found.has(hit.title)) found.set(hit.title, hit)
      i += hit.title.length
    } else i++
  }
  return [...found.values()]
}

/** Link every dataset to the laws its title or description names; quads go in the dataset's graph. */
export function linkLawMentions(quads: readonly Quad[], iris: Iris, lawIndex?: Map<string, LawTitle[]>): { quads: Quad[]; stats: { datasets: number; links: number } } {
  // A sync links one record at a time: it passes the index of the graph's laws, made once (src/sync/sync-context.ts).
  const index = lawIndex ?? indexLawTitles(quads)
  const datasets = new Set(quads.filter((q) => q.predicate.equals(RDF.type) && q.object.equals(DCAT.Dataset)).map((q) => q.subject.value))
  const texts = new Map<string, { graph: Quad['graph']; field: 'title' | 'description'; text: string }[]>()
  for (const q of quads) {
    if (!datasets.has(q.subject.value) || q.object.termType !== 'Literal') continue
    const field = q.predicate.equals(DCT.title) ? 'title' : q.predicate.equals(DCT.description) ? 'description' : undefined
    if (!field) continue
    const list = texts.get(q.subject.value) ?? []
    list.push({ graph: q.graph, field, text: q.object.value })
    texts.set(q.subject.value, list)
  }
  const out: Quad[] = []
  let linkedDatasets = 0
  for (const [subject, fields] of texts) {
    const seen = new Set<string>()
    for (const { graph, field, text } of fields) {
      for (const law of findLawMentions(text, index)) {
        if (seen.has(law.iri)) continue
        seen.add(law.iri)
        pushMention(out, iris, namedNode(subject), namedNode(law.iri), law.title, field, graph as NamedNode)
      }
    }
    if (seen.size) linkedDatasets++
  }
  return { quads: out, stats: { datasets: linkedDatasets, links: out.filter((q) => q.predicate.equals(DCT.references)).length } }
}

function pushMention(out: Quad[], iris: Iris, dataset: NamedNode, law: NamedNode, title: string, field: 'title' | 'description', graph: NamedNode) {
  const record = iris.linkRecord(dataset, `law-${law.value.slice(law.value.lastIndexOf('/') + 1)}`)
  out.push(
    quad(dataset, DCT.references, law, graph),
    quad(dataset, iris.ogd.linkRecord, record, graph),
    quad(record, RDF.type, iris.ogd.LinkProvenance, graph),
    quad(record, iris.ogd.sourceText, literal(title), graph),
    quad(record, iris.ogd.linkMethod, iris.concept('link-method', `${field}-mention`), graph),
    quad(record, PROV.wasGeneratedBy, iris.linkActivity('law-mention'), graph),
  )
}
