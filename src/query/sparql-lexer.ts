/**
 * SPARQL tokens as the engine reads them. Oxigraph 0.5 parses with a PEG grammar (spargebra's `parser.rs`) that has no
 * separate lexer, so what a character means depends on where the parser is; the guard must see the same query the
 * engine runs, or its nesting, token and SERVICE checks can be fooled (issue 10). The rules followed, each from the
 * engine's grammar (which differs from the SPARQL 1.1 text in places; the engine is what we must agree with):
 * - `<` starts IRIREF everywhere a term may stand, and IRIREF is `<` then anything up to the first `>` (validated
 *   afterwards, so an invalid IRI is a syntax error, never a less-than); it is the less-than operator only inside an
 *   expression, right after an operand (`FILTER(?s<(…))`). `<<` and `>>` are RDF 1.2 triple terms (enabled in the
 *   npm build). Which brackets open an expression is tracked on a stack of bracket frames.
 * - `#` starts a comment only between tokens; inside an IRI, a string or a `\#` escape of a local name it is text.
 * - Strings: the four forms with ECHAR and UCHAR escapes, long forms first, each repetition possessive like PEG's.
 * - `\u`/`\U` escapes are decoded inside IRIs and strings only; the npm build leaves the spec's decoding of the whole
 *   text before parsing (spargebra's `standard-unicode-escaping`) off. The guard checks that reading too
 *   (`decodeCodepointEscapes`), so that either build agrees with it.
 * - Whitespace is space, tab, CR and LF only; names, variables and numbers by the engine's character classes.
 */

export type TokenKind = 'iri' | 'string' | 'variable' | 'word' | 'number' | 'punct'

export interface Token {
  kind: TokenKind
  text: string
  offset: number
  /** Nesting after this token: brackets, and `<<` triple terms, that are open. */
  depth: number
}

type Mode = 'term' | 'expression'
/** The clause of a query level in which every `(` opens an expression (projection, GROUP BY, ORDER BY, HAVING). */
type Clause = 'projection' | 'group' | 'order' | 'having' | undefined

interface Frame {
  mode: Mode
  close: string
  clause: Clause
}

// spargebra PN_CHARS_BASE (no astral planes, unlike the SPARQL text), PN_CHARS_U, PN_CHARS.
const BASE = 'A-Za-z\\u00C0-\\u00D6\\u00D8-\\u00F6\\u00F8-\\u02FF\\u0370-\\u037D\\u037F-\\u1FFF\\u200C-\\u200D\\u2070-\\u218F\\u2C00-\\u2FEF\\u3001-\\uD7FF\\uF900-\\uFDCF\\uFDF0-\\uFFFD'
const CHARS_U = `_${BASE}`
const CHARS = `\\-0-9\\u00B7\\u0300-\\u036F\\u203F-\\u2040${CHARS_U}`
const PLX = "%[0-9A-Fa-f]{2}|\\\\[_~.\\-!$&'()*+,;=/?#@%]"
const ESCAPES = '\\\\[tbnrf"\'\\\\]|\\\\u[0-9A-Fa-f]{4}|\\\\U[0-9A-Fa-f]{8}'

/** `X*` that never gives back what it took, like PEG's repetition: `(?=(X*))\1`. */
const possessive = (body: string, group: number) => `(?=((?:${body})*))\\${group}`

