/**
 * Charts as inline SVG made on the server: no script, no library. Each chart has a title and description for
 * screen readers and is followed by the same numbers as a table (collapsed in a <details>).
 */
import { html, type Html } from './html.ts'

export interface BarItem {
  label: string
  value: number
  /** A bar's scale when it is not the largest value (a score out of its maximum). */
  max?: number
  href?: string
}

const format = (value: number) => (Number.isInteger(value) ? value.toLocaleString('en') : value.toFixed(1))

let chartCount = 0

/** Width of text in units of one CJK character (13 px type): Latin letters and digits take about half. */
const textUnits = (text: string) => [...text].reduce((sum, ch) => sum + (/[\u2E80-\uFFEF]/.test(ch) ? 1 : 0.55), 0)

/**
 * A label in lines of at most `maxUnits`, never cut inside a word: Latin text breaks at spaces, CJK text between
 * characters (where Chinese typesetting breaks). A word longer than a line gets a line of its own.
 */
export function wrapLabel(label: string, maxUnits: number): string[] {
  const pieces = label.match(/[\u2E80-\uFFEF]|[^\s\u2E80-\uFFEF]+\s*|\s+/g) ?? [label]
  const lines: string[] = []
  let line = ''
  for (const piece of pieces) {
    if (line && textUnits((line + piece).trimEnd()) > maxUnits) {
      lines.push(line.trimEnd())
      line = piece.trimStart()
    } else line += piece
  }
  if (line.trim()) lines.push(line.trimEnd())
  return lines
}

/** Horizontal bars, one row per item (labels can be long Chinese agency names). */
export function barChart(options: { title: string; description?: string; items: readonly BarItem[]; width?: number; unit?: string; tableCaption?: string; note?: Html }): Html {
  const id = `chart-${++chartCount}`
  const width = options.width ?? 640
  // Labels up to 18 CJK characters a line, wrapped (never cut) onto more lines: rows grow with their label.
  const maxUnits = 18
  const wrapped = options.items.map((item) => wrapLabel(item.label, maxUnits))
  const labelWidth = Math.min(maxUnits * 14 + 12, Math.max(80, ...wrapped.flat().map((line) => Math.ceil(textUnits(line) * 14) + 12)))
  const barArea = width - labelWidth - 70
  const lineHeight = 16
  const rowOf = (lines: number) => Math.max(26, lines * lineHeight + 10)
  const tops = wrapped.reduce<number[]>((acc, lines, n) => [...acc, (acc[n] ?? 4) + rowOf(lines.length)], [4])
  const height = tops.at(-1)! + 4
  const largest = Math.max(1, ...options.items.map((item) => item.max ?? item.value))
  const bars = options.items.map((item, n) => {
    const y = tops[n]!
    const row = rowOf(wrapped[n]!.length)
    const scale = item.max ?? largest
    const length = Math.max(1, Math.round((item.value / scale) * barArea))
    const lines = wrapped[n]!.map((line, k) => html`<tspan x="${labelWidth - 6}" dy="${k === 0 ? 0 : lineHeight}">${line}</tspan>`)
    const text = html`<text x="${labelWidth - 6}" y="${y + row / 2 - ((wrapped[n]!.length - 1) * lineHeight) / 2 + 4}" text-anchor="end" font-size="13">${lines}</text>`
    const barY = y + row / 2 - 9
    return html`<g>${item.href ? html`<a href="${item.href}">${text}</a>` : text}<rect x="${labelWidth}" y="${barY}" width="${length}" height="18" fill="#0b5cad"><title>${item.label}: ${format(item.value)}${options.unit ?? ''}</title></rect><text x="${labelWidth + length + 6}" y="${barY + 13}" font-size="12" fill="#57606a">${format(item.value)}${item.max ? ` / ${format(item.max)}` : ''}</text></g>`
  })
  return html`<figure class="chart" aria-labelledby="${id}-title">
<figcaption id="${id}-title">${options.title}</figcaption>
${options.note ? html`<p class="chart-note">${options.note}</p>` : ''}
<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 ${width} ${height}" width="${width}" height="${height}" role="img" aria-labelledby="${id}-svg-title ${id}-svg-desc" font-family="system-ui, sans-serif">
<title id="${id}-svg-title">${options.title}</title><desc id="${id}-svg-desc">${options.description ?? options.items.map((item) => `${item.label} ${format(item.value)}`).join('; ')}</desc>
${bars}
</svg>
${dataTable(options.tableCaption ?? options.title, options.items)}
</figure>`
}

/** Vertical columns over time (years). */
export function columnChart(options: { title: string; description?: string; items: readonly BarItem[]; width?: number; height?: number; note?: Html }): Html {
  const id = `chart-${++chartCount}`
  const width = options.width ?? 640
  const height = options.height ?? 220
  const plot = height - 40
  const largest = Math.max(1, ...options.items.map((item) => item.value))
  const step = (width - 20) / Math.max(1, options.items.length)
  const columns = options.items.map((item, n) => {
    const h = Math.max(1, Math.round((item.value / largest) * (plot - 20)))
    const x = 10 + n * step
    return html`<g><rect x="${x + 2}" y="${plot - h}" width="${Math.max(2, step - 4)}" height="${h}" fill="#0b5cad"><title>${item.label}: ${format(item.value)}</title></rect>
<text x="${x + step / 2}" y="${plot + 14}" text-anchor="middle" font-size="11">${item.label}</text>
${options.items.length <= 24 ? html`<text x="${x + step / 2}" y="${plot - h - 4}" text-anchor="middle" font-size="10" fill="#57606a">${format(item.value)}</text>` : ''}</g>`
  })
  return html`<figure class="chart" aria-labelledby="${id}-title">
<figcaption id="${id}-title">${options.title}</figcaption>
${options.note ? html`<p class="chart-note">${options.note}</p>` : ''}
<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 ${width} ${height}" width="${width}" height="${height}" role="img" aria-labelledby="${id}-svg-title ${id}-svg-desc" font-family="system-ui, sans-serif">
<title id="${id}-svg-title">${options.title}</title><desc id="${id}-svg-desc">${options.description ?? options.items.map((item) => `${item.label} ${format(item.value)}`).join('; ')}</desc>
<line x1="10" y1="${plot}" x2="${width - 10}" y2="${plot}" stroke="#d0d7de"/>
${columns}
</svg>
${dataTable(options.title, options.items)}
</figure>`
}

function dataTable(caption: string, items: readonly BarItem[]): Html {
  return html`<details><summary>${caption} (table)</summary><table><caption>${caption}</caption><tbody>
${items.map((item) => html`<tr><th scope="row">${item.href ? html`<a href="${item.href}">${item.label}</a>` : item.label}</th><td>${format(item.value)}${item.max ? ` / ${format(item.max)}` : ''}</td></tr>`)}
</tbody></table></details>`
}
