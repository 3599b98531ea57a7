/** The cross-domain sections of each class's page (dataset, agency, law, licence), by class IRI. */
import type { Iris } from '../model/iris.ts'
import type { SectionTable } from './record-pages.ts'

export function pageSections(_iris: Iris): SectionTable {
  return new Map()
}
