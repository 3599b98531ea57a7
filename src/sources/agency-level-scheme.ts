/** The SKOS scheme of DGPA agency levels (機關層級 1–5) that agencies point to with org:classification. */
import { DataFactory, type Quad } from 'n3'
import { DCT, RDF, SKOS } from '../vocab/index.ts'
import type { Iris } from '../model/iris.ts'

const { quad, literal } = DataFactory

// 中央行政機關組織基準法 §2 names the levels of central agencies; the DGPA list applies the same numbers to local ones.
const LEVELS = [
  { code: '1', zh: '一級機關', en: 'level-1 agency (Yuan, Presidential Office)' },
  { code: '2', zh: '二級機關', en: 'level-2 agency (ministry, council, special municipality)' },
  { code: '3', zh: '三級機關', en: 'level-3 agency (administration, bureau, county government)' },
  { code: '4', zh: '四級機關', en: 'level-4 agency (branch, office)' },
  { code: '5', zh: '五級機關', en: 'level-5 agency' },
]

export function buildAgencyLevelScheme(iris: Iris): Quad[] {
  const g = iris.graph('vocab')
  const scheme = iris.scheme('agency-level')
  const out: Quad[] = [
    quad(scheme, RDF.type, SKOS.ConceptScheme, g),
    quad(scheme, DCT.title, literal('機關層級', 'zh-Hant'), g),
    quad(scheme, DCT.title, literal('Agency levels (DGPA code list)', 'en'), g),
    quad(scheme, SKOS.prefLabel, literal('機關層級', 'zh-Hant'), g),
    quad(scheme, SKOS.prefLabel, literal('Agency levels (DGPA code list)', 'en'), g),
  ]
  for (const level of LEVELS) {
    const concept = iris.concept('agency-level', level.code)
    out.push(
      quad(concept, RDF.type, SKOS.Concept, g),
      quad(concept, SKOS.inScheme, scheme, g),
      quad(concept, SKOS.topConceptOf, scheme, g),
      quad(scheme, SKOS.hasTopConcept, concept, g),
      quad(concept, SKOS.notation, literal(level.code), g),
      quad(concept, SKOS.prefLabel, literal(level.zh, 'zh-Hant'), g),
      quad(concept, SKOS.prefLabel, literal(level.en, 'en'), g),
    )
  }
  return out
}
