/**
 * Typed XSD literals as the embedded store stores them (design §4: `"01"^^xsd:integer` is `"1"`,
 * `xsd:nonNegativeInteger` becomes `xsd:integer`, `1.50` is `1.5`). oxigraph itself does the rewriting — one scratch
 * store per call, each distinct literal once — rather than a copy of its rules that would drift from the engine.
 */
import oxigraph from 'oxigraph'
import { XSD } from '../vocab/index.ts'

const XSD_NS = 'http://www.w3.org/2001/XMLSchema#'

export interface TypedLiteral { value: string; datatype: string }

/** Whether the store may write this literal otherwise than it was given (an XSD datatype other than xsd:string). */
export const isRewritable = (datatype: string | undefined): datatype is string => datatype !== undefined && datatype.startsWith(XSD_NS) && datatype !== XSD.string.value

export const literalKey = (literal: TypedLiteral) => `${literal.datatype}\u0000${literal.value}`

/**
 * literalKey → the stored form, for the rewritable ones among `literals`; one oxigraph cannot hold (a bad lexical
 * form) has no entry, and is kept as it was by the caller.
 */
export function canonicalLiterals(literals: Iterable<TypedLiteral>): Map<string, TypedLiteral> {
  const distinct = new Map<string, TypedLiteral>()
  for (const literal of literals) if (isRewritable(literal.datatype)) distinct.set(literalKey(literal), literal)
  const out = new Map<string, TypedLiteral>()
  if (distinct.size === 0) return out
  const keys = [...distinct.keys()]
  const store = new oxigraph.Store()
  const p = oxigraph.namedNode('urn:x-literal:p')
  for (const [i, key] of keys.entries()) {
    const { value, datatype } = distinct.get(key)!
    try {
      store.add(oxigraph.quad(oxigraph.namedNode(`urn:x-literal:${i}`), p, oxigraph.literal(value, oxigraph.namedNode(datatype))))
    } catch {
      // left out: see above
    }
  }
  for (const stored of store.match(null, null, null, null)) {
    const object = stored.object as oxigraph.Literal
    out.set(keys[Number(stored.subject.value.slice('urn:x-literal:'.length))]!, { value: object.value, datatype: object.datatype.value })
  }
  return out
}
