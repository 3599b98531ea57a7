/**
 * A compiled SHACL evaluator: the shapes a profile uses turned once into plain closures over a data graph read
 * by subject (src/validate/triple-index.ts), synchronous, without grapoi pointers or term sets per step. It
 * reproduces shacl-engine's own evaluation, quirks included, so its report is the reference's: the same
 * constraint components in the same order per shape (Registry.compile), the same value node defaults (a nested
 * node shape's results carry the outer value), the same memo of (shape, focus node, value paths) with the results
 * it replays, the same messages and arguments, sh:class through rdfs:subClassOf read in the shapes graph only.
 * Shapes using anything else (sh:and and sh:xone, whose branches shacl-engine runs concurrently; qualified value
 * shapes; pair and range constraints; SPARQL; non-predicate paths; several values of a single-valued parameter)
 * are left to shacl-engine, with every targeted shape that shares a shape with them (they would share its memo).
 */
import { DataFactory, type Store, type Term } from 'n3'
import { Validator } from 'shacl-engine'
import * as ns from 'shacl-engine/lib/namespaces.js'
import resolveClasses from 'shacl-engine/lib/resolveClasses.js'
import toNT from '@rdfjs/to-ntriples'
import { fromRdf } from 'rdf-literal'
import { XsdValidation } from 'rdf-validation'
import { compactIri, pickMessage, termText, type Severity, type ValidationIssue } from './validate.ts'
import { describeResult } from './messages.ts'

/** The data graph as the evaluator reads it: the objects of a subject's predicate, a subject's triples. */
export interface DataGraph {
  readonly size: number
  objects(subject: Term, predicate: string): Term[]
  outgoing(subject: Term): { predicate: Term; object: Term }[]
}

/* eslint-disable @typescript-eslint/no-explicit-any -- shacl-engine and grapoi are untyped */
type Ptr = any
type EngineShape = any

interface Result {
  shape: CShape
  focus: Term
  value: Term | undefined
  path: Term | undefined
  severity: Term
  component: Term
  args: Record<string, unknown>
  /** The validation's own message (used only when the shape has none). */
  defaultMessage: boolean
}

interface Ctx {
  shape: CShape
  focus: Term
  fkey: string
  value: Term | undefined
  vp: string
  report: Result[]
  valueOrNode: Term
  values?: Term[]
}

interface Check {
  node?: (ctx: Ctx, run: Run) => void
  property?: (ctx: Ctx, run: Run) => void
  generic?: (ctx: Ctx, run: Run) => void
}

interface CShape {
  index: number
  term: Term
  engine: EngineShape
  isProperty: boolean
  /** The predicate of a property shape's path. */
  predicate?: string
  /** shape.path[0].predicates[0]: what a result reports as its path. */
  pathTerm?: Term
  severity: Term
  checks: Check[]
}

/** One unit's evaluation state: the data graph and shacl-engine's memo (Context.processed / results). */
interface Run {
  graph: DataGraph
  processed: Set<string>
  results: Map<string, Result[]>
}

export const termKey = (t: Term): string =>
  t.termType === 'NamedNode' ? t.value : t.termType === 'BlankNode' ? `_:${t.value}` : `"${t.value}"@${(t as any).language}^^${(t as any).datatype?.value}`

const TERM_TYPES: Record<string, string[]> = {
  [ns.sh.BlankNode.value]: ['BlankNode'],
  [ns.sh.BlankNodeOrIRI.value]: ['BlankNode', 'NamedNode'],
  [ns.sh.BlankNodeOrLiteral.value]: ['BlankNode', 'Literal'],
  [ns.sh.IRI.value]: ['NamedNode'],
  [ns.sh.IRIOrLiteral.value]: ['NamedNode', 'Literal'],
  [ns.sh.Literal.value]: ['Literal'],
}

/** Constraint parameters shacl-engine evaluates that this compiler does not: their shapes go to shacl-engine. */
const UNSUPPORTED = new Set([ns.sh.and, ns.sh.xone, ns.sh.qualifiedValueShape, ns.sh.disjoint, ns.sh.equals, ns.sh.lessThan, ns.sh.lessThanOrEquals, ns.sh.maxExclusive, ns.sh.maxInclusive, ns.sh.minExclusive, ns.sh.minInclusive].map((t) => t.value))
const SINGLE = [ns.sh.minCount, ns.sh.maxCount, ns.sh.datatype, ns.sh.nodeKind, ns.sh.pattern, ns.sh.flags, ns.sh.hasValue, ns.sh.minLength, ns.sh.maxLength, ns.sh.closed, ns.sh.uniqueLang, ns.sh.languageIn, ns.sh.deactivated, ns.sh.severity]

