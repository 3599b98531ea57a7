/** Replies to requests → laws cited and datasets that answer, on real fixture rows with a small hand-made catalogue and law list. */
import { readFileSync } from 'node:fs'
import { join } from 'node:path'
import { describe, expect, it } from 'vitest'
import { DataFactory, type Quad } from 'n3'
import { REPO_ROOT } from '../../src/cli/paths.ts'
import { createIris } from '../../src/model/iris.ts'
import { importDataGovTwRequests } from '../../src/sources/datagovtw-requests.ts'
import { linkRequestReplies } from '../../src/link/request-replies.ts'
import { DCAT, DCT, ELI, ORG, RDF, SCHEMA } from '../../src/vocab/index.ts'

const { quad, namedNode, literal } = DataFactory
const dir = join(REPO_ROOT, 'test', 'fixtures', 'requests')
const iris = createIris('http://example.org')
const imported = importDataGovTwRequests(readFileSync(join(dir, 'requests_raw_fixture.csv'), 'utf8'), readFileSync(join(dir, 'requests_agency_fixture.csv'), 'utf8'), { iris, file: 'f.csv' }, { agenciesFile: 'a.csv' })

const g = iris.graph('vocab')
const foi = iris.law('I0020026')
const pdpa = iris.law('I0050021')
const moi = iris.agency('A01000000A')
const moiUnit = iris.agencyUnit('A01000000A', '民政司')
const other = iris.agency('A09000000E')
const dataset = (id: string, title: string, publisher: NamedNodeLike): Quad[] => [
  quad(iris.dataset(id), RDF.type, DCAT.Dataset, iris.dataset(id)),
  quad(iris.dataset(id), DCT.title, literal(title, 'zh-Hant'), iris.dataset(id)),
  quad(iris.dataset(id), DCT.publisher, publisher, iris.dataset(id)),
]
type NamedNodeLike = ReturnType<typeof namedNode>
const context: Quad[] = [
  quad(foi, ELI.title, literal('政府資訊公開法', 'zh-Hant'), foi),
  quad(pdpa, ELI.title, literal('個人資料保護法', 'zh-Hant'), pdpa),
  quad(pdpa, ELI.title_alternative, literal('個資法', 'zh-Hant'), pdpa),
  quad(moiUnit, ORG.unitOf, moi, moiUnit),
  quad(iris.request('93230'), iris.ogd.assignedTo, moi, iris.request('93230')),
  ...dataset('900001', '政府原始捐贈之財團法人一覽表', moiUnit),
  ...dataset('900002', '政府原始捐贈之財團法人一覽表', other),
  ...dataset('900003', '地方政府肇事碰撞構圖', other),
  quad(g, RDF.type, RDF.Property, g),
]
const linked = linkRequestReplies([...imported.quads, ...context], iris)
const all = [...imported.quads, ...linked.quads]
const valuesOf = (subject: string, predicate: { value: string }) => all.filter((q) => q.subject.value === subject && q.predicate.value === predicate.value).map((q) => q.object.value)
const firstReply = (id: string) => valuesOf(iris.request(id).value, SCHEMA.suggestedAnswer)[0]!

describe('laws cited in replies', () => {
  it('links a refusal citing 政府資訊公開法第18條 to 政府資訊公開法', () => {
    expect(valuesOf(firstReply('96317'), SCHEMA.citation)).toEqual([foi.value])
  })

  it('links a refusal invoking 個人資料保護法 to it, with the method and the words', () => {
    const reply = firstReply('79192')
    expect(valuesOf(reply, SCHEMA.citation)).toEqual([pdpa.value])
    const record = iris.linkRecord(iris.request('79192'), 'reply-1-law-I0050021').value
    expect(valuesOf(reply, iris.ogd.linkRecord)).toContain(record)
    expect(valuesOf(record, iris.ogd.sourceText)).toEqual(['個人資料保護法'])
    expect(valuesOf(record, iris.ogd.linkMethod)).toEqual([iris.concept('link-method', 'reply-mention').value])
  })

  it('cites no law in a bare forwarding notice', () => {
    const notice = valuesOf(iris.request('96317').value, SCHEMA.suggestedAnswer)[1]!
    expect(valuesOf(notice, SCHEMA.citation)).toEqual([])
  })

  it('puts every link in the request’s own graph', () => {
    expect(linked.quads.filter((q) => !q.subject.value.startsWith(q.graph.value))).toEqual([])
  })
})

describe('datasets that answer a request', () => {
  it('links a dataset a reply quotes by its full title when an assigned agency (through its unit) publishes it', () => {
    const answered = valuesOf(iris.request('93230').value, iris.ogd.answeredBy)
    expect(answered).toContain(iris.dataset('900001').value)
    const record = iris.linkRecord(iris.request('93230'), 'answered-by-900001').value
    expect(valuesOf(record, iris.ogd.linkMethod)).toEqual([iris.concept('link-method', 'reply-names-agency-dataset').value])
    expect(valuesOf(record, iris.ogd.sourceText)[0]).toMatch(/^[「『]政府原始捐贈之財團法人一覽表[」』]$/)
  })

  it('does not link a same-titled dataset of an agency the request was not assigned to', () => {
    expect(valuesOf(iris.request('93230').value, iris.ogd.answeredBy)).not.toContain(iris.dataset('900002').value)
    expect(valuesOf(iris.request('96658').value, iris.ogd.answeredBy)).not.toContain(iris.dataset('900003').value)
  })
})
