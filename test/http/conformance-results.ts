/** W3C SPARQL test results: read expected results (.srx .srj .ttl .csv .tsv) and compare them with ours, blank nodes mapped. */
import { DOMParser, type Element } from '@xmldom/xmldom'
import { Parser, Store, Writer, type Quad, type Term as N3Term } from 'n3'
import rdfCanonize from 'rdf-canonize'

/** An RDF term as a comparable key; blank nodes keep their label for the mapping. */
export type Term = { kind: 'iri' | 'literal'; key: string } | { kind: 'bnode'; label: string }
export type Row = Map<string, Term>
export type Tabular = { kind: 'bindings'; vars: string[]; rows: Row[] } | { kind: 'boolean'; value: boolean }
export type Expected = Tabular | { kind: 'graph'; quads: Quad[] } | { kind: 'text-table'; header: string[]; rows: string[][]; syntax: 'csv' | 'tsv' }

const XSD_STRING = 'http://www.w3.org/2001/XMLSchema#string'
const XSD = 'http://www.w3.org/2001/XMLSchema#'
const RS = 'http://www.w3.org/2001/sw/DataAccess/tests/result-set#'

const INTEGER_TYPES = new Set(['integer', 'nonNegativeInteger', 'positiveInteger', 'nonPositiveInteger', 'negativeInteger', 'long', 'int', 'short', 'byte', 'unsignedLong', 'unsignedInt', 'unsignedShort', 'unsignedByte'].map((t) => XSD + t))

/** The decimal value in canonical form (`+01.50` → `1.5`), or undefined when not a decimal. */
function canonicalDecimal(value: string): string | undefined {
  const m = /^([+-]?)(\d*)(?:\.(\d*))?$/.exec(value.trim())
  if (!m || (m[2] === '' && !m[3])) return undefined
  const whole = m[2]!.replace(/^0+/, '') || '0'
  const fraction = (m[3] ?? '').replace(/0+$/, '')
  const sign = m[1] === '-' && (whole !== '0' || fraction !== '') ? '-' : ''
  return `${sign}${whole}${fraction ? `.${fraction}` : ''}`
}

const floating = (value: string) => { const v = value.trim(); return v === 'INF' || v === '+INF' ? Infinity : v === '-INF' ? -Infinity : Number(v) }

/**
 * Numeric and boolean literals compare by value within their type family: the engine stores canonical forms
 * (`"1.0"^^xsd:decimal` comes back as `"1"`, xsd:negativeInteger as xsd:integer), so lexical equality would
 * test the store's rewriting, not the query. Everything else compares as the exact term.
 */
function valueKey(value: string, datatype: string): string | undefined {
  if (INTEGER_TYPES.has(datatype) || datatype === `${XSD}decimal`) {
    const canonical = canonicalDecimal(value)
    return canonical === undefined ? undefined : `${INTEGER_TYPES.has(datatype) ? 'integer' : 'decimal'}:${canonical}`
  }
  if (datatype === `${XSD}double` || datatype === `${XSD}float`) {
    const number = floating(value)
    return Number.isNaN(number) && value.trim() !== 'NaN' ? undefined : `${datatype.slice(XSD.length)}:${number}`
  }
  if (datatype === `${XSD}boolean`) return value === '1' || value === 'true' ? 'boolean:true' : value === '0' || value === 'false' ? 'boolean:false' : undefined
  return undefined
}

/** RDF 1.1: a simple literal is an xsd:string; language tags compare case-insensitively. */
export function literalKey(value: string, language?: string, datatype?: string): Term {
  if (language) return { kind: 'literal', key: `${JSON.stringify(value)}@${language.toLowerCase()}` }
  if (!datatype || datatype === XSD_STRING) return { kind: 'literal', key: JSON.stringify(value) }
  return { kind: 'literal', key: valueKey(value, datatype) ?? `${JSON.stringify(value)}^^${datatype}` }
}

const fromN3 = (term: N3Term): Term => {
  if (term.termType === 'BlankNode') return { kind: 'bnode', label: term.value }
  if (term.termType === 'Literal') return literalKey(term.value, term.language, term.datatype.value)
  return { kind: 'iri', key: term.value }
}

interface JsonTerm { type: string; value: string; 'xml:lang'?: string; datatype?: string }
const fromJson = (term: JsonTerm): Term =>
  term.type === 'uri' ? { kind: 'iri', key: term.value }
    : term.type === 'bnode' ? { kind: 'bnode', label: term.value }
      : literalKey(term.value, term['xml:lang'], term.datatype)

