/** Reading a catalogue request: its public origin behind proxies, single-valued parameters, the format asked for. */
import type { Context } from 'hono'
import { formatById, type Format } from '../serialize/formats.ts'
import { formatFromParameter, negotiate } from '../serialize/negotiate.ts'
import type { AppEnv } from './deps.ts'
import { badRequest } from './errors.ts'

/** The RDF formats a catalogue page is offered in, in preference order (Turtle when anything goes). */
export const CATALOG_FORMATS: readonly Format[] = (['ttl', 'jsonld', 'rdf', 'nt'] as const).map(formatById)

const HOST = /^[A-Za-z0-9.-]+(:\d{1,5})?$|^\[[0-9A-Fa-f:.]+\](:\d{1,5})?$/
const PREFIX = /^(\/[A-Za-z0-9._~-]+)*$/

const firstOf = (header: string | undefined) => header?.split(',')[0]?.trim() || undefined

/** `Forwarded: for=…;proto=https;host=example.org` (RFC 7239), first element only. */
function forwardedPair(header: string | undefined, key: 'proto' | 'host'): string | undefined {
  const element = firstOf(header)
  const match = element && new RegExp(`(?:^|;)\\s*${key}="?([^";]+)"?`, 'i').exec(element)
  return match ? match[1] : undefined
}

/**
 * The origin (and path prefix) the client used, so that page links stay right behind a proxy: X-Forwarded-Proto,
 * -Host and -Prefix, or Forwarded, when the peer is a trusted proxy, else the request itself. Values that are not a
 * scheme, host or path are ignored.
 */
export function publicOrigin(c: Context): string {
  const url = new URL(c.req.url)
  // Only from a configured proxy (TRUST_PROXY, src/http/forwarding.ts); from anyone else they are ignored.
  if ((c as Context<AppEnv>).get('isForwardingTrusted') !== true) return url.origin
  const proto = firstOf(c.req.header('x-forwarded-proto')) ?? forwardedPair(c.req.header('forwarded'), 'proto')
  const host = firstOf(c.req.header('x-forwarded-host')) ?? forwardedPair(c.req.header('forwarded'), 'host') ?? c.req.header('host')
  const prefix = firstOf(c.req.header('x-forwarded-prefix'))?.replace(/\/+$/, '')
  const scheme = proto && /^https?$/i.test(proto) ? proto.toLowerCase() : url.protocol.replace(':', '')
  const authority = host && HOST.test(host) ? host : url.host
  return `${scheme}://${authority}${prefix && PREFIX.test(prefix) ? prefix : ''}`
}

/** The value of a parameter that may appear at most once (ambiguity is an error, not a guess). */
export function singleParameter(c: Context, name: string): string | undefined {
  const values = c.req.queries(name)
  if (values && values.length > 1) throw badRequest(`parameter ${name} was given ${values.length} times; give it once`, { parameter: name })
  return values?.[0]
}

/** The format: the path's extension, else `?format=`, else Accept. An extension and a different `format` conflict. */
export function catalogFormat(c: Context, extension: string | undefined): Format {
  const parameter = singleParameter(c, 'format')
  const fromExtension = extension ? CATALOG_FORMATS.find((f) => f.extensions.includes(extension)) : undefined
  const fromParameter = parameter !== undefined ? formatFromParameter(parameter, CATALOG_FORMATS) : undefined
  if (fromExtension && fromParameter && fromExtension !== fromParameter) {
    throw badRequest(`the path asks for .${extension} and format asks for ${parameter}: ask once`, { parameter: 'format' })
  }
  return fromExtension ?? fromParameter ?? negotiate(c.req.header('accept'), CATALOG_FORMATS)
}

/** A URL of the same route with `params` (undefined values left out), in the given order. */
export function linkTo(origin: string, path: string, params: Record<string, string | number | undefined>): string {
  const query = Object.entries(params)
    .filter(([, value]) => value !== undefined)
    .map(([key, value]) => `${key}=${encodeURIComponent(String(value))}`)
    .join('&')
  return `${origin}${path}${query ? `?${query}` : ''}`
}
