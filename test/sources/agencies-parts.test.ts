// The small parts of the agency importers, table-style: ROC dates, phone cleanup, the CSV reader.
import { describe, expect, it } from 'vitest'
import { SourceError } from '../../src/errors.ts'
import { parseCsvRecords } from '../../src/sources/agency-csv.ts'
import { cleanPhoneNumber } from '../../src/sources/agency-phone.ts'
import { parseRocDate } from '../../src/sources/roc-date.ts'

describe('parseRocDate', () => {
  it.each([
    ['1030122', { kind: 'date', iso: '2014-01-22' }],
    ['0840701', { kind: 'date', iso: '1995-07-01' }],
    ['1110101', { kind: 'date', iso: '2022-01-01' }],
    ['0000000', { kind: 'unknown' }],
    ['', { kind: 'unknown' }],
  ])('reads %j', (raw, expected) => expect(parseRocDate(raw)).toEqual(expected))
  it.each(['0951131', '1031301', '10301', 'abc'])('refuses %j', (raw) => expect(parseRocDate(raw).kind).toBe('invalid'))
})

describe('cleanPhoneNumber', () => {
  it.each([
    ['02-23165300-', 'tel:+886-2-23165300'],
    ['-0800177177-', 'tel:+886800177177'],
    ['037-352961-211', 'tel:+886-37-352961;ext=211'],
    ['04-26562611#453-', 'tel:+886-4-26562611;ext=453'],
    ['03-4712201~350860-', 'tel:+886-3-4712201'],
    ['089-222580,222417-', 'tel:+886-89-222580'],
    ['-(03 )3821718-', 'tel:+886-3-3821718'],
    ['02- 86859766', 'tel:+886-2-86859766'],
    ['23815226-3237', 'tel:23815226;ext=3237;phone-context=+886'],
    ['24901431\n', 'tel:24901431;phone-context=+886'],
  ])('cleans %j', (raw, iri) => expect(cleanPhoneNumber(raw)).toEqual({ kind: 'tel', iri }))
  it.each(['', '--', '-無-', '07--'])('finds no number in %j', (raw) => expect(cleanPhoneNumber(raw)).toEqual({ kind: 'empty' }))
  it.each(['05-349000000A', '03-822701', '24-26562611#220'])('refuses %j', (raw) => expect(cleanPhoneNumber(raw).kind).toBe('invalid'))
})

describe('parseCsvRecords', () => {
  it('keeps line breaks inside quotes and numbers records by their first line', () => {
    const records = parseCsvRecords('a,b\r\n"x\r\ny","z"\r\n"1",2\r', 'f.csv')
    expect(records).toEqual([
      { fields: ['a', 'b'], line: 1 },
      { fields: ['x\r\ny', 'z'], line: 2 },
      { fields: ['1', '2'], line: 4 },
    ])
  })
  it('does not count a lone CR inside a field as a new line', () => {
    expect(parseCsvRecords('"a\rb"\n"c"\n', 'f.csv').map((r) => r.line)).toEqual([1, 2])
  })
  it('reads doubled quotes and skips blank lines and a BOM', () => {
    expect(parseCsvRecords('\ufeff"say ""hi""",x\n\n', 'f.csv')).toEqual([{ fields: ['say "hi"', 'x'], line: 1 }])
  })
  it.each([
    ['"open\n', /^f\.csv:1: a quoted field is never closed/],
    ['a\n"x"y\n', /^f\.csv:2: unexpected "y" after a closing quote/],
    ['a\nx"y\n', /^f\.csv:2: a quote inside an unquoted field/],
  ])('rejects %j', (text, message) => {
    expect(() => parseCsvRecords(text, 'f.csv')).toThrow(SourceError)
    expect(() => parseCsvRecords(text, 'f.csv')).toThrow(message)
  })
})
