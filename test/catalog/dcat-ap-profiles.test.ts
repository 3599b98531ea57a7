/**
 * DCAT-AP 2.1.1 and 3.0.1 pages differ where the specifications differ: 3.0-only properties dropped, DCAT 3 names
 * mapped back, each catalogue record naming the profile it follows; the 2.1.1 page passes the official 2.1.1 shapes.
 */
import { join } from 'node:path'
import { describe, expect, it } from 'vitest'
import { validateQuads } from '../../src/validate/validate.ts'
import { DCAT, DCATAP, DCT, DCAT_AP_PROFILE, OWL } from '../../src/vocab/index.ts'
import { readDump } from '../store/read-dump.ts'
import { BASE, createCatalogApp } from './catalog-app.ts'
import { createFixtureStore } from './memory-store.ts'
import { parseNTriples } from './walk.ts'

const ds = `${BASE}/dataset/1001`
const SHAPES = join(import.meta.dirname, '../../shapes')

/** The fixture with 1001 carrying what only DCAT-AP 3 has: applicable legislation, an HVD category, a DCAT 3 version, a series. */
async function storeWith3Only() {
  const store = createFixtureStore()
  const own = (await readDump(store)).split('\n').filter((line) => line.endsWith(`<${ds}> .`))
  const add = (p: string, o: string) => `<${ds}> <${p}> ${o} <${ds}> .`
  own.push(
    add(DCATAP.applicableLegislation.value, '<http://data.europa.eu/eli/reg_impl/2023/138/oj>'),
    add(DCATAP.hvdCategory.value, '<http://data.europa.eu/bna/c_dd313021>'),
    add(DCAT.version.value, '"2.0"'),
    add(DCAT.inSeries.value, `<${BASE}/series/parks>`),
  )
  await store.replaceGraphs([ds], own.join('\n') + '\n')
  return store
}

const page = async (app: ReturnType<typeof createCatalogApp>, profile: string) => {
  const response = await app.request(`/catalog.nt?page_size=10&profile=${profile}`)
  expect(response.status).toBe(200)
  return parseNTriples(await response.text())
}
const has = (quads: ReturnType<typeof parseNTriples>, predicate: string, subject = ds) => quads.some((q) => q.subject.value === subject && q.predicate.value === predicate)

describe('DCAT-AP 2.1.1 against 3.0.1', () => {
  it('3.0-only properties stay in 3.0.1 and leave 2.1.1; dcat:version becomes owl:versionInfo', async () => {
    const app = createCatalogApp(await storeWith3Only())
    const v3 = await page(app, '3.0.1')
    const v2 = await page(app, '2.1.1')
    for (const predicate of [DCATAP.applicableLegislation, DCATAP.hvdCategory, DCAT.inSeries, DCAT.version]) {
      expect(has(v3, predicate.value), predicate.value).toBe(true)
      expect(has(v2, predicate.value), predicate.value).toBe(false)
    }
    expect(has(v2, OWL.versionInfo.value)).toBe(true)
  })

  it('each catalogue record states the profile its metadata conforms to', async () => {
    const app = createCatalogApp(createFixtureStore())
    const conformsTo = async (profile: string) =>
      (await page(app, profile)).filter((q) => q.subject.value === `${BASE}/catalog/record/1001` && q.predicate.equals(DCT.conformsTo)).map((q) => q.object.value)
    expect(await conformsTo('3.0.1')).toEqual([DCAT_AP_PROFILE.v3_0_1])
    expect(await conformsTo('2.1.1')).toEqual([DCAT_AP_PROFILE.v2_1_1])
  })

  it('the 2.1.1 page passes the official DCAT-AP 2.1.1 shapes (3.0-only terms and all), the 3.0.1 page the 3.0.1 shapes', async () => {
    const cases = [['2.1.1', 'dcat-ap-2.1.1', await storeWith3Only()], ['3.0.1', 'dcat-ap-3.0.1', createFixtureStore()]] as const
    for (const [profile, shapes, store] of cases) {
      const report = await validateQuads(await page(createCatalogApp(store), profile), { shapesDir: SHAPES, profile: shapes })
      expect(report.issues.filter((issue) => issue.severity === 'Violation'), profile).toEqual([])
    }
  })
})
