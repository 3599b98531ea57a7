/**
 * Split a graph of records for per-record SHACL: the background every record is validated with (the shared
 * graphs: vocabularies, concept schemes, the catalogue, class axioms) and one unit per record. A unit holds the
 * triples of the nodes the record owns (from every graph: a node's description may be spread over several) plus
 * what the shapes can read of the nodes it links to (src/validate/reach.ts): e.g. the rdf:type of a publisher
 * agency held in the agency's own record. Every node is owned by exactly one unit, so each focus node is
 * validated once, against the same triples the whole graph would offer.
 */
import { createHash } from 'node:crypto'
import type { Quad, Term } from 'n3'
import { termToNQuads } from '../serialize/nquads-writer.ts'
import { RDFS } from '../vocab/index.ts'
import type { Reach } from './reach.ts'

/** One record's share of the validation: its N-Triples (owned nodes and their reach) and the nodes it owns. */
export interface ValidationUnit {
  /** The record's graph IRI; '' for the background's own nodes. */
  id: string
  /** N-Triples (each once, in the graph's order, which a build repeats), without triples of the background. */
  ntriples: string
  /** The focus-node candidates: N-Triples terms (`<iri>` or `_:label`). */
  owned: string[]
  /** sha256 of `owned` and `ntriples`: with the shapes' and the background's hashes, the cache key. */
  hash: string
}

export interface Partition {
  /** N-Triples of the background, each triple once. */
  background: string
  backgroundHash: string
  /** Units in the graph's record order; the background's own unit first (only the wanted ones: PartitionOptions.only). */
  units: Iterable<ValidationUnit>
  /** How many units `units` yields. */
  unitCount: number
}

/** Blank-node labels the N-Triples writer keeps as they are (it rewrites others, which would rename focus nodes). */
const SAFE_LABEL = /^[A-Za-z0-9_\-.]+$/

/** A blank-node label that would not survive the trip to a worker unchanged: the caller validates the whole graph. */
export class UnsafeBlankNodeLabel extends Error {
  constructor(readonly label: string) {
    super(`blank node label ${JSON.stringify(label)} is not kept as it is by the N-Triples writer`)
  }
}

export const termKey = (term: Term): string => (term.termType === 'BlankNode' ? `_:${term.value}` : term.termType === 'NamedNode' ? `<${term.value}>` : '')
const tripleLine = (q: Quad) => `${termToNQuads(q.subject)} ${termToNQuads(q.predicate)} ${termToNQuads(q.object)} .\n`
const sha256 = (text: string) => createHash('sha256').update(text).digest('hex')

/**
 * The background's share of a partition, worked out once: its lines, text and hash, and its quads by subject (what
 * the units' hops read through). A sync validates batch after batch over the same background: preparing it per
 * batch held the event loop for half a second each time on the 2026 catalogue's background.
 */
export interface PreparedBackground {
  readonly lines: ReadonlySet<string>
  readonly text: string
  readonly hash: string
  readonly bySubject: ReadonlyMap<string, readonly Quad[]>
}

/** Throws UnsafeBlankNodeLabel for a blank node the trip to a worker would rename. */
function checkLabels(q: Quad): void {
  if (q.subject.termType === 'BlankNode' && !SAFE_LABEL.test(q.subject.value)) throw new UnsafeBlankNodeLabel(q.subject.value)
  if (q.object.termType === 'BlankNode' && !SAFE_LABEL.test(q.object.value)) throw new UnsafeBlankNodeLabel(q.object.value)
}

/** Whether a quad is the background's: default graph, a shared graph, or a class axiom wherever it is. */
function backgroundTest(isBackground: (graph: string) => boolean): (q: Quad) => boolean {
  const sharedGraphs = new Map<string, boolean>()
  const isShared = (graph: string) => {
    let shared = sharedGraphs.get(graph)
    if (shared === undefined) sharedGraphs.set(graph, (shared = isBackground(graph)))
    return shared
  }
  return (q) => q.graph.termType !== 'NamedNode' || isShared(q.graph.value) || q.predicate.value === RDFS.subClassOf.value
}

/** Prepare `quads`, every one of them the background's (else an error: a record's quad would be validated as shared). */
export function prepareBackground(quads: readonly Quad[], isBackground: (graph: string) => boolean): PreparedBackground {
  const inBackground = backgroundTest(isBackground)
  const bySubject = new Map<string, Quad[]>()
  const lines = new Set<string>()
  for (const q of quads) {
    checkLabels(q)
    if (!inBackground(q)) throw new Error(`a prepared background holds a quad of graph <${q.graph.value}>, which is not shared`)
    const s = termKey(q.subject)
    let list = bySubject.get(s)
    if (!list) bySubject.set(s, (list = []))
    list.push(q)
    lines.add(tripleLine(q))
  }
  const text = [...lines].join('')
  return { lines, text, hash: sha256(text), bySubject }
}

export interface PartitionOptions {
  /** sh:targetNode terms (`<iri>`, `_:label`): one that no record describes is the background's to validate. */
  targetNodes?: readonly string[]
  /** Build only these units (record graph IRIs; '' is the background's own); the others are not yielded. */
  only?: ReadonlySet<string>
  /** The background, prepared once (prepareBackground); `quads` then holds the rest, as if it followed the background. */
  prepared?: PreparedBackground
}

