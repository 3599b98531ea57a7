/**
 * HTTP Digest access authentication, client side (RFC 7616), as Virtuoso's /sparql-auth asks for it: MD5 or
 * SHA-256 (and their -sess variants), qop "auth". A fetch wrapper answers the 401 challenge once and then reuses the
 * server's nonce with an increasing nonce count, so that most requests need one round trip.
 */
import { createHash, randomBytes } from 'node:crypto'

export interface DigestCredentials {
  user: string
  password: string
}

interface Challenge {
  realm: string
  nonce: string
  opaque?: string
  qop?: string
  algorithm: string
}

/** The parameters of a `WWW-Authenticate: Digest …` header, or undefined when it is not a Digest challenge. */
export function parseDigestChallenge(header: string | null): Challenge | undefined {
  if (!header || !/^\s*Digest\s/i.test(header)) return undefined
  const params: Record<string, string> = {}
  for (const match of header.replace(/^\s*Digest\s+/i, '').matchAll(/([a-z0-9_-]+)\s*=\s*(?:"((?:[^"\\]|\\.)*)"|([^\s,]+))/gi)) {
    params[match[1]!.toLowerCase()] = match[2] !== undefined ? match[2].replace(/\\(.)/g, '$1') : match[3]!
  }
  if (!params.realm || !params.nonce) return undefined
  return { realm: params.realm, nonce: params.nonce, opaque: params.opaque, qop: params.qop, algorithm: params.algorithm ?? 'MD5' }
}

const HASHES: Record<string, string> = { 'MD5': 'md5', 'SHA-256': 'sha256', 'SHA-512-256': 'sha512-256' }

/** The Authorization header value for one request (RFC 7616 §3.4). */
export function digestAuthorization(challenge: Challenge, credentials: DigestCredentials, method: string, uri: string, nonceCount: number, cnonce = randomBytes(16).toString('hex')): string {
  const isSession = /-sess$/i.test(challenge.algorithm)
  const base = challenge.algorithm.replace(/-sess$/i, '').toUpperCase()
  const algorithm = HASHES[base]
  if (!algorithm) throw new Error(`the server asks for digest algorithm ${challenge.algorithm}, which is not supported (MD5, SHA-256)`)
  const hash = (text: string) => createHash(algorithm).update(text, 'utf8').digest('hex')
  const qop = challenge.qop?.split(',').map((q) => q.trim()).includes('auth') ? 'auth' : undefined
  const nc = nonceCount.toString(16).padStart(8, '0')
  let ha1 = hash(`${credentials.user}:${challenge.realm}:${credentials.password}`)
  if (isSession) ha1 = hash(`${ha1}:${challenge.nonce}:${cnonce}`)
  const ha2 = hash(`${method}:${uri}`)
  const response = qop ? hash(`${ha1}:${challenge.nonce}:${nc}:${cnonce}:${qop}:${ha2}`) : hash(`${ha1}:${challenge.nonce}:${ha2}`)
  const quote = (value: string) => `"${value.replace(/(["\\])/g, '\\$1')}"`
  const parts = [
    `username=${quote(credentials.user)}`, `realm=${quote(challenge.realm)}`, `nonce=${quote(challenge.nonce)}`, `uri=${quote(uri)}`,
    `algorithm=${challenge.algorithm}`, `response=${quote(response)}`,
    ...(qop ? [`qop=${qop}`, `nc=${nc}`, `cnonce=${quote(cnonce)}`] : []),
    ...(challenge.opaque !== undefined ? [`opaque=${quote(challenge.opaque)}`] : []),
  ]
  return `Digest ${parts.join(', ')}`
}

/** fetch with Digest authentication: the first 401 challenge is answered, later requests reuse its nonce. */
export function createDigestFetch(credentials: DigestCredentials, baseFetch: typeof fetch = fetch): typeof fetch {
  let challenge: Challenge | undefined
  let nonceCount = 0
  return (async (input: string | URL | Request, init: RequestInit = {}) => {
    const url = new URL(typeof input === 'string' || input instanceof URL ? input : input.url)
    const method = (init.method ?? 'GET').toUpperCase()
    const send = () => {
      const headers = new Headers(init.headers)
      if (challenge) headers.set('authorization', digestAuthorization(challenge, credentials, method, url.pathname + url.search, ++nonceCount))
      return baseFetch(url, { ...init, headers })
    }
    let response = await send()
    if (response.status !== 401) return response
    const fresh = parseDigestChallenge(response.headers.get('www-authenticate'))
    // No Digest challenge, or credentials already sent for this very nonce and refused: the answer stands.
    if (!fresh || (challenge && fresh.nonce === challenge.nonce && !/stale\s*=\s*"?true/i.test(response.headers.get('www-authenticate') ?? ''))) return response
    await response.body?.cancel()
    challenge = fresh
    nonceCount = 0
    response = await send()
    return response
  }) as typeof fetch
}
