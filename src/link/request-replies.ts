/**
 * Replies to dataset requests → the laws they cite (schema:citation: a reply is a schema:Answer, a
 * CreativeWork; dct:references stays the datasets' law mentions) and the datasets that answer the request. Runs after
 * the agency links, on the whole graph: a law is cited where an agency's answer contains its full title or a nickname of
 * aliases.json (個資法), so refusals invoking 個人資料保護法 or 政府資訊公開法 become queryable; a dataset answers a
 * request where the answer links its data.gov.tw node page, or quotes (「」) the full title of a dataset published
 * by an agency the request was assigned to (or a unit or sub-organisation of one). No other match is made.
 */
import { DataFactory, type NamedNode, type Quad } from 'n3'
import { DCAT, DCT, ORG, RDF, SCHEMA } from '../vocab/index.ts'
import type { Iris } from '../model/iris.ts'
import { provenance } from '../sources/datagovtw-requests.ts'
import { findLawMentions, indexLawTitles } from './law-mentions.ts'

const { quad } = DataFactory

// In replies, three-character titles (公司法, 個資法) are whole words often enough; two (民法) are not.
const REPLY_LAW_INDEX = { minLength: 3, alternatives: true }
const QUOTED = /[「『]([^」』\n]{4,80})[」』]/g
const NODE_URL = /https?:\/\/data\.gov\.tw\/node\/(\d+)/g
const MAX_ANCESTORS = 4

interface ReplyText { request: NamedNode; reply: NamedNode; n: string; answer: string }

const foldTitle = (title: string): string => title.normalize('NFKC').replace(/台/g, '臺').replace(/\s+/g, '')

function collect(quads: readonly Quad[], iris: Iris) {
  const replies: ReplyText[] = []
  const assigned = new Map<string, Set<string>>()
  const requests = new Set<string>()
  const parents = new Map<string, string[]>()
  const datasets = new Set<string>()
  const titles = new Map<string, string[]>()
  const publishers = new Map<string, string[]>()
  const answered = new Set<string>()
  const push = <K, V>(map: Map<K, V[]>, key: K, value: V) => { const list = map.get(key); if (list) list.push(value); else map.set(key, [value]) }
  const prefix = `${iris.base}/request/`
  for (const q of quads) {
    const p = q.predicate
    if (p.equals(iris.ogd.agencyAnswer) && q.subject.value.startsWith(prefix)) {
      const hash = q.subject.value.indexOf('#reply-')
      replies.push({ request: DataFactory.namedNode(q.subject.value.slice(0, hash)), reply: q.subject as NamedNode, n: q.subject.value.slice(hash + 7), answer: q.object.value })
    } else if (p.equals(iris.ogd.answeredBy)) answered.add(`${q.subject.value} ${q.object.value}`)
    else if (p.equals(iris.ogd.assignedTo)) {
      const set = assigned.get(q.subject.value) ?? new Set()
      set.add(q.object.value)
      assigned.set(q.subject.value, set)
    } else if (p.equals(RDF.type) && q.object.equals(DCAT.Dataset)) datasets.add(q.subject.value)
    else if (p.equals(RDF.type) && q.object.equals(iris.ogd.DatasetRequest)) requests.add(q.subject.value)
    else if (p.equals(DCT.title) && q.object.termType === 'Literal' && q.object.language.startsWith('zh')) push(titles, foldTitle(q.object.value), q.subject.value)
    else if (p.equals(DCT.publisher)) push(publishers, q.subject.value, q.object.value)
    else if (p.equals(ORG.unitOf) || p.equals(ORG.subOrganizationOf)) push(parents, q.subject.value, q.object.value)
  }
  return { replies, assigned, requests, parents, datasets, titles, publishers, answered }
}

/** The agency itself and the agencies above it (unit of, sub-organisation of), a few levels up. */
function lineage(agency: string, parents: Map<string, string[]>): string[] {
  const seen = [agency]
  for (let i = 0; i < seen.length && seen.length < 16; i++) {
    if (i >= MAX_ANCESTORS * 2) break
    for (const parent of parents.get(seen[i]!) ?? []) if (!seen.includes(parent)) seen.push(parent)
  }
  return seen
}

/** Link replies to the laws they name and requests to the datasets their replies point to; quads in each request's graph. */
export function linkRequestReplies(quads: readonly Quad[], iris: Iris): { quads: Quad[]; stats: { lawCitations: number; repliesCitingLaws: number; datasetsByNode: number; datasetsByTitle: number } } {
  const laws = indexLawTitles(quads, REPLY_LAW_INDEX)
  const graph = collect(quads, iris)
  const out: Quad[] = []
  const stats = { lawCitations: 0, repliesCitingLaws: 0, datasetsByNode: 0, datasetsByTitle: 0 }
  const linkedDatasets = graph.answered
  for (const { request, reply, n, answer } of graph.replies) {
    const add = (s: NamedNode, p: NamedNode, o: Quad['object']) => out.push(quad(s, p, o, request))
    const cited = findLawMentions(answer, laws)
    for (const law of new Map(cited.map((l) => [l.iri, l])).values()) {
      add(reply, SCHEMA.citation, DataFactory.namedNode(law.iri))
      provenance(reply, `reply-${n}-law-${law.iri.slice(law.iri.lastIndexOf('/') + 1)}`, law.title, 'reply-mention', 'reply-law-mention', iris, add, request)
      stats.lawCitations++
    }
    if (cited.length) stats.repliesCitingLaws++
    const answeredBy = (dataset: string, evidence: string, method: string) => {
      const key = `${request.value} ${dataset}`
      if (linkedDatasets.has(key)) return false
      linkedDatasets.add(key)
      add(request, iris.ogd.answeredBy, DataFactory.namedNode(dataset))
      provenance(request, `answered-by-${dataset.slice(dataset.lastIndexOf('/') + 1)}`, evidence, method, 'request-dataset', iris, add)
      return true
    }
    for (const m of answer.matchAll(NODE_URL)) {
      const dataset = iris.dataset(m[1]!).value
      if (graph.datasets.has(dataset) && !graph.requests.has(iris.request(m[1]!).value) && answeredBy(dataset, m[0], 'reply-links-dataset')) stats.datasetsByNode++
    }
    const agencies = graph.assigned.get(request.value)
    if (!agencies) continue
    for (const m of answer.matchAll(QUOTED)) {
      for (const dataset of graph.titles.get(foldTitle(m[1]!)) ?? []) {
        if (!graph.datasets.has(dataset)) continue
        const byAssigned = (graph.publishers.get(dataset) ?? []).some((publisher) => lineage(publisher, graph.parents).some((a) => agencies.has(a)))
        if (byAssigned && answeredBy(dataset, m[0], 'reply-names-agency-dataset')) stats.datasetsByTitle++
      }
    }
  }
  return { quads: out, stats }
}