/**
 * `isBackground(graphIri)` says which named graphs are shared (default-graph quads always are). Class axioms
 * (rdfs:subClassOf) go to the background wherever they are: sh:class follows them from any record.
 */
export function partitionRecords(
  quads: readonly Quad[],
  reach: Extract<Reach, { supported: true }>,
  isBackground: (graph: string) => boolean,
  { targetNodes = [], only, prepared }: PartitionOptions = {},
): Partition {
  const inBackground = backgroundTest(isBackground)
  // Subjects' quads beyond the prepared background's (which come first, as if `quads` followed them).
  const local = new Map<string, Quad[]>()
  const owner = new Map<string, string>()
  const order: string[] = []
  const background: string[] = []
  for (const q of quads) {
    checkLabels(q)
    const s = termKey(q.subject)
    let list = local.get(s)
    if (!list) local.set(s, (list = []))
    list.push(q)
    if (inBackground(q)) {
      background.push(tripleLine(q))
      continue
    }
    if (!owner.has(s)) {
      owner.set(s, q.graph.value)
      order.push(s)
    }
  }
  const shared = prepared?.bySubject
  const bySubject = {
    get(s: string): readonly Quad[] | undefined {
      const mine = local.get(s)
      const theirs = shared?.get(s)
      return theirs && mine ? [...theirs, ...mine] : theirs ?? mine
    },
    has: (s: string) => local.has(s) || (shared?.has(s) ?? false),
    keys: () => (shared ? new Set([...shared.keys(), ...local.keys()]) : local.keys()),
  }
  const byRecord = new Map<string, string[]>()
  for (const s of order) {
    const g = owner.get(s)!
    let list = byRecord.get(g)
    if (!list) byRecord.set(g, (list = []))
    list.push(s)
  }
  // The prepared background's lines, plus any the rest adds (class axioms in a record graph): then a new text and hash.
  const added = prepared ? background.filter((line) => !prepared.lines.has(line)) : background
  const backgroundLines: ReadonlySet<string> = prepared && added.length === 0 ? prepared.lines : new Set([...(prepared?.lines ?? []), ...added])
  const backgroundText = prepared && added.length === 0 ? prepared.text : [...backgroundLines].join('')
  const backgroundHash = prepared && added.length === 0 ? prepared.hash : sha256(backgroundText)
  const isWanted = (id: string) => !only || only.has(id)
  // The background's own nodes (subjects never described in a record), worked out only if its unit is wanted.
  const backgroundOwned = (): string[] => {
    const list = [...bySubject.keys()].filter((s) => !owner.has(s))
    for (const node of new Set(targetNodes)) if (!owner.has(node) && !bySubject.has(node)) list.push(node)
    return list
  }
  const reads = reach.predicates
  const readsAll = reads === 'all'

  // What the shapes read of a linked node, found once per node: a node linked from every record (a catalogue, a
  // concept scheme) can have tens of thousands of triples, of which the shapes read a handful.
  const readable = new Map<string, readonly Quad[]>()
  const readableOf = (node: string): readonly Quad[] => {
    let list = readable.get(node)
    if (!list) readable.set(node, (list = (bySubject.get(node) ?? []).filter((q) => readsAll || reads.has(q.predicate.value))))
    return list
  }
  // Linked nodes' triples (an agency's type…) recur in many units: their lines are written once.
  const linkedLines = new Map<Quad, string>()
  function unit(id: string, owned: string[]): ValidationUnit {
    const lines = new Set<string>()
    const add = (q: Quad, isLinked = false) => {
      if (inBackground(q)) return
      let line = isLinked ? linkedLines.get(q) : undefined
      if (line === undefined) {
        line = tripleLine(q)
        if (isLinked) linkedLines.set(q, line)
      }
      if (!backgroundLines.has(line)) lines.add(line)
    }
    const visited = new Set<string>(owned)
    let frontier: string[] = []
    for (const s of owned) {
      for (const q of bySubject.get(s) ?? []) {
        add(q)
        const o = termKey(q.object)
        if (o && !visited.has(o)) {
          visited.add(o)
          frontier.push(o)
        }
      }
    }
    for (let hop = 1; hop <= reach.depth && frontier.length > 0; hop += 1) {
      const next: string[] = []
      for (const node of frontier) {
        for (const q of readableOf(node)) {
          add(q, true)
          const o = termKey(q.object)
          if (o && !visited.has(o)) {
            visited.add(o)
            next.push(o)
          }
        }
      }
      frontier = next
    }
    const ntriples = [...lines].join('')
    // The owned nodes are part of the key: the same triples with another owner would be other focus nodes.
    return { id, ntriples, owned, hash: sha256(`${owned.join(' ')}\n${ntriples}`) }
  }

  return {
    background: backgroundText,
    backgroundHash,
    unitCount: (isWanted('') ? 1 : 0) + [...byRecord.keys()].filter(isWanted).length,
    units: {
      *[Symbol.iterator]() {
        if (isWanted('')) yield unit('', backgroundOwned())
        for (const [g, owned] of byRecord) if (isWanted(g)) yield unit(g, owned)
      },
    },
  }
}