class Unsupported extends Error {}

const RDF_TYPE = ns.rdf.type.value
const SEVERITIES = new Set([ns.sh.Info.value, ns.sh.Violation.value, ns.sh.Warning.value])
const conforms = (report: Result[]) => !report.some((r) => SEVERITIES.has(r.severity.value))

/** The compiled shapes of one profile, and the targeted shapes left to shacl-engine. */
export class CompiledProfile {
  readonly validator: Validator & { shapes: Map<Term, EngineShape>; shape(ptr: Ptr): EngineShape; options: Record<string, unknown> }
  /** Targeted shapes in shacl-engine's order, each compiled or (null) not. */
  readonly targeted: { engine: EngineShape; compiled: CShape | null; classes: Set<string>; nodes: Set<string>; subjectsOf: string[] }[] = []
  /** Why shapes were left to shacl-engine (one line per reason). */
  readonly fallbacks: string[] = []
  private readonly byTerm = new Map<string, CShape>()
  private readonly refused = new Map<string, string>()
  private readonly classArgs = new Map<CShape, string>()
  private readonly componentMessages = new Map<string, Term[]>()
  private readonly xsd = new XsdValidation()

  constructor(readonly shapes: Store, options: { compile?: boolean } = {}) {
    this.validator = new Validator(shapes, { factory: DataFactory }) as any
    const compile = options.compile ?? true
    const roots: { engine: EngineShape; reach: Set<string> | null; reason?: string }[] = []
    for (const engine of this.validator.shapes.values()) {
      const t = engine.targetResolver
      if (t.targetObjectsOf.length || t.targets.length) throw new Error('per-record validation cannot resolve sh:targetObjectsOf or sh:target (reach.ts refuses such shapes)')
      if (![...t.targetClass].length && !t.targetNode.length && !t.targetSubjectsOf.length) continue
      if (!compile) {
        roots.push({ engine, reach: null, reason: 'compiled evaluator off' })
        continue
      }
      try {
        this.compileShape(engine)
        roots.push({ engine, reach: this.reachOfEngine(engine) })
      } catch (error) {
        if (!(error instanceof Unsupported)) throw error
        roots.push({ engine, reach: null, reason: error.message })
      }
    }
    // A compiled root sharing a shape with a root left to shacl-engine would not share its memo: leave it too.
    const engineShapes = new Set<string>()
    for (const r of roots) if (!r.reach) for (const k of this.reachOfEngine(r.engine)) engineShapes.add(k)
    for (let changed = true; changed; ) {
      changed = false
      for (const r of roots) {
        if (r.reach && [...r.reach].some((k) => engineShapes.has(k))) {
          for (const k of r.reach) engineShapes.add(k)
          r.reach = null
          r.reason = 'shares a shape with a shape left to shacl-engine'
          changed = true
        }
      }
    }
    for (const r of roots) {
      const t = r.engine.targetResolver
      if (!r.reach) this.fallbacks.push(`${termText(r.engine.ptr.term)}: ${r.reason}`)
      this.targeted.push({
        engine: r.engine,
        compiled: r.reach ? this.byTerm.get(termKey(r.engine.ptr.term))! : null,
        classes: new Set([...t.targetClass].map((c: Term) => termKey(c))),
        nodes: new Set(t.targetNode.map((n: Term) => termKey(n))),
        subjectsOf: t.targetSubjectsOf.map((p: Term) => p.value),
      })
    }
  }

  /** Every shape a root reaches (for the memo-sharing check of roots left to shacl-engine). */
  private reachOfEngine(engine: EngineShape, seen = new Set<string>()): Set<string> {
    const k = termKey(engine.ptr.term)
    if (seen.has(k)) return seen
    seen.add(k)
    for (const p of [ns.sh.node, ns.sh.property, ns.sh.not, ns.sh.qualifiedValueShape]) for (const ptr of engine.ptr.out([p])) this.reachOfEngine(this.validator.shape(ptr), seen)
    for (const p of [ns.sh.or, ns.sh.and, ns.sh.xone]) for (const ptr of engine.ptr.out([p])) for (const item of ptr.list() ?? []) this.reachOfEngine(this.validator.shape(item), seen)
    return seen
  }

