/**
 * Who wrote a reply to a dataset request: the assigned agency whose name signs it off (「臺南市政府 敬復」, 「法務部敬上」).
 * Only a sign-off counts — a reply naming another agency (「請洽交通部」) says nothing about its author — and only an
 * agency the request was assigned to, matched on its name after 臺/台 and width folding; anything else stays unsigned.
 */
import { DataFactory, type NamedNode, type Quad } from 'n3'
import { FOAF, SCHEMA, SKOS } from '../vocab/index.ts'
import type { Iris } from '../model/iris.ts'
import { provenance } from '../sources/datagovtw-requests.ts'

const { quad } = DataFactory

// The closing formulas of official letters: 敬復 / 敬覆 / 謹復 / 謹覆 / 敬上 / 敬啟 / 謹啟.
const SIGN_OFF = /([\p{Script=Han}\p{Script=Latin}()（）]{2,30})\s*(?:敬|謹)(?:復|覆|上|啟)/gu

const fold = (name: string): string => name.normalize('NFKC').replace(/台/g, '臺').replace(/\s+/g, '')

/** The assigned agency that signs `answer` off, with the words, when exactly one does. */
export function findSigningAgency(answer: string, agencies: ReadonlyMap<string, string[]>): { agency: string; words: string } | undefined {
  const found = new Map<string, string>()
  for (const m of answer.matchAll(SIGN_OFF)) {
    const signer = fold(m[1]!)
    for (const [agency, names] of agencies) if (names.some((name) => signer.endsWith(fold(name)))) found.set(agency, m[0].trim())
  }
  if (found.size !== 1) return undefined
  const [agency, words] = [...found][0]!
  return { agency, words }
}

/** `reply schema:author agency` for every reply signed by one of its request's assigned agencies, with provenance. */
export function linkReplyAuthors(quads: readonly Quad[], iris: Iris): { quads: Quad[]; stats: { signedReplies: number } } {
  const names = new Map<string, string[]>()
  const assigned = new Map<string, string[]>()
  const answers: { request: NamedNode; reply: NamedNode; n: string; answer: string }[] = []
  const prefix = `${iris.base}/request/`
  for (const q of quads) {
    if ((q.predicate.equals(FOAF.name) || q.predicate.equals(SKOS.prefLabel)) && q.object.termType === 'Literal' && q.object.language.startsWith('zh')) {
      const list = names.get(q.subject.value) ?? []
      if (!list.includes(q.object.value)) list.push(q.object.value)
      names.set(q.subject.value, list)
    } else if (q.predicate.equals(iris.ogd.assignedTo)) assigned.set(q.subject.value, [...(assigned.get(q.subject.value) ?? []), q.object.value])
    else if (q.predicate.equals(iris.ogd.agencyAnswer) && q.subject.value.startsWith(prefix)) {
      const hash = q.subject.value.indexOf('#reply-')
      answers.push({ request: DataFactory.namedNode(q.subject.value.slice(0, hash)), reply: q.subject as NamedNode, n: q.subject.value.slice(hash + 7), answer: q.object.value })
    }
  }
  const out: Quad[] = []
  for (const { request, reply, n, answer } of answers) {
    const candidates = new Map((assigned.get(request.value) ?? []).map((agency) => [agency, names.get(agency) ?? []]))
    const signed = findSigningAgency(answer, candidates)
    if (!signed) continue
    const add = (s: NamedNode, p: NamedNode, o: Quad['object']) => out.push(quad(s, p, o, request))
    add(reply, SCHEMA.author, DataFactory.namedNode(signed.agency))
    provenance(reply, `reply-${n}-author`, signed.words, 'reply-signed', 'reply-author', iris, add, request)
  }
  return { quads: out, stats: { signedReplies: out.filter((q) => q.predicate.equals(SCHEMA.author)).length } }
}