/** Parse application/sparql-results+json. */
export function parseSrj(text: string): Tabular {
  const json = JSON.parse(text) as { head: { vars?: string[] }; boolean?: boolean; results?: { bindings: Record<string, JsonTerm>[] } }
  if (typeof json.boolean === 'boolean') return { kind: 'boolean', value: json.boolean }
  const rows = (json.results?.bindings ?? []).map((binding) => new Map(Object.entries(binding).map(([name, term]) => [name, fromJson(term)])))
  return { kind: 'bindings', vars: json.head.vars ?? [], rows }
}

const children = (element: Element, name: string) => Array.from(element.childNodes).filter((n): n is Element => n.nodeType === 1 && (n as Element).localName === name)

/** Parse application/sparql-results+xml. */
export function parseSrx(text: string): Tabular {
  const root = new DOMParser().parseFromString(text, 'text/xml').documentElement!
  const [booleanElement] = children(root, 'boolean')
  if (booleanElement) return { kind: 'boolean', value: booleanElement.textContent?.trim() === 'true' }
  const vars = children(root, 'head').flatMap((head) => children(head, 'variable')).map((v) => v.getAttribute('name')!)
  const rows = children(root, 'results').flatMap((results) => children(results, 'result')).map((result) => new Map(children(result, 'binding').map((binding) => {
    const value = Array.from(binding.childNodes).find((n): n is Element => n.nodeType === 1) as Element
    const text = value.textContent ?? ''
    const term: Term = value.localName === 'uri' ? { kind: 'iri', key: text }
      : value.localName === 'bnode' ? { kind: 'bnode', label: text }
        : literalKey(text, value.getAttribute('xml:lang') ?? undefined, value.getAttribute('datatype') ?? undefined)
    return [binding.getAttribute('name')!, term] as const
  })))
  return { kind: 'bindings', vars, rows }
}

/** A Turtle result file: either an rs:ResultSet (DAWG result-set vocabulary) or a plain graph (CONSTRUCT). */
export function parseTurtleResult(text: string, baseIRI: string): Expected {
  const quads = new Parser({ baseIRI }).parse(text)
  const store = new Store(quads)
  const [resultSet] = store.getSubjects(`http://www.w3.org/1999/02/22-rdf-syntax-ns#type`, `${RS}ResultSet`, null)
  if (!resultSet) return { kind: 'graph', quads }
  const [booleanTerm] = store.getObjects(resultSet, `${RS}boolean`, null)
  if (booleanTerm) return { kind: 'boolean', value: booleanTerm.value === 'true' }
  const vars = store.getObjects(resultSet, `${RS}resultVariable`, null).map((t) => t.value)
  const rows = store.getObjects(resultSet, `${RS}solution`, null).map((solution) => new Map(store.getObjects(solution, `${RS}binding`, null).map((binding) => [
    store.getObjects(binding, `${RS}variable`, null)[0]!.value, fromN3(store.getObjects(binding, `${RS}value`, null)[0]!),
  ] as const)))
  return { kind: 'bindings', vars, rows }
}

/** Split CSV (RFC 4180) or TSV text into rows of cells. */
export function parseTextTable(text: string, syntax: 'csv' | 'tsv'): { header: string[]; rows: string[][] } {
  const lines: string[][] = []
  if (syntax === 'tsv') {
    for (const line of text.split(/\r?\n/)) if (line !== '') lines.push(line.split('\t'))
  } else {
    let row: string[] = []
    let cell = ''
    let quoted = false
    for (let i = 0; i < text.length; i++) {
      const ch = text[i]!
      if (quoted) {
        if (ch === '"' && text[i + 1] === '"') { cell += '"'; i++ } else if (ch === '"') quoted = false
        else cell += ch
      } else if (ch === '"') quoted = true
      else if (ch === ',') { row.push(cell); cell = '' }
      else if (ch === '\n' || ch === '\r') {
        if (ch === '\r' && text[i + 1] === '\n') i++
        row.push(cell); lines.push(row); row = []; cell = ''
      } else cell += ch
    }
    if (cell !== '' || row.length > 0) { row.push(cell); lines.push(row) }
  }
  const [header = [], ...rows] = lines
  return { header: header.map((name) => name.replace(/^\?/, '')), rows }
}

