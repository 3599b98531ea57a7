/**
 * The gate in front of the embedded engine: size, nesting and length limits, the query form and no updates,
 * all checked on the text before oxigraph parses it (its parser recurses, and a stack overflow in WASM can
 * poison the whole engine — design §4).
 */
import { AppError } from '../errors.ts'
import type { QueryForm } from '../store/types.ts'

export interface QueryLimits {
  /** Size of the text in UTF-8 bytes. */
  maxBytes: number
  /** Deepest nesting of (), {} and [] outside strings, IRIs and comments. */
  maxDepth: number
  /**
   * Tokens outside VALUES blocks. Long flat chains recurse as deep as brackets do in oxigraph 0.5: measured
   * here, ~2,200 `!` in a row, ~800 OPTIONALs or BINDs in one group, ~1,600 `|` alternatives overflow the
   * WASM stack. VALUES rows are flat data and do not count.
   */
  maxTokens?: number
}

export const DEFAULT_QUERY_LIMITS: Required<QueryLimits> = { maxBytes: 64 * 1024, maxDepth: 64, maxTokens: 1000 }

export interface GuardedQuery {
  form: QueryForm
  /** IRIs (or `?var`) named after SERVICE. */
  services: string[]
  /** A FROM or FROM NAMED clause: the query chooses its own dataset. */
  hasDatasetClause: boolean
  bytes: number
  depth: number
  tokens: number
}

interface Token {
  kind: 'iri' | 'string' | 'variable' | 'word' | 'punct'
  text: string
  offset: number
}

const FORMS = new Set<string>(['SELECT', 'ASK', 'CONSTRUCT', 'DESCRIBE'])
// SPARQL 1.1 Update grammar [3]–[42]: the words that can only start an update operation.
const UPDATES = new Set(['INSERT', 'DELETE', 'LOAD', 'CLEAR', 'CREATE', 'DROP', 'COPY', 'MOVE', 'ADD', 'WITH'])
const OPEN = '({['
const CLOSE = ')}]'

// SPARQL 1.1 grammar [139] IRIREF; a `<` that does not start one is the less-than operator.
const IRIREF = /<[^<>"{}|^`\\\x00-\x20]*>/y
const STRING = /"""(?:[^"\\]|\\[\s\S]|"(?!""))*"""|'''(?:[^'\\]|\\[\s\S]|'(?!''))*'''|"(?:[^"\\\n\r]|\\.)*"|'(?:[^'\\\n\r]|\\.)*'/y
const VARIABLE = /[?$][\p{L}\p{N}_\u00B7\u0300-\u036F\u203F-\u2040]+/uy
// Keywords, numbers and prefixed names; a word with a colon is a name, never a keyword.
const WORD = /[\p{L}\p{N}_:][\p{L}\p{N}_\-.:%\\\u00B7]*/uy
const SPACE = /\s+/y

function matchAt(pattern: RegExp, text: string, offset: number): string | undefined {
  pattern.lastIndex = offset
  return pattern.exec(text)?.[0]
}

/** Split SPARQL text into tokens, skipping whitespace and comments; never throws (the engine reports syntax). */
export function* scanTokens(text: string): Generator<Token> {
  let offset = 0
  while (offset < text.length) {
    const ch = text[offset]!
    const space = matchAt(SPACE, text, offset)
    if (space) { offset += space.length; continue }
    if (ch === '#') {
      const end = text.indexOf('\n', offset)
      offset = end === -1 ? text.length : end + 1
      continue
    }
    const token: Token | undefined =
      (ch === '<' && tokenAt('iri', IRIREF, text, offset)) ||
      ((ch === '"' || ch === "'") && tokenAt('string', STRING, text, offset)) ||
      ((ch === '?' || ch === '$') && tokenAt('variable', VARIABLE, text, offset)) ||
      tokenAt('word', WORD, text, offset) ||
      { kind: 'punct', text: ch, offset }
    // A name never ends with a dot: `ex:o.` is the name `ex:o` and the triple terminator.
    if (token.kind === 'word' && token.text.length > 1 && token.text.endsWith('.')) token.text = token.text.replace(/\.+$/, '')
    offset += token.text.length
    yield token
  }
}

function tokenAt(kind: Token['kind'], pattern: RegExp, text: string, offset: number): Token | undefined {
  const match = matchAt(pattern, text, offset)
  return match ? { kind, text: match, offset } : undefined
}

