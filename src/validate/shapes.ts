/** The shape sets we validate against, by profile name; read from shapes/ (official files copied verbatim). */
import { readFileSync } from 'node:fs'
import { join } from 'node:path'
import { Parser, Store } from 'n3'
import { AppError } from '../errors.ts'

export const PROFILES = {
  // The official DCAT-AP 3.0.1 shapes: base cardinalities and ranges (dcat-ap-SHACL.ttl) plus the
  // controlled-vocabulary restrictions (mdr-vocabularies.shape.ttl), as data.europa.eu applies them.
  'dcat-ap-3.0.1': ['dcat-ap/3.0.1/dcat-ap-SHACL.ttl', 'dcat-ap/3.0.1/mdr-vocabularies.shape.ttl'],
  'dcat-ap-3.0.1-recommended': ['dcat-ap/3.0.1/shapes_recommended.ttl'],
  'dcat-ap-2.1.1': [
    'dcat-ap/2.1.1/dcat-ap_2.1.1_shacl_shapes.ttl',
    'dcat-ap/2.1.1/dcat-ap_2.1.1_shacl_range.ttl',
    'dcat-ap/2.1.1/dcat-ap_2.1.1_shacl_mdr-vocabularies.shape.ttl',
  ],
  // Our profile: the links and facts this knowledge graph promises beyond DCAT-AP, messages in zh and en.
  ogd: ['ogd-shapes.ttl'],
} as const

export type ProfileName = keyof typeof PROFILES

export const isProfileName = (name: string): name is ProfileName => Object.hasOwn(PROFILES, name)

/** Parse the shapes of a profile into a store (cached per directory and profile). */
const cache = new Map<string, Store>()
export function loadShapes(shapesDir: string, profile: ProfileName): Store {
  const key = `${shapesDir}\u0000${profile}`
  const cached = cache.get(key)
  if (cached) return cached
  const store = new Store()
  for (const file of PROFILES[profile]) {
    const path = join(shapesDir, file)
    try {
      store.addQuads(new Parser({ baseIRI: `file://${path}` }).parse(readFileSync(path, 'utf8')))
    } catch (error) {
      throw new AppError('internal', `cannot read shapes ${path}: ${(error as Error).message}`, {}, { cause: error })
    }
  }
  cache.set(key, store)
  return store
}
