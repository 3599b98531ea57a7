/** Quad building for the agency importers: a list that drops exact duplicates, and the literal shapes they use. */
import { DataFactory, type BlankNode, type Literal, type NamedNode, type Quad, type Term } from 'n3'
import { XSD } from '../vocab/index.ts'

const { quad, literal } = DataFactory

/** An ordered list of quads without repeats (lineage is stated by both the old and the new row). */
export class QuadList {
  readonly quads: Quad[] = []
  private readonly seen = new Set<string>()

  /** Add one quad unless an identical one is already there. */
  add(subject: NamedNode | BlankNode, predicate: NamedNode, object: Term, graph: NamedNode): void {
    const key = [subject, predicate, object, graph].map(keyOfTerm).join(' ')
    if (this.seen.has(key)) return
    this.seen.add(key)
    this.quads.push(quad(subject, predicate, object as Quad['object'], graph))
  }
}

const keyOfTerm = (term: Term): string =>
  term.termType === 'Literal' ? `"${term.value}"@${term.language}^^${term.datatype.value}` : `${term.termType}:${term.value}`

/** A Chinese (Traditional) name or label. */
export const zhLiteral = (value: string): Literal => literal(value, 'zh-Hant')
/** An English name or label. */
export const enLiteral = (value: string): Literal => literal(value, 'en')
/** A plain string (codes keep their leading zeros: never xsd:integer). */
export const stringLiteral = (value: string): Literal => literal(value, XSD.string)
/** An `xsd:date` from an ISO `YYYY-MM-DD`. */
export const dateLiteral = (iso: string): Literal => literal(iso, XSD.date)
/** An `xsd:boolean`. */
export const booleanLiteral = (value: boolean): Literal => literal(String(value), XSD.boolean)

/** A blank-node label that is stable across runs, so re-importing a record replaces rather than duplicates it. */
export const stableBlankNode = (...parts: string[]): BlankNode =>
  DataFactory.blankNode(parts.join('-').replace(/[^A-Za-z0-9_-]/g, '_'))
