/**
 * A light scan of SPARQL text before it reaches the engine: which form it is (to negotiate the response),
 * whether it is an update, which SERVICE endpoints it calls, and how deep its brackets nest.
 * It skips comments, strings and IRIs; it does not parse — the engine does, and reports syntax errors.
 */
import type { QueryForm } from '../store/types.ts'

export interface QueryScan {
  /** The query form, 'UPDATE' for an update operation, undefined when no form keyword was found. */
  form: QueryForm | 'UPDATE' | undefined
  /** IRIs (or `?var`) named after SERVICE. */
  services: string[]
  /** Deepest nesting of `{`, `(` and `[`. */
  maxDepth: number
}

const FORMS = new Set(['SELECT', 'ASK', 'CONSTRUCT', 'DESCRIBE'])
const UPDATES = new Set(['INSERT', 'DELETE', 'LOAD', 'CLEAR', 'CREATE', 'DROP', 'COPY', 'MOVE', 'ADD', 'WITH'])
const OPEN = new Set(['{', '(', '['])
const CLOSE = new Set(['}', ')', ']'])

// SPARQL 1.1 grammar [139] IRIREF; anything else starting with `<` is the less-than operator.
const IRIREF = /<[^<>"{}|^`\\\x00-\x20]*>/y
const STRING = /"""(?:[^"\\]|\\[\s\S]|"(?!""))*"""|'''(?:[^'\\]|\\[\s\S]|'(?!''))*'''|"(?:[^"\\\n\r]|\\.)*"|'(?:[^'\\\n\r]|\\.)*'/y
const VARIABLE = /[?$][\p{L}\p{N}_\u00B7\u0300-\u036F\u203F-\u2040]+/uy
// Prefixed names and keywords: a word possibly containing a colon (then it is a name, never a keyword).
const WORD = /[\p{L}\p{N}_:][\p{L}\p{N}_\-.:%\\\u00B7]*/uy

function matchAt(pattern: RegExp, text: string, index: number): string | undefined {
  pattern.lastIndex = index
  return pattern.exec(text)?.[0]
}

/** Scan query or update text; never throws. */
export function scanQuery(text: string): QueryScan {
  const scan: QueryScan = { form: undefined, services: [], maxDepth: 0 }
  let depth = 0
  let expectService = false
  let i = 0
  while (i < text.length) {
    const ch = text[i]!
    if (ch === '#') {
      const end = text.indexOf('\n', i)
      i = end === -1 ? text.length : end + 1
      continue
    }
    const token =
      (ch === '<' && matchAt(IRIREF, text, i)) ||
      ((ch === '"' || ch === "'") && matchAt(STRING, text, i)) ||
      ((ch === '?' || ch === '$') && matchAt(VARIABLE, text, i)) ||
      matchAt(WORD, text, i)
    if (!token) {
      if (OPEN.has(ch)) scan.maxDepth = Math.max(scan.maxDepth, ++depth)
      else if (CLOSE.has(ch)) depth = Math.max(0, depth - 1)
      i += 1
      continue
    }
    i += token.length
    const upper = token.toUpperCase()
    if (expectService && upper !== 'SILENT') {
      scan.services.push(token.startsWith('<') ? token.slice(1, -1) : token)
      expectService = false
    } else if (upper === 'SERVICE') {
      expectService = true
    } else if (scan.form === undefined && FORMS.has(upper)) {
      scan.form = upper as QueryForm
    } else if (scan.form === undefined && UPDATES.has(upper)) {
      scan.form = 'UPDATE'
    }
  }
  return scan
}
