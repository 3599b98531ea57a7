/** Typed namespaces: an unknown term is a compile error (LDkit style). */
import { DataFactory, type NamedNode } from 'n3'

export type Namespace<T extends string> = { readonly [K in T]: NamedNode } & {
  readonly $iri: string
  /** Mint a term outside the declared list (e.g. a code from a code list). */
  readonly $term: (local: string) => NamedNode
}

export function createNamespace<const T extends string>(iri: string, terms: readonly T[]): Namespace<T> {
  const ns: Record<string, unknown> = { $iri: iri, $term: (local: string) => DataFactory.namedNode(iri + local) }
  for (const term of terms) ns[term] = DataFactory.namedNode(iri + term)
  return Object.freeze(ns) as Namespace<T>
}
