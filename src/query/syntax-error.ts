/**
 * A SPARQL syntax error as a person can read it: line, column, the line with a caret under the place, and for
 * the common mistakes (an undeclared prefix, unbalanced brackets, an unclosed string, a triple pattern without its
 * object, a misspelt query form) one sentence saying so — instead of the engine's grammar dump (oxigraph lists
 * Unicode ranges for an undeclared prefix, `expected one of LATERAL, SERVICE, [_]` for a missing object).
 * The engine's position (`error at LINE:COLUMN`) is where its parser gave up; the mistake is often earlier,
 * so each explanation points at the mistake itself.
 */
import { PREFIXES } from '../vocab/index.ts'

export interface SyntaxProblem {
  /** 1-based line and column (in characters) of the place shown. */
  line: number
  column: number
  /** One sentence: what is wrong and how to fix it. */
  explanation: string
  /** The line of the query and a caret under the place. */
  excerpt: string
  /** Which common mistake this is, or 'syntax' when the explainer does not know it. */
  kind: 'undeclared_prefix' | 'unbalanced_brackets' | 'unclosed_string' | 'missing_object' | 'unknown_form' | 'syntax'
}

interface Token {
  kind: 'iri' | 'string' | 'variable' | 'pname' | 'word' | 'punct' | 'unclosed'
  text: string
  offset: number
}

