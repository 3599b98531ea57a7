/**
 * Serving a snapshot under another base IRI without rebuilding it: the snapshot keeps the base it was built for
 * (meta.json `baseIri`), and at load every IRI that starts with that base is rewritten to the configured one —
 * one pass over the N-Quads bytes (about a second for 285 MB) instead of a 70 s build.
 */

/** What may follow a base in a minted IRI (`{base}/dataset/1`, `{base}#x`, `{base}?q`, `{base}` itself). */
const AFTER_BASE = new Set(['/', '#', '?', '>'].map((c) => c.charCodeAt(0)))

/**
 * `nquads` with each IRI `<{from}…>` written `<{to}…>`. Only IRIs (`<` then the base then `/`, `#`, `?` or `>`)
 * change: `http://localhost:80801/x` is not under `http://localhost:8080`. A literal holding the text
 * `<http://localhost:8080/…` would change too; none of ours does (IRIs in text are written without brackets).
 * Returns the input itself when nothing changes.
 */
export function remapBaseIri(nquads: Uint8Array, from: string, to: string): Uint8Array {
  if (from === to) return nquads
  const bytes = Buffer.from(nquads.buffer, nquads.byteOffset, nquads.byteLength)
  const needle = Buffer.from(`<${from}`, 'utf8')
  const replacement = Buffer.from(`<${to}`, 'utf8')
  const pieces: Buffer[] = []
  let start = 0
  for (let at = bytes.indexOf(needle); at !== -1; at = bytes.indexOf(needle, at + needle.length)) {
    if (!AFTER_BASE.has(bytes[at + needle.length]!)) continue
    pieces.push(bytes.subarray(start, at), replacement)
    start = at + needle.length
  }
  if (pieces.length === 0) return nquads
  pieces.push(bytes.subarray(start))
  return Buffer.concat(pieces)
}

/** The same rewrite for N-Quads held as text. */
export const remapBaseIriText = (nquads: string, from: string, to: string): string =>
  from === to ? nquads : Buffer.from(remapBaseIri(Buffer.from(nquads, 'utf8'), from, to)).toString('utf8')
