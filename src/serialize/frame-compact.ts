/**
 * Quads → one framed, compacted JSON-LD object around a root node, with our published context. Deterministic and
 * lossless by construction: every quad is written exactly once, under its short key when the value fits the key's
 * definition, else under its compact IRI in expanded value form; nodes nowhere nested go to `@included` (JSON-LD 1.1).
 */
import type { Quad, Term } from 'n3'
import { RDF, XSD } from '../vocab/index.ts'
import { LANGUAGE_TAG, type ContextLanguage, type ContextTables, type TermDefinition } from './context.ts'
import { frameFor, type Frame } from './frames.ts'
import { canonicalLanguageTag } from './language-case.ts'

type JsonValue = string | number | boolean | null | JsonValue[] | { [key: string]: JsonValue }
type JsonObject = { [key: string]: JsonValue }

export interface CompactOptions {
  root: string
  tables: ContextTables
  language: ContextLanguage
  /** The value of `@context` (the URL of the published flavour). */
  contextUrl: string
}

interface Node {
  readonly term: Term
  readonly out: Map<string, Term[]>
}

const keyOf = (term: Term) => (term.termType === 'BlankNode' ? `_:${term.value}` : term.value)
const byValue = (a: Term, b: Term) => (keyOf(a) < keyOf(b) ? -1 : keyOf(a) > keyOf(b) ? 1 : a.termType.localeCompare(b.termType))

/** Compact an IRI with the context's prefixes (`dct:title`), or keep it absolute. */
function compactIri(iri: string, tables: ContextTables): string {
  let best: [string, string] | undefined
  for (const [prefix, namespace] of Object.entries(tables.prefixes)) {
    if (iri.startsWith(namespace) && iri.length > namespace.length && (!best || namespace.length > best[1].length)) best = [prefix, namespace]
  }
  if (!best) return iri
  const local = iri.slice(best[1].length)
  // A suffix starting with '//' would read as an absolute IRI (JSON-LD 1.1 §4.4 compact IRIs).
  return local.startsWith('//') ? iri : `${best[0]}:${local}`
}

class Compactor {
  private readonly nodes = new Map<string, Node>()
  private readonly references = new Map<string, number>()
  private readonly emitted = new Set<string>()
  private readonly termByIri = new Map<string, TermDefinition>()
  private readonly classByIri = new Map<string, string>()
  private readonly blankLabels = new Map<string, string>()

  constructor(quads: readonly Quad[], private readonly options: CompactOptions) {
    for (const term of options.tables.terms) this.termByIri.set(term.iri, term)
    for (const [key, iri] of Object.entries(options.tables.classes)) this.classByIri.set(iri, key)
    for (const quad of quads) {
      const subject = keyOf(quad.subject)
      let node = this.nodes.get(subject)
      if (!node) this.nodes.set(subject, (node = { term: quad.subject, out: new Map() }))
      const values = node.out.get(quad.predicate.value) ?? []
      if (!values.some((value) => value.equals(quad.object))) values.push(quad.object)
      node.out.set(quad.predicate.value, values)
      if (quad.object.termType !== 'Literal') this.references.set(keyOf(quad.object), (this.references.get(keyOf(quad.object)) ?? 0) + 1)
    }
  }

  /** The document: the root nested as far as each node goes once, then every node not reached. */
  run(): JsonObject {
    const { root, contextUrl } = this.options
    const rootNode = this.nodes.get(root)
    const head: JsonObject = rootNode ? this.emitNode(rootNode, false) : { id: root }
    const included: JsonObject[] = []
    for (const key of [...this.nodes.keys()].sort()) if (!this.emitted.has(key)) included.push(this.emitNode(this.nodes.get(key)!, false))
    return { '@context': contextUrl, ...head, ...(included.length > 0 ? { '@included': included } : {}) }
  }

  private blankLabel(term: Term): string {
    let label = this.blankLabels.get(term.value)
    if (!label) this.blankLabels.set(term.value, (label = `_:b${this.blankLabels.size}`))
    return label
  }

  /** A node object; a blank node keeps a label unless it is nested at its only reference. */
  private emitNode(node: Node, isNested: boolean): JsonObject {
    this.emitted.add(keyOf(node.term))
    const object: JsonObject = {}
    if (node.term.termType === 'NamedNode') object.id = node.term.value
    else if (!isNested || (this.references.get(keyOf(node.term)) ?? 0) !== 1) object.id = this.blankLabel(node.term)
    const types = (node.out.get(RDF.type.value) ?? []).filter((t) => t.termType === 'NamedNode').sort(byValue)
    if (types.length > 0) {
      const names = types.map((t) => this.classByIri.get(t.value) ?? compactIri(t.value, this.options.tables))
      object.type = names.length === 1 ? names[0]! : names
    }
    const frame = frameFor(types.map((t) => t.value), this.options.tables)
    const entries: [string, JsonValue][] = []
    for (const [predicate, values] of node.out) {
      const all = predicate === RDF.type.value ? values.filter((t) => t.termType !== 'NamedNode') : values
      if (all.length > 0) entries.push(...this.writeProperty(predicate, [...all].sort(byValue), frame))
    }
    const rank = (key: string) => { const i = frame.order.indexOf(key); return i < 0 ? frame.order.length : i }
    entries.sort(([a], [b]) => rank(a) - rank(b) || (a < b ? -1 : a > b ? 1 : 0))
    for (const [key, value] of entries) object[key] = value
    return object
  }

