/**
 * Validate one unit (a record's owned nodes and their reach, src/validate/partition.ts) against compiled shapes
 * plus the background. The shapes are compiled once (shacl-engine's Validator); targets are resolved only among
 * the unit's owned nodes, so a record run never touches the background's own focus nodes; the data graph is the
 * union of the background and the unit, read through one small match() (no copy of the background per record;
 * src/validate/triple-index.ts).
 */
import { DataFactory, Parser, type Quad, type Store, type Term } from 'n3'
import Context from 'shacl-engine/lib/Context.js'
import { PathList } from 'grapoi'
import { loadShapes, type ProfileName } from './shapes.ts'
import { resultsToIssues, type ValidationIssue } from './validate.ts'
import { CompiledProfile, isTarget, termKey } from './compiled.ts'
import * as ns from 'shacl-engine/lib/namespaces.js'
import { TripleIndex } from './triple-index.ts'

/** Issues of one unit per profile, without `record` (the caller knows the graph of each focus node). */
export type UnitIssues = { profile: ProfileName; issues: ValidationIssue[] }[]

/** Which evaluator runs the compiled shapes: ours (src/validate/compiled.ts) or shacl-engine's, the reference. */
export type ShaclEngineName = 'compiled' | 'shacl-engine'

/** The engine validateRecords uses unless told: OGD_SHACL_ENGINE=shacl-engine selects the reference path. */
export const defaultEngine = (): ShaclEngineName => (process.env.OGD_SHACL_ENGINE === 'shacl-engine' ? 'shacl-engine' : 'compiled')

const RDF_TYPE = ns.rdf.type.value

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
  objects(s: Term, p: string): Term[] {
    const a = this.background.objects(s, p)
    const b = this.unit.objects(s, p)
    return b.length === 0 ? a : a.length === 0 ? b : a.concat(b)
  }
  outgoing(s: Term): Quad[] {
    const a = this.background.outgoing(s)
    const b = this.unit.outgoing(s)
    return b.length === 0 ? a : a.length === 0 ? b : a.concat(b)
  }
}

const parseTriples = (text: string): Quad[] => new Parser({ format: 'N-Triples', blankNodePrefix: '' }).parse(text)

const parseTerm = (text: string): Term => (text.startsWith('_:') ? DataFactory.blankNode(text.slice(2)) : DataFactory.namedNode(text.slice(1, -1)))

/** Compiled shapes of the profiles plus the background: one per worker, reused for every unit. */
export class UnitValidator {
  private readonly profiles: { profile: ProfileName; shapes: Store; compiled: CompiledProfile }[]
  private readonly background: TripleIndex
  /** Targeted shapes evaluated by shacl-engine (all of them with the reference engine), with why. */
  readonly fallbacks: string[]

  constructor(shapesDir: string, profiles: readonly ProfileName[], backgroundNTriples: string, readonly engine: ShaclEngineName = defaultEngine()) {
    this.background = new TripleIndex(parseTriples(backgroundNTriples))
    this.profiles = profiles.map((profile) => {
      const shapes = loadShapes(shapesDir, profile)
      return { profile, shapes, compiled: new CompiledProfile(shapes, { compile: engine === 'compiled' }) }
    })
    this.fallbacks = this.profiles.flatMap((p) => p.compiled.fallbacks.map((f) => `${p.profile} ${f}`))
  }

  /** Validate the unit's owned nodes with every profile. */
  async validate(ntriples: string, owned: readonly string[]): Promise<UnitIssues> {
    const unit = new TripleIndex(parseTriples(ntriples))
    const dataset = new UnionDataset(this.background, unit)
    const nodes = owned.map(parseTerm)
    const keys = nodes.map(termKey)
    const types = nodes.map((n) => dataset.objects(n, RDF_TYPE).map(termKey))
    const out: UnitIssues = []
    for (const { profile, shapes, compiled } of this.profiles) {
      const issues = compiled.evaluate(dataset, nodes, keys, types)
      if (compiled.fallbacks.length) issues.push(...(await this.viaEngine(compiled, shapes, dataset, nodes, keys, types)))
      out.push({ profile, issues })
    }
    return out
  }

  /** The targeted shapes left to shacl-engine, on the same focus nodes, with one Context (one memo) for them. */
  private async viaEngine(compiled: CompiledProfile, shapes: Store, dataset: UnionDataset, nodes: Term[], keys: string[], types: string[][]): Promise<ValidationIssue[]> {
    const { validator } = compiled
    const focusNode = new PathList({ dataset, factory: DataFactory })
    const context = new Context({ factory: DataFactory, focusNode, options: validator.options, validator })
    for (const t of compiled.targeted) {
      if (t.compiled) continue
      const shapeContext = context.create({ shape: t.engine })
      for (let i = 0; i < nodes.length; i += 1) {
        if (isTarget(t, nodes[i]!, keys[i]!, types[i]!, dataset)) await t.engine.validate(shapeContext.create({ focusNode: focusNode.node([nodes[i]!]) }))
      }
    }
    return resultsToIssues(context.report.results, shapes)
  }
}
