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