  private compileShape(engine: EngineShape): CShape {
    const k = termKey(engine.ptr.term)
    const known = this.byTerm.get(k)
    if (known) return known
    const refused = this.refused.get(k)
    if (refused) throw new Unsupported(refused)
    try {
      return this.compileNew(engine, k)
    } catch (error) {
      // A shape left half-compiled must not be found by the next root: forget it, remember why.
      if (error instanceof Unsupported) {
        this.byTerm.delete(k)
        this.refused.set(k, error.message)
      }
      throw error
    }
  }

  private compileNew(engine: EngineShape, k: string): CShape {
    const ptr = engine.ptr
    if (engine.isSparqlShape) throw new Unsupported('SPARQL constraint')
    for (const p of SINGLE) if (ptr.out([p]).terms.length > 1) throw new Unsupported(`several values of ${termText(p)}`)
    const path = engine.path
    let predicate: string | undefined
    if (path) {
      const step = path[0]
      if (path.length !== 1 || step.quantifier !== 'one' || step.start !== 'subject' || step.predicates.length !== 1) throw new Unsupported('a path other than one predicate')
      predicate = step.predicates[0].value
    }
    const shape: CShape = {
      index: this.byTerm.size,
      term: ptr.term,
      engine,
      isProperty: Boolean(path),
      predicate,
      pathTerm: path?.[0]?.predicates?.[0],
      severity: engine.severity || ns.sh.Violation,
      checks: [],
    }
    // Registered before its constraints: a shape that reaches itself is compiled once.
    this.byTerm.set(k, shape)
    if (engine.deactivated) return shape
    const seen = new Set<string>()
    for (const property of ptr.execute({ start: 'subject', end: 'predicate' })) {
      const p = property.term.value as string
      if (seen.has(p)) continue
      seen.add(p)
      if (UNSUPPORTED.has(p)) throw new Unsupported(`${termText(property.term)} is not compiled`)
      const check = this.compileComponent(p, shape)
      if (check) shape.checks.push(check)
    }
    if (ptr.out([ns.sh.class]).terms.length) {
      this.classArgs.set(shape, (this.shapes.getObjects(ptr.term, ns.sh.class as any, null) as Term[]).map((t) => termText(t)).join(', '))
    }
    return shape
  }

  private nested(ptrs: Iterable<Ptr>): CShape[] {
    return [...ptrs].map((p) => this.compileShape(this.validator.shape(p)))
  }

