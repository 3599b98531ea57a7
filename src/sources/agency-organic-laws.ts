/** Importer for ronnywang/tw-gov-org `output.json`: each agency's organic law (組織法) as a name reference for src/link. */
import { SourceError } from '../errors.ts'
import { countNewlines } from './agency-csv.ts'
import { emptyResult, type ImportContext, type ImportResult } from './types.ts'

/** A MOJ law code as it appears in `…LawContent.aspx?PCODE=A0010106` (old links say PCODE, new ones pcode). */
const PCODE_PARAM = /[?&]pcode=([^&#]+)/i
const PCODE = /^[A-Z]\d{7}$/

/**
 * Import the organic-law links: for each agency entry whose 法規網址 has a PCODE, a NameReference of kind
 * 'organic-law-agency' with subject and graph = `law(PCODE)` and text = 單位. No quads: the linker resolves
 * the agency name to a code and adds `ogd:organicLaw`. Entries without a usable PCODE are warned about.
 */
export function importOrganicLaws(text: string, ctx: ImportContext): ImportResult {
  const entries = parseEntries(text, ctx.file)
  const result = emptyResult()
  let cursor = 0
  for (const [key, entry] of entries) {
    const at = text.indexOf(`${JSON.stringify(key)}:`, cursor)
    cursor = Math.max(cursor, at)
    const line = at < 0 ? undefined : countNewlines(text.slice(0, at)) + 1
    const name = (typeof entry.單位 === 'string' ? entry.單位 : key).trim()
    const url = typeof entry.法規網址 === 'string' ? entry.法規網址 : ''
    const pcode = PCODE_PARAM.exec(url)?.[1]?.trim().toUpperCase()
    if (!pcode || !PCODE.test(pcode)) {
      result.warnings.push({ file: ctx.file, line, problem: `${name}: 法規網址 "${url}" has no PCODE; no organic law` })
      continue
    }
    const law = ctx.iris.law(pcode)
    result.references.push({ kind: 'organic-law-agency', subject: law, graph: law, text: name, file: ctx.file, line })
  }
  result.stats = { agencies: entries.length, references: result.references.length }
  return result
}

/** The top-level object `{ 單位名稱: { 單位, 法規網址, … } }` as entries; anything else is a SourceError. */
function parseEntries(text: string, file: string): [string, Record<string, unknown>][] {
  let data: unknown
  try {
    data = JSON.parse(text)
  } catch (error) {
    throw new SourceError(file, undefined, `not valid JSON (${(error as Error).message})`, { cause: error })
  }
  if (typeof data !== 'object' || data === null || Array.isArray(data)) {
    throw new SourceError(file, 1, 'expected a JSON object of agencies keyed by name ({"總統府": {"單位": …, "法規網址": …}})')
  }
  return Object.entries(data).map(([key, value]) => {
    if (typeof value !== 'object' || value === null) throw new SourceError(file, undefined, `entry "${key}" is not an object`)
    return [key, value as Record<string, unknown>]
  })
}
