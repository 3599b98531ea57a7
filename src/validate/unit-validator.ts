/**
 * Validate one unit (a record's owned nodes and their reach, src/validate/partition.ts) against compiled shapes
 * plus the background. The shapes are compiled once (shacl-engine's Validator); targets are resolved only among
 * the unit's owned nodes, so a record run never touches the background's own focus nodes; the data graph is the
 * union of the background and the unit, read through one small match() (no copy of the background per record;
 * src/validate/triple-index.ts).
 */
import { DataFactory, Parser, type Quad, type Store, type Term } from 'n3'
import { Validator } from 'shacl-engine'
import Context from 'shacl-engine/lib/Context.js'
import { PathList } from 'grapoi'
import { RDF } from '../vocab/index.ts'
import { loadShapes, type ProfileName } from './shapes.ts'
import { resultsToIssues, type ValidationIssue } from './validate.ts'
import { TripleIndex } from './triple-index.ts'

/** Issues of one unit per profile, without `record` (the caller knows the graph of each focus node). */
export type UnitIssues = { profile: ProfileName; issues: ValidationIssue[] }[]

interface CompiledShape {
  shape: EngineShape
  classes: Set<string>
  nodes: Set<string>
  subjectsOf: Term[]
}

interface EngineShape {
  targetResolver: { targetClass: Iterable<Term>; targetNode: Term[]; targetSubjectsOf: Term[]; targetObjectsOf: Term[]; targets: unknown[] }
  validate(context: unknown): Promise<unknown>
}

interface CompiledProfile {
  profile: ProfileName
  shapes: Store
  validator: Validator & { shapes: Map<Term, EngineShape>; options: Record<string, unknown> }
  targeted: CompiledShape[]
}

const key = (t: Term) => (t.termType === 'BlankNode' ? `_:${t.value}` : t.termType === 'NamedNode' ? `<${t.value}>` : `"${t.value}`)

/** The background and a unit read as one data graph (the unit holds no triple of the background). */
class UnionDataset {
  constructor(readonly background: TripleIndex, readonly unit: TripleIndex) {}
  get size(): number {
    return this.background.size + this.unit.size
  }
  match(s?: Term | null, p?: Term | null, o?: Term | null): Quad[] {
    const a = this.background.match(s, p, o)
    const b = this.unit.match(s, p, o)
    return b.length === 0 ? a : a.length === 0 ? b : a.concat(b)
  }
}

const parseTriples = (text: string): Quad[] => new Parser({ format: 'N-Triples', blankNodePrefix: '' }).parse(text)

const parseTerm = (text: string): Term => (text.startsWith('_:') ? DataFactory.blankNode(text.slice(2)) : DataFactory.namedNode(text.slice(1, -1)))

/** Compiled shapes of the profiles plus the background: one per worker, reused for every unit. */
export class UnitValidator {
  private readonly profiles: CompiledProfile[]
  private readonly background: TripleIndex

  constructor(shapesDir: string, profiles: readonly ProfileName[], backgroundNTriples: string) {
    this.background = new TripleIndex(parseTriples(backgroundNTriples))
    this.profiles = profiles.map((profile) => {
      const shapes = loadShapes(shapesDir, profile)
      const validator = new Validator(shapes, { factory: DataFactory }) as CompiledProfile['validator']
      const targeted: CompiledShape[] = []
      for (const shape of validator.shapes.values()) {
        const t = shape.targetResolver
        if (t.targetObjectsOf.length || t.targets.length) throw new Error('per-record validation cannot resolve sh:targetObjectsOf or sh:target (reach.ts refuses such shapes)')
        const compiled = { shape, classes: new Set([...t.targetClass].map(key)), nodes: new Set(t.targetNode.map(key)), subjectsOf: t.targetSubjectsOf }
        if (compiled.classes.size || compiled.nodes.size || compiled.subjectsOf.length) targeted.push(compiled)
      }
      return { profile, shapes, validator, targeted }
    })
  }

  /** Validate the unit's owned nodes with every profile. */
  async validate(ntriples: string, owned: readonly string[]): Promise<UnitIssues> {
    const unit = new TripleIndex(parseTriples(ntriples))
    const dataset = new UnionDataset(this.background, unit)
    const nodes = owned.map(parseTerm)
    const types = nodes.map((n) => dataset.match(n, RDF.type, null).map((q) => key(q.object)))
    const out: UnitIssues = []
    for (const { profile, shapes, validator, targeted } of this.profiles) {
      const focusNode = new PathList({ dataset, factory: DataFactory })
      const context = new Context({ factory: DataFactory, focusNode, options: validator.options, validator })
      for (const { shape, classes, nodes: targetNodes, subjectsOf } of targeted) {
        const shapeContext = context.create({ shape })
        for (let i = 0; i < nodes.length; i += 1) {
          const node = nodes[i]!
          const isTarget = types[i]!.some((t) => classes.has(t)) || targetNodes.has(owned[i]!) || subjectsOf.some((p) => dataset.match(node, p, null).length > 0)
          if (isTarget) await shape.validate(shapeContext.create({ focusNode: focusNode.node([node]) }))
        }
      }
      out.push({ profile, issues: resultsToIssues(context.report.results, shapes) })
    }
    return out
  }
}