  /** One constraint component of a shape as closures (null: shacl-engine would not evaluate it either). */
  private compileComponent(p: string, shape: CShape): Check | null {
    const ptr = shape.engine.ptr
    const out = (q: Term) => ptr.out([q])
    switch (p) {
      case ns.sh.minCount.value: {
        const minCount = parseInt(out(ns.sh.minCount).value)
        return { property: (c, run) => this.test(run, c, c.values!.length >= minCount, ns.sh.MinCountConstraintComponent, { args: { minCount } }) }
      }
      case ns.sh.maxCount.value: {
        const maxCount = parseInt(out(ns.sh.maxCount).value)
        return { property: (c, run) => this.test(run, c, c.values!.length <= maxCount, ns.sh.MaxCountConstraintComponent, { args: { maxCount } }) }
      }
      case ns.sh.class.value: {
        const classes: Set<string>[] = out(ns.sh.class).map((cp: Ptr) => new Set([...resolveClasses(cp)].map((t: Term) => termKey(t))))
        return {
          generic: (c, run) => {
            const types = run.graph.objects(c.valueOrNode, RDF_TYPE)
            for (const set of classes) {
              const ok = types.some((t) => set.has(termKey(t)))
              this.test(run, c, ok, ns.sh.ClassConstraintComponent, { value: c.valueOrNode, noMessage: true })
            }
          },
        }
      }
      case ns.sh.datatype.value: {
        const datatype = out(ns.sh.datatype).term as Term
        const xsd = this.xsd
        return {
          generic: (c, run) => {
            const v = c.valueOrNode as any
            const ok = datatype.equals(v.datatype) && xsd.validateSimple(v)
            this.test(run, c, ok, ns.sh.DatatypeConstraintComponent, { args: { datatype }, value: c.valueOrNode })
          },
        }
      }
      case ns.sh.nodeKind.value: {
        const nodeKind = out(ns.sh.nodeKind).term as Term
        const types = TERM_TYPES[nodeKind?.value]
        if (!types) throw new Unsupported(`sh:nodeKind ${termText(nodeKind)}`)
        return { generic: (c, run) => this.test(run, c, types.includes(c.valueOrNode.termType), ns.sh.NodeKindConstraintComponent, { args: { nodeKind }, value: c.valueOrNode }) }
      }
      case ns.sh.pattern.value: {
        const pattern = out(ns.sh.pattern).value
        const flags = out(ns.sh.flags).value
        const regex = new RegExp(pattern, flags)
        return { generic: (c, run) => this.test(run, c, regex.test(c.valueOrNode.value), ns.sh.PatternConstraintComponent, { args: { flags, pattern }, value: c.valueOrNode }) }
      }
      case ns.sh.hasValue.value: {
        const hasValue = out(ns.sh.hasValue).term as Term
        return {
          node: (c, run) => this.test(run, c, hasValue.equals(c.valueOrNode), ns.sh.HasValueConstraintComponent, { args: { hasValue } }),
          property: (c, run) => this.test(run, c, c.values!.some((v) => hasValue.equals(v)), ns.sh.HasValueConstraintComponent, { args: { hasValue } }),
        }
      }
      case ns.sh.in.value: {
        const list: Term[] = [...out(ns.sh.in).list()].map((item: Ptr) => item.term)
        const keys = new Set(list.map(termKey))
        const shown = [...new Map(list.map((t) => [termKey(t), t])).values()].map((v) => v.value).join(', ')
        return { generic: (c, run) => this.test(run, c, keys.has(termKey(c.valueOrNode)), ns.sh.InConstraintComponent, { args: { in: shown }, value: c.valueOrNode }) }
      }
      case ns.sh.node.value: {
        const nodes = this.nested(out(ns.sh.node))
        return {
          generic: (c, run) => {
            for (const s of nodes) {
              const child = this.child(c)
              this.validateShape(s, child, run)
              this.test(run, c, conforms(child.report), ns.sh.NodeConstraintComponent, { args: { node: s.term }, value: c.valueOrNode })
            }
          },
        }
      }
      case ns.sh.property.value: {
        const properties = this.nested(out(ns.sh.property))
        return {
          generic: (c, run) => {
            const pc: Ctx = { ...c, focus: c.valueOrNode, fkey: termKey(c.valueOrNode) }
            for (const s of properties) this.validateShape(s, pc, run)
          },
        }
      }
      case ns.sh.or.value: {
        const or = this.nested([...out(ns.sh.or)].flatMap((l: Ptr) => [...l.list()]))
        return {
          generic: (c, run) => {
            let ok = false
            for (const s of or) {
              const child = this.child(c)
              this.validateShape(s, child, run)
              if (conforms(child.report)) {
                ok = true
                break
              }
            }
            this.test(run, c, ok, ns.sh.OrConstraintComponent, { value: c.valueOrNode, noMessage: true })
          },
        }
      }
      case ns.sh.not.value: {
        const [not] = this.nested([out(ns.sh.not)])
        return {
          generic: (c, run) => {
            const child = this.child(c)
            this.validateShape(not!, child, run)
            this.test(run, c, !conforms(child.report), ns.sh.NotConstraintComponent, { args: { not: not!.term }, value: c.valueOrNode })
          },
        }
      }
      case ns.sh.closed.value: {
        if (!fromRdf(out(ns.sh.closed).term)) return null
        const propertyShapes = out(ns.sh.property).map((pp: Ptr) => this.validator.shape(pp))
        const allowed = new Set(propertyShapes.filter((s: EngineShape) => !s.deactivated).map((s: EngineShape) => s.path[0].predicates[0].value as string))
        const ignored = new Set([...(out(ns.sh.ignoredProperties).list() || [])].map((item: Ptr) => item.term.value as string))
        return {
          node: (c, run) => {
            for (const t of run.graph.outgoing(c.focus)) {
              if (ignored.has(t.predicate.value) || allowed.has(t.predicate.value)) continue
              this.violation(run, c, ns.sh.ClosedConstraintComponent, { path: t.predicate, value: t.object })
            }
          },
        }
      }
      case ns.sh.languageIn.value: {
        const languageIn = [...new Set([...out(ns.sh.languageIn).list()].map((item: Ptr) => item.value as string))]
        const match = (lang: string | undefined) => languageIn.some((item) => Boolean(lang) && lang!.slice(0, item.length) === item)
        return { generic: (c, run) => this.test(run, c, match((c.valueOrNode as any).language), ns.sh.LanguageInConstraintComponent, { args: { languageIn: languageIn.join(', ') }, value: c.valueOrNode }) }
      }
      case ns.sh.maxLength.value: {
        const maxLength = parseInt(out(ns.sh.maxLength).value)
        return { generic: (c, run) => this.test(run, c, c.valueOrNode.termType !== 'BlankNode' && c.valueOrNode.value.length <= maxLength, ns.sh.MaxLengthConstraintComponent, { args: { maxLength }, value: c.valueOrNode }) }
      }
      case ns.sh.minLength.value: {
        const minLength = parseInt(out(ns.sh.minLength).value)
        return { generic: (c, run) => this.test(run, c, c.valueOrNode.termType !== 'BlankNode' && c.valueOrNode.value.length >= minLength, ns.sh.MinLengthConstraintComponent, { args: { minLength }, value: c.valueOrNode }) }
      }
      case ns.sh.uniqueLang.value: {
        const term = out(ns.sh.uniqueLang).term
        if (!(term.value === 'true' && ns.xsd.boolean.equals(term.datatype))) return null
        return {
          property: (c, run) => {
            const counts: Record<string, number> = {}
            for (const v of c.values!) {
              const lang = (v as any).language
              if (lang) counts[lang] = (counts[lang] || 0) + 1
            }
            for (const [lang, n] of Object.entries(counts)) if (n > 1) this.violation(run, c, ns.sh.UniqueLangConstraintComponent, { args: { lang } })
          },
        }
      }
      default:
        return null
    }
  }

