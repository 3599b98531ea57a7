/**
 * The shape of a query: its tokens as classes (IRI, string, number, variable, prefixed name; keywords and
 * punctuation as written), with every run of a repeated unit of up to eight tokens collapsed to one. Variants of one
 * query (other IRIs, literals, variable names, 3,000 brackets or 3,001, 800 OPTIONALs or 900) share a shape, so
 * that what crashed a replica once is recognised in any of its spellings (src/store/crash-memory.ts).
 */
import { createHash } from 'node:crypto'
import { isBareWord, scanTokens, type Token } from './sparql-lexer.ts'

const MAX_UNIT = 8

function classOf(token: Token): string {
  switch (token.kind) {
    case 'iri': return 'I'
    case 'string': return 'S'
    case 'number': return 'N'
    case 'variable': return 'V'
    case 'word':
      if (token.text.startsWith('@')) return '@'
      if (token.text.startsWith('_:')) return 'B'
      return isBareWord(token) ? token.text.toUpperCase() : 'P'
    case 'punct': return token.text
  }
}

const sameUnit = (items: string[], a: number, b: number, size: number) => {
  for (let k = 0; k < size; k += 1) if (items[a + k] !== items[b + k]) return false
  return true
}

/** Collapse every immediate repetition of a unit of `size` items into one unit followed by `+`. */
function collapseRuns(items: string[], size: number): string[] {
  const out: string[] = []
  let i = 0
  while (i < items.length) {
    let end = i + size
    while (end + size <= items.length && sameUnit(items, i, end, size)) end += size
    if (end > i + size) {
      out.push(...items.slice(i, i + size), size === 1 ? '+' : `+${size}`)
      i = end
    } else {
      out.push(items[i]!)
      i += 1
    }
  }
  return out
}

/** The shape's class sequence, readable (for logs and tests). */
export function describeQueryShape(query: string): string {
  let items = Array.from(scanTokens(query), classOf)
  // `((((` then `))))` each collapse at size 1; `OPTIONAL { V V V }` repeated at size 6; two passes settle nests of runs.
  for (let pass = 0; pass < 2; pass += 1) {
    for (let size = 1; size <= MAX_UNIT; size += 1) items = collapseRuns(items, size)
  }
  return items.join(' ')
}

/** A short key for the shape of a query together with its dataset (a FROM or protocol dataset is part of its kind). */
export function queryShapeKey(query: string, dataset: { defaultGraphUris?: string[]; namedGraphUris?: string[] } = {}): string {
  const datasetMark = `${dataset.defaultGraphUris?.length ? 'D' : ''}${dataset.namedGraphUris?.length ? 'N' : ''}`
  return createHash('sha256').update(describeQueryShape(query)).update(`|${datasetMark}`).digest('hex').slice(0, 32)
}
