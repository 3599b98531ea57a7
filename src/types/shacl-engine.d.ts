// Minimal typings for shacl-engine (the package ships none); only what src/validate uses.
declare module 'shacl-engine' {
  import type { DataFactory, DatasetCore } from '@rdfjs/types'
  export class Validator {
    constructor(shapes: DatasetCore, options: { factory: DataFactory; debug?: boolean; details?: boolean })
    validate(data: { dataset: DatasetCore; terms?: Iterable<unknown> }, shapes?: { terms?: Iterable<unknown> }): Promise<{ conforms: boolean; results: unknown[] }>
  }
}
