/** The cross-domain sections of each class's page (dataset, agency, law, licence, validation), by class IRI. */
import type { Iris } from '../model/iris.ts'
import { DQV } from '../vocab/index.ts'
import type { SectionTable } from './record-pages.ts'
import { renderValidationSections } from './validation-section.ts'

export function pageSections(_iris: Iris): SectionTable {
  return new Map([[DQV.QualityMetadata.value, (view) => renderValidationSections(view)]])
}