/** A TSV cell is a term in Turtle syntax (numbers may be bare); a CSV cell is a bare string. */
function textCellTerm(cell: string, syntax: 'csv' | 'tsv'): Term | undefined {
  if (cell === '') return undefined
  if (cell.startsWith('_:')) return { kind: 'bnode', label: cell.slice(2) }
  // CSV keeps no types: numbers compare by value (`1.0E6` and `1000000` are one double).
  if (syntax === 'csv') return { kind: 'literal', key: /^[+-]?(\d+\.?\d*|\.\d+)([eE][+-]?\d+)?$/.test(cell) ? `number:${Number(cell)}` : cell }
  if (/^[+-]?\d+$/.test(cell)) return literalKey(cell, undefined, `${XSD}integer`)
  if (/^[+-]?\d*\.\d+$/.test(cell)) return literalKey(cell, undefined, `${XSD}decimal`)
  if (/^[+-]?(\d+\.?\d*|\.\d+)[eE][+-]?\d+$/.test(cell)) return literalKey(cell, undefined, `${XSD}double`)
  if (cell === 'true' || cell === 'false') return literalKey(cell, undefined, `${XSD}boolean`)
  const [quad] = new Parser({ format: 'N-Triples' }).parse(`<urn:s> <urn:p> ${cell} .`)
  return fromN3(quad!.object)
}

/** Rows of a CSV/TSV table as bindings (columns keyed by name, so column order does not matter). */
export function textTableToBindings(table: { header: string[]; rows: string[][] }, syntax: 'csv' | 'tsv'): Tabular {
  const rows = table.rows.map((cells) => {
    const row: Row = new Map()
    table.header.forEach((name, i) => { const term = textCellTerm(cells[i] ?? '', syntax); if (term) row.set(name, term) })
    return row
  })
  return { kind: 'bindings', vars: table.header, rows }
}

const signature = (row: Row) => [...row.entries()].map(([name, term]) => `${name}=${term.kind === 'bnode' ? '_' : term.key}`).sort().join(' ')

/** Multiset (or ordered) equality of solutions under one blank-node bijection; returns a reason when they differ. */
export function compareBindings(expected: Row[], actual: Row[], isOrdered: boolean): string | undefined {
  if (expected.length !== actual.length) return `expected ${expected.length} solutions, got ${actual.length}`
  const e2a = new Map<string, string>()
  const a2e = new Map<string, string>()
  const used = new Set<number>()
  const actualSignatures = actual.map(signature)

  const bind = (e: Row, a: Row, added: string[]): boolean => {
    if (e.size !== a.size) return false
    for (const [name, et] of e) {
      const at = a.get(name)
      if (!at || at.kind !== et.kind) return false
      if (et.kind !== 'bnode') { if ((at as { key: string }).key !== et.key) return false; continue }
      const al = (at as { label: string }).label
      const mapped = e2a.get(et.label)
      if (mapped === undefined) {
        if (a2e.has(al)) return false
        e2a.set(et.label, al); a2e.set(al, et.label); added.push(et.label)
      } else if (mapped !== al) return false
    }
    return true
  }
  const undo = (added: string[]) => { for (const label of added) { a2e.delete(e2a.get(label)!); e2a.delete(label) } }

  const search = (i: number): boolean => {
    if (i === expected.length) return true
    const row = expected[i]!
    const sig = signature(row)
    const candidates = isOrdered ? [i] : actual.map((_, j) => j).filter((j) => !used.has(j) && actualSignatures[j] === sig)
    for (const j of candidates) {
      const added: string[] = []
      if (bind(row, actual[j]!, added)) {
        used.add(j)
        if (search(i + 1)) return true
        used.delete(j)
      }
      undo(added)
    }
    return false
  }
  if (search(0)) return undefined
  const missing = expected.map(signature).filter((sig) => !actualSignatures.includes(sig))
  return missing.length > 0 ? `missing solution(s): ${missing.slice(0, 3).join(' | ')}` : isOrdered ? 'same solutions in a different order' : 'solutions differ only in blank-node structure'
}

function toNQuads(quads: Quad[]): Promise<string> {
  return new Promise((resolve, reject) => {
    const writer = new Writer({ format: 'N-Quads' })
    writer.addQuads(quads)
    writer.end((error, result: string) => (error ? reject(error) : resolve(result)))
  })
}

/** Graph isomorphism through RDF Dataset Canonicalization (RDFC-1.0). */
export async function compareGraphs(expected: Quad[], actual: Quad[]): Promise<string | undefined> {
  const canonize = async (quads: Quad[]) => (await rdfCanonize.canonize(await toNQuads(quads), { algorithm: 'RDFC-1.0', inputFormat: 'application/n-quads', maxWorkFactor: 3 })) as string
  const [e, a] = await Promise.all([canonize(expected), canonize(actual)])
  if (e === a) return undefined
  const eLines = new Set(e.split('\n')); const aLines = new Set(a.split('\n'))
  const missing = [...eLines].filter((line) => line && !aLines.has(line))
  const extra = [...aLines].filter((line) => line && !eLines.has(line))
  return `graphs differ: ${missing.length} expected triple(s) missing, ${extra.length} unexpected${missing[0] ? `; e.g. missing ${missing[0]}` : extra[0] ? `; e.g. unexpected ${extra[0]}` : ''}`
}
