/**
 * SPARQL results in TSV (SPARQL 1.1 Query Results CSV and TSV §3), read row by row: the lightest form for the
 * hundreds of thousands of rows a search index is built from. Terms are in their Turtle/N-Triples form.
 */

export interface TsvTerm {
  readonly kind: 'iri' | 'blank' | 'literal'
  readonly value: string
  readonly language?: string
  readonly datatype?: string
}

const ESCAPES: Record<string, string> = { t: '\t', n: '\n', r: '\r', b: '\b', f: '\f', '"': '"', "'": "'", '\\': '\\' }

function unescape(text: string): string {
  return text.replace(/\\(?:u([0-9A-Fa-f]{4})|U([0-9A-Fa-f]{8})|(.))/g, (_, u4: string, u8: string, ch: string) =>
    u4 ? String.fromCharCode(parseInt(u4, 16)) : u8 ? String.fromCodePoint(parseInt(u8, 16)) : (ESCAPES[ch] ?? ch))
}

/** One cell; undefined when unbound (empty). */
export function parseTsvTerm(cell: string): TsvTerm | undefined {
  if (cell === '') return undefined
  if (cell.startsWith('<')) return { kind: 'iri', value: cell.slice(1, -1) }
  if (cell.startsWith('_:')) return { kind: 'blank', value: cell.slice(2) }
  if (cell.startsWith('"')) {
    const end = cell.lastIndexOf('"')
    const value = unescape(cell.slice(1, end))
    const rest = cell.slice(end + 1)
    if (rest.startsWith('@')) return { kind: 'literal', value, language: rest.slice(1) }
    if (rest.startsWith('^^<')) return { kind: 'literal', value, datatype: rest.slice(3, -1) }
    return { kind: 'literal', value }
  }
  // Numbers and booleans may be written bare (Turtle short forms).
  return { kind: 'literal', value: cell }
}

/** Rows of a TSV result as records of variable → term. */
export function* readTsvRows(body: string): Iterable<Record<string, TsvTerm | undefined>> {
  let start = body.indexOf('\n')
  if (start < 0) return
  const names = body.slice(0, start).replace(/\r$/, '').split('\t').map((name) => name.replace(/^[?$]/, ''))
  start++
  while (start < body.length) {
    let end = body.indexOf('\n', start)
    if (end < 0) end = body.length
    const line = body.slice(start, end).replace(/\r$/, '')
    start = end + 1
    if (line === '') continue
    const cells = line.split('\t')
    const row: Record<string, TsvTerm | undefined> = {}
    names.forEach((name, n) => { row[name] = parseTsvTerm(cells[n] ?? '') })
    yield row
  }
}