  /** shacl-engine's `context.create({ child: true, focusNode: context.valueOrNode })`. */
  private child(c: Ctx): Ctx {
    return { shape: c.shape, focus: c.valueOrNode, fkey: termKey(c.valueOrNode), value: c.value, vp: c.vp, report: [], valueOrNode: c.valueOrNode }
  }

  private test(run: Run, c: Ctx, ok: boolean, component: Term, extra: { args?: Record<string, unknown>; value?: Term; noMessage?: boolean }): void {
    if (!ok) this.violation(run, c, component, extra)
  }

  private violation(run: Run, c: Ctx, component: Term, extra: { args?: Record<string, unknown>; value?: Term; path?: Term; noMessage?: boolean }): void {
    const result: Result = {
      shape: c.shape,
      focus: c.focus,
      value: extra.value ?? c.value,
      path: extra.path ?? c.shape.pathTerm,
      severity: c.shape.severity,
      component,
      args: extra.args ?? {},
      defaultMessage: !extra.noMessage,
    }
    const id = `${c.shape.index}\u0001${c.fkey}\u0001${c.vp}`
    const list = run.results.get(id)
    if (list) list.push(result)
    else run.results.set(id, [result])
    c.report.push(result)
  }

  /** Shape.validate: the memo first, then the node or the property evaluation (ShapeValidator). */
  private validateShape(s: CShape, c: Ctx, run: Run): void {
    const id = `${s.index}\u0001${c.fkey}\u0001${c.vp}`
    if (run.processed.has(id)) {
      const done = run.results.get(id)
      if (done) for (const r of done) c.report.push(r)
      return
    }
    run.processed.add(id)
    if (run.graph.size === 0) return
    if (!s.isProperty) {
      const sc: Ctx = { ...c, shape: s, valueOrNode: c.value ?? c.focus }
      for (const check of s.checks) {
        check.node?.(sc, run)
        check.generic?.(sc, run)
      }
      return
    }
    const values = distinct(run.graph.objects(c.focus, s.predicate!))
    const vc: Ctx = { ...c, shape: s, values }
    for (const check of s.checks) check.property?.(vc, run)
    for (const value of values) {
      const valueCtx: Ctx = { shape: s, focus: c.focus, fkey: c.fkey, value, vp: `${c.fkey}\u0002${s.predicate}\u0002${termKey(value)}`, report: c.report, valueOrNode: value }
      for (const check of s.checks) check.generic?.(valueCtx, run)
    }
  }

