// importMojLaws and importMojLawTexts on the whole real MOJ snapshot in data/sources/laws (11,547 laws, 12 full texts).
import { existsSync, readdirSync, readFileSync } from 'node:fs'
import { Store } from 'n3'
import { describe, expect, it } from 'vitest'
import { createIris } from '../../src/model/iris.ts'
import { importMojLawTexts } from '../../src/sources/moj-law-texts.ts'
import { importMojLaws } from '../../src/sources/moj-laws.ts'
import { ELI, ELI_IN_FORCE } from '../../src/vocab/index.ts'

const dir = new URL('../../data/sources/laws/', import.meta.url)
const read = (path: string) => readFileSync(new URL(path, dir), 'utf8')
const iris = createIris('http://example.org')

describe('the full MOJ law snapshot', () => {
  const result = importMojLaws(read('moj_laws_metadata_derived.csv'), read('index.json'), {
    iris, file: 'data/sources/laws/moj_laws_metadata_derived.csv',
  }, read('aliases.json'))

  const store = new Store(result.quads)

  it('imports 11,547 laws: 8,074 in force, 3,473 not', () => {
    expect(result.stats).toMatchObject({ laws: 11547, inForce: 8074, abolished: 3473 })
    expect(store.getSubjects(ELI.in_force, ELI_IN_FORCE.notInForce, null)).toHaveLength(3473)
    expect(store.getSubjects(ELI.in_force, ELI_IN_FORCE.inForce, null)).toHaveLength(8074)
  })

  it('counts the kinds: 10,221 orders, 1,317 acts, 9 constitutional', () => {
    expect(result.stats).toMatchObject({ orders: 10221, acts: 1317, constitutional: 9, withEnglishTitle: 3089 })
  })

  it('keeps the 60 pending effective dates (99991231) out of the dates', () => {
    expect(result.stats).toMatchObject({ effectiveDatePending: 60, effectiveDates: 286 })
    const dates = result.quads.filter((q) => q.predicate.equals(ELI.date_applicability)).map((q) => q.object.value)
    expect(dates.some((d) => d.startsWith('9999'))).toBe(false)
  })

  it('names a competent agency for every law but the constitutional categories and the one blank category', () => {
    expect(result.references).toHaveLength(11537)
    expect(result.stats.categoryConcepts).toBe(452)
  })

  it('reports exactly the three real quirks as warnings', () => {
    expect(result.warnings.map((w) => w.problem)).toEqual([
      'aliases for G0101721, which is not a known law; ignored',
      'I0030059: 法規類別 is blank; no category and no competent agency',
      'J0120023: 最新異動日期 "19460000" is not a full date; no eli:version_date',
    ])
  })

  it('imports all 12 full texts; each article count matches the CSV 條文數', () => {
    const articleCount = (pcode: string) => Number(store.getObjects(iris.law(pcode), iris.ogd.articleCount, null)[0]?.value)
    const files = readdirSync(new URL('FalVMingLing/', dir))
    expect(files).toHaveLength(12)
    for (const file of files) {
      const en = `Eng_FalVMingLing/${file}`
      const texts = importMojLawTexts(read(`FalVMingLing/${file}`), existsSync(new URL(en, dir)) ? read(en) : undefined, { iris, file })
      expect(texts.stats.articles, file).toBe(articleCount(file.slice(0, 8)))
      expect(texts.warnings, file).toEqual([])
    }
  })
})
