/** Dates as the MOJ law database and the licence texts write them: `YYYYMMDD`, and ROC dates in words (中華民國九十四年十二月二十八日). */

/** ROC year + 1911 = Gregorian year. */
const ROC_YEAR_OFFSET = 1911

/** MOJ's placeholder 生效日期: "the date is to be set by the Executive Yuan", not a real date. */
export const DATE_TO_BE_SET = '99991231'

/** Turn a Gregorian `YYYYMMDD` into ISO `YYYY-MM-DD`, or undefined when it is not a calendar day. */
export function parseYmd(value: string): string | undefined {
  const match = /^(\d{4})(\d{2})(\d{2})$/.exec(value)
  if (!match) return undefined
  return toIsoDate(Number(match[1]), Number(match[2]), Number(match[3]))
}

/**
 * Find the first ROC date in a text, in Chinese numerals (中華民國一百零二年八月二十一日) or in digits
 * (中華民國104年7月27日), and return it as ISO `YYYY-MM-DD`; undefined when there is none.
 */
export function findRocDate(text: string): string | undefined {
  const match = /中華民國\s*([〇零一二三四五六七八九十百\d]+)\s*年\s*([〇零一二三四五六七八九十\d]+)\s*月\s*([〇零一二三四五六七八九十\d]+)\s*日/.exec(text)
  if (!match) return undefined
  const [year, month, day] = [match[1], match[2], match[3]].map((part) => readNumeral(part ?? ''))
  if (year === undefined || month === undefined || day === undefined) return undefined
  return toIsoDate(year + ROC_YEAR_OFFSET, month, day)
}

const DIGITS: Record<string, number> = { 〇: 0, 零: 0, 一: 1, 二: 2, 三: 3, 四: 4, 五: 5, 六: 6, 七: 7, 八: 8, 九: 9 }

/** Read a number under 1000 written in digits or Chinese numerals (十七, 九十四, 一百零二, 一百十一). */
function readNumeral(text: string): number | undefined {
  if (/^\d+$/.test(text)) return Number(text)
  let total = 0
  let current = 0
  for (const ch of text) {
    if (ch in DIGITS) current = DIGITS[ch] ?? 0
    else if (ch === '十') { total += (current || 1) * 10; current = 0 }
    else if (ch === '百') { total += (current || 1) * 100; current = 0 }
    else return undefined
  }
  return total + current
}

function toIsoDate(year: number, month: number, day: number): string | undefined {
  const date = new Date(Date.UTC(year, month - 1, day))
  if (date.getUTCFullYear() !== year || date.getUTCMonth() !== month - 1 || date.getUTCDate() !== day) return undefined
  return `${String(year).padStart(4, '0')}-${String(month).padStart(2, '0')}-${String(day).padStart(2, '0')}`
}
