/**
 * A remote store's answers in exactly the form the embedded store writes them. The remote is always asked for
 * SPARQL JSON (SELECT, ASK) or N-Triples (CONSTRUCT, DESCRIBE); those are normalised — Virtuoso's "typed-literal",
 * `"a"^^xsd:string` (the same term as "a" in RDF 1.1), booleans as 1/0 and `nodeID://` blank nodes — and written again here in the
 * negotiated format, so that a client cannot tell which backend answered (CSV, TSV and XML byte for byte).
 */
import oxigraph from 'oxigraph'
import { canonicalLiterals, isRewritable, literalKey } from './canonical-literals.ts'
import { canonicalLanguageTag, restoreLanguageCase } from '../serialize/language-case.ts'
import { AppError } from '../errors.ts'
import { RDF, XSD } from '../vocab/index.ts'

export type JsonTerm = { type: 'uri' | 'literal' | 'bnode' | 'typed-literal'; value: string; datatype?: string; 'xml:lang'?: string }
export interface JsonResults {
  head: { vars?: string[] }
  boolean?: boolean
  results?: { bindings: Record<string, JsonTerm>[] }
}

/** A blank node label as N-Triples allows it (Virtuoso writes `nodeID://b10007`). */
const bnodeLabel = (value: string) => value.replace(/^nodeID:\/\//, '').replace(/^_:/, '').replace(/[^A-Za-z0-9_-]/g, '_')

/** One term in SPARQL 1.1 JSON form: typed-literal → literal, xsd:string dropped, blank node labels made plain. */
export function normaliseTerm(term: JsonTerm): JsonTerm {
  if (term.type === 'bnode') return { type: 'bnode', value: bnodeLabel(term.value) }
  if (term.type === 'uri') return { type: 'uri', value: term.value }
  const lang = term['xml:lang']
  if (lang) return { type: 'literal', value: term.value, 'xml:lang': canonicalLanguageTag(lang) }
  // Virtuoso writes stored xsd:boolean values as "1" and "0" in JSON (its N-Triples say "true" and "false").
  if (term.datatype === XSD.boolean.value && (term.value === '1' || term.value === '0')) return { type: 'literal', value: term.value === '1' ? 'true' : 'false', datatype: term.datatype }
  if (term.datatype && term.datatype !== XSD.string.value && term.datatype !== RDF.langString.value) return { type: 'literal', value: term.value, datatype: term.datatype }
  return { type: 'literal', value: term.value }
}

/** Virtuoso's JSON results, parsed and normalised; `vars` of an ASK is empty; `booleans` are written as xsd:boolean. */
export function readJsonResults(body: string, booleans: ReadonlySet<string> = new Set()): { vars: string[]; rows: Record<string, JsonTerm>[]; boolean?: boolean } {
  let json: JsonResults
  try {
    json = JSON.parse(body) as JsonResults
  } catch {
    throw new AppError('unavailable', `the store answered a query with something that is not SPARQL JSON: ${body.slice(0, 200)}`)
  }
  if (typeof json.boolean === 'boolean') return { vars: [], rows: [], boolean: json.boolean }
  const asBoolean = (name: string, term: JsonTerm): JsonTerm => booleans.has(name) && term.datatype === XSD.integer.value && (term.value === '1' || term.value === '0')
    ? { type: 'literal', value: term.value === '1' ? 'true' : 'false', datatype: XSD.boolean.value }
    : term
  const rows = (json.results?.bindings ?? []).map((row) => Object.fromEntries(Object.entries(row).map(([name, term]) => [name, asBoolean(name, normaliseTerm(term))])))
  canonicaliseLiterals(rows)
  return { vars: json.head.vars ?? [], rows }
}

/**
 * Typed XSD literals rewritten as the embedded store stores them (src/store/canonical-literals.ts), so a record read
 * from Virtuoso is the same graph as the embedded store's.
 */
function canonicaliseLiterals(rows: Record<string, JsonTerm>[]): void {
  const terms = rows.flatMap((row) => Object.values(row).filter((term): term is JsonTerm & { datatype: string } => term.type === 'literal' && isRewritable(term.datatype)))
  const canonical = canonicalLiterals(terms)
  for (const term of terms) {
    const stored = canonical.get(literalKey(term))
    if (!stored) continue
    term.value = stored.value
    term.datatype = stored.datatype
  }
}

const escapeXml = (text: string) => text.replace(/[&<>"]/g, (ch) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;' })[ch]!)

/** A term in N-Triples / Turtle syntax (TSV cells, N-Quads lines). */
export function writeTermNt(term: JsonTerm): string {
  if (term.type === 'uri') return `<${term.value}>`
  if (term.type === 'bnode') return `_:${term.value}`
  const body = `"${term.value.replace(/[\\"\n\r\t]/g, (ch) => ({ '\\': '\\\\', '"': '\\"', '\n': '\\n', '\r': '\\r', '\t': '\\t' })[ch]!)}"`
  if (term['xml:lang']) return `${body}@${term['xml:lang']}`
  return term.datatype ? `${body}^^<${term.datatype}>` : body
}

const csvCell = (term: JsonTerm | undefined) => {
  if (!term) return ''
  const text = term.type === 'bnode' ? `_:${term.value}` : term.value
  return /[",\r\n]/.test(text) ? `"${text.replaceAll('"', '""')}"` : text
}

function writeXmlTerm(term: JsonTerm): string {
  if (term.type === 'uri') return `<uri>${escapeXml(term.value)}</uri>`
  if (term.type === 'bnode') return `<bnode>${escapeXml(term.value)}</bnode>`
  const attributes = term['xml:lang'] ? ` xml:lang="${escapeXml(term['xml:lang'])}"` : term.datatype ? ` datatype="${escapeXml(term.datatype)}"` : ''
  return `<literal${attributes}>${escapeXml(term.value)}</literal>`
}

/** SELECT or ASK results in one of the four SPARQL 1.1 results formats, as the embedded store writes them. */
export function writeResults(results: ReturnType<typeof readJsonResults>, mediaType: string): string {
  const { vars, rows, boolean } = results
  switch (mediaType) {
    case 'application/sparql-results+json':
      if (boolean !== undefined) return JSON.stringify({ head: {}, boolean })
      return JSON.stringify({ head: { vars }, results: { bindings: rows } })
    case 'application/sparql-results+xml': {
      const head = '<?xml version="1.0"?><sparql xmlns="http://www.w3.org/2005/sparql-results#">'
      if (boolean !== undefined) return `${head}<head></head><boolean>${boolean}</boolean></sparql>`
      const variables = vars.map((v) => `<variable name="${escapeXml(v)}"/>`).join('')
      const body = rows.map((row) => `<result>${vars.filter((v) => row[v]).map((v) => `<binding name="${escapeXml(v)}">${writeXmlTerm(row[v]!)}</binding>`).join('')}</result>`).join('')
      return `${head}<head>${variables}</head><results>${body}</results></sparql>`
    }
    case 'text/csv':
      if (boolean !== undefined) return `_askResult\r\n${boolean}\r\n`
      return [vars.join(','), ...rows.map((row) => vars.map((v) => csvCell(row[v])).join(','))].map((line) => `${line}\r\n`).join('')
    case 'text/tab-separated-values':
      if (boolean !== undefined) return `?_askResult\n${boolean}\n`
      return [vars.map((v) => `?${v}`).join('\t'), ...rows.map((row) => vars.map((v) => (row[v] ? writeTermNt(row[v]!) : '')).join('\t'))].map((line) => `${line}\n`).join('')
    default:
      throw new AppError('not_acceptable', `results cannot be written as ${mediaType}`)
  }
}

/** N-Triples from the remote (CONSTRUCT, DESCRIBE) written in the negotiated RDF format through oxigraph. */
export function writeGraph(ntriples: string, mediaType: string): string {
  const store = new oxigraph.Store()
  try {
    store.load(ntriples.replace(/nodeID:\/\//g, ''), { format: 'application/n-triples', lenient: true })
  } catch (error) {
    throw new AppError('unavailable', `the store answered a graph query with N-Triples that do not parse: ${(error as Error).message}`)
  }
  // oxigraph lower-cases language tags; served documents give BCP 47's case (src/serialize/language-case.ts).
  return restoreLanguageCase(store.dump({ format: mediaType, from_graph_name: oxigraph.defaultGraph() }), mediaType)
}
