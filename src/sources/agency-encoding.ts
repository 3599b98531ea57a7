/** Decoding the DGPA agency list from its original CP950 (Big5) bytes, refusing UTF-8 and binary input with a located message. */
import iconv from 'iconv-lite'
import { SourceError } from '../errors.ts'
import { countNewlines } from './agency-csv.ts'

const EXPECTED = 'the DGPA agency list must be given as its original CP950 (Big5) bytes'

/**
 * Decode CP950 bytes to text. A CP950 file with Chinese text is practically never valid UTF-8, so
 * bytes that are valid UTF-8 (with non-ASCII content) are refused as "already UTF-8" rather than
 * silently decoded into mojibake; NUL bytes mean a binary file; undecodable bytes are reported by line.
 */
export function decodeCp950(bytes: Uint8Array, file: string): string {
  if (bytes.length === 0) throw new SourceError(file, undefined, `the file is empty; ${EXPECTED}`)
  const nul = bytes.indexOf(0)
  if (nul >= 0) throw new SourceError(file, lineOfByte(bytes, nul), `contains a NUL byte, so it is a binary file, not CSV text; ${EXPECTED}`)
  if (bytes[0] === 0xef && bytes[1] === 0xbb && bytes[2] === 0xbf) {
    throw new SourceError(file, 1, `starts with a UTF-8 byte-order mark, so it is UTF-8 text; ${EXPECTED}`)
  }
  const firstHigh = bytes.findIndex((b) => b >= 0x80)
  if (firstHigh >= 0 && isUtf8(bytes)) {
    throw new SourceError(file, lineOfByte(bytes, firstHigh), `is UTF-8 text (it decodes as valid UTF-8), not CP950; ${EXPECTED}`)
  }
  const text = iconv.decode(Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength), 'cp950')
  const bad = text.indexOf('\ufffd')
  if (bad >= 0) {
    throw new SourceError(file, countNewlines(text.slice(0, bad)) + 1, `has bytes that are not valid CP950 (Big5) near ${JSON.stringify(text.slice(Math.max(0, bad - 10), bad + 1))}; ${EXPECTED}`)
  }
  return text
}

/** True when the bytes are well-formed UTF-8. */
function isUtf8(bytes: Uint8Array): boolean {
  try {
    new TextDecoder('utf-8', { fatal: true }).decode(bytes)
    return true
  } catch {
    return false
  }
}

/** The 1-based line of a byte offset (line breaks are ASCII in both CP950 and UTF-8). */
function lineOfByte(bytes: Uint8Array, offset: number): number {
  return countNewlines(Buffer.from(bytes.buffer, bytes.byteOffset, offset).toString('latin1')) + 1
}
