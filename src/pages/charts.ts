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

/** Horizontal bars, one row per item (labels can be long Chinese agency names). */
export function barChart(options: { title: string; description?: string; items: readonly BarItem[]; width?: number; unit?: string; tableCaption?: string }): Html {
  const id = `chart-${++chartCount}`
  const width = options.width ?? 640
  const labelWidth = Math.min(260, Math.max(80, ...options.items.map((item) => item.label.length * 14)))
  const barArea = width - labelWidth - 70
  const row = 26
  const height = options.items.length * row + 8
  const largest = Math.max(1, ...options.items.map((item) => item.max ?? item.value))
  const bars = options.items.map((item, n) => {
    const y = n * row + 4
    const scale = item.max ?? largest
    const length = Math.max(1, Math.round((item.value / scale) * barArea))
    const label = item.label.length > 18 ? `${item.label.slice(0, 17)}…` : item.label
    const text = html`<text x="${labelWidth - 6}" y="${y + 16}" text-anchor="end" font-size="13">${label}</text>`
    return html`<g>${item.href ? html`<a href="${item.href}">${text}</a>` : text}<rect x="${labelWidth}" y="${y + 3}" width="${length}" height="${row - 8}" fill="#0b5cad"><title>${item.label}: ${format(item.value)}${options.unit ?? ''}</title></rect><text x="${labelWidth + length + 6}" y="${y + 16}" font-size="12" fill="#57606a">${format(item.value)}${item.max ? ` / ${format(item.max)}` : ''}</text></g>`
  })
  return html`<figure class="chart" aria-labelledby="${id}-title">
<figcaption id="${id}-title">${options.title}</figcaption>
<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 ${width} ${height}" width="${width}" height="${height}" role="img" aria-labelledby="${id}-svg-title ${id}-svg-desc" font-family="system-ui, sans-serif">
<title id="${id}-svg-title">${options.title}</title><desc id="${id}-svg-desc">${options.description ?? options.items.map((item) => `${item.label} ${format(item.value)}`).join('; ')}</desc>
${bars}
</svg>
${dataTable(options.tableCaption ?? options.title, options.items)}
</figure>`
}

/** Vertical columns over time (years). */
export function columnChart(options: { title: string; description?: string; items: readonly BarItem[]; width?: number; height?: number }): Html {
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
