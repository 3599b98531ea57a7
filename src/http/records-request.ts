/** Reading a record request: the IRI asked for (path normalised, suffix split off), the format and the language. */
import type { Context } from 'hono'
import { AppError } from '../errors.ts'
import type { RecordFormat } from '../records/record-forms.ts'
import type { ContextLanguage } from '../serialize/context.ts'
import { formatById, type Format } from '../serialize/formats.ts'
import { negotiate, prefersHtml } from '../serialize/negotiate.ts'
import { publicOrigin } from './catalog-request.ts'
import type { AppEnv } from './deps.ts'
import { badRequest, notFound } from './errors.ts'

/** RDF formats of a record, in preference order: JSON-LD when anything goes (`*\/*`, no Accept). */
export const RECORD_RDF_FORMATS: readonly Format[] = (['jsonld', 'ttl', 'nt', 'rdf'] as const).map(formatById)

export const SUFFIXES: Readonly<Record<string, RecordFormat>> = { jsonld: 'jsonld', ttl: 'ttl', nt: 'nt', rdf: 'rdf', html: 'html' }

export interface RecordTarget {
  /** The path with every segment percent-encoded as our IRIs are minted (encodeURIComponent), without suffix. */
  path: string
  /** The format named by a suffix (`.ttl`), if any. */
  suffix?: RecordFormat
}

/** Re-encode each segment the way src/model/iris.ts mints them, so `%e7` and a raw `經` both find `%E7…`. */
function normaliseSegment(segment: string): string {
  try {
    return encodeURIComponent(decodeURIComponent(segment))
  } catch {
    throw notFound(`the path segment ${JSON.stringify(segment)} (not valid percent-encoding)`)
  }
}

/** The record path and suffix of a request URL. */
export function readTarget(url: string): RecordTarget {
  const pathStart = url.indexOf('/', url.indexOf('//') + 2)
  const queryStart = url.indexOf('?', pathStart)
  const raw = url.slice(pathStart, queryStart < 0 ? undefined : queryStart)
  // The common case (ASCII ids, no suffix) needs no decoding: minted paths are already encoded.
  if (!raw.includes('%') && !raw.includes('.') && /^[\x21-\x7e]*$/.test(raw)) return { path: raw }
  const segments = raw.split('/').slice(1).map(normaliseSegment)
  const last = segments[segments.length - 1] ?? ''
  const match = /^(.+)\.([a-z]+)$/.exec(last)
  if (match && SUFFIXES[match[2]!]) {
    segments[segments.length - 1] = match[1]!
    return { path: `/${segments.join('/')}`, suffix: SUFFIXES[match[2]!] }
  }
  return { path: `/${segments.join('/')}` }
}

/** Answers for Accept headers already seen (clients send the same few over and over). */
const chosenFormats = new Map<string, RecordFormat>()
const MAX_REMEMBERED = 256

/** The format: the suffix decides; else HTML when the client prefers it, else Accept among the RDF formats. */
export function chooseFormat(accept: string | undefined, suffix: RecordFormat | undefined): RecordFormat {
  if (suffix) return suffix
  const remembered = chosenFormats.get(accept ?? '')
  if (remembered) return remembered
  const format = negotiateFormat(accept)
  if (chosenFormats.size < MAX_REMEMBERED) chosenFormats.set(accept ?? '', format)
  return format
}

function negotiateFormat(accept: string | undefined): RecordFormat {
  if (prefersHtml(accept, RECORD_RDF_FORMATS)) return 'html'
  try {
    return negotiate(accept, RECORD_RDF_FORMATS).id as RecordFormat
  } catch (error) {
    if (error instanceof AppError && error.code === 'not_acceptable') {
      const offered = ['text/html', ...RECORD_RDF_FORMATS.map((format) => format.mediaTypes[0])]
      throw new AppError('not_acceptable', `none of the offered media types matches Accept: ${accept}; offered: ${offered.join(', ')}`, { offered })
    }
    throw error
  }
}

/** Language ranges of an Accept-Language header, best first (RFC 9110 §12.5.4). */
function parseAcceptLanguage(header: string): { tag: string; q: number }[] {
  return header.split(',').map((member) => {
    const [tag, ...params] = member.trim().split(';')
    const q = Number(params.find((param) => param.trim().startsWith('q='))?.trim().slice(2) ?? '1')
    return { tag: (tag ?? '').trim().toLowerCase(), q: Number.isFinite(q) ? q : 0 }
  }).filter((range) => range.tag !== '' && range.q > 0).sort((a, b) => b.q - a.q)
}

/**
 * The language flavour: `?lang=zh|en|all`, else (for pages people read, `readsAcceptLanguage`) the best of zh/en in
 * Accept-Language, else 'all' (language maps). A wildcard or a language we do not hold keeps every language.
 * Data (JSON-LD) ignores Accept-Language: one URL gives one JSON shape whatever the browser's settings; a
 * language-picked shape only when asked for by name (`?lang=`).
 */
export function chooseLanguage(c: Context, readsAcceptLanguage = true): ContextLanguage {
  const values = c.req.url.includes('?') ? c.req.queries('lang') : undefined
  if (values && values.length > 1) throw badRequest('parameter lang was given more than once; give it once', { parameter: 'lang' })
  const parameter = values?.[0]
  if (parameter !== undefined) {
    if (parameter === 'zh' || parameter === 'en' || parameter === 'all') return parameter
    throw badRequest(`unknown lang "${parameter}": use zh, en or all`, { parameter: 'lang', allowed: ['zh', 'en', 'all'] })
  }
  const header = readsAcceptLanguage ? c.req.header('accept-language') : undefined
  if (!header) return 'all'
  let language = chosenLanguages.get(header)
  if (!language) {
    language = languageOf(header)
    if (chosenLanguages.size < MAX_REMEMBERED) chosenLanguages.set(header, language)
  }
  return language
}

const chosenLanguages = new Map<string, ContextLanguage>()

function languageOf(header: string): ContextLanguage {
  for (const range of parseAcceptLanguage(header)) {
    if (range.tag === '*') return 'all'
    if (range.tag === 'zh' || range.tag.startsWith('zh-')) return 'zh'
    if (range.tag === 'en' || range.tag.startsWith('en-')) return 'en'
  }
  return 'all'
}

/** The public origin: the request's own when no proxy header is present (cheap), else publicOrigin's reading. */
export function requestOrigin(c: Context): string {
  const headers = c.req.raw.headers
  if ((c as Context<AppEnv>).get('isForwardingTrusted') !== true || (!headers.has('x-forwarded-proto') && !headers.has('x-forwarded-host') && !headers.has('forwarded') && !headers.has('x-forwarded-prefix'))) {
    const url = c.req.url
    return url.slice(0, url.indexOf('/', url.indexOf('//') + 2))
  }
  return publicOrigin(c)
}
