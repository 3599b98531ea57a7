/**
 * What data a shapes graph can read beyond a focus node's own triples: how many hops away (value nodes of value
 * nodes…) and through which predicates. Per-record validation gives each record these triples of the nodes it
 * links to, wherever they live, so it sees exactly what a whole-graph run would (pySHACL and TopBraid call the
 * same idea the "shape's data footprint"). Features whose footprint is not bounded this way (inverse paths,
 * SPARQL constraints and targets, sh:targetObjectsOf) make the analysis refuse, and the caller validates the
 * whole graph instead.
 */
import type { Store, Term } from 'n3'
import { RDF, SH } from '../vocab/index.ts'

export type Reach =
  | {
      supported: true
      /** Hops from a focus node to the farthest node whose triples a shape reads (Infinity: recursive shapes or `*`/`+` paths). */
      depth: number
      /** Predicates read of nodes one hop away or more; 'all' when a shape there is sh:closed. */
      predicates: Set<string> | 'all'
    }
  | { supported: false; reason: string }

class Unsupported extends Error {}

/** Analyse a profile's shapes (the graph loadShapes returns). */
export function analyzeReach(shapes: Store): Reach {
  const predicates = new Set<string>()
  let all = false
  let depth = 0
  const onStack = new Set<string>()
  const seen = new Map<string, number>()
  const key = (t: Term) => `${t.termType}:${t.value}`
  const objects = (s: Term, p: Term) => shapes.getObjects(s, p, null)
  const list = (head: Term): Term[] => {
    const items: Term[] = []
    for (let node = head; node.value !== RDF.nil.value; ) {
      const first = objects(node, RDF.first)[0]
      const rest = objects(node, RDF.rest)[0]
      if (!first || !rest) break
      items.push(first)
      node = rest
    }
    return items
  }
  const read = (predicate: string, at: number) => {
    if (at >= 1) predicates.add(predicate)
  }
  const reach = (at: number) => {
    depth = Math.max(depth, at)
  }

  /** The shape applies to a node `at` hops from the record's focus node. */
  function visitShape(shape: Term, at: number): void {
    const k = key(shape)
    if (onStack.has(k)) {
      depth = Infinity // a shape that reaches itself: the footprint is a closure, not a fixed number of hops
      return
    }
    if ((seen.get(k) ?? -1) >= at) return
    seen.set(k, at)
    onStack.add(k)
    reach(at)
    if (objects(shape, SH.sparql).length) throw new Unsupported(`SPARQL constraint on ${shape.value}`)
    if (objects(shape, SH.class).length) read(RDF.type.value, at)
    if (objects(shape, SH.closed).some((t) => t.value === 'true') && at >= 1) all = true
    for (const p of [SH.equals, SH.disjoint, SH.lessThan, SH.lessThanOrEquals]) for (const o of objects(shape, p)) read(o.value, at)
    for (const path of objects(shape, SH.path)) visitValues(shape, at + visitPath(path, at))
    if (!objects(shape, SH.path).length) visitNested(shape, at)
    onStack.delete(k)
  }

  /** Constraints that apply further shapes to the same nodes (node shape) or to the values (property shape). */
  function visitNested(shape: Term, at: number): void {
    for (const nested of objects(shape, SH.node)) visitShape(nested, at)
    for (const nested of objects(shape, SH.property)) visitShape(nested, at)
    for (const nested of objects(shape, SH.qualifiedValueShape)) visitShape(nested, at)
    for (const nested of objects(shape, SH.not)) visitShape(nested, at)
    for (const p of [SH.and, SH.or, SH.xone]) for (const head of objects(shape, p)) for (const nested of list(head)) visitShape(nested, at)
  }

  /** A property shape's value nodes are `at` hops away: sh:class reads their types, nested shapes more. */
  function visitValues(shape: Term, at: number): void {
    reach(at)
    if (objects(shape, SH.class).length) read(RDF.type.value, at)
    visitNested(shape, at)
  }

  /** The predicates a path reads, from `at` hops; returns its length in hops. */
  function visitPath(path: Term, at: number): number {
    if (path.termType === 'NamedNode') {
      read(path.value, at)
      return 1
    }
    if (objects(path, SH.inversePath).length) throw new Unsupported('inverse path (sh:inversePath)')
    for (const p of [SH.zeroOrMorePath, SH.oneOrMorePath, SH.zeroOrOnePath]) {
      for (const inner of objects(path, p)) {
        visitPath(inner, at)
        visitPath(inner, at + 1)
        if (p !== SH.zeroOrOnePath) depth = Infinity
        return 1
      }
    }
    for (const head of objects(path, SH.alternativePath)) return Math.max(...list(head).map((alt) => visitPath(alt, at)))
    const steps = list(path)
    if (!steps.length) throw new Unsupported(`path ${path.value}`)
    let length = 0
    for (const step of steps) length += visitPath(step, at + length)
    return length
  }

  try {
    for (const p of [SH.targetObjectsOf, SH.target]) if (shapes.getQuads(null, p, null, null).length) throw new Unsupported(`${p.value.replace(/^.*#/, 'sh:')} target`)
    if (shapes.getQuads(null, SH.sparql, null, null).length) throw new Unsupported('SPARQL constraints')
    const roots = new Set<string>()
    const rootTerms: Term[] = []
    for (const q of shapes.getQuads(null, null, null, null)) {
      const isRoot = q.predicate.equals(SH.targetClass) || q.predicate.equals(SH.targetNode) || q.predicate.equals(SH.targetSubjectsOf)
        || (q.predicate.equals(RDF.type) && (q.object.equals(SH.NodeShape) || q.object.equals(SH.PropertyShape)))
      if (isRoot && !roots.has(key(q.subject))) {
        roots.add(key(q.subject))
        rootTerms.push(q.subject)
      }
    }
    for (const root of rootTerms) visitShape(root, 0)
  } catch (error) {
    if (error instanceof Unsupported) return { supported: false, reason: error.message }
    throw error
  }
  return { supported: true, depth, predicates: all ? 'all' : predicates }
}

/** Two profiles' footprints as one (the build validates several profiles over the same units). */
export function mergeReach(reaches: readonly Reach[]): Reach {
  let depth = 0
  const predicates = new Set<string>()
  let all = false
  for (const r of reaches) {
    if (!r.supported) return r
    depth = Math.max(depth, r.depth)
    if (r.predicates === 'all') all = true
    else for (const p of r.predicates) predicates.add(p)
  }
  return { supported: true, depth, predicates: all ? 'all' : predicates }
}
