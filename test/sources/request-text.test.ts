/** Reply dates, reply text and masking of the request crawl, one edge case per test. */
import { describe, expect, it } from 'vitest'
import { daysBetween, findQuotedSubmissionDate, parseReplyTime } from '../../src/sources/request-date.ts'
import { EMAIL_MASK, maskContacts, parseReply, PHONE_MASK } from '../../src/sources/request-replies.ts'
import { findRefusalReasons } from '../../src/sources/request-refusals.ts'

describe('parseReplyTime', () => {
  it.each([
    ['星期四, 一月 24, 2019 - 17:29', '2019-01-24T17:29:00+08:00'],
    ['星期五, 十一月 6, 2015 - 16:21', '2015-11-06T16:21:00+08:00'],
    ['星期六, 十二月 22, 2018 - 15:42', '2018-12-22T15:42:00+08:00'],
    ['星期四, 六月 4, 2015 - 00:00', '2015-06-04T00:00:00+08:00'],
  ])('%s → %s', (text, iso) => {
    expect(parseReplyTime(text)?.literal.value).toBe(iso)
    expect(parseReplyTime(text)?.weekdayMismatch).toBe(false)
  })

  it('notices a weekday that does not match the date, and keeps the date', () => {
    expect(parseReplyTime('星期一, 一月 24, 2019 - 17:29')).toMatchObject({ day: '2019-01-24', weekdayMismatch: true })
  })

  it.each(['公司', '社群', '', '星期四, 二月 30, 2019 - 10:00', '星期四, 一月 24, 2019 - 25:00', '2019-01-24 17:29'])('refuses %j', (text) => {
    expect(parseReplyTime(text)).toBeUndefined()
  })
})

describe('findQuotedSubmissionDate', () => {
  it('reads the ROC date an agency quotes: 台端於107年12月4日', () => {
    expect(findQuotedSubmissionDate('台端您好： 您於107年12月4日於政府資料開放平臺建議')).toEqual({ day: '2018-12-04', quote: '您於107年12月4日' })
  })
  it('ignores dates that are not the requester’s (本府於107年…)', () => {
    expect(findQuotedSubmissionDate('本府於107年12月4日公告')).toBeUndefined()
  })
  it('counts whole days between two days', () => {
    expect(daysBetween('2018-12-04', '2019-01-24')).toBe(51)
  })
})

describe('maskContacts', () => {
  it.each([
    ['請洽 (02)2345-6789 分機 123', `請洽 ${PHONE_MASK}`],
    ['電話：02-2345-6789。', `電話：${PHONE_MASK}。`],
    ['手機 0912-345-678', `手機 ${PHONE_MASK}`],
    ['+886-2-2345-6789', PHONE_MASK],
    ['信箱 someone.name@mail.gov.tw 謝謝', `信箱 ${EMAIL_MASK} 謝謝`],
  ])('masks %j', (text, masked) => {
    expect(maskContacts(text)).toBe(masked)
  })

  it.each(['案號 01603160004', '107年12月4日', '[email已遮蔽] 與 [電話已遮蔽]', 'https://data.gov.tw/dataset/6564', '統一編號 12345678'])('leaves %j as it is', (text) => {
    expect(maskContacts(text)).toBe(text)
  })

  it('masks a phone number that slipped into a reply cell', () => {
    const reply = parseReply('[<p>您好：<br/>\n如有疑問請電 (02)2345-6789 或 a.b@gov.tw 洽詢。</p>]')
    expect(reply.text).toBe(`您好：\n如有疑問請電 ${PHONE_MASK} 或 ${EMAIL_MASK} 洽詢。`)
  })
})

describe('parseReply', () => {
  it('turns the <p> list into lines, decoding entities and keeping a link’s address', () => {
    const reply = parseReply('[<p>請參考 <a href="https://data.gov.tw/dataset/6564">本資料集</a> &amp; 說明</p>, <p>交通部 敬復</p>]')
    expect(reply.text).toBe('請參考 本資料集 (https://data.gov.tw/dataset/6564) & 說明\n交通部 敬復')
    expect(reply.isNotice).toBe(false)
  })

  it('splits an agency answer that ends with the platform team’s signature', () => {
    const reply = parseReply('[<p>本項資料已開放。<br/>\n政府資料開放平臺營運團隊 敬復</p>]')
    expect(reply).toMatchObject({ agencyAnswer: '本項資料已開放。', boilerplate: '政府資料開放平臺營運團隊 敬復', isNotice: false })
  })
})

describe('findRefusalReasons', () => {
  it('finds 尚未蒐集 as not-collected', () => {
    expect(findRefusalReasons('本部尚未蒐集相關資料，歉難提供。').map((r) => r.code)).toEqual(['not-collected'])
  })
  it('finds nothing in a plain promise to open', () => {
    expect(findRefusalReasons('本局將於下月上架此資料集，謝謝您的建議。')).toEqual([])
  })
})
