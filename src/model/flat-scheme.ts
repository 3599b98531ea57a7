/**
 * A flat SKOS code list in the vocab graph: the scheme with its zh/en title, and each code a top concept with its
 * notation and zh/en labels. The shape of our small code lists (link methods, agency levels), written once.
 */
import { DataFactory, type Quad } from 'n3'
import { DCT, RDF, SKOS } from '../vocab/index.ts'
import type { Iris } from './iris.ts'

const { quad, literal } = DataFactory

export interface FlatConcept {
  readonly code: string
  readonly zh: string
  readonly en: string
}

export function flatSchemeQuads(iris: Iris, name: Parameters<Iris['scheme']>[0], title: { zh: string; en: string }, concepts: readonly FlatConcept[]): Quad[] {
  const g = iris.graph('vocab')
  const scheme = iris.scheme(name)
  const out: Quad[] = [
    quad(scheme, RDF.type, SKOS.ConceptScheme, g),
    quad(scheme, DCT.title, literal(title.zh, 'zh-Hant'), g),
    quad(scheme, DCT.title, literal(title.en, 'en'), g),
  ]
  for (const { code, zh, en } of concepts) {
    const concept = iris.concept(name, code)
    out.push(
      quad(concept, RDF.type, SKOS.Concept, g),
      quad(concept, SKOS.inScheme, scheme, g),
      quad(concept, SKOS.topConceptOf, scheme, g),
      quad(scheme, SKOS.hasTopConcept, concept, g),
      quad(concept, SKOS.notation, literal(code), g),
      quad(concept, SKOS.prefLabel, literal(zh, 'zh-Hant'), g),
      quad(concept, SKOS.prefLabel, literal(en, 'en'), g),
    )
  }
  return out
}
