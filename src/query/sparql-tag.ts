/**
 * The only way values enter query text: ``sparql`DESCRIBE ${namedNode(iri)}` `` writes RDF/JS terms in SPARQL
 * syntax (IRIs checked, literals escaped) and refuses raw strings and numbers, which could inject syntax.
 */
import { AppError } from '../errors.ts'
import { RDF, XSD } from '../vocab/index.ts'

/** The RDF/JS terms the tag writes; structural, so n3, oxigraph and @rdfjs terms all fit. */
export type SparqlTerm =
  | { termType: 'NamedNode'; value: string }
  | { termType: 'Variable'; value: string }
  | { termType: 'Literal'; value: string; language: string; datatype: { value: string }; direction?: string }

/** A term, or a list of terms written separated by spaces (for VALUES and IN lists). */
export type SparqlValue = SparqlTerm | readonly SparqlTerm[]

// SPARQL 1.1 grammar [139] IRIREF excludes these characters; an absolute IRI starts with a scheme (RFC 3987).
const IRI_FORBIDDEN = /[<>"{}|^`\\\u0000-\u0020]/u
const SCHEME = /^[A-Za-z][A-Za-z0-9+.-]*:/
// SPARQL 1.1 grammar [144] LANGTAG.
const LANGTAG = /^[a-zA-Z]+(?:-[a-zA-Z0-9]+)*$/
// SPARQL 1.1 grammar [166] VARNAME, restricted to the characters we write.
const VARNAME = /^[\p{L}\p{N}_][\p{L}\p{N}_\u00B7]*$/u
// SPARQL 1.1 grammar [160] ECHAR; other control characters are written as UCHAR.
const ECHAR: Record<string, string> = { '\t': '\\t', '\b': '\\b', '\n': '\\n', '\r': '\\r', '\f': '\\f', '"': '\\"', "'": "\\'", '\\': '\\\\' }

/** True when `value` can be written as `<value>` in SPARQL and is absolute. */
export function isSparqlIri(value: string): boolean {
  return SCHEME.test(value) && !IRI_FORBIDDEN.test(value)
}

/** `<iri>`, or AppError 'bad_request' naming the IRI when it cannot be written safely. */
export function writeIri(value: string): string {
  if (!isSparqlIri(value)) throw new AppError('bad_request', `not an absolute IRI that SPARQL can hold: ${JSON.stringify(value)}`, { iri: value })
  return `<${value}>`
}

/** A literal as a SPARQL string, escaped. */
export function writeLiteral(term: Extract<SparqlTerm, { termType: 'Literal' }>): string {
  if (term.direction) throw new TypeError(`sparql: literals with a base direction (${term.direction}) are RDF 1.2, not SPARQL 1.1`)
  const body = '"' + term.value.replace(/[\t\b\n\r\f"'\\\u0000-\u001f\u007f]/g, (ch) => ECHAR[ch] ?? `\\u${ch.charCodeAt(0).toString(16).padStart(4, '0')}`) + '"'
  if (term.language) {
    if (!LANGTAG.test(term.language)) throw new AppError('bad_request', `not a language tag: ${JSON.stringify(term.language)}`)
    return `${body}@${term.language}`
  }
  const datatype = term.datatype.value
  return datatype === XSD.string.value || datatype === RDF.langString.value || datatype === '' ? body : `${body}^^${writeIri(datatype)}`
}

function writeTerm(value: unknown, index: number): string {
  if (Array.isArray(value)) return value.map((item) => writeTerm(item, index)).join(' ')
  const term = value as Partial<SparqlTerm> | null
  const termType: string | undefined = typeof value === 'object' && term !== null ? term.termType : undefined
  switch (termType) {
    case 'NamedNode': return writeIri(term!.value!)
    case 'Literal': return writeLiteral(term as Extract<SparqlTerm, { termType: 'Literal' }>)
    case 'Variable':
      if (!VARNAME.test(term!.value!)) throw new TypeError(`sparql: not a variable name: ${JSON.stringify(term!.value)}`)
      return `?${term!.value}`
    case 'BlankNode':
      throw new TypeError('sparql: a blank node in a query is a variable, not the stored node; use a variable or an IRI')
    default:
      throw new TypeError(`sparql: value #${index + 1} is ${value === null ? 'null' : typeof value}, not an RDF term; wrap it with namedNode() or literal()`)
  }
}

/** Template tag: the query text with every `${term}` written as SPARQL; anything but a term throws. */
export function sparql(strings: TemplateStringsArray, ...values: SparqlValue[]): string {
  let text = strings[0]!
  values.forEach((value, index) => { text += writeTerm(value, index) + strings[index + 1]! })
  return text
}
