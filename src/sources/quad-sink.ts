/** A tiny quad collector for the law and licence importers: one named graph at a time, and the literal kinds they write. */
import { DataFactory, type BlankNode, type Literal, type NamedNode, type Quad } from 'n3'
import { XSD } from '../vocab/index.ts'

const { quad, literal } = DataFactory

/** Traditional Chinese as written in Taiwan (BCP 47), used on every zh text we import. */
export const ZH = 'zh-Hant'

export type Subject = NamedNode | BlankNode
export type ObjectTerm = NamedNode | BlankNode | Literal

/** Something quads are added to, each in the graph it was made for. */
export interface QuadSink {
  add(subject: Subject, predicate: NamedNode, object: ObjectTerm): void
}

/** Make a sink that appends to `out`, every quad in `graph`. */
export function createQuadSink(out: Quad[], graph: NamedNode): QuadSink {
  return { add: (s, p, o) => { out.push(quad(s, p, o, graph)) } }
}

/** A language-tagged literal. */
export const langText = (text: string, lang: string): Literal => literal(text, lang)

/** An `xsd:date` literal from an ISO `YYYY-MM-DD` string. */
export const dateLiteral = (iso: string): Literal => literal(iso, XSD.date)

/** An `xsd:integer` literal. */
export const integerLiteral = (n: number): Literal => literal(String(n), XSD.integer)

/** A plain `xsd:string` literal (codes keep their leading zeros this way). */
export const stringLiteral = (text: string): Literal => literal(text)
