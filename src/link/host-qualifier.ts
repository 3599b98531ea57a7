/**
 * Bare unit labels (地政處, 民政處, 財政處, 數位發展處…) name a unit without its agency: alone they are ambiguous
 * (every county has a 民政處). Where the record says where its data lives (the download host; the listing's
 * 來源目錄 folder is that host plus a hash of the label), the host tells the agency: the agency that the other,
 * resolvable publishers on the same host resolve to. A label is qualified only when one agency clearly dominates its
 * host; the qualified name (新竹縣政府 + 地政處) is then resolved as usual (a coded agency, or a unit of one), and the
 * link says so: method host-qualified-unit, with the host as evidence.
 */
import { parse } from 'csv-parse/sync'
import type { NameReference } from '../sources/types.ts'
import type { AgencyEntry } from './agency-index.ts'
import type { AgencyResolver, Resolution } from './resolve-agency.ts'

/** A host's agency must account for this share of its resolvable publisher references, and for this many. */
const DOMINANCE = 0.6
const MIN_REFERENCES = 3
const UNIT_ENDING = /(處|司|室|組|科|中心|課|股|辦公室|小組|委員會|隊|所|站|館|局|署)$/

export interface QualifiedResolution {
  resolution: Resolution
  /** The name the link was resolved by (agency + label). */
  qualifiedName: string
  evidence: string
}

export type HostQualifier = (ref: NameReference) => QualifiedResolution | undefined

/** A row of data/mappings/agency-hosts.csv: a government domain and the agency it belongs to. */
export interface HostRule {
  domain: string
  agency: string
}

/** Read data/mappings/agency-hosts.csv (domain,agency,note). */
export function readHostRules(csv: string): HostRule[] {
  const rows = parse(csv, { columns: true, skip_empty_lines: true, bom: true }) as { domain: string; agency: string }[]
  return rows.map((r) => ({ domain: r.domain.trim().toLowerCase(), agency: r.agency.trim() }))
}

/** The agency of a host: the table's longest matching domain first, else the one the host's other publishers reach. */
function agencyOfHost(host: string, rules: readonly HostRule[], learned: Map<string, AgencyEntry>, resolve: AgencyResolver): { agency: AgencyEntry; how: string } | undefined {
  const rule = rules.filter((r) => host === r.domain || host.endsWith(`.${r.domain}`)).sort((a, b) => b.domain.length - a.domain.length)[0]
  const fromTable = rule ? resolve(rule.agency).agency : undefined
  if (fromTable) return { agency: fromTable, how: `agency-hosts.csv: ${rule!.domain}` }
  const agency = learned.get(host)
  return agency ? { agency, how: 'the agency of the other publishers on this host' } : undefined
}

/**
 * Qualify the references that do not resolve on their own: by the table of government domains, else by what the
 * other references on the same host resolve to (learned here).
 */
export function createHostQualifier(references: readonly NameReference[], resolve: AgencyResolver, rules: readonly HostRule[] = []): HostQualifier {
  const tallies = new Map<string, Map<string, { agency: AgencyEntry; n: number }>>()
  for (const ref of references) {
    const host = ref.hint?.host
    if (ref.kind !== 'publisher' || !host) continue
    const { agency, method } = resolve(ref.text, ref.code)
    if (!agency || method === 'unresolved') continue
    const byAgency = tallies.get(host) ?? new Map<string, { agency: AgencyEntry; n: number }>()
    const tally = byAgency.get(agency.code) ?? { agency, n: 0 }
    tally.n++
    byAgency.set(agency.code, tally)
    tallies.set(host, byAgency)
  }
  const hostAgency = new Map<string, AgencyEntry>()
  for (const [host, byAgency] of tallies) {
    const total = [...byAgency.values()].reduce((a, t) => a + t.n, 0)
    const best = [...byAgency.values()].sort((a, b) => b.n - a.n || a.agency.code.localeCompare(b.agency.code))[0]!
    if (best.n >= MIN_REFERENCES && best.n / total >= DOMINANCE) hostAgency.set(host, best.agency)
  }
  return (ref) => {
    const host = ref.hint?.host
    if (!host || !UNIT_ENDING.test(ref.text)) return undefined
    const found = agencyOfHost(host, rules, hostAgency, resolve)
    if (!found) return undefined
    const { agency } = found
    const qualifiedName = `${agency.names[0] ?? ''}${ref.text}`
    const evidence = `download host ${host}${ref.hint?.folder ? ` (來源目錄 ${ref.hint.folder})` : ''} → ${agency.names[0]} (${agency.code}; ${found.how})`
    const resolved = resolve(qualifiedName)
    if (resolved.agency && resolved.method !== 'unresolved') return { resolution: resolved, qualifiedName, evidence }
    return { resolution: { method: 'unit-of', agency, unitName: ref.text }, qualifiedName, evidence }
  }
}