  /**
   * One predicate's values: those fitting the short key's definition under it; the others in expanded form under
   * the short key too (a value object keeps its own datatype or language: `issued: {"@value": "2017-08-11", "@type":
   * "xsd:date"}`), except where the key is a language map or fixes one language: then under the compact IRI.
   */
  private writeProperty(predicate: string, values: Term[], frame: Frame): [string, JsonValue][] {
    const term = this.termByIri.get(predicate)
    const fitting = term ? values.filter((value) => this.fits(term, value)) : []
    const rest = values.filter((value) => !fitting.includes(value))
    const entries: [string, JsonValue][] = []
    if (term && term.kind !== 'lang') {
      const written = [...fitting.map((value) => this.writeFittingValue(term, value, frame)), ...rest.map((value) => this.writeExpanded(value, frame, term.key))]
      if (written.length > 0) entries.push([term.key, term.isSet || written.length > 1 ? written : written[0]!])
      return entries
    }
    if (term && fitting.length > 0) entries.push([term.key, this.writeFitting(term, fitting, frame)])
    if (rest.length > 0) {
      const written = rest.map((value) => this.writeExpanded(value, frame, term?.key))
      entries.push([compactIri(predicate, this.options.tables), written.length === 1 ? written[0]! : written])
    }
    return entries
  }

  private fits(term: TermDefinition, value: Term): boolean {
    if (term.kind === 'id') return value.termType === 'NamedNode' || value.termType === 'BlankNode'
    if (value.termType !== 'Literal') return false
    if (term.kind === 'lang') {
      if (this.options.language !== 'all') return canonicalLanguageTag(value.language) === LANGUAGE_TAG[this.options.language]
      return value.language !== '' || value.datatype.value === XSD.string.value
    }
    if (term.kind === 'text') return value.language === '' && value.datatype.value === XSD.string.value
    return value.language === '' && value.datatype.value === term.kind.datatype
  }

  private writeFitting(term: TermDefinition, values: Term[], frame: Frame): JsonValue {
    if (term.kind === 'lang' && this.options.language === 'all') {
      const map: JsonObject = {}
      for (const value of values) {
        const key = canonicalLanguageTag((value as { language: string }).language) || '@none'
        const existing = map[key]
        map[key] = existing === undefined ? value.value : Array.isArray(existing) ? [...existing, value.value] : [existing, value.value]
      }
      return map
    }
    const written = values.map((value) => this.writeFittingValue(term, value, frame))
    return term.isSet || written.length > 1 ? written : written[0]!
  }

  private writeFittingValue(term: TermDefinition, value: Term, frame: Frame): JsonValue {
    return term.kind === 'id' ? this.writeNodeValue(value, frame, term.key, false) : value.value
  }

  /** A node value: nested once if the document describes it (and the frame allows), else a reference. */
  private writeNodeValue(value: Term, frame: Frame, key: string | undefined, isExpanded: boolean): JsonValue {
    const target = this.nodes.get(keyOf(value))
    const isNestable = target && !this.emitted.has(keyOf(value)) && !(key && frame.neverEmbed?.includes(key))
    if (isNestable) return this.emitNode(target, true)
    const reference = value.termType === 'BlankNode' ? this.blankLabel(value) : value.value
    return isExpanded ? { '@id': reference } : reference
  }

  private writeExpanded(value: Term, frame: Frame, key: string | undefined): JsonValue {
    if (value.termType !== 'Literal') return this.writeNodeValue(value, frame, key, true)
    if (value.language) return { '@value': value.value, '@language': canonicalLanguageTag(value.language) }
    if (value.datatype.value === XSD.string.value) return value.value
    // Native JSON where it expands to exactly this literal (JSON-LD 1.1 §8.3: true → xsd:boolean, 20 → xsd:integer).
    if (value.datatype.value === XSD.boolean.value && (value.value === 'true' || value.value === 'false')) return value.value === 'true'
    if (value.datatype.value === XSD.integer.value && /^-?(?:0|[1-9]\d{0,14})$/.test(value.value)) return Number(value.value)
    return { '@value': value.value, '@type': compactIri(value.datatype.value, this.options.tables) }
  }
}

/** Frame and compact `quads` around `options.root` (see the module header for the guarantees). */
export function compactRecord(quads: readonly Quad[], options: CompactOptions): JsonObject {
  return new Compactor(quads, options).run()
}
