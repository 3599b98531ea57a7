/**
 * Forwarded headers, only from configured proxies (TRUST_PROXY, src/proxy-trust.ts): this middleware decides per
 * request whether the peer's X-Forwarded-… and Forwarded headers count and who the client is; publicOrigin and clientOf
 * read its verdict. While they count, every answer says so in Vary, so that a shared cache never serves one
 * client's forwarded origin to another.
 */
import type { MiddlewareHandler } from 'hono'
import type { Config } from '../config.ts'
import { parseTrustProxy, resolveForwarding } from '../proxy-trust.ts'
import type { AppEnv } from './deps.ts'

export const FORWARDED_HEADERS = ['X-Forwarded-Host', 'X-Forwarded-Proto', 'X-Forwarded-Prefix', 'Forwarded'] as const

/** The socket's remote address, when the request came over one (in-process test requests have none). */
function peerOf(env: unknown): string | undefined {
  return (env as { incoming?: { socket?: { remoteAddress?: string } } } | undefined)?.incoming?.socket?.remoteAddress
}

/** Add `names` to a Vary value, once each (case-insensitively), keeping what is there. */
export function addToVary(current: string | null, names: readonly string[]): string {
  const present = (current ?? '').split(',').map((name) => name.trim()).filter(Boolean)
  if (present.includes('*')) return '*'
  const lower = new Set(present.map((name) => name.toLowerCase()))
  return [...present, ...names.filter((name) => !lower.has(name.toLowerCase()))].join(', ')
}

export function forwarding(config: Pick<Config, 'trustProxy'>): MiddlewareHandler<AppEnv> {
  const trust = parseTrustProxy(config.trustProxy ?? '')
  return async (c, next) => {
    const peer = peerOf(c.env)
    // A request without a socket comes from this process (app.request): it is as local as loopback.
    const { client, isPeerTrusted } = resolveForwarding(trust, peer ?? '127.0.0.1', c.req.header('x-forwarded-for'))
    c.set('clientAddress', peer === undefined && client === '127.0.0.1' ? 'local' : client)
    c.set('isForwardingTrusted', isPeerTrusted)
    await next()
    if (isPeerTrusted) c.res.headers.set('Vary', addToVary(c.res.headers.get('Vary'), FORWARDED_HEADERS))
  }
}
