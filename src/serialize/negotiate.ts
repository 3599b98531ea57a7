/** Content negotiation: pick one offered format from an Accept header (RFC 9110 §12.5.1) or a `format` parameter. */
import { AppError } from '../errors.ts'
import { FORMATS, type Format } from './formats.ts'

interface MediaRange {
  type: string
  subtype: string
  q: number
}

/** How specific a matching range is: exact 3, `type/*` 2, `*\/*` 1; 0 when it does not match. */
function specificity(range: MediaRange, mediaType: string): number {
  const [type, subtype] = mediaType.split('/') as [string, string]
  if (range.type === '*' && range.subtype === '*') return 1
  if (range.type !== type) return 0
  if (range.subtype === '*') return 2
  return range.subtype === subtype ? 3 : 0
}

/** Parse an Accept header; malformed members are skipped, a malformed q counts as 0 (RFC 9110 §12.4.2). */
export function parseAccept(accept: string): MediaRange[] {
  const ranges: MediaRange[] = []
  for (const member of accept.split(',')) {
    const [mediaRange, ...params] = member.split(';').map((part) => part.trim())
    const match = /^([a-z0-9!#$%&'*+.^_`|~-]+)\/([a-z0-9!#$%&'*+.^_`|~-]+)$/i.exec(mediaRange ?? '')
    if (!match) continue
    const qParam = params.find((param) => /^q\s*=/i.test(param))
    const qText = qParam?.split('=')[1]?.trim()
    const q = qText === undefined ? 1 : /^(0(\.\d{0,3})?|1(\.0{0,3})?)$/.test(qText) ? Number(qText) : 0
    ranges.push({ type: match[1]!.toLowerCase(), subtype: match[2]!.toLowerCase(), q })
  }
  return ranges
}

/** q and specificity of the best range matching any of the format's media types. */
function score(format: Format, ranges: MediaRange[]): { q: number; specificity: number } {
  const zero = { q: 0, specificity: 0 }
  // The most specific matching range decides the q of a media type (RFC 9110 §12.5.1).
  const rate = (mediaType: string) => {
    let chosen = zero
    for (const range of ranges) {
      const s = specificity(range, mediaType)
      if (s > chosen.specificity || (s > 0 && s === chosen.specificity && range.q > chosen.q)) chosen = { q: range.q, specificity: s }
    }
    return chosen
  }
  // We always send the canonical type: if the client refuses it by name, an alias cannot bring the format back.
  const canonical = rate(format.mediaTypes[0])
  if (canonical.specificity === 3 && canonical.q === 0) return zero
  return format.mediaTypes.map(rate).reduce((best, r) => (r.q > best.q || (r.q === best.q && r.specificity > best.specificity) ? r : best), zero)
}

const describeOffered = (offered: readonly Format[]) => offered.map((format) => format.mediaTypes[0])

/**
 * Choose the offered format the client prefers: highest q, then the more specific match, then table order.
 * No Accept header means anything goes (the first offered). Nothing acceptable is AppError('not_acceptable').
 */
export function negotiate(accept: string | undefined | null, offered: readonly Format[]): Format {
  if (offered.length === 0) throw new AppError('internal', 'negotiate() called with nothing to offer')
  if (accept === undefined || accept === null || accept.trim() === '') return offered[0]!
  const ranges = parseAccept(accept)
  let best: { format: Format; q: number; specificity: number } | undefined
  for (const format of offered) {
    const { q, specificity: s } = score(format, ranges)
    if (q > 0 && (!best || q > best.q || (q === best.q && s > best.specificity))) best = { format, q, specificity: s }
  }
  if (!best) {
    throw new AppError('not_acceptable', `none of the offered media types matches Accept: ${accept}; offered: ${describeOffered(offered).join(', ')}`, {
      offered: describeOffered(offered),
    })
  }
  return best.format
}

/**
 * The `format` parameter override: a format id (`json`, `ttl`…) or a media type. An unknown value is a bad request;
 * a known format of the wrong kind (e.g. `ttl` for a SELECT) is not acceptable.
 */
export function formatFromParameter(value: string, offered: readonly Format[]): Format {
  const wanted = value.trim().toLowerCase()
  const known = FORMATS.find((format) => format.id === wanted) ?? FORMATS.find((format) => format.mediaTypes.includes(wanted))
  if (!known) {
    throw new AppError('bad_request', `unknown format "${value}": use one of ${FORMATS.map((format) => format.id).join(', ')}`, {
      formats: FORMATS.map((format) => format.id),
    })
  }
  const match = offered.find((format) => format.id === known.id) ?? offered.find((format) => format.mediaTypes.includes(wanted))
  if (!match) {
    throw new AppError('not_acceptable', `format "${value}" is not offered for this response; offered: ${offered.map((format) => format.id).join(', ')}`, {
      offered: describeOffered(offered),
    })
  }
  return match
}

/** Whether a browser-like client prefers HTML over the offered formats (for the query UI on GET /sparql). */
export function prefersHtml(accept: string | undefined | null, offered: readonly Format[]): boolean {
  if (!accept) return false
  const ranges = parseAccept(accept)
  const html = ranges.filter((range) => specificity(range, 'text/html') === 3).reduce((q, range) => Math.max(q, range.q), 0)
  if (html === 0) return false
  return offered.every((format) => score(format, ranges).q < html || score(format, ranges).specificity < 3)
}
