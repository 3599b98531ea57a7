import { describe, expect, it } from 'vitest'
import { formatCsvField, formatCsvRecord } from '../../bench/lib/csv-format.ts'

describe('formatCsvField (RFC 4180)', () => {
  it.each([
    ['plain', 'plain'],
    ['', ''],
    ['a,b', '"a,b"'],
    ['say "hi"', '"say ""hi"""'],
    ['line1\nline2', '"line1\nline2"'],
    ['line1\r\nline2', '"line1\r\nline2"'],
    ['CSV;JSON', 'CSV;JSON'],
    ['網址 有空格', '網址 有空格'],
  ])('formats %j as %j', (value, expected) => {
    expect(formatCsvField(value)).toBe(expected)
  })
})

describe('formatCsvRecord', () => {
  it('joins with commas and ends in CRLF', () => {
    expect(formatCsvRecord(['1', 'a,b', ''])).toBe('1,"a,b",\r\n')
  })
})
