/** `ogd token create|list|revoke`: the write tokens of the server that serves this snapshot directory (src/auth/tokens.ts). */
import { mkdirSync } from 'node:fs'
import { createToken, readTokens, revokeToken, type Scope } from '../auth/tokens.ts'
import { resolveSnapshotDir } from './paths.ts'

export async function runTokenCreateCommand(opts: { snapshot: string; agency?: string; includeSubordinates?: boolean; scope: Scope }): Promise<number> {
  const dir = resolveSnapshotDir(process.env.SNAPSHOT_DIR ?? opts.snapshot)
  mkdirSync(dir, { recursive: true })
  const { token, record } = await createToken(dir, { agency: opts.agency, includeSubordinates: opts.includeSubordinates, scope: opts.scope })
  process.stdout.write(`${token}\n`)
  const who = record.agency ? `agency ${record.agency}${record.includeSubordinates ? ' and its subordinates' : ''}` : 'any agency'
  process.stderr.write(`token ${record.id}: scope ${record.scope}, ${who}. This is the only time the token is shown: only its scrypt hash is kept. Send it as "Authorization: Bearer <token>".\n`)
  return 0
}

export async function runTokenListCommand(opts: { snapshot: string; json?: boolean }): Promise<number> {
  const tokens = readTokens(resolveSnapshotDir(process.env.SNAPSHOT_DIR ?? opts.snapshot)).map(({ hash: _hash, ...rest }) => rest)
  if (opts.json) process.stdout.write(JSON.stringify(tokens, null, 1) + '\n')
  else for (const t of tokens) process.stdout.write(`${t.id}\t${t.scope}\t${t.agency ?? '*'}${t.includeSubordinates ? '+subordinates' : ''}\t${t.createdAt}\t${t.revokedAt ? `revoked ${t.revokedAt}` : 'active'}\n`)
  return 0
}

export async function runTokenRevokeCommand(opts: { snapshot: string; id: string }): Promise<number> {
  const record = revokeToken(resolveSnapshotDir(process.env.SNAPSHOT_DIR ?? opts.snapshot), opts.id)
  process.stdout.write(`token ${record.id} revoked at ${record.revokedAt}\n`)
  return 0
}
