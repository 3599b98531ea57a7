/** The DCAT-AP profiles the catalogue is served in, and their negotiation (W3C Content Negotiation by Profile). */
import { AppError } from '../errors.ts'
import type { ProfileName } from '../validate/shapes.ts'
import { DCAT_AP_PROFILE } from '../vocab/index.ts'

export interface CatalogProfile {
  /** The short name used in `?profile=` and in messages. */
  readonly id: 'dcat-ap-3.0.1' | 'dcat-ap-2.1.1'
  /** The profile IRI sent in Content-Profile. */
  readonly iri: string
  /** Other names a client may use for it (IRIs and tokens). */
  readonly aliases: readonly string[]
  /** The official shapes of this profile (src/validate). */
  readonly shapes: ProfileName
}

/** The first is the default. */
export const CATALOG_PROFILES: readonly CatalogProfile[] = [
  { id: 'dcat-ap-3.0.1', iri: DCAT_AP_PROFILE.v3_0_1, aliases: ['3.0.1', 'dcat-ap-3', 'dcatap3'], shapes: 'dcat-ap-3.0.1' },
  { id: 'dcat-ap-2.1.1', iri: DCAT_AP_PROFILE.v2_1_1, aliases: ['2.1.1', 'dcat-ap-2', 'dcatap2', DCAT_AP_PROFILE.v2_1_1Joinup], shapes: 'dcat-ap-2.1.1' },
]

export const DEFAULT_PROFILE = CATALOG_PROFILES[0]!

const bare = (name: string) => name.trim().replace(/^<(.*)>$/, '$1').replace(/\/+$/, '').toLowerCase()

/** The profile a name (id, token or IRI, with or without a trailing slash) stands for. */
export function findProfile(name: string): CatalogProfile | undefined {
  const wanted = bare(name)
  return CATALOG_PROFILES.find((p) => [p.id, p.iri, ...p.aliases].some((alias) => bare(alias) === wanted))
}

/** `?profile=`: naming a profile we do not serve is a mistake the client should hear about. */
export function profileFromParameter(value: string): CatalogProfile {
  const profile = findProfile(value)
  if (!profile) {
    throw new AppError('bad_request', `unknown profile ${JSON.stringify(value)}: use one of ${CATALOG_PROFILES.map((p) => `${p.id} (${p.iri})`).join(', ')}`, {
      parameter: 'profile',
      profiles: CATALOG_PROFILES.map((p) => p.iri),
    })
  }
  return profile
}

/**
 * `Accept-Profile: <iri>;q=0.9, <iri2>` → the served profile the client ranks highest (ties: the earlier one).
 * When none is served we answer with the default and say so in Content-Profile, as the spec allows (§7.1, 200 with
 * the default representation), rather than 406: a harvester that asks for an unknown profile still gets valid DCAT-AP.
 */
export function negotiateProfile(acceptProfile: string | undefined | null): CatalogProfile {
  if (!acceptProfile?.trim()) return DEFAULT_PROFILE
  let best: { profile: CatalogProfile; q: number } | undefined
  for (const member of acceptProfile.split(',')) {
    const [name = '', ...params] = member.split(';')
    const profile = findProfile(name)
    const qText = params.map((p) => p.trim()).find((p) => /^q\s*=/i.test(p))?.split('=')[1]
    const q = qText === undefined ? 1 : Number(qText)
    if (profile && q > 0 && (!best || q > best.q)) best = { profile, q }
  }
  return best?.profile ?? DEFAULT_PROFILE
}
