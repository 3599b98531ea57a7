/**
 * Write tokens: who may change the graph. A token is `ogd_<id>_<secret>`; the file (`tokens.json` beside the
 * snapshot, mode 0600) keeps only the id, what the token may do, and an scrypt hash of the secret (RFC 7914 via
 * node:crypto, N=2^14, r=8, p=1, 16-byte salt): the secret is shown once, at creation, and never stored.
 */
import { createHash, randomBytes, scrypt as scryptCallback, timingSafeEqual, type BinaryLike, type ScryptOptions } from 'node:crypto'
import { existsSync, readFileSync, renameSync, statSync, writeFileSync } from 'node:fs'
import { join } from 'node:path'
import { AppError } from '../errors.ts'

export const TOKENS_FILE = 'tokens.json'
export const SCOPES = ['write', 'sync', 'admin'] as const
export type Scope = (typeof SCOPES)[number]

export interface TokenRecord {
  id: string
  /** The agency code whose records the token may write (write scope); optional for sync and admin. */
  agency?: string
  includeSubordinates: boolean
  scope: Scope
  createdAt: string
  revokedAt?: string
  /** scrypt$N$r$p$salt$hash, base64url. */
  hash: string
}

const SCRYPT = { N: 1 << 14, r: 8, p: 1, keylen: 32 }

function scrypt(secret: BinaryLike, salt: Buffer, keylen: number, options: ScryptOptions): Promise<Buffer> {
  return new Promise((resolve, reject) => scryptCallback(secret, salt, keylen, options, (error, key) => (error ? reject(error) : resolve(key))))
}

async function hashSecret(secret: string): Promise<string> {
  const salt = randomBytes(16)
  const key = await scrypt(secret, salt, SCRYPT.keylen, { N: SCRYPT.N, r: SCRYPT.r, p: SCRYPT.p })
  return ['scrypt', SCRYPT.N, SCRYPT.r, SCRYPT.p, salt.toString('base64url'), key.toString('base64url')].join('$')
}

async function matchesHash(secret: string, stored: string): Promise<boolean> {
  const [kind, n, r, p, salt, hash] = stored.split('$')
  if (kind !== 'scrypt' || !salt || !hash) return false
  const expected = Buffer.from(hash, 'base64url')
  const key = await scrypt(secret, Buffer.from(salt, 'base64url'), expected.length, { N: Number(n), r: Number(r), p: Number(p) })
  return timingSafeEqual(key, expected)
}

const TOKEN_SHAPE = /^ogd_([0-9a-f]{12})_([A-Za-z0-9_-]{43})$/

export const tokensPath = (dir: string) => join(dir, TOKENS_FILE)

/** Every token record in DIR (none when the file is absent). */
export function readTokens(dir: string): TokenRecord[] {
  const path = tokensPath(dir)
  if (!existsSync(path)) return []
  try {
    return (JSON.parse(readFileSync(path, 'utf8')) as { tokens: TokenRecord[] }).tokens
  } catch (error) {
    throw new AppError('invalid_config', `${path}: not a token file (${(error as Error).message})`)
  }
}

function writeTokens(dir: string, tokens: readonly TokenRecord[]): void {
  const path = tokensPath(dir)
  writeFileSync(`${path}.tmp`, JSON.stringify({ tokens }, null, 1) + '\n', { mode: 0o600 })
  renameSync(`${path}.tmp`, path)
}

/** Create a token; the returned secret is the only copy. */
export async function createToken(dir: string, options: { agency?: string; includeSubordinates?: boolean; scope: Scope }, now = new Date()): Promise<{ token: string; record: TokenRecord }> {
  if (!SCOPES.includes(options.scope)) throw new AppError('invalid_data', `scope must be one of ${SCOPES.join(', ')}, not "${options.scope}"`)
  if (options.scope === 'write' && !options.agency) throw new AppError('invalid_data', 'a write token needs --agency CODE: it may write only that agency\'s records')
  if (options.agency !== undefined && !/^[0-9A-Z]{10}$/.test(options.agency)) throw new AppError('invalid_data', `--agency must be a 10-character DGPA agency code (e.g. A41000000G), not "${options.agency}"`)
  const id = randomBytes(6).toString('hex')
  const secret = randomBytes(32).toString('base64url')
  const record: TokenRecord = {
    id,
    ...(options.agency ? { agency: options.agency } : {}),
    includeSubordinates: options.includeSubordinates ?? false,
    scope: options.scope,
    createdAt: now.toISOString(),
    hash: await hashSecret(secret),
  }
  writeTokens(dir, [...readTokens(dir), record])
  return { token: `ogd_${id}_${secret}`, record }
}

/** Revoke a token by id; revoking one already revoked changes nothing. */
export function revokeToken(dir: string, id: string, now = new Date()): TokenRecord {
  const tokens = readTokens(dir)
  const record = tokens.find((t) => t.id === id)
  if (!record) throw new AppError('not_found', `no token with id ${id} (ogd token list shows them)`)
  if (!record.revokedAt) {
    record.revokedAt = now.toISOString()
    writeTokens(dir, tokens)
  }
  return record
}

export interface TokenVerifier {
  /** Whether any token is active: write endpoints are off until one is. */
  hasActiveTokens(): boolean
  /** The active record of a presented token, or undefined (unknown, bad secret, revoked). */
  verify(token: string): Promise<TokenRecord | undefined>
}

/**
 * Verify tokens against DIR's file, re-read when it changes (a revocation takes effect on the next request). A secret
 * once verified is remembered by its exact text for as long as its record is unchanged, so scrypt runs once per token.
 */
export function createTokenVerifier(dir: string): TokenVerifier {
  let loaded: { mtimeMs: number; size: number; tokens: TokenRecord[] } | undefined
  const verified = new Map<string, string>() // sha256 of the token → the record's hash it matched (no secret kept)
  const current = (): TokenRecord[] => {
    const path = tokensPath(dir)
    if (!existsSync(path)) return []
    const { mtimeMs, size } = statSync(path)
    if (!loaded || loaded.mtimeMs !== mtimeMs || loaded.size !== size) loaded = { mtimeMs, size, tokens: readTokens(dir) }
    return loaded.tokens
  }
  return {
    hasActiveTokens: () => current().some((t) => !t.revokedAt),
    async verify(token) {
      const match = TOKEN_SHAPE.exec(token)
      if (!match) return undefined
      const record = current().find((t) => t.id === match[1])
      if (!record || record.revokedAt) return undefined
      const key = createHash('sha256').update(token).digest('base64url')
      if (verified.get(key) === record.hash) return record
      if (!(await matchesHash(match[2]!, record.hash))) return undefined
      verified.set(key, record.hash)
      return record
    },
  }
}
