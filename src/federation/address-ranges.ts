/** Which kind of network an IP address is in: the federation fetch guard only connects to public unicast addresses. */
import { BlockList, isIP } from 'node:net'

export type AddressKind = 'public' | 'loopback' | 'private' | 'link-local' | 'unique-local' | 'reserved'

// IANA special-purpose registries (RFC 6890 and updates). Node's BlockList also matches IPv4-mapped IPv6
// addresses (::ffff:10.0.0.1) against the IPv4 rules.
const RANGES: readonly [Exclude<AddressKind, 'public'>, string, number][] = [
  ['loopback', '127.0.0.0', 8],
  ['loopback', '::1', 128],
  ['private', '10.0.0.0', 8], // RFC 1918
  ['private', '172.16.0.0', 12],
  ['private', '192.168.0.0', 16],
  ['private', '100.64.0.0', 10], // RFC 6598 shared address space (carrier-grade NAT)
  ['link-local', '169.254.0.0', 16], // RFC 3927; cloud metadata services answer at 169.254.169.254
  ['link-local', 'fe80::', 10],
  ['unique-local', 'fc00::', 7], // RFC 4193
  ['reserved', '0.0.0.0', 8], // "this network", incl. the unspecified address
  ['reserved', '192.0.0.0', 24], // IETF protocol assignments
  ['reserved', '192.0.2.0', 24], // documentation (TEST-NET-1..3)
  ['reserved', '198.51.100.0', 24],
  ['reserved', '203.0.113.0', 24],
  ['reserved', '192.88.99.0', 24], // 6to4 relay anycast
  ['reserved', '198.18.0.0', 15], // benchmarking
  ['reserved', '224.0.0.0', 4], // multicast
  ['reserved', '240.0.0.0', 4], // reserved, incl. broadcast 255.255.255.255
  ['reserved', '::', 96], // unspecified and the deprecated IPv4-compatible form (::a.b.c.d)
  ['reserved', '64:ff9b::', 96], // NAT64: may embed any IPv4 address, private ones included
  ['reserved', '64:ff9b:1::', 48],
  ['reserved', '100::', 64], // discard-only
  ['reserved', '2001::', 23], // IETF protocol assignments, incl. Teredo (2001::/32)
  ['reserved', '2001:db8::', 32], // documentation
  ['reserved', '2002::', 16], // 6to4: embeds an IPv4 address
  ['reserved', 'fec0::', 10], // deprecated site-local
  ['reserved', 'ff00::', 8], // multicast
]

const LISTS = new Map<Exclude<AddressKind, 'public'>, BlockList>()
for (const [kind, network, prefix] of RANGES) {
  const list = LISTS.get(kind) ?? new BlockList()
  list.addSubnet(network, prefix, isIP(network) === 6 ? 'ipv6' : 'ipv4')
  LISTS.set(kind, list)
}

/** The kind of an IPv4 or IPv6 address (without brackets); anything that is not an IP address is 'reserved'. */
export function classifyAddress(address: string): AddressKind {
  const family = isIP(address)
  if (family === 0) return 'reserved'
  const type = family === 6 ? 'ipv6' : 'ipv4'
  // Loopback first: ::1 also lies inside the reserved ::/96.
  for (const [kind, list] of LISTS) if (list.check(address, type)) return kind
  return 'public'
}
