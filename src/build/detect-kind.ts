/** Tell what kind of catalogue file we were given, from its first bytes, so a wrong file gets a clear message. */
import { SourceError } from '../errors.ts'

export type CatalogKind = 'export' | 'api-v1'

export function detectCatalogKind(bytes: Uint8Array, file: string): CatalogKind {
  let head: string
  try {
    // stream: true tolerates a multi-byte character cut at the 4 KiB boundary
    head = new TextDecoder('utf-8', { fatal: true }).decode(bytes.subarray(0, 4096), { stream: true }).replace(/^\uFEFF/, '').trimStart()
  } catch {
    throw new SourceError(file, 1, 'not UTF-8 text (a Big5/CP950 file? data.gov.tw exports are UTF-8 with BOM)')
  }
  if (head.startsWith('{') || head.startsWith('[')) return 'api-v1'
  if (head.startsWith('資料集識別碼')) return 'export'
  const firstLine = head.split(/\r?\n/, 1)[0] ?? ''
  if (firstLine.startsWith('提供機關名稱')) throw new SourceError(file, 1, 'this is the 2018 data.gov.tw listing (6 columns, no ids), not a catalogue export; it is built in from data/sources')
  throw new SourceError(file, 1, `not a data.gov.tw catalogue export (CSV starting with 資料集識別碼) or API v1 JSON; the file starts with ${JSON.stringify(firstLine.slice(0, 60))}`)
}