function keywordOf(token: Token): string | undefined {
  return token.kind === 'word' && !token.text.includes(':') && !/^[0-9]/.test(token.text) ? token.text.toUpperCase() : undefined
}

function locate(text: string, offset: number): string {
  const before = text.slice(0, offset).split('\n')
  return `line ${before.length}, column ${before.at(-1)!.length + 1}`
}

interface Scan {
  text: string
  limits: Required<QueryLimits>
  shape: Omit<GuardedQuery, 'form'> & { form?: QueryForm }
  depth: number
  /** The depth of the VALUES keyword, while inside its data block (whose tokens do not count). */
  valuesDepth?: number
  isAfterService: boolean
  /** Tokens still to skip after BASE (1) or PREFIX (2). */
  prologueArguments: number
}

/** Depth and token count, refused past the limits. */
function measure(scan: Scan, token: Token): void {
  const { limits, shape } = scan
  if (token.kind === 'punct' && OPEN.includes(token.text)) {
    scan.depth += 1
    shape.depth = Math.max(shape.depth, scan.depth)
    if (scan.depth > limits.maxDepth) {
      throw new AppError('bad_query', `the query nests brackets more than ${limits.maxDepth} deep (at ${locate(scan.text, token.offset)}); the limit is ${limits.maxDepth}`, { maxDepth: limits.maxDepth })
    }
  } else if (token.kind === 'punct' && CLOSE.includes(token.text)) {
    scan.depth = Math.max(0, scan.depth - 1)
    if (scan.depth === scan.valuesDepth && token.text === '}') scan.valuesDepth = undefined
  }
  if (scan.valuesDepth === undefined || scan.depth <= scan.valuesDepth) shape.tokens += 1
  if (shape.tokens > limits.maxTokens) {
    throw new AppError('bad_query', `the query is longer than ${limits.maxTokens} tokens outside VALUES blocks (at ${locate(scan.text, token.offset)}); shorten it or move lists of terms into VALUES`, { maxTokens: limits.maxTokens })
  }
}

/** The query form, updates, SERVICE, FROM and VALUES, from the keywords. */
function readKeyword(scan: Scan, token: Token): void {
  const { shape } = scan
  const keyword = keywordOf(token)
  if (scan.isAfterService) {
    if (keyword !== 'SILENT') { shape.services.push(token.kind === 'iri' ? token.text.slice(1, -1) : token.text); scan.isAfterService = false }
    return
  }
  if (scan.prologueArguments > 0) { scan.prologueArguments -= 1; return }
  if (keyword === undefined) return
  if (UPDATES.has(keyword)) throw new AppError('bad_request', 'updates are not accepted on this endpoint', { keyword })
  if (shape.form === undefined) {
    if (keyword === 'BASE' || keyword === 'PREFIX') { scan.prologueArguments = keyword === 'BASE' ? 1 : 2; return }
    if (!FORMS.has(keyword)) throw new AppError('bad_query', `expected SELECT, ASK, CONSTRUCT or DESCRIBE at ${locate(scan.text, token.offset)}, found ${token.text}`)
    shape.form = keyword as QueryForm
  } else if (keyword === 'SERVICE') scan.isAfterService = true
  else if (keyword === 'FROM') shape.hasDatasetClause = true
  else if (keyword === 'VALUES') scan.valuesDepth = scan.depth
}

/**
 * Check query text against the limits and return what the store needs to know about it. Throws
 * AppError 'payload_too_large' (size), 'bad_query' (nesting, length, no query form) or 'bad_request' (an update).
 */
export function guardQueryText(text: string, limits: QueryLimits): GuardedQuery {
  const bytes = Buffer.byteLength(text, 'utf8')
  if (bytes > limits.maxBytes) {
    throw new AppError('payload_too_large', `the query is ${bytes} bytes; the limit is ${limits.maxBytes}`, { bytes, maxBytes: limits.maxBytes })
  }
  const scan: Scan = {
    text,
    limits: { ...limits, maxTokens: limits.maxTokens ?? DEFAULT_QUERY_LIMITS.maxTokens },
    shape: { services: [], hasDatasetClause: false, bytes, depth: 0, tokens: 0 },
    depth: 0,
    isAfterService: false,
    prologueArguments: 0,
  }
  for (const token of scanTokens(text)) {
    measure(scan, token)
    readKeyword(scan, token)
  }
  if (scan.shape.form === undefined) throw new AppError('bad_query', 'the query is empty: expected SELECT, ASK, CONSTRUCT or DESCRIBE')
  return scan.shape as GuardedQuery
}
