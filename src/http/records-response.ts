/**
 * Answering with a cached form: conditional requests (If-None-Match, If-Modified-Since → 304), gzip/br chosen by
 * Accept-Encoding and kept with the form, and the headers every read carries (Vary, ETag, Last-Modified, CORS).
 */
import { brotliCompressSync, constants as zlib, gzipSync } from 'node:zlib'
import type { Context } from 'hono'
import type { CachedForm } from '../records/record-cache.ts'

/** Bodies smaller than this go out as they are: compressing them saves less than the header costs. */
const MIN_COMPRESS_BYTES = 1024

/** Headers a browser script may read from our answers (the others are CORS-safelisted). */
export const EXPOSED_HEADERS = 'ETag, Link, Vary, Content-Location, Content-Language'

type Encoding = 'br' | 'gzip' | 'identity'

/** The best encoding the client accepts: br, then gzip, else identity (RFC 9110 §12.5.3). */
export function chooseEncoding(header: string | undefined): Encoding {
  if (!header) return 'identity'
  const q = new Map<string, number>()
  for (const member of header.split(',')) {
    const [name, ...params] = member.trim().toLowerCase().split(';')
    const weight = Number(params.find((param) => param.trim().startsWith('q='))?.trim().slice(2) ?? '1')
    if (name) q.set(name.trim(), Number.isFinite(weight) ? weight : 0)
  }
  const weight = (name: string) => q.get(name) ?? q.get('*') ?? 0
  if (weight('br') > 0) return 'br'
  if (weight('gzip') > 0) return 'gzip'
  return 'identity'
}

const encodedEtag = (etag: string, encoding: Encoding) => (encoding === 'identity' ? etag : `${etag.slice(0, -1)}-${encoding}"`)

/** Weak comparison (RFC 9110 §13.1.2) against the form's validator in any of its encodings. */
export function matchesIfNoneMatch(header: string | undefined, etag: string): boolean {
  if (!header) return false
  if (header.trim() === '*') return true
  const bare = etag.slice(1, -1)
  return header.split(',').some((member) => {
    const tag = member.trim().replace(/^W\//, '').replace(/^"|"$/g, '').replace(/-(br|gzip)$/, '')
    return tag === bare
  })
}

function isNotModifiedSince(header: string | undefined, modified: Date | undefined): boolean {
  if (!header || !modified) return false
  const since = Date.parse(header)
  return Number.isFinite(since) && Math.floor(modified.getTime() / 1000) * 1000 <= since
}

/** The body as UTF-8 bytes, made once: encoding 10 KB of Chinese text on every answer costs more than sending it. */
function identityBytes(form: CachedForm, onEncoded?: (bytes: number) => void): Uint8Array {
  let bytes = form.encoded.get('identity')
  if (!bytes) {
    form.encoded.set('identity', (bytes = Buffer.from(form.body, 'utf8')))
    onEncoded?.(bytes.byteLength)
  }
  return bytes
}

function encode(form: CachedForm, encoding: Exclude<Encoding, 'identity'>): { bytes: Uint8Array; isNew: boolean } {
  const cached = form.encoded.get(encoding)
  if (cached) return { bytes: cached, isNew: false }
  const input = Buffer.from(form.body, 'utf8')
  const bytes = encoding === 'br'
    ? brotliCompressSync(input, { params: { [zlib.BROTLI_PARAM_QUALITY]: 9, [zlib.BROTLI_PARAM_SIZE_HINT]: input.length } })
    : gzipSync(input, { level: 9 })
  form.encoded.set(encoding, bytes)
  return { bytes, isNew: true }
}

export interface SendOptions {
  contentType: string
  /** The request headers the answer depends on (Accept-Encoding is added when the body may be compressed). */
  vary?: string
  modified?: Date
  headers?: Record<string, string>
  /** Told how many bytes a newly compressed body adds (for the cache's budget). */
  onEncoded?: (bytes: number) => void
}

/** Full header sets of 200 answers, made once per planned variant (`options.headers`) and encoding. */
const madeHeaders = new WeakMap<object, Map<string, Record<string, string>>>()

function headersOf(form: CachedForm, options: SendOptions, encoding: Encoding, isSmall: boolean): Record<string, string> {
  const anchor = options.headers
  const key = `${encoding}|${form.etag}|${options.contentType}|${options.vary ?? ''}`
  const cached = anchor && madeHeaders.get(anchor)?.get(key)
  if (cached) return cached
  const vary = [options.vary, isSmall ? '' : 'Accept-Encoding'].filter(Boolean).join(', ')
  const headers: Record<string, string> = {
    ...(vary ? { Vary: vary } : {}),
    ETag: encodedEtag(form.etag, encoding),
    'Cache-Control': 'public, max-age=60, must-revalidate',
    'Access-Control-Expose-Headers': EXPOSED_HEADERS,
    ...(options.modified ? { 'Last-Modified': options.modified.toUTCString() } : {}),
    ...options.headers,
    'Content-Type': options.contentType,
    ...(encoding === 'identity' ? {} : { 'Content-Encoding': encoding }),
  }
  if (anchor) {
    let byKey = madeHeaders.get(anchor)
    if (!byKey) madeHeaders.set(anchor, (byKey = new Map()))
    if (byKey.size < 8) byKey.set(key, headers)
  }
  return headers
}

/** 200 with the form (compressed when worth it), or 304 when the client's copy is current. */
export function sendForm(c: Context, form: CachedForm, options: SendOptions): Response {
  const isSmall = form.body.length < MIN_COMPRESS_BYTES
  const encoding = isSmall ? 'identity' : chooseEncoding(c.req.header('accept-encoding'))
  const headers = headersOf(form, options, encoding, isSmall)
  const ifNoneMatch = c.req.header('if-none-match')
  const isFresh = ifNoneMatch !== undefined ? matchesIfNoneMatch(ifNoneMatch, form.etag) : isNotModifiedSince(c.req.header('if-modified-since'), options.modified)
  if (isFresh) {
    const { 'Content-Type': _type, 'Content-Encoding': _encoding, ...validators } = headers
    return c.body(null, 304, validators)
  }
  if (encoding === 'identity') return c.body(identityBytes(form, options.onEncoded) as Uint8Array<ArrayBuffer>, 200, headers)
  const { bytes, isNew } = encode(form, encoding)
  if (isNew) options.onEncoded?.(bytes.byteLength)
  return c.body(bytes as Uint8Array<ArrayBuffer>, 200, headers)
}
