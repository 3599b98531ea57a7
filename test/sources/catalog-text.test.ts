import { describe, expect, it } from 'vitest'
import { parseFieldDescription } from '../../src/sources/catalog-schema.ts'
import { encodeIri } from '../../src/sources/iri-text.ts'
import { parseLocalDate, parseLocalDateTime } from '../../src/sources/local-time.ts'

describe('encodeIri', () => {
  it.each([
    ['a URL with Chinese (137307)', 'https://www.mnd.gov.tw/NewUpload/202103/陸軍預算書表(含API說明)-1100323_370115.csv',
      'https://www.mnd.gov.tw/NewUpload/202103/%E9%99%B8%E8%BB%8D%E9%A0%90%E7%AE%97%E6%9B%B8%E8%A1%A8(%E5%90%ABAPI%E8%AA%AA%E6%98%8E)-1100323_370115.csv'],
    ['a space and Chinese in the query', 'https://ws.ndc.gov.tw/Download.ashx?n=APEC EoDB研討會.csv&icon=..csv',
      'https://ws.ndc.gov.tw/Download.ashx?n=APEC%20EoDB%E7%A0%94%E8%A8%8E%E6%9C%83.csv&icon=..csv'],
    ['existing escapes are kept as written (33408)', 'https://ws.moe.edu.tw/Download.ashx?u=LzAw%3d%3d&n=5ZCE%2baJ',
      'https://ws.moe.edu.tw/Download.ashx?u=LzAw%3d%3d&n=5ZCE%2baJ'],
    ['a stray % becomes %25', 'http://a.gov.tw/x?p=50%', 'http://a.gov.tw/x?p=50%25'],
    ['surrounding spaces are trimmed', '  https://data.gov.tw/dataset/38129 ', 'https://data.gov.tw/dataset/38129'],
    ['a Chinese host becomes punycode', 'https://例子.tw/a', 'https://xn--fsqu00a.tw/a'],
  ])('%s', (_, input, expected) => {
    expect(encodeIri(input)).toBe(expected)
  })

  it.each([['no scheme', 'www.moj.gov.tw/2204/'], ['not a web URL', 'javascript:alert(1)'], ['no host', 'http://'], ['a space in the host', 'http://data gov.tw/'], ['empty', '']])(
    'refuses %s',
    (_, input) => expect(encodeIri(input)).toBeUndefined(),
  )
})

describe('parseLocalDateTime', () => {
  it('reads data.gov.tw local time as +08:00', () => {
    expect(parseLocalDateTime('2024-08-27 16:49:30')?.value).toBe('2024-08-27T16:49:30+08:00')
    expect(parseLocalDateTime('2020-06-30 1:33:29')?.value).toBe('2020-06-30T01:33:29+08:00')
  })

  it('keeps a date without time as xsd:date (no time invented)', () => {
    const date = parseLocalDateTime('2013/12/27')
    expect([date?.value, date?.datatype.value]).toEqual(['2013-12-27', 'http://www.w3.org/2001/XMLSchema#date'])
    expect(parseLocalDate('2013/03/18')?.value).toBe('2013-03-18')
    expect(parseLocalDate('2013-03-18 10:00:00')).toBeUndefined()
  })

  it.each(['2013/02/30', '2024-13-01 00:00:00', '2024-01-01 24:00:00', '103/01/01', '', '不詳'])('refuses %j', (text) => {
    expect(parseLocalDateTime(text)).toBeUndefined()
  })
})

describe('parseFieldDescription', () => {
  it('reads name(title) pairs separated by ; (38129)', () => {
    expect(parseFieldDescription('FileName(檔案名稱);FileUrl(檔案連結);CreateDate(建立日期)')).toEqual([
      { name: 'FileName', title: '檔案名稱' }, { name: 'FileUrl', title: '檔案連結' }, { name: 'CreateDate', title: '建立日期' },
    ])
  })

  it('reads titles separated by 、, not splitting inside parentheses (API v1 A09050000E-000002)', () => {
    expect(parseFieldDescription('標準書號(ISBN, ISSN等)、書名、編著者').map((c) => c.title)).toEqual(['標準書號(ISBN, ISSN等)', '書名', '編著者'])
  })

  it('reads title(name) too, and keeps titles whose parentheses hold no name (139902)', () => {
    expect(parseFieldDescription('名稱(name);累計實徵淨額(3)=(1)－(2)(元)')).toEqual([{ name: 'name', title: '名稱' }, { title: '累計實徵淨額(3)=(1)－(2)(元)' }])
  })

  it('drops the empty piece after a trailing separator (143037)', () => {
    expect(parseFieldDescription('花蓮縣礦石開採景觀維護特別稅110年度6月份徵績表;')).toEqual([{ title: '花蓮縣礦石開採景觀維護特別稅110年度6月份徵績表' }])
  })
})
