/** A tiny HTML template tag: every interpolated value is escaped unless it is already `Html`; arrays are joined. */

/** Markup that is safe to insert as it is (made by the `html` tag or `raw`). */
export class Html {
  constructor(readonly text: string) {}
  toString(): string { return this.text }
}

export type HtmlValue = Html | string | number | boolean | null | undefined | readonly HtmlValue[]

const ESCAPES: Record<string, string> = { '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' }

/** Escape text for an element's content or a quoted attribute. */
export const escapeHtml = (text: string): string => text.replace(/[&<>"']/g, (ch) => ESCAPES[ch]!)

function write(value: HtmlValue): string {
  if (value instanceof Html) return value.text
  if (Array.isArray(value)) return value.map(write).join('')
  if (value === null || value === undefined || value === false) return ''
  return escapeHtml(String(value))
}

/** ``html`<p>${text}</p>` ``: the text escaped, nested `html` kept. */
export function html(strings: TemplateStringsArray, ...values: HtmlValue[]): Html {
  let text = strings[0]!
  values.forEach((value, index) => { text += write(value) + strings[index + 1]! })
  return new Html(text)
}

/** Trusted markup (our own CSS, SVG we generated). */
export const raw = (text: string): Html => new Html(text)

/** JSON for a `<script type="application/ld+json">`: `<` written as \u003c so no `</script>` can close the element. */
export const scriptJson = (json: string): Html => new Html(json.replace(/</g, '\\u003c'))
