/** The dataset-request importer on real rows of the raw crawl (test/fixtures/requests, cut from data/sources/requests). */
import { readFileSync } from 'node:fs'
import { join } from 'node:path'
import { describe, expect, it } from 'vitest'
import type { Quad } from 'n3'
import { REPO_ROOT } from '../../src/cli/paths.ts'
import { createIris } from '../../src/model/iris.ts'
import { importDataGovTwRequests } from '../../src/sources/datagovtw-requests.ts'
import { parseRequestRows } from '../../src/sources/request-rows.ts'
import { ADMS, DCT, RDF, SCHEMA } from '../../src/vocab/index.ts'

const dir = join(REPO_ROOT, 'test', 'fixtures', 'requests')
const raw = readFileSync(join(dir, 'requests_raw_fixture.csv'), 'utf8')
const agencies = readFileSync(join(dir, 'requests_agency_fixture.csv'), 'utf8')
const iris = createIris('http://example.org')
const result = importDataGovTwRequests(raw, agencies, { iris, file: 'requests_raw_fixture.csv' }, { agenciesFile: 'requests_agency_fixture.csv' })
const rows = new Map(parseRequestRows(raw, 'fixture').requests.map((r) => [r.id, r]))

const about = (subject: string) => result.quads.filter((q) => q.subject.value === subject)
const valuesOf = (subject: string, predicate: { value: string }) => about(subject).filter((q) => q.predicate.value === predicate.value).map((q) => q.object.value)
const request = (id: string) => iris.request(id).value
const assignedNames = (id: string) => result.references.filter((r) => r.subject.value === request(id)).map((r) => r.text)

describe('dataset requests from the raw crawl', () => {
  it('makes one record per request of the crawl and of the agency file', () => {
    expect(result.stats.requests).toBe(18)
    expect(result.stats.onlyInAgencyFile).toBe(1)
    const typed = new Set(result.quads.filter((q) => q.predicate.equals(RDF.type) && q.object.equals(iris.ogd.DatasetRequest)).map((q) => q.subject.value))
    expect(typed.size).toBe(18)
  })

  it('puts every quad of a request in the request’s own graph', () => {
    const mismatched = result.quads.filter((q: Quad) => !q.subject.value.startsWith(q.graph.value))
    expect(mismatched).toEqual([])
  })

  it('reads the plain fields of an ordinary row', () => {
    expect(valuesOf(request('97944'), DCT.title)).toEqual(['建議提供每日臺灣證券交易所發行量加權股價指數成分股暨市值比重'])
    expect(valuesOf(request('97944'), iris.ogd.requestedFields)[0]).toMatch(/^1\. 日期\n2\. 排行/)
    expect(valuesOf(request('97944'), ADMS.status)).toEqual([iris.concept('request-status', 'answered').value])
    expect(valuesOf(request('97944'), iris.ogd.assignmentStatus)).toEqual([iris.concept('request-assignment', 'assigned').value])
  })

  it('parses the reply date 星期四, 一月 24, 2019 - 17:29 as Taiwan time', () => {
    expect(valuesOf(request('97944'), iris.ogd.replyDate)).toEqual(['2019-01-24T17:29:00+08:00'])
  })

  it('assigns the request sent to 41 agencies to all 41 (from the agency file)', () => {
    const names = assignedNames('98611')
    expect(names).toHaveLength(41)
    expect(names[0]).toBe('行政院')
    expect(new Set(result.references.filter((r) => r.subject.value === request('98611')).map((r) => r.linkKey)).size).toBe(41)
  })

  it('keeps all 52 agencies of a request whose crawled row names only its first four', () => {
    expect(rows.get('93230')!.agencies).toEqual(['行政院', '內政部', '外交部', '國防部'])
    expect(assignedNames('93230')).toHaveLength(52)
    expect(valuesOf(request('93230'), SCHEMA.suggestedAnswer)).toHaveLength(46)
  })

  it('re-aligns a shifted-cell row: three agencies, 未回復, no 分派狀態 and no 回復時間 cell', () => {
    const row = rows.get('94934')!
    expect(row.agencies).toEqual(['內政部', '法務部', '司法院'])
    expect(row.replyStatus).toBe('unanswered')
    expect(row.assignmentStatus).toBeUndefined()
    expect(row.replyTimeText).toBeUndefined()
    expect(row.replies).toHaveLength(4)
  })

  it('re-aligns a row whose status cells come before an empty agency cell', () => {
    const row = rows.get('17286')!
    expect(row.replyStatus).toBe('unanswered')
    expect(row.replyTimeText).toBe('星期五, 十一月 6, 2015 - 16:21')
    expect(row.replies).toHaveLength(2)
    expect(valuesOf(request('17286'), iris.ogd.replyDate)).toEqual(['2015-11-06T16:21:00+08:00'])
  })

  it('reads 研議中 as its own status', () => {
    expect(valuesOf(request('54580'), ADMS.status)).toEqual([iris.concept('request-status', 'under-study').value])
  })

  it('gives no reply date where the crawler put 公司 in the 回復時間 cell, and says so', () => {
    expect(valuesOf(request('97831'), iris.ogd.replyDate)).toEqual([])
    expect(result.warnings.some((w) => w.problem.includes('97831') && w.problem.includes('公司'))).toBe(true)
  })

  it('keeps a request of which only the id was crawled, and warns', () => {
    expect(valuesOf(request('8488'), DCT.identifier)).toEqual(['8488'])
    expect(result.warnings.some((w) => w.problem === 'request 8488: only the id was crawled')).toBe(true)
  })

  it('separates the agency’s answer from the platform team’s forwarding notice', () => {
    const [first, second] = valuesOf(request('97944'), SCHEMA.suggestedAnswer)
    expect(valuesOf(first!, iris.ogd.agencyAnswer)[0]).toContain('臺灣證券交易所謹復')
    expect(valuesOf(first!, iris.ogd.boilerplateText)).toEqual([])
    expect(valuesOf(second!, RDF.type)).toContain(iris.ogd.PlatformNotice.value)
    expect(valuesOf(second!, iris.ogd.agencyAnswer)).toEqual([])
    expect(valuesOf(second!, iris.ogd.boilerplateText)[0]).toMatch(/^關於您建議—【 建議提供每日臺灣證券交易所/)
  })

  it('gives a refusal citing 政府資訊公開法第18條 the reason legally-restricted, with the phrase as evidence', () => {
    const reply = valuesOf(request('96317'), SCHEMA.suggestedAnswer)[0]!
    expect(valuesOf(reply, iris.ogd.refusalReason)).toContain(iris.concept('refusal-reason', 'legally-restricted').value)
    const record = iris.linkRecord(iris.request('96317'), 'reply-1-refusal-legally-restricted').value
    expect(valuesOf(record, iris.ogd.sourceText)).toEqual(['政府資訊公開法第18條'])
    expect(valuesOf(record, iris.ogd.linkMethod)).toEqual([iris.concept('link-method', 'reply-phrase').value])
  })

  it('gives a refusal invoking 個人資料保護法 the reason personal-data', () => {
    const reply = valuesOf(request('79192'), SCHEMA.suggestedAnswer)[0]!
    expect(valuesOf(reply, iris.ogd.refusalReason)).toContain(iris.concept('refusal-reason', 'personal-data').value)
  })

  it('gives no refusal reason to a bare forwarding notice', () => {
    const notice = valuesOf(request('96317'), SCHEMA.suggestedAnswer)[1]!
    expect(valuesOf(notice, iris.ogd.refusalReason)).toEqual([])
  })

  it('links the dataset a reply points to on data.gov.tw, with the URL as evidence', () => {
    const linked = result.quads.filter((q) => q.predicate.equals(iris.ogd.answeredBy))
    expect(linked.length).toBeGreaterThan(0)
    for (const q of linked) {
      const id = q.object.value.slice(q.object.value.lastIndexOf('/') + 1)
      const record = iris.linkRecord(q.subject as never, `answered-by-${id}`).value
      expect(valuesOf(record, iris.ogd.sourceText)[0]).toMatch(new RegExp(`data\\.gov\\.tw/dataset/${id}$`))
    }
  })

  it('keeps a request known only from the agency file with its id, page and agencies, and nothing invented', () => {
    expect(valuesOf(request('98611'), DCT.identifier)).toEqual(['98611'])
    expect(valuesOf(request('98611'), DCT.title)).toEqual([])
    expect(valuesOf(request('98611'), SCHEMA.suggestedAnswer)).toEqual([])
    expect(valuesOf(request('98611'), iris.ogd.metadataStatus)).toEqual([])
  })
})

