/**
 * Record graphs as the store serialises them (N-Triples): passed through to the page as text, and read only as far
 * as the page needs (types, links, what they point to). Parsing every literal of 1,000 records cost more CPU than
 * the query that produced them.
 */
import { DataFactory, type Quad, type Quad_Object, type Quad_Subject } from 'n3'
import { AppError } from '../errors.ts'

const { blankNode, namedNode, quad } = DataFactory

export interface RecordText {
  /** The records as N-Triples lines (one triple each), in the page's profile. */
  ntriples: string
  /** The triples whose object is an IRI or a blank node: types, links between nodes, references outside. */
  links: Quad[]
  /** Every subject the records describe. */
  subjects: Set<string>
}

/** A predicate mapping (e.g. DCAT-AP 2.1.1's): the predicate IRI to write, or undefined to drop the triple. */
export type PredicateMapping = (predicate: string, object: string) => string | undefined

const termOf = (text: string): Quad_Subject & Quad_Object => (text.startsWith('_:') ? blankNode(text.slice(2)) : namedNode(text.slice(1, -1)))

/**
 * Scan N-Triples as Oxigraph writes them (`S P O .`, one per line; IRIs and blank node labels hold no spaces).
 * With `mapping`, triples are renamed or dropped on the way, and the text is rewritten accordingly.
 */
export function scanRecordText(ntriples: string, mapping?: PredicateMapping): RecordText {
  const scanned: RecordText = { ntriples, links: [], subjects: new Set() }
  const kept: string[] = []
  let isChanged = false
  for (const line of ntriples.split('\n')) {
    if (line === '') continue
    const subjectEnd = line.indexOf(' ')
    const predicateEnd = line.indexOf(' ', subjectEnd + 1)
    if (subjectEnd < 0 || predicateEnd < 0 || !line.endsWith(' .')) throw new AppError('internal', `unexpected N-Triples line from the store: ${line.slice(0, 200)}`)
    const subject = line.slice(0, subjectEnd)
    const object = line.slice(predicateEnd + 1, -2)
    let predicate = line.slice(subjectEnd + 2, predicateEnd - 1)
    if (mapping) {
      const mapped = mapping(predicate, object.startsWith('<') ? object.slice(1, -1) : object)
      if (mapped !== predicate) isChanged = true
      if (mapped === undefined) continue
      predicate = mapped
      kept.push(`${subject} <${predicate}> ${object} .`)
    }
    scanned.subjects.add(subject.startsWith('<') ? subject.slice(1, -1) : subject.slice(2))
    if (!object.startsWith('"')) scanned.links.push(quad(termOf(subject), namedNode(predicate), termOf(object)))
  }
  if (mapping && isChanged) scanned.ntriples = kept.length ? kept.join('\n') + '\n' : ''
  return scanned
}
