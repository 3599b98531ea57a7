/** Resolve an agency given by name (and maybe code) to a coded agency, saying how: the methods, strongest first. */
import { normalizeAgencyName } from './normalize-name.ts'
import { isActive, rankCandidates, type AgencyEntry, type AgencyIndex } from './agency-index.ts'

export type LinkMethod =
  | 'code' // the source gave the DGPA code and it is in the code list
  | 'exact-name' // the name equals a current or former name in the code list (after 臺/台, width, space folding)
  | 'planned-organization' // the name equals a planned-reorganisation row (e.g. 農業部 A19000000G, planned in 2016, created 2023)
  | 'abbreviation' // a documented short name (data/mappings/agency-abbreviations.csv)
  | 'former-name' // the source uses a newer name of an agency the code list knows by its former name (data/mappings/agency-renames.csv)
  | 'unique-suffix' // the name is the tail of exactly one active agency's name (警政署 → 內政部警政署)
  | 'unit-of' // the name is a coded agency's name followed by a unit (衛生福利部統計處 → a unit of 衛生福利部)
  | 'host-qualified-unit' // a bare unit label qualified by the agency of its download host (src/link/host-qualifier.ts)
  | 'uncoded-agency' // an agency created after the 2016 code list, known by name (data/mappings/agencies-after-2016.csv)
  | 'unresolved' // none of the above: an agency node marked unresolved

export interface Resolution {
  method: LinkMethod
  agency?: AgencyEntry
  /** For unit-of: the unit's own name (the remainder after the parent's name). */
  unitName?: string
  /** For uncoded-agency: the agency's node (no code). */
  uncoded?: { name: string; iri: string }
}

// Endings of organisational units inside an agency (處 司 室 組 科 中心 …), per the 中央行政機關組織基準法 naming.
const UNIT_ENDING = /(處|司|室|組|科|中心|課|股|辦公室|小組|委員會|隊|所|站|館|局|署)$/

export interface RenameRule {
  pattern: RegExp
  replacement: string
}

export interface ResolverOptions {
  abbreviations: Map<string, string>
  renames?: RenameRule[]
  /** Agencies created after the 2016 code list, by normalised name (src/sources/uncoded-agencies.ts). */
  uncoded?: Map<string, { name: string; iri: string }>
}

/** Make a resolver with its memo: the same name resolves once (36k datasets name ~700 publishers). */
export function createAgencyResolver(index: AgencyIndex, options: ResolverOptions) {
  const memo = new Map<string, Resolution>()
  const abbreviations = new Map([...options.abbreviations].map(([k, v]) => [normalizeAgencyName(k), normalizeAgencyName(v)]))

  const byExactName = (name: string): Resolution | undefined => {
    const list = index.byName.get(name)
    if (!list?.length) return undefined
    const best = rankCandidates(list)[0]!
    return { method: best.isPlanned && !list.some(isActive) ? 'planned-organization' : 'exact-name', agency: best }
  }
  const bySuffix = (name: string): Resolution | undefined => {
    if (name.length < 3) return undefined
    const hits = index.activeNames.filter(([full]) => full.length > name.length && full.endsWith(name))
    const distinct = new Set(hits.map(([, e]) => e.code))
    return distinct.size === 1 ? { method: 'unique-suffix', agency: hits[0]![1] } : undefined
  }
  const byUnitOf = (name: string): Resolution | undefined => {
    for (let cut = name.length - 2; cut >= 2; cut--) {
      const parent = byExactName(name.slice(0, cut))
      const unitName = name.slice(cut)
      if (parent?.agency && UNIT_ENDING.test(unitName)) return { method: 'unit-of', agency: parent.agency, unitName }
    }
    return undefined
  }

  const byRename = (name: string): Resolution | undefined => {
    for (const rule of options.renames ?? []) {
      if (!rule.pattern.test(name)) continue
      const hit = byExactName(name.replace(rule.pattern, rule.replacement))
      if (hit) return { ...hit, method: 'former-name' }
    }
    return undefined
  }

  const byUncoded = (name: string): Resolution | undefined => {
    const uncoded = options.uncoded?.get(name)
    return uncoded ? { method: 'uncoded-agency', uncoded } : undefined
  }

  const resolveName = (raw: string): Resolution => {
    const name = normalizeAgencyName(raw)
    const full = abbreviations.get(name)
    const viaAbbreviation = full && full !== name ? byExactName(full) : undefined
    return (
      byExactName(name) ??
      (viaAbbreviation ? { ...viaAbbreviation, method: 'abbreviation' as const } : undefined) ??
      byRename(name) ??
      byUncoded(name) ??
      bySuffix(name) ??
      byUnitOf(name) ?? { method: 'unresolved' }
    )
  }

  return (name: string, code?: string): Resolution => {
    const coded = code ? index.byCode.get(code.trim()) : undefined
    if (coded) return { method: 'code', agency: coded }
    let resolution = memo.get(name)
    if (!resolution) {
      resolution = resolveName(name)
      memo.set(name, resolution)
    }
    return resolution
  }
}

export type AgencyResolver = ReturnType<typeof createAgencyResolver>
