/**
 * Reply cells of the request crawl → text. A cell is the crawler's list of `<p>` fragments; its text is served as
 * published, except that an e-mail address or phone number the redaction missed is masked here, the way the rest
 * was (`[email已遮蔽]`, `[電話已遮蔽]`). The platform team's boilerplate (the forwarding notice 「關於您建議…已請主管
 *機關…研議辦理」 and its signature) is told apart from the agency's own answer, line by line.
 */

export const EMAIL_MASK = '[email已遮蔽]'
export const PHONE_MASK = '[電話已遮蔽]'

const EMAIL = /[A-Za-z0-9._%+-]+@[A-Za-z0-9-]+(?:\.[A-Za-z0-9-]+)+/g
// Taiwanese numbers as people write them: (02)2345-6789, 02-2345-6789, 02 2345 6789, 0912-345-678, +886-2-2345-6789,
// with an optional extension. Case numbers (01603160004) have no separators and stay: only written phone shapes match.
const PHONE = new RegExp(
  [
    String.raw`\+886[-\s]?\(?0?\d{1,2}\)?[-\s]?\d{3,4}[-\s]?\d{3,4}`,
    String.raw`\(0\d{1,2}\)\s?\d{3,4}[-\s]?\d{4}`,
    String.raw`(?<![\d-])0\d{1,2}-\d{3,4}-\d{4}(?![\d-])`,
    String.raw`(?<![\d-])0\d{1,2}\s\d{3,4}\s\d{4}(?!\d)`,
    String.raw`(?<![\d-])09\d{2}-\d{3}-?\d{3}(?![\d-])`,
  ].map((p) => `(?:${p})(?:\\s?(?:#|分機|ext\\.?)\\s?\\d{1,5})?`).join('|'),
  'g',
)

/** Mask e-mail addresses and phone numbers that slipped through the source's redaction. */
export function maskContacts(text: string): string {
  return text.replace(EMAIL, EMAIL_MASK).replace(PHONE, PHONE_MASK)
}

const ENTITIES: Record<string, string> = { amp: '&', lt: '<', gt: '>', quot: '"', apos: "'", nbsp: ' ', '#39': "'" }
const decodeEntities = (text: string): string =>
  text.replace(/&(#x[0-9a-f]+|#\d+|\w+);/gi, (whole, name: string) => {
    if (name.startsWith('#x') || name.startsWith('#X')) return String.fromCodePoint(Number.parseInt(name.slice(2), 16))
    if (name.startsWith('#') && name !== '#39') return String.fromCodePoint(Number(name.slice(1)))
    return ENTITIES[name.toLowerCase()] ?? whole
  })

/** One `<p>` fragment → lines of text (`<br/>` ends a line; a link keeps its text, and its address when that differs). */
function paragraphLines(fragment: string): string[] {
  const text = fragment
    .replace(/<br\s*\/?>/gi, '\n')
    .replace(/<a\b[^>]*\bhref="([^"]*)"[^>]*>([\s\S]*?)<\/a>/gi, (_, href: string, label: string) => {
      const inner = label.replace(/<[^>]+>/g, '')
      return inner.includes(href) || !/^https?:/i.test(href) ? inner : `${inner} (${href})`
    })
    .replace(/<[^>]+>/g, '')
  return decodeEntities(text).split('\n').map((line) => line.replace(/[ \t\u3000]+/g, ' ').trim()).filter(Boolean)
}

/** The `<p>` fragments of a crawled cell (`[<p>…</p>, <p>…</p>]`); a cell without `<p>` is one fragment. */
function fragmentsOf(cell: string): string[] {
  const inner = cell.trim().replace(/^\[/, '').replace(/\]$/, '')
  const fragments = [...inner.matchAll(/<p\b[^>]*>([\s\S]*?)<\/p>/gi)].map((m) => m[1]!)
  return fragments.length > 0 ? fragments : [inner]
}

// The platform team's forwarding notice and its signature (政府資料開放(服務)平臺營運團隊 敬復/敬上).
const NOTICE = /^關於您(?:的)?建議.*(?:研議辦理|接續研議|儘速回[覆復])/
const SIGNATURE = /^政府資料開放(?:服務)?平[臺台]營運團隊\s*敬[復覆上]$/
const NOTICE_TAIL = /^(?:相關辦理情形說明將請主管機關儘速回[覆復].*|謝謝您的寶貴意見。?|敬候等待。?)$/

export interface Reply {
  /** The whole reply as text, as published (contacts masked). */
  text: string
  /** The agency's own answer: the lines that are not the platform team's boilerplate (empty for a bare notice). */
  agencyAnswer: string
  /** The platform team's boilerplate lines. */
  boilerplate: string
  /** The whole reply is the platform team's forwarding notice (no agency answer in it). */
  isNotice: boolean
}

const isBoilerplateLine = (line: string): boolean => NOTICE.test(line) || SIGNATURE.test(line) || NOTICE_TAIL.test(line)

/** A crawled reply cell → its text, split into the agency's answer and the platform team's boilerplate. */
export function parseReply(cell: string): Reply {
  const lines = fragmentsOf(cell).flatMap(paragraphLines).map(maskContacts)
  const answer = lines.filter((line) => !isBoilerplateLine(line))
  const boilerplate = lines.filter(isBoilerplateLine)
  const hasNotice = boilerplate.some((line) => NOTICE.test(line))
  return { text: lines.join('\n'), agencyAnswer: answer.join('\n'), boilerplate: boilerplate.join('\n'), isNotice: hasNotice && answer.length === 0 }
}
