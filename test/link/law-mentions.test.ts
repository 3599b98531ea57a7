/** Datasets naming a law in their title cite it (dct:references), on real law titles and real 2018 titles. */
import { readFileSync } from 'node:fs'
import { join } from 'node:path'
import { describe, expect, it } from 'vitest'
import { DataFactory } from 'n3'
import { createIris } from '../../src/model/iris.ts'
import { importMojLaws } from '../../src/sources/moj-laws.ts'
import { linkLawMentions } from '../../src/link/law-mentions.ts'
import { REPO_ROOT } from '../../src/cli/paths.ts'
import { DCAT, DCT, RDF } from '../../src/vocab/index.ts'

const { quad, literal } = DataFactory
const iris = createIris('http://localhost:8080')
const laws = join(REPO_ROOT, 'data/sources/laws')
const lawQuads = importMojLaws(readFileSync(join(laws, 'moj_laws_metadata_derived.csv'), 'utf8'), readFileSync(join(laws, 'index.json'), 'utf8'), { iris, file: 'laws.csv' }).quads

const dataset = (id: string, title: string) => {
  const d = iris.dataset(id)
  return [quad(d, RDF.type, DCAT.Dataset, d), quad(d, DCT.title, literal(title, 'zh-Hant'), d)]
}
const cited = (quads: ReturnType<typeof linkLawMentions>['quads'], id: string) =>
  quads.filter((q) => q.subject.equals(iris.dataset(id)) && q.predicate.equals(DCT.references)).map((q) => q.object.value)

describe('linkLawMentions', () => {
  const datasets = [
    ...dataset('a', '公平會101年涉及公平交易法之檢舉案件行為態樣統計'),
    ...dataset('b', '農藥殘留容許量標準_公告禁用農藥一覽表'),
    ...dataset('c', '蒙藏用語對照表'),
  ]
  const result = linkLawMentions([...lawQuads, ...datasets], iris)

  it('links a title naming 公平交易法 to that law', () => {
    const pcodes = cited(result.quads, 'a').map((iri) => iri.slice(iri.lastIndexOf('/') + 1))
    expect(pcodes).toHaveLength(1)
    const title = lawQuads.find((q) => q.subject.value === cited(result.quads, 'a')[0] && q.predicate.value.endsWith('#title') && q.object.value === '公平交易法')
    expect(title).toBeDefined()
  })

  it('takes the longest title at a position (農藥殘留容許量標準, not a shorter title inside it)', () => {
    const [law] = cited(result.quads, 'b')
    expect(lawQuads.some((q) => q.subject.value === law && q.object.value === '農藥殘留容許量標準')).toBe(true)
  })

  it('links nothing for a title that names no law', () => {
    expect(cited(result.quads, 'c')).toEqual([])
  })

  it('records how each link was made', () => {
    const record = result.quads.find((q) => q.subject.equals(iris.dataset('a')) && q.predicate.equals(iris.ogd.linkRecord))!.object
    const methods = result.quads.filter((q) => q.subject.equals(record) && q.predicate.equals(iris.ogd.linkMethod)).map((q) => q.object)
    expect(methods).toEqual([iris.concept('link-method', 'title-mention')])
    expect(result.stats).toEqual({ datasets: 2, links: 2 })
  })
})
