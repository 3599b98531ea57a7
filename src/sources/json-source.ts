/** JSON input for the law importers: parse errors become SourceErrors that name the line, and shapes are checked by small guards. */
import { SourceError } from '../errors.ts'

/** Parse JSON text (a BOM is allowed); a syntax error names the file and the line it is on. */
export function parseJsonSource(text: string, file: string): unknown {
  const source = text.charCodeAt(0) === 0xfeff ? text.slice(1) : text
  if (source.trim() === '') throw new SourceError(file, undefined, 'empty file; expected JSON')
  try {
    return JSON.parse(source)
  } catch (error) {
    const message = error instanceof Error ? error.message : String(error)
    const position = /position (\d+)/.exec(message)
    const line = position ? lineAt(source, Number(position[1])) : undefined
    throw new SourceError(file, line, `not valid JSON: ${message}`, { cause: error })
  }
}

/** Whether a value is a plain JSON object. */
export const isRecord = (value: unknown): value is Record<string, unknown> =>
  typeof value === 'object' && value !== null && !Array.isArray(value)

/** Read an optional string member; a present non-string is a SourceError. */
export function readOptionalString(obj: Record<string, unknown>, key: string, file: string, where: string): string | undefined {
  const value = obj[key]
  if (value === undefined || value === null) return undefined
  if (typeof value !== 'string') throw new SourceError(file, undefined, `${where}: "${key}" must be a string, got ${typeof value}`)
  return value
}

/** Read a required non-empty string member. */
export function readString(obj: Record<string, unknown>, key: string, file: string, where: string): string {
  const value = readOptionalString(obj, key, file, where)
  if (value === undefined || value.trim() === '') throw new SourceError(file, undefined, `${where}: missing "${key}"`)
  return value
}

function lineAt(text: string, offset: number): number {
  let line = 1
  for (let i = 0; i < offset && i < text.length; i++) if (text[i] === '\n') line++
  return line
}
