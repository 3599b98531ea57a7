/**
 * Strikes per client. A query stopped at its deadline, or one that exhausted the engine, costs a replica: its worker
 * is replaced and reloads the whole graph (about 20 s per replica on the 50,000-dataset graph). A client whose
 * queries did that `limit` times within `windowMs` has its queries refused (429, with Retry-After until its oldest
 * strike expires), so that one client sending runaways or memory bombs — each a little different, which the crash
 * memory of the store does not recognise — cannot keep every replica reloading while others wait.
 * Clients are told apart by their address; behind a reverse proxy they all share the proxy's.
 */
import type { Context } from 'hono'
import type { AppEnv } from './deps.ts'

export interface ClientStrikes {
  /** Count one strike against this client. */
  record(client: string): void
  /** Seconds until this client may query again, if it is out of strikes now. */
  refusal(client: string): number | undefined
  readonly refused: number
}

export function createClientStrikes({ limit, windowMs, maxClients = 10_000, now = Date.now }: { limit: number; windowMs: number; maxClients?: number; now?: () => number }): ClientStrikes {
  // Per client, the times of its strikes within the window, oldest first; insertion order is least recently struck.
  const strikes = new Map<string, number[]>()
  let refused = 0
  const current = (client: string): number[] => {
    const times = (strikes.get(client) ?? []).filter((at) => now() - at < windowMs)
    if (times.length === 0) strikes.delete(client)
    else strikes.set(client, times)
    return times
  }
  return {
    record(client) {
      if (limit === 0) return
      const times = current(client)
      strikes.delete(client)
      strikes.set(client, [...times, now()])
      while (strikes.size > maxClients) strikes.delete(strikes.keys().next().value!)
    },
    refusal(client) {
      if (limit === 0) return undefined
      const times = current(client)
      if (times.length < limit) return undefined
      refused += 1
      return Math.max(1, Math.ceil((times[times.length - limit]! + windowMs - now()) / 1000))
    },
    get refused() { return refused },
  }
}

/** The client's address as the socket saw it; 'local' for requests made in-process (app.request). */
export function clientOf(c: Context): string {
  // The address src/http/forwarding.ts resolved (X-Forwarded-For only through trusted proxies), else the socket's.
  const resolved = (c as Context<AppEnv>).get('clientAddress')
  if (resolved) return resolved
  const env = c.env as { incoming?: { socket?: { remoteAddress?: string } } } | undefined
  return env?.incoming?.socket?.remoteAddress ?? 'local'
}
