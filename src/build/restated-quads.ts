/**
 * Quads stated twice: where two importers write into one named graph (the EU concepts typed by both the mapping
 * tables and the EU authority tables in 'vocab'; a key law typed by both the MOJ list and its full text), the
 * second statement is dropped, so the build's quad count is the store's (a store holds each quad once).
 */
import type { Quad } from 'n3'
import { termToNQuads } from '../serialize/nquads-writer.ts'

/** Which step first wrote each named graph, and the graphs a second step wrote into too. */
export interface GraphWriters {
  /** Note that `step` wrote `quads`. */
  note(step: string, quads: readonly Quad[]): void
  /** Graphs more than one step wrote into: the only places a quad can be stated twice across steps. */
  shared(): ReadonlySet<string>
}

export function trackGraphWriters(): GraphWriters {
  const writer = new Map<string, string>()
  const shared = new Set<string>()
  return {
    note(step, quads) {
      for (const q of quads) {
        const g = q.graph.value
        const first = writer.get(g)
        if (first === undefined) writer.set(g, step)
        else if (first !== step) shared.add(g)
      }
    },
    shared: () => shared,
  }
}

const keyOf = (q: Quad) => `${termToNQuads(q.subject)} ${termToNQuads(q.predicate)} ${termToNQuads(q.object)} ${termToNQuads(q.graph)}`

/**
 * Remove, in place, every repeat of a quad in the graphs `inGraphs`; returns how many were removed. Only those
 * graphs are keyed, so the memory this takes is bounded by them, not by the whole graph (a graph one step wrote
 * alone needs no check: each importer states a quad once, which test/build/full-graph.test.ts holds it to).
 */
export function dropRestatedQuads(quads: Quad[], inGraphs: ReadonlySet<string>): number {
  if (inGraphs.size === 0) return 0
  const seen = new Set<string>()
  let kept = 0
  for (const q of quads) {
    if (inGraphs.has(q.graph.value)) {
      const key = keyOf(q)
      if (seen.has(key)) continue
      seen.add(key)
    }
    quads[kept++] = q
  }
  const removed = quads.length - kept
  quads.length = kept
  return removed
}
