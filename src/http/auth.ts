/**
 * Bearer tokens for writes (RFC 6750 §2.1, the Authorization header only): 401 without or with a bad token, 403
 * outside its scope, and 403 for every write while no token exists (writes are off by default). A token in the URL
 * (§2.3) is refused: URLs end up in logs, proxies and browser histories.
 */
import type { Context, MiddlewareHandler } from 'hono'
import type { Scope, TokenRecord, TokenVerifier } from '../auth/tokens.ts'
import { AppError } from '../errors.ts'

export type WriteEnv = { Variables: { token: TokenRecord } }

const TOKEN_IN_URL = /(?:^|[?&])(?:access_token|token|bearer)=|ogd_[0-9a-f]{12}_/i

/** The presented token's record, or the refusal. */
async function authenticate(c: Context, verifier: TokenVerifier): Promise<TokenRecord> {
  const query = new URL(c.req.url).search
  if (TOKEN_IN_URL.test(decodeURIComponent(query))) {
    throw new AppError('unauthorized', 'a token in the URL is refused (URLs are logged and kept in histories): send it as "Authorization: Bearer <token>"', { bearerError: 'invalid_request' })
  }
  if (!verifier.hasActiveTokens()) throw new AppError('forbidden', 'writes are off on this server: no token exists yet (an operator creates one with `ogd token create --agency CODE --scope write|sync|admin`)')
  const header = c.req.header('authorization')
  if (!header) throw new AppError('unauthorized', 'this request changes the graph and needs a token: send "Authorization: Bearer <token>"')
  const match = /^Bearer\s+(\S+)\s*$/i.exec(header)
  if (!match) throw new AppError('unauthorized', 'only Bearer tokens are accepted: "Authorization: Bearer <token>"', { bearerError: 'invalid_request' })
  const record = await verifier.verify(match[1]!)
  if (!record) throw new AppError('unauthorized', 'the token is unknown, wrong or revoked', { bearerError: 'invalid_token' })
  return record
}

/** Require a token whose scope is one of `scopes` (admin always passes). */
export function requireToken(verifier: TokenVerifier, scopes: readonly Scope[]): MiddlewareHandler<WriteEnv> {
  return async (c, next) => {
    const record = await authenticate(c, verifier)
    if (record.scope !== 'admin' && !scopes.includes(record.scope)) {
      throw new AppError('forbidden', `token ${record.id} has scope ${record.scope}; this needs ${[...scopes, 'admin'].filter((s, i, all) => all.indexOf(s) === i).join(' or ')}`)
    }
    c.set('token', record)
    await next()
  }
}
