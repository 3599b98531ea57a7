/**
 * Serving a snapshot under another base IRI without rebuilding it: the snapshot keeps the base it was built for
 * (meta.json `baseIri`), and at load every IRI that starts with that base is rewritten to the configured one —
 * two passes over the N-Quads bytes (a few seconds for the default graph's 282 MB; see the README) instead of a build.
 */

/** What may follow a base in a minted IRI (`{base}/dataset/1`, `{base}#x`, `{base}?q`, `{base}` itself). */
const AFTER_BASE = new Set(['/', '#', '?', '>'].map((c) => c.charCodeAt(0)))

/**
 * `nquads` with each IRI `<{from}…>` written `<{to}…>`. Only IRIs (`<` then the base then `/`, `#`, `?` or `>`)
 * change: `http://localhost:80801/x` is not under `http://localhost:8080`. A literal holding the text
 * `<http://localhost:8080/…` would change too; none of ours does (IRIs in text are written without brackets).
 * Returns the input itself when nothing changes; otherwise memory from `allocate` (e.g. a SharedArrayBuffer's).
 */
export function remapBaseIri(nquads: Uint8Array, from: string, to: string, allocate: (length: number) => Uint8Array = (length) => Buffer.allocUnsafe(length)): Uint8Array {
  if (from === to) return nquads
  const bytes = Buffer.from(nquads.buffer, nquads.byteOffset, nquads.byteLength)
  const needle = Buffer.from(`<${from}`, 'utf8')
  const replacement = Buffer.from(`<${to}`, 'utf8')
  // Two passes, no piece objects: find the places (native indexOf), then copy once into an output of known size.
  const at: number[] = []
  for (let found = bytes.indexOf(needle); found !== -1; found = bytes.indexOf(needle, found + needle.length)) {
    if (AFTER_BASE.has(bytes[found + needle.length]!)) at.push(found)
  }
  if (at.length === 0) return nquads
  const target = allocate(bytes.length + at.length * (replacement.length - needle.length))
  const out = Buffer.from(target.buffer, target.byteOffset, target.byteLength)
  let read = 0
  let written = 0
  for (const found of at) {
    written += bytes.copy(out, written, read, found)
    written += replacement.copy(out, written)
    read = found + needle.length
  }
  bytes.copy(out, written, read)
  return target
}

/** The same rewrite for N-Quads held as text. */
export const remapBaseIriText = (nquads: string, from: string, to: string): string =>
  from === to ? nquads : Buffer.from(remapBaseIri(Buffer.from(nquads, 'utf8'), from, to)).toString('utf8')
