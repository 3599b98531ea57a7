/**
 * TRUST_PROXY: which peers may tell us, in X-Forwarded-For/-Host/-Proto/-Prefix and Forwarded, who the client is
 * and which origin it used. Off by default (no peer is trusted, the headers are ignored), as in Express and Fastify;
 * otherwise `true` (every peer: only behind a proxy that overwrites the headers), a hop count, or a comma-separated
 * list of addresses, CIDR ranges and the names loopback, linklocal and uniquelocal.
 */
import { BlockList, isIP } from 'node:net'
import { AppError } from './errors.ts'

export interface ProxyTrust {
  /** Whether the address `hop` steps from us (0: the socket's peer) may forward for the one before it. */
  isTrusted(address: string, hop: number): boolean
  /** The setting as written, for messages. */
  readonly spec: string
}

const NAMED: Record<string, string[]> = {
  loopback: ['127.0.0.1/8', '::1/128'],
  linklocal: ['169.254.0.0/16', 'fe80::/10'],
  uniquelocal: ['10.0.0.0/8', '172.16.0.0/12', '192.168.0.0/16', 'fc00::/7'],
}

/** `::ffff:10.0.0.1` (an IPv4 peer on a dual-stack socket) is 10.0.0.1. */
export function normalizeAddress(address: string): string {
  const mapped = /^::ffff:(\d+\.\d+\.\d+\.\d+)$/i.exec(address)
  return mapped ? mapped[1]! : address
}

function addEntry(list: BlockList, entry: string): void {
  const [address, bits, ...rest] = entry.split('/')
  const family = isIP(address ?? '')
  if (!family || rest.length > 0) throw new Error(`${entry} is not an address, a CIDR range or one of ${Object.keys(NAMED).join(', ')}`)
  const type = family === 4 ? 'ipv4' : 'ipv6'
  if (bits === undefined) return list.addAddress(address!, type)
  const prefix = Number(bits)
  if (!/^\d+$/.test(bits) || prefix > (family === 4 ? 32 : 128)) throw new Error(`${entry} has a bad prefix length`)
  list.addSubnet(address!, prefix, type)
}

/** Parse a TRUST_PROXY value; throws AppError 'invalid_config' naming the bad part. */
export function parseTrustProxy(spec: string): ProxyTrust {
  const value = spec.trim().toLowerCase()
  if (value === '' || value === 'false' || value === '0') return { spec, isTrusted: () => false }
  if (value === 'true') return { spec, isTrusted: () => true }
  if (/^\d+$/.test(value)) {
    const hops = Number(value)
    return { spec, isTrusted: (_address, hop) => hop < hops }
  }
  const list = new BlockList()
  try {
    for (const entry of value.split(',').map((item) => item.trim()).filter(Boolean)) {
      for (const range of NAMED[entry] ?? [entry]) addEntry(list, range)
    }
  } catch (error) {
    throw new AppError('invalid_config', `TRUST_PROXY: ${(error as Error).message}; give a hop count, true, or addresses and CIDR ranges separated by commas`)
  }
  return {
    spec,
    isTrusted: (address) => {
      const normal = normalizeAddress(address)
      const family = isIP(normal)
      return family !== 0 && list.check(normal, family === 4 ? 'ipv4' : 'ipv6')
    },
  }
}

/**
 * The client's address and whether the peer's forwarded headers count: walk X-Forwarded-For from the nearest hop
 * while each address is trusted (Express's proxy-addr). `peer` is the socket's remote address.
 */
export function resolveForwarding(trust: ProxyTrust, peer: string, forwardedFor: string | undefined): { client: string; isPeerTrusted: boolean } {
  const isPeerTrusted = trust.isTrusted(peer, 0)
  if (!isPeerTrusted) return { client: normalizeAddress(peer), isPeerTrusted }
  const chain = (forwardedFor ?? '').split(',').map((item) => item.trim()).filter(Boolean).reverse()
  let client = peer
  for (let hop = 0; hop < chain.length; hop += 1) {
    if (!trust.isTrusted(client, hop)) break
    client = chain[hop]!
  }
  return { client: normalizeAddress(client), isPeerTrusted }
}
