/** The SKOS scheme of DGPA agency levels (機關層級 1–5) that agencies point to with org:classification. */
import { DataFactory, type Quad } from 'n3'
import { SKOS } from '../vocab/index.ts'
import { flatSchemeQuads } from '../model/flat-scheme.ts'
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
  const title = { zh: '機關層級', en: 'Agency levels (DGPA code list)' }
  const scheme = iris.scheme('agency-level')
  const g = iris.graph('vocab')
  // A skos:prefLabel as well as the dct:title, for clients that read SKOS labels only.
  return [
    ...flatSchemeQuads(iris, 'agency-level', title, LEVELS),
    quad(scheme, SKOS.prefLabel, literal(title.zh, 'zh-Hant'), g),
    quad(scheme, SKOS.prefLabel, literal(title.en, 'en'), g),
  ]
}