const IRIREF = /<[^<>"{}|^`\\\x00-\x20]*>/y
const STRING = /"""(?:[^"\\]|\\[\s\S]|"(?!""))*"""|'''(?:[^'\\]|\\[\s\S]|'(?!''))*'''|"(?:[^"\\\n\r]|\\.)*"|'(?:[^'\\\n\r]|\\.)*'/y
const VARIABLE = /[?$][\p{L}\p{N}_\u00B7\u0300-\u036F\u203F-\u2040]+/uy
const PNAME = /(?:[\p{L}][\p{L}\p{N}_\-.]*)?:(?:[\p{L}\p{N}_:%\\][\p{L}\p{N}_\-.:%\\]*)?/uy
const WORD = /[\p{L}\p{N}_][\p{L}\p{N}_\-.]*/uy
const SPACE_OR_COMMENT = /(?:\s+|#[^\n\r]*)+/y

const match = (pattern: RegExp, text: string, offset: number) => {
  pattern.lastIndex = offset
  return pattern.exec(text)?.[0]
}

/** Tokens of the text (comments and space skipped); an unclosed string ends the list as an 'unclosed' token. */
function lex(text: string): Token[] {
  const tokens: Token[] = []
  let at = 0
  while (at < text.length) {
    const space = match(SPACE_OR_COMMENT, text, at)
    if (space) { at += space.length; continue }
    const c = text[at]!
    const found: [Token['kind'], string | undefined] =
      c === '<' ? ['iri', match(IRIREF, text, at)]
      : c === '"' || c === "'" ? ['string', match(STRING, text, at)]
      : c === '?' || c === '$' ? ['variable', match(VARIABLE, text, at)]
      : ['pname', match(PNAME, text, at)]
    // A prefixed name does not end with a dot (SPARQL 1.1 grammar [169] PN_LOCAL): `dcat:Dataset.` ends a triple.
    if (found[0] === 'pname' && found[1]) found[1] = found[1].replace(/\.+$/, '')
    if (found[1]) {
      tokens.push({ kind: found[0], text: found[1], offset: at })
      at += found[1].length
      continue
    }
    if (c === '"' || c === "'") return [...tokens, { kind: 'unclosed', text: c, offset: at }]
    const word = match(WORD, text, at)
    if (word) { tokens.push({ kind: 'word', text: word, offset: at }); at += word.length; continue }
    tokens.push({ kind: 'punct', text: c, offset: at })
    at += 1
  }
  return tokens
}

/** 1-based line and column of an offset. */
function positionOf(text: string, offset: number): { line: number; column: number } {
  const before = text.slice(0, offset)
  const line = before.split('\n').length
  return { line, column: offset - (before.lastIndexOf('\n') + 1) + 1 }
}

/** The offset of a 1-based line and column (clamped to the text). */
function offsetOf(text: string, line: number, column: number): number {
  let offset = 0
  for (let n = 1; n < line; n++) {
    const next = text.indexOf('\n', offset)
    if (next === -1) return text.length
    offset = next + 1
  }
  return Math.min(text.length, offset + Math.max(0, column - 1))
}

/** The line holding `offset`, and a caret under it (tabs kept so the caret lines up). */
function excerptAt(text: string, offset: number): string {
  const start = text.lastIndexOf('\n', offset - 1) + 1
  const end = text.indexOf('\n', offset)
  const line = text.slice(start, end === -1 ? text.length : end).replace(/\r$/, '')
  const pad = [...line.slice(0, offset - start)].map((ch) => (ch === '\t' ? '\t' : ' ')).join('')
  return `${line}\n${pad}^`
}

const PAIRS: Record<string, string> = { '(': ')', '{': '}', '[': ']' }
const CLOSERS = new Set(Object.values(PAIRS))

function findBracketProblem(tokens: Token[], text: string, endsEarly: boolean): [number, string] | undefined {
  const open: Token[] = []
  for (const token of tokens) {
    if (token.kind !== 'punct') continue
    if (PAIRS[token.text]) open.push(token)
    else if (CLOSERS.has(token.text)) {
      const last = open.pop()
      if (!last) return [token.offset, `this \`${token.text}\` closes nothing: there is one \`${token.text}\` too many, or its opening bracket is missing`]
      if (PAIRS[last.text] !== token.text) {
        const at = positionOf(text, last.offset)
        return [token.offset, `this \`${token.text}\` does not match the \`${last.text}\` opened at line ${at.line}, column ${at.column}: close that one first with \`${PAIRS[last.text]}\``]
      }
    }
  }
  const unclosed = open.pop()
  if (!unclosed) return undefined
  // A query cut short (the engine stopped at its end) is shown at its end, where the closing bracket belongs.
  if (endsEarly) {
    const at = positionOf(text, unclosed.offset)
    return [text.trimEnd().length, `the query ends before the \`${unclosed.text}\` opened at line ${at.line}, column ${at.column} is closed: add a \`${PAIRS[unclosed.text]}\``]
  }
  return [unclosed.offset, `this \`${unclosed.text}\` is never closed: add a \`${PAIRS[unclosed.text]}\` where it should end`]
}

function findUndeclaredPrefix(tokens: Token[]): [number, string] | undefined {
  const declared = new Set<string>()
  for (let i = 0; i < tokens.length; i++) {
    const token = tokens[i]!
    if (token.kind === 'word' && token.text.toUpperCase() === 'PREFIX' && tokens[i + 1]?.kind === 'pname') {
      declared.add(tokens[i + 1]!.text.slice(0, tokens[i + 1]!.text.indexOf(':')))
      i += 1
      continue
    }
    if (token.kind !== 'pname') continue
    const prefix = token.text.slice(0, token.text.indexOf(':'))
    if (declared.has(prefix)) continue
    const known = (PREFIXES as Record<string, string>)[prefix]
    const fix = known ? `add \`PREFIX ${prefix}: <${known}>\` at the top` : `declare it with \`PREFIX ${prefix}: <…>\` at the top, or write the full IRI in <…>`
    return [token.offset, `the prefix \`${prefix}:\` (in \`${token.text}\`) is not declared: ${fix}`]
  }
  return undefined
}

/** Words that start something other than a triple inside a group pattern. */
const GROUP_KEYWORDS = new Set(['FILTER', 'OPTIONAL', 'BIND', 'VALUES', 'GRAPH', 'MINUS', 'UNION', 'SERVICE', 'SELECT', 'LATERAL'])
const isTerm = (t: Token | undefined) =>
  !!t && (t.kind === 'variable' || t.kind === 'iri' || t.kind === 'pname' || t.kind === 'string' || (t.kind === 'word' && !GROUP_KEYWORDS.has(t.text.toUpperCase())))

/**
 * A triple pattern that ends (`.`, `}`, `;`) after its subject and predicate, or after a `;` with only a
 * predicate. Only plain triples are followed: a pattern with brackets, paths or keywords is left to the engine.
 */
function findMissingObject(tokens: Token[], text: string, before: number): [number, string] | undefined {
  for (let i = 0; i < tokens.length; i++) {
    const token = tokens[i]!
    if (token.offset > before) return undefined
    const starts = token.kind === 'punct' && (token.text === '{' || token.text === '.')
    const continues = token.kind === 'punct' && token.text === ';'
    if (!starts && !continues) continue
    const needed = starts ? 2 : 1
    const terms = tokens.slice(i + 1, i + 1 + needed)
    const end = tokens[i + 1 + needed]
    if (terms.length !== needed || !terms.every(isTerm) || !end || end.kind !== 'punct' || !['.', '}', ';'].includes(end.text)) continue
    if (starts && terms[0]!.kind === 'string') continue
    // VALUES ?x { 1 2 } and VALUES (?x ?y) { (1 2) } hold data rows, not triples.
    const previous = tokens[i - 1]
    if (token.text === '{' && previous && (previous.kind === 'variable' || previous.text === ')')) continue
    const pattern = text.slice(terms[0]!.offset, terms.at(-1)!.offset + terms.at(-1)!.text.length)
    const what = starts ? `the triple pattern \`${pattern}\` has a subject and a predicate but no object` : `after \`;\` the predicate \`${pattern}\` has no object`
    return [end.offset, `${what}: a triple pattern is subject, predicate, object (e.g. \`?s ?p ?o\`)`]
  }
  return undefined
}

const FORMS = ['SELECT', 'ASK', 'CONSTRUCT', 'DESCRIBE']

function findUnknownForm(tokens: Token[]): [number, string] | undefined {
  let i = 0
  while (tokens[i]?.kind === 'word' && ['PREFIX', 'BASE'].includes(tokens[i]!.text.toUpperCase())) i += tokens[i]!.text.toUpperCase() === 'PREFIX' ? 3 : 2
  const first = tokens[i]
  if (!first || first.kind !== 'word' || FORMS.includes(first.text.toUpperCase())) return undefined
  return [first.offset, `\`${first.text}\` is not a query form: after PREFIX and BASE a query starts with SELECT, ASK, CONSTRUCT or DESCRIBE`]
}

/**
 * What is at the engine's place, said plainly. The engine's list of what it expected is not passed on: it names
 * a few alternatives of its grammar (`LATERAL, SERVICE, [_]`, Unicode ranges), rarely what the query needs.
 */
function describePlace(tokens: Token[], query: string, offset: number): string {
  const next = tokens.find((t) => t.offset >= offset)
  const before = tokens.filter((t) => t.offset < offset).at(-1)
  if (before && /^(LIMIT|OFFSET)$/i.test(before.text) && (!next || !/^\d+$/.test(next.text))) return `${before.text.toUpperCase()} needs a whole number after it (e.g. \`${before.text.toUpperCase()} 10\`)`
  if (!next || offset >= query.trimEnd().length) return 'the query ends here, before it is complete'
  return `the query does not parse at \`${next.text}\`: check the word or symbol here and the one before it`
}

/**
 * Explain a syntax error the engine reported at `line`:`column` (1-based) in `query`. The explanation names the
 * first common mistake found (an unclosed string, unbalanced brackets, an undeclared prefix, a triple without its
 * object, a misspelt query form), placed where that mistake is; otherwise the engine's place, said plainly.
 */
export function explainSyntaxError(query: string, line: number, column: number): SyntaxProblem {
  const tokens = lex(query)
  const engineOffset = offsetOf(query, line, column)
  const unclosed = tokens.at(-1)?.kind === 'unclosed' ? tokens.at(-1) : undefined
  const found: [SyntaxProblem['kind'], [number, string] | undefined][] = [
    ['unclosed_string', unclosed && [unclosed.offset, `this string is never closed: end it with ${unclosed.text} on the same line (or use ${unclosed.text.repeat(3)} for text over several lines)`]],
    ['unknown_form', findUnknownForm(tokens)],
    ['undeclared_prefix', findUndeclaredPrefix(tokens)],
    ['unbalanced_brackets', findBracketProblem(tokens, query, engineOffset >= query.trimEnd().length)],
    ['missing_object', findMissingObject(tokens, query, engineOffset)],
  ]
  const [kind, [offset, explanation]] = (found.find(([, hit]) => hit) as [SyntaxProblem['kind'], [number, string]] | undefined) ??
    ['syntax', [engineOffset, describePlace(tokens, query, engineOffset)]]
  const at = positionOf(query, offset)
  return { kind, ...at, explanation, excerpt: excerptAt(query, offset) }
}

/** The problem as one message: "line 1, column 24: … \n\n  line\n  caret". */
export const formatSyntaxProblem = (problem: SyntaxProblem): string =>
  `syntax error at line ${problem.line}, column ${problem.column}: ${problem.explanation}\n\n${problem.excerpt}`
