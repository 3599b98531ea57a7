/**
 * The gate in front of the embedded engine: size, nesting and length limits, the query form and no updates,
 * all checked on the text before oxigraph parses it (its parser recurses, and a stack overflow in WASM can
 * poison the whole engine — design §4).
 */
import { AppError } from '../errors.ts'
import type { QueryForm } from '../store/types.ts'
import { decodeCodepointEscapes, isBareWord, scanTokens, type Token } from './sparql-lexer.ts'

export { scanTokens } from './sparql-lexer.ts'

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

const FORMS = new Set<string>(['SELECT', 'ASK', 'CONSTRUCT', 'DESCRIBE'])
// SPARQL 1.1 Update grammar [3]–[42]: the words that can only start an update operation.
const UPDATES = new Set(['INSERT', 'DELETE', 'LOAD', 'CLEAR', 'CREATE', 'DROP', 'COPY', 'MOVE', 'ADD', 'WITH'])
const OPENERS = new Set(['(', '{', '[', '<<'])

function keywordOf(token: Token): string | undefined {
  return isBareWord(token) ? token.text.toUpperCase() : undefined
}

function locate(text: string, offset: number): string {
  const before = text.slice(0, offset).split('\n')
  return `line ${before.length}, column ${before.at(-1)!.length + 1}`
}

interface Scan {
  text: string
  limits: Required<QueryLimits>
  shape: Omit<GuardedQuery, 'form'> & { form?: QueryForm }
  /** The depth of the VALUES keyword, while inside its data block (whose tokens do not count). */
  valuesDepth?: number
  isAfterService: boolean
  /** Tokens still to skip after BASE (1) or PREFIX (2). */
  prologueArguments: number
  /** Said in messages when the text is read with its \u escapes decoded first. */
  reading: string
}

/** Depth and token count, refused past the limits. */
function measure(scan: Scan, token: Token): void {
  const { limits, shape } = scan
  if (token.kind === 'punct' && OPENERS.has(token.text)) {
    shape.depth = Math.max(shape.depth, token.depth)
    if (token.depth > limits.maxDepth) {
      throw new AppError('bad_query', `the query nests brackets more than ${limits.maxDepth} deep (at ${locate(scan.text, token.offset)}${scan.reading}); the limit is ${limits.maxDepth}`, { maxDepth: limits.maxDepth })
    }
  } else if (token.text === '}' && token.depth === scan.valuesDepth) {
    scan.valuesDepth = undefined
  }
  if (scan.valuesDepth === undefined || token.depth <= scan.valuesDepth) shape.tokens += 1
  if (shape.tokens > limits.maxTokens) {
    throw new AppError('bad_query', `the query is longer than ${limits.maxTokens} tokens outside VALUES blocks (at ${locate(scan.text, token.offset)}${scan.reading}); shorten it or move lists of terms into VALUES`, { maxTokens: limits.maxTokens })
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
  // The engine matches keywords by their letters, not as whole words: `SERVICESILENT<…>` is SERVICE SILENT <…>.
  } else if (keyword.startsWith('SERVICE')) {
    scan.isAfterService = true
    if (keyword === 'SERVICESILENT') return
  } else if (keyword.startsWith('FROM')) shape.hasDatasetClause = true
  else if (keyword === 'VALUES') scan.valuesDepth = token.depth
}

function scanQuery(text: string, bytes: number, limits: QueryLimits, reading = ''): Scan {
  const scan: Scan = {
    text,
    limits: { ...limits, maxTokens: limits.maxTokens ?? DEFAULT_QUERY_LIMITS.maxTokens },
    shape: { services: [], hasDatasetClause: false, bytes, depth: 0, tokens: 0 },
    isAfterService: false,
    prologueArguments: 0,
    reading,
  }
  for (const token of scanTokens(text)) {
    measure(scan, token)
    readKeyword(scan, token)
  }
  return scan
}

/** Whether an error is one of the limits (not the form or an update, which only the engine's own reading decides). */
function isLimitError(error: unknown): boolean {
  return error instanceof AppError && (error.details.maxDepth !== undefined || error.details.maxTokens !== undefined)
}

/**
 * The text read as SPARQL 1.1 §19.2 says (every \u escape decoded before parsing), for a build of the engine that
 * does so: its nesting, length and SERVICE clauses must pass too. Only done when the text has such an escape.
 */
function checkDecodedReading(text: string, bytes: number, limits: QueryLimits, shape: Omit<GuardedQuery, 'form'>): void {
  if (!/\\[uU]/.test(text)) return
  let decoded: Scan
  try {
    decoded = scanQuery(decodeCodepointEscapes(text), bytes, limits, ', reading its \\u escapes as characters')
  } catch (error) {
    if (isLimitError(error)) throw error
    return
  }
  shape.depth = Math.max(shape.depth, decoded.shape.depth)
  shape.tokens = Math.max(shape.tokens, decoded.shape.tokens)
  for (const service of decoded.shape.services) if (!shape.services.includes(service)) shape.services.push(service)
  shape.hasDatasetClause ||= decoded.shape.hasDatasetClause
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
  const { shape } = scanQuery(text, bytes, limits)
  if (shape.form === undefined) throw new AppError('bad_query', 'the query is empty: expected SELECT, ASK, CONSTRUCT or DESCRIBE')
  checkDecodedReading(text, bytes, limits, shape)
  return shape as GuardedQuery
}