describe('privacy', () => {
  it('keeps the source’s masks as they are in the replies served', () => {
    const texts = result.quads.filter((q) => q.predicate.equals(SCHEMA.text)).map((q) => q.object.value).join('\n')
    expect(texts).toContain('承辦人賴祈延電話[電話已遮蔽]聯繫')
  })

  it('masks an e-mail address or phone number that slipped through, in every text of a request', () => {
    const row = '99999,請提供資料 聯絡 a.b@example.com,名稱,欄位,請打 (02)2345-6789,內政部,已回復,已分派,"星期四, 一月 24, 2019 - 17:29","[<p>請洽 0912-345-678 或 x@y.gov.tw</p>]"'
    const imported = importDataGovTwRequests(`${raw.split('\n')[0]}\n${row}\n`, agencies, { iris, file: 'x.csv' }, { agenciesFile: 'a.csv' })
    const texts = imported.quads.filter((q) => q.subject.value.startsWith(iris.request('99999').value) && q.object.termType === 'Literal').map((q) => q.object.value)
    expect(texts.join('\n')).not.toMatch(/@|2345-6789|0912/)
    expect(texts).toContain('請提供資料 聯絡 [email已遮蔽]')
    expect(texts).toContain('請打 [電話已遮蔽]')
    expect(texts).toContain('請洽 [電話已遮蔽] 或 [email已遮蔽]')
  })
})

describe('bad request files', () => {
  it('refuses a file without the crawl header, naming line 1', () => {
    expect(() => importDataGovTwRequests('a,b\n1,2\n', agencies, { iris, file: 'x.csv' }, { agenciesFile: 'a.csv' })).toThrow(/^x\.csv:1: expected the header ID,建議之標題/)
  })

  it('refuses a row whose id is not a node id, naming its line', () => {
    const bad = raw.split('\n')[0] + '\nabc,標題,名稱,欄位,原因,內政部,已回復,已分派,,\n'
    expect(() => importDataGovTwRequests(bad, agencies, { iris, file: 'x.csv' }, { agenciesFile: 'a.csv' })).toThrow(/^x\.csv:2: ID "abc" is not a data\.gov\.tw node id/)
  })

  it('still imports the fixture after refusing a bad file', () => {
    expect(importDataGovTwRequests(raw, agencies, { iris, file: 'f.csv' }, { agenciesFile: 'a.csv' }).stats.requests).toBe(18)
  })
})