const sticky = (source: string) => new RegExp(source, 'y')
const PATTERNS = {
  space: sticky('[ \\t\\r\\n]+'),
  comment: sticky('#[^\\r\\n]*'),
  longDouble: sticky(`"""${possessive(`(?:""|")?(?:[^"\\\\]|${ESCAPES})`, 1)}"""`),
  longSingle: sticky(`'''${possessive(`(?:''|')?(?:[^'\\\\]|${ESCAPES})`, 1)}'''`),
  double: sticky(`"${possessive(`[^"\\\\\\n\\r]|${ESCAPES}`, 1)}"`),
  single: sticky(`'${possessive(`[^'\\\\\\n\\r]|${ESCAPES}`, 1)}'`),
  variable: sticky(`[?$][0-9${CHARS_U}][0-9\\u00B7\\u0300-\\u036F\\u203F-\\u2040${CHARS_U}]*`),
  langTag: sticky('@[a-zA-Z]+(?:-[a-zA-Z0-9]+)*(?:--[a-zA-Z]+)?'),
  blankNode: sticky(`_:[0-9${CHARS_U}][${CHARS}]*(?:\\.+[${CHARS}]+)*`),
  number: sticky('(?:[0-9]+\\.[0-9]*|\\.[0-9]+|[0-9]+)[eE][+-]?[0-9]+|[0-9]*\\.[0-9]+|[0-9]+'),
  // PNAME_NS PN_LOCAL? as spargebra has them (its PN_LOCAL takes at most one run of dots inside).
  prefixedName: sticky(`(?:[${BASE}]${possessive(`[${CHARS}]`, 1)}${possessive(`\\.+[${CHARS}]+`, 2)})?:(?:(?:[${CHARS_U}:0-9]|${PLX})${possessive(`[${CHARS}:]|${PLX}`, 3)}(?:\\.+(?:[${CHARS}:]|${PLX})+)?)?`),
  keyword: sticky('[A-Za-z][A-Za-z0-9_]*'),
}

function matchAt(pattern: RegExp, text: string, offset: number): string | undefined {
  pattern.lastIndex = offset
  return pattern.exec(text)?.[0]
}

const OPENERS: Record<string, string> = { '(': ')', '{': '}', '[': ']' }
const CLOSERS = new Set([')', '}', ']'])

/** A bare word (no colon): keywords, `a`, `true`, `false`. */
export function isBareWord(token: Token | undefined): boolean {
  return token?.kind === 'word' && !token.text.includes(':') && !token.text.startsWith('_:') && !token.text.startsWith('@')
}

/** Whether the token just read ends an operand, so that a `<` after it inside an expression compares. */
function endsOperand(token: Token | undefined): boolean {
  if (!token) return false
  if (token.kind === 'iri' || token.kind === 'string' || token.kind === 'variable' || token.kind === 'number') return true
  if (token.kind === 'word') return !isBareWord(token) || /^(?:true|false)$/i.test(token.text)
  return token.text === ')' || token.text === '>>'
}

/** How a `(` reads here: an expression (FILTER, BIND, a function's arguments, a projection…) or terms (a list, a path group, VALUES). */
function modeOfParenthesis(frame: Frame, previous: Token | undefined, beforePrevious: Token | undefined): Mode {
  if (frame.mode === 'expression' || frame.clause !== undefined) return 'expression'
  if (isBareWord(previous)) return /^(?:VALUES|A)$/i.test(previous!.text) ? 'term' : 'expression'
  // `FILTER <fn>(…)` / `FILTER ex:fn(…)`: a function call; elsewhere an IRI before `(` is a term before a list.
  if ((previous?.kind === 'iri' || previous?.kind === 'word') && isBareWord(beforePrevious) && /^FILTER$/i.test(beforePrevious!.text)) return 'expression'
  return 'term'
}

/** The clause a keyword starts (or ends) at its level, where that matters for `(`. */
function clauseAfter(keyword: string, current: Clause): Clause {
  switch (keyword) {
    case 'SELECT': return 'projection'
    case 'GROUP': return 'group'
    case 'ORDER': return 'order'
    case 'HAVING': return 'having'
    case 'BY': case 'DISTINCT': case 'REDUCED': case 'AS': case 'ASC': case 'DESC': return current
    default: return undefined
  }
}

/**
 * Split SPARQL text into the tokens the engine reads, skipping whitespace and comments; never throws (the engine
 * reports syntax errors). A character the engine has no token for is a one-character 'punct' token.
 */
