/**
 * A read-only triple index for SHACL data graphs: the parsed quads themselves, found by subject or by object. n3's
 * Store rebuilds a new Quad (and terms) on every match, which was most of per-record validation's garbage; this
 * hands back the same objects, so a match costs one small array.
 */
import type { Quad, Term } from 'n3'

const keyOf = (t: Term): string =>
  t.termType === 'NamedNode' ? t.value : t.termType === 'BlankNode' ? `_:${t.value}` : t.termType === 'Literal' ? `"${t.value}"@${t.language}^^${t.datatype.value}` : `?${t.termType}`

export class TripleIndex {
  private readonly bySubject = new Map<string, Quad[]>()
  private readonly byObject = new Map<string, Quad[]>()
  private readonly all: Quad[] = []

  /**
   * Index quads (graphs ignored: SHACL sees one data graph). They must be distinct triples, and distinct from those
   * of any index read together with this one: partition.ts writes each unit's triples once and none of the
   * background's (a triple counted twice would break sh:maxCount).
   */
  constructor(quads: Iterable<Quad>) {
    for (const q of quads) {
      const s = keyOf(q.subject)
      const o = keyOf(q.object)
      this.all.push(q)
      push(this.bySubject, s, q)
      push(this.byObject, o, q)
    }
  }

  get size(): number {
    return this.all.length
  }

  match(s?: Term | null, p?: Term | null, o?: Term | null): Quad[] {
    const list = s ? this.bySubject.get(keyOf(s)) : o ? this.byObject.get(keyOf(o)) : this.all
    if (!list) return EMPTY
    if (!p && (!o || !s)) return list
    return list.filter((q) => (!p || q.predicate.value === p.value) && (!o || !s || q.object.equals(o)))
  }

  /** The objects of a subject's predicate (the compiled evaluator's one read, src/validate/compiled.ts). */
  objects(s: Term, p: string): Term[] {
    const list = this.bySubject.get(keyOf(s))
    if (!list) return NONE
    let out: Term[] | undefined
    for (const q of list) if (q.predicate.value === p) (out ??= []).push(q.object)
    return out ?? NONE
  }

  /** A subject's triples (sh:closed). */
  outgoing(s: Term): Quad[] {
    return this.bySubject.get(keyOf(s)) ?? EMPTY
  }
}

const EMPTY: Quad[] = []
const NONE: Term[] = []

function push(map: Map<string, Quad[]>, key: string, q: Quad): void {
  const list = map.get(key)
  if (list) list.push(q)
  else map.set(key, [q])
}
