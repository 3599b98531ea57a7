/** The catalogue's settings, parsed once from the environment with zod; a bad value names its variable. */
import { z } from 'zod'
import { AppError } from '../errors.ts'

export interface CatalogOptions {
  /** Records per page when the request names no page_size, and the most a request may ask for. */
  pageSize: number
  maxPageSize: number
  /** How long a replaced catalogue version stays usable by harvests that started on it, and how many are kept. */
  retainMs: number
  maxVersions: number
  /** With a store that has no generation number: how stale the member list may get (it is then read in the background). */
  refreshMs: number
  /** Where versions and the change log are kept across restarts; in memory when absent. */
  stateDir?: string
  /**
   * Memory for the records' earlier content that harvests pinned to a replaced version still read (prior-graphs.ts);
   * past it the oldest goes and the versions that needed it answer 410.
   */
  priorMaxBytes: number
}

export const DEFAULT_CATALOG_OPTIONS: CatalogOptions = {
  pageSize: 100,
  maxPageSize: 1000,
  retainMs: 24 * 60 * 60 * 1000,
  maxVersions: 16,
  refreshMs: 60_000,
  priorMaxBytes: 64 * 1024 * 1024,
}

const integer = (fallback: number, min: number, max: number) => z.coerce.number().int().min(min).max(max).default(fallback)

const envSchema = z
  .object({
    CATALOG_PAGE_SIZE: integer(DEFAULT_CATALOG_OPTIONS.pageSize, 1, 100_000),
    CATALOG_MAX_PAGE_SIZE: integer(DEFAULT_CATALOG_OPTIONS.maxPageSize, 1, 100_000),
    CATALOG_RETAIN_MINUTES: integer(DEFAULT_CATALOG_OPTIONS.retainMs / 60_000, 0, 525_600),
    CATALOG_MAX_VERSIONS: integer(DEFAULT_CATALOG_OPTIONS.maxVersions, 1, 1000),
    CATALOG_REFRESH_MS: integer(DEFAULT_CATALOG_OPTIONS.refreshMs, 0, 3_600_000),
    CATALOG_STATE_DIR: z.string().min(1).optional(),
    CATALOG_PRIOR_MAX_MB: integer(DEFAULT_CATALOG_OPTIONS.priorMaxBytes / (1024 * 1024), 0, 65_536),
  })
  .refine((e) => e.CATALOG_PAGE_SIZE <= e.CATALOG_MAX_PAGE_SIZE, { path: ['CATALOG_PAGE_SIZE'], message: 'must not exceed CATALOG_MAX_PAGE_SIZE' })

/** Read the catalogue settings from `env`; throws AppError('invalid_config') naming each bad variable. */
export function loadCatalogOptions(env: Record<string, string | undefined> = process.env): CatalogOptions {
  const present = Object.fromEntries(Object.entries(env).filter(([key, value]) => key.startsWith('CATALOG_') && value !== undefined && value !== ''))
  const parsed = envSchema.safeParse(present)
  if (!parsed.success) {
    const problems = parsed.error.issues.map((issue) => `${issue.path.join('.')}: ${issue.message} (got ${JSON.stringify(present[String(issue.path[0])])})`)
    throw new AppError('invalid_config', `invalid catalogue configuration: ${problems.join('; ')}`, { problems })
  }
  const e = parsed.data
  return {
    pageSize: e.CATALOG_PAGE_SIZE,
    maxPageSize: e.CATALOG_MAX_PAGE_SIZE,
    retainMs: e.CATALOG_RETAIN_MINUTES * 60_000,
    maxVersions: e.CATALOG_MAX_VERSIONS,
    refreshMs: e.CATALOG_REFRESH_MS,
    priorMaxBytes: e.CATALOG_PRIOR_MAX_MB * 1024 * 1024,
    ...(e.CATALOG_STATE_DIR ? { stateDir: e.CATALOG_STATE_DIR } : {}),
  }
}