  /**
   * Validate a unit's candidate focus nodes (`keys`: their termKey; `types`: their rdf:type keys) with the compiled
   * targeted shapes, as shacl-engine's TargetResolver would pick them among these nodes.
   */
  evaluate(graph: DataGraph, nodes: readonly Term[], keys: readonly string[], types: readonly string[][]): ValidationIssue[] {
    const run: Run = { graph, processed: new Set(), results: new Map() }
    const report: Result[] = []
    for (const t of this.targeted) {
      const compiled = t.compiled
      if (!compiled) continue
      for (let i = 0; i < nodes.length; i += 1) {
        if (!isTarget(t, nodes[i]!, keys[i]!, types[i]!, graph)) continue
        const focus = nodes[i]!
        this.validateShape(compiled, { shape: compiled, focus, fkey: keys[i]!, value: undefined, vp: '', report, valueOrNode: focus }, run)
      }
    }
    return report.map((r) => this.toIssue(r))
  }

  /** resultsToIssues (validate.ts) for a compiled result: the same fields, arguments and messages. */
  private toIssue(r: Result): ValidationIssue {
    const path = r.path?.value
    const classArg = r.component.value === ns.sh.ClassConstraintComponent.value ? this.classArgs.get(r.shape) : undefined
    const arg = classArg ?? Object.values(r.args).map((t) => (t && typeof t === 'object' && 'termType' in t ? termText(t as Term) : String(t)))[0] ?? ''
    return {
      focusNode: r.focus.value,
      path: path ? compactIri(path) : undefined,
      severity: r.severity.value.replace(/^.*#/, '') as Severity,
      component: r.component.value.replace(/^.*#/, ''),
      value: termText(r.value),
      shape: r.shape.term.termType === 'NamedNode' ? r.shape.term.value : '(anonymous shape)',
      message: describeResult(r.component.value, path ? compactIri(path) : '(node)', arg, pickMessage(this.messageOf(r))),
    }
  }

  /** Result.message: the shape's sh:message, else the validation's own, else the component's, variables resolved. */
  private messageOf(r: Result): Term[] {
    let messages: Term[] = r.shape.engine.message
    if (messages.length === 0 && r.defaultMessage) return [] // the validation's own text has no language: pickMessage ignores it
    if (messages.length === 0) {
      let own = this.componentMessages.get(r.component.value)
      if (!own) this.componentMessages.set(r.component.value, (own = r.shape.engine.ptr.node([r.component]).out([ns.sh.message]).terms as Term[]))
      messages = own
    }
    return messages.map((m) => ({ termType: 'Literal', value: resolveVariables(m.value, r.args), language: (m as any).language || '' }) as unknown as Term)
  }
}

function resolveVariables(message: string, args: Record<string, unknown>): string {
  return Object.entries(args).reduce<string>((text, [name, value]) => {
    const shown = value && typeof value === 'object' && 'termType' in value ? toNT(value as Term) : value
    return text.replace(`{$${name}}`, shown as string).replace(`{?${name}}`, shown as string)
  }, message)
}

/** TargetResolver.resolve, asked of one node: a class target (subclasses included), a node target, a subject of. */
export function isTarget(t: { classes: Set<string>; nodes: Set<string>; subjectsOf: string[] }, node: Term, key: string, types: readonly string[], graph: DataGraph): boolean {
  for (const type of types) if (t.classes.has(type)) return true
  if (t.nodes.has(key)) return true
  for (const p of t.subjectsOf) if (graph.objects(node, p).length > 0) return true
  return false
}

function distinct(terms: Term[]): Term[] {
  if (terms.length < 2) return terms
  const seen = new Set<string>()
  const out: Term[] = []
  for (const t of terms) {
    const k = termKey(t)
    if (!seen.has(k)) {
      seen.add(k)
      out.push(t)
    }
  }
  return out
}
