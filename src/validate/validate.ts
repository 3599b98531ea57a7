/** Run SHACL (shacl-engine) over quads and return a plain report: one issue per result, located and bilingual. */
import { DataFactory, Store, type Quad, type Term } from 'n3'
import { Validator } from 'shacl-engine'
import { PREFIXES, SH } from '../vocab/index.ts'
import { describeResult, type Bilingual } from './messages.ts'
import { loadShapes, type ProfileName } from './shapes.ts'

export type Severity = 'Violation' | 'Warning' | 'Info'

export interface ValidationIssue {
  focusNode: string
  /** The record (named graph) the focus node belongs to, when known. */
  record?: string
  path?: string
  severity: Severity
  component: string
  value?: string
  shape: string
  message: Bilingual
}

export interface ValidationReport {
  profile: ProfileName
  conforms: boolean
  issues: ValidationIssue[]
}

/** Compact an IRI with the project's prefixes for messages (dct:description rather than the full IRI). */
export function compactIri(iri: string): string {
  for (const [prefix, ns] of Object.entries(PREFIXES)) if (iri.startsWith(ns) && iri.length > ns.length) return `${prefix}:${iri.slice(ns.length)}`
  return `<${iri}>`
}

export const termText = (term: Term | undefined) =>
  !term ? undefined : term.termType === 'NamedNode' ? compactIri(term.value) : term.termType === 'Literal' ? JSON.stringify(term.value) : `_:${term.value}`

/**
 * Validate `data` (every quad, graphs ignored: SHACL sees one data graph) against a profile.
 * `recordOf` maps a focus node to the record that carries it, so reports can be grouped per record.
 */
export async function validateQuads(
  data: Store | Iterable<Quad>,
  options: { shapesDir: string; profile: ProfileName; recordOf?: (focus: string) => string | undefined },
): Promise<ValidationReport> {
  const dataset = data instanceof Store ? data : toDefaultGraphStore(data)
  const shapes = loadShapes(options.shapesDir, options.profile)
  const validator = new Validator(shapes, { factory: DataFactory })
  const report = await validator.validate({ dataset })
  const issues = resultsToIssues(report.results, shapes, options.recordOf)
  return { profile: options.profile, conforms: !issues.some((i) => i.severity === 'Violation'), issues }
}

/** shacl-engine's results as our issues; `shapes` is the profile's shapes graph (sh:class arguments are read there). */
export function resultsToIssues(results: readonly unknown[], shapes: Store, recordOf?: (focus: string) => string | undefined): ValidationIssue[] {
  const issues: ValidationIssue[] = []
  for (const result of results as ShaclResult[]) {
    const focus = result.focusNode?.term
    const path = result.path?.[0]?.predicates?.[0]?.value
    const shapeTerm = result.shape?.ptr?.term
    // shacl-engine leaves args empty for sh:class: read the class from the shape itself
    const classArg = result.constraintComponent?.value.endsWith('#ClassConstraintComponent') && shapeTerm
      ? shapes.getObjects(shapeTerm, SH.class, null).map((t) => termText(t)).join(', ')
      : undefined
    const arg = classArg ?? Object.values(result.args ?? {}).map((t) => (t && typeof t === 'object' && 'termType' in t ? termText(t as Term) : String(t)))[0] ?? ''
    const own = pickMessage(result.message)
    issues.push({
      focusNode: focus?.value ?? '',
      record: focus ? recordOf?.(focus.value) : undefined,
      path: path ? compactIri(path) : undefined,
      severity: (result.severity?.value.replace(/^.*#/, '') ?? 'Violation') as Severity,
      component: result.constraintComponent?.value.replace(/^.*#/, '') ?? '',
      value: termText(result.value?.term),
      shape: result.shape?.ptr?.term?.termType === 'NamedNode' ? result.shape.ptr.term.value : '(anonymous shape)',
      message: describeResult(result.constraintComponent?.value ?? '', path ? compactIri(path) : '(node)', arg ?? '', own),
    })
  }
  return issues
}

/** SHACL validates one data graph: copy every quad into the default graph (named graphs are our storage detail). */
export function toDefaultGraphStore(quads: Iterable<Quad>): Store {
  const store = new Store()
  const g = DataFactory.defaultGraph()
  for (const q of quads) store.addQuad(q.subject, q.predicate, q.object, g)
  return store
}

export function pickMessage(messages: Term[] | undefined): Bilingual | undefined {
  if (!messages?.length) return undefined
  const byLang = (lang: string) => messages.find((m) => m.termType === 'Literal' && m.language.startsWith(lang))?.value
  const zh = byLang('zh')
  const en = byLang('en')
  // The official shapes' generic messages ("Less than 1 values") are replaced by ours; shape-specific ones kept.
  return zh || en ? { zh: zh ?? '', en: en ?? '' } : undefined
}

interface ShaclResult {
  focusNode?: { term: Term }
  path?: { predicates?: Term[] }[]
  severity?: Term
  constraintComponent?: Term
  value?: { term: Term }
  shape?: { ptr?: { term?: Term } }
  args?: Record<string, unknown>
  message?: Term[]
}
