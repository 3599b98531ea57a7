/** Back from the compact IRIs of validation messages (`dct:title`, `<http://…>`) to full IRIs. */
import { PREFIXES } from '../vocab/index.ts'

/** The full IRI of `dct:title` or `<iri>`; undefined for an unknown prefix. */
export function expandCompactIri(text: string): string | undefined {
  if (text.startsWith('<') && text.endsWith('>')) return text.slice(1, -1)
  const colon = text.indexOf(':')
  const namespace = colon > 0 ? PREFIXES[text.slice(0, colon)] : undefined
  return namespace ? namespace + text.slice(colon + 1) : undefined
}