export function* scanTokens(text: string): Generator<Token> {
  const frames: Frame[] = [{ mode: 'term', close: '', clause: undefined }]
  let offset = 0
  let previous: Token | undefined
  let beforePrevious: Token | undefined
  const emit = (kind: TokenKind, tokenText: string): Token => {
    const token = { kind, text: tokenText, offset, depth: frames.length - 1 }
    offset += tokenText.length
    beforePrevious = previous
    previous = token
    return token
  }
  while (offset < text.length) {
    const frame = frames.at(-1)!
    const ch = text[offset]!
    const skipped = matchAt(PATTERNS.space, text, offset) ?? (ch === '#' ? matchAt(PATTERNS.comment, text, offset) : undefined)
    if (skipped) { offset += skipped.length; continue }
    if (OPENERS[ch]) {
      const mode: Mode = ch === '(' ? modeOfParenthesis(frame, previous, beforePrevious) : 'term'
      // The projection of a level ends where its pattern starts.
      if (ch === '{') frame.clause = undefined
      frames.push({ mode, close: OPENERS[ch], clause: undefined })
      yield emit('punct', ch)
      continue
    }
    if (CLOSERS.has(ch) || (ch === '>' && text[offset + 1] === '>' && frame.close === '>>')) {
      if (frames.length > 1) frames.pop()
      yield emit('punct', ch === '>' ? '>>' : ch)
      continue
    }
    if (ch === '<') { yield readAngle(text, offset, frame, previous, frames, emit); continue }
    const token = readTerm(text, offset, ch)
    if (token) {
      if (isBareWord({ kind: token.kind, text: token.value, offset, depth: 0 })) frame.clause = clauseAfter(token.value.toUpperCase(), frame.clause)
      yield emit(token.kind, token.value)
      continue
    }
    yield emit('punct', ch)
  }
}

/** `<`: less-than after an operand in an expression, else `<<` (a triple term) or an IRIREF up to the next `>`. */
function readAngle(text: string, offset: number, frame: Frame, previous: Token | undefined, frames: Frame[], emit: (kind: TokenKind, text: string) => Token): Token {
  if (frame.mode === 'expression' && endsOperand(previous)) return emit('punct', text[offset + 1] === '=' ? '<=' : '<')
  if (text[offset + 1] === '<') {
    frames.push({ mode: 'term', close: '>>', clause: undefined })
    return emit('punct', '<<')
  }
  const end = text.indexOf('>', offset + 1)
  return end === -1 ? emit('punct', '<') : emit('iri', text.slice(offset, end + 1))
}

function readTerm(text: string, offset: number, ch: string): { kind: TokenKind; value: string } | undefined {
  const at = (pattern: RegExp) => matchAt(pattern, text, offset)
  let value: string | undefined
  if (ch === '"') {
    value = at(PATTERNS.longDouble) ?? at(PATTERNS.double)
    return value === undefined ? undefined : { kind: 'string', value }
  }
  if (ch === "'") {
    value = at(PATTERNS.longSingle) ?? at(PATTERNS.single)
    return value === undefined ? undefined : { kind: 'string', value }
  }
  if (ch === '?' || ch === '$') return (value = at(PATTERNS.variable)) ? { kind: 'variable', value } : undefined
  if (ch === '@') return (value = at(PATTERNS.langTag)) ? { kind: 'word', value } : undefined
  if (ch === '_' && text[offset + 1] === ':') return (value = at(PATTERNS.blankNode)) ? { kind: 'word', value } : undefined
  if ((ch >= '0' && ch <= '9') || ch === '.') {
    if ((value = at(PATTERNS.number))) return { kind: 'number', value }
    return undefined
  }
  if ((value = at(PATTERNS.prefixedName))) return { kind: 'word', value }
  if ((value = at(PATTERNS.keyword))) return { kind: 'word', value }
  return undefined
}

/**
 * The text with `\uXXXX` and `\UXXXXXXXX` decoded everywhere, as SPARQL 1.1 §19.2 asks before parsing (and spargebra
 * with `standard-unicode-escaping`); an escape that is not one is kept as written, as spargebra keeps it.
 */
export function decodeCodepointEscapes(text: string): string {
  return text.replace(/\\u([0-9A-Fa-f]{4})|\\U([0-9A-Fa-f]{8})/g, (whole, short: string | undefined, long: string | undefined) => {
    const code = Number.parseInt(short ?? long!, 16)
    if (code > 0x10ffff || (code >= 0xd800 && code <= 0xdfff)) return whole
    return String.fromCodePoint(code)
  })
}
