// Minimal typings for shacl-engine (the package ships none); only what src/validate uses.
declare module 'shacl-engine' {
  import type { DataFactory, DatasetCore } from '@rdfjs/types'
  export class Validator {
    constructor(shapes: DatasetCore, options: { factory: DataFactory; debug?: boolean; details?: boolean })
    validate(data: { dataset: DatasetCore; terms?: Iterable<unknown> }, shapes?: { terms?: Iterable<unknown> }): Promise<{ conforms: boolean; results: unknown[] }>
  }
}

// shacl-engine's validation context and grapoi's PathList: per-record validation (src/validate/unit-validator.ts)
// runs the engine's own shapes over targets it resolved itself, as Validator.validate does for the whole graph.
declare module 'shacl-engine/lib/Context.js' {
  export default class Context {
    constructor(options: { factory: unknown; focusNode: unknown; options?: unknown; validator: unknown })
    create(options: { shape?: unknown; focusNode?: unknown }): Context
    report: { results: unknown[] }
  }
}
declare module 'grapoi' {
  import type { DataFactory } from '@rdfjs/types'
  export class PathList {
    constructor(options: { dataset: unknown; factory: DataFactory; terms?: unknown[] })
    node(terms: unknown[]): PathList
  }
}

// The compiled evaluator (src/validate/compiled.ts) reuses shacl-engine's namespaces, class resolution (subclass
// axioms read in the shapes graph) and datatype check, so that it decides exactly as shacl-engine does.
declare module 'shacl-engine/lib/namespaces.js' {
  import type { NamedNode } from 'n3'
  // the names src/validate uses
  export const rdf: Record<'type', NamedNode>
  export const sh: Record<'BlankNode' | 'BlankNodeOrIRI' | 'BlankNodeOrLiteral' | 'ClassConstraintComponent' | 'ClosedConstraintComponent' | 'DatatypeConstraintComponent' | 'HasValueConstraintComponent' | 'IRI' | 'IRIOrLiteral' | 'InConstraintComponent' | 'Info' | 'LanguageInConstraintComponent' | 'Literal' | 'MaxCountConstraintComponent' | 'MaxLengthConstraintComponent' | 'MinCountConstraintComponent' | 'MinLengthConstraintComponent' | 'NodeConstraintComponent' | 'NodeKindConstraintComponent' | 'NotConstraintComponent' | 'OrConstraintComponent' | 'PatternConstraintComponent' | 'UniqueLangConstraintComponent' | 'Violation' | 'Warning' | 'and' | 'class' | 'closed' | 'datatype' | 'deactivated' | 'disjoint' | 'equals' | 'flags' | 'hasValue' | 'ignoredProperties' | 'in' | 'languageIn' | 'lessThan' | 'lessThanOrEquals' | 'maxCount' | 'maxExclusive' | 'maxInclusive' | 'maxLength' | 'message' | 'minCount' | 'minExclusive' | 'minInclusive' | 'minLength' | 'node' | 'nodeKind' | 'not' | 'or' | 'pattern' | 'property' | 'qualifiedValueShape' | 'severity' | 'uniqueLang' | 'xone', NamedNode>
  export const xsd: Record<'boolean', NamedNode>
}

declare module 'shacl-engine/lib/resolveClasses.js' {
  import type { Term } from 'n3'
  export default function resolveClasses(classes: unknown): Iterable<Term>
}

declare module '@rdfjs/to-ntriples' {
  export default function toNT(term: unknown): string
}

declare module 'rdf-validation' {
  export class XsdValidation {
    validateSimple(term: unknown): boolean
  }
}
