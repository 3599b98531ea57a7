/**
 * Which store the server runs on, from the environment: STORE=embedded (default) or STORE=virtuoso (or STORE_URL
 * set), with the remote's endpoints and credentials. Parsed with zod; a bad value names its variable.
 */
import { z } from 'zod'
import { AppError } from '../errors.ts'

const schema = z.object({
  STORE: z.enum(['embedded', 'virtuoso']).optional(),
  STORE_URL: z.url({ protocol: /^https?$/ }).optional(),
  STORE_UPDATE_URL: z.url({ protocol: /^https?$/ }).optional(),
  STORE_GRAPH_CRUD_URL: z.url({ protocol: /^https?$/ }).optional(),
  STORE_USER: z.string().min(1).optional(),
  STORE_PASSWORD: z.string().optional(),
  STORE_MAX_ROWS: z.coerce.number().int().min(2).optional(),
  STORE_POLL_MS: z.coerce.number().int().min(0).default(1_000),
  STORE_SQL: z.string().regex(/^[^\s:]+:\d+$/, 'host:port').default('127.0.0.1:1111'),
  ISQL_BIN: z.string().min(1).optional(),
})

export type StoreConfig =
  | { kind: 'embedded' }
  | {
    kind: 'virtuoso'
    /** SPARQL protocol endpoint (/sparql). */
    queryUrl: string
    /** Authenticated endpoint for writes (/sparql-auth). */
    updateUrl?: string
    /** Authenticated Graph Store endpoint large writes stage their quads in (/sparql-graph-crud-auth). */
    graphCrudUrl?: string
    user?: string
    password?: string
    maxRows?: number
    pollMs: number
    /** host:port of Virtuoso's SQL listener, for `ogd load` (the bulk loader is SQL). */
    sqlAddress: string
    isqlBin?: string
  }

/** The default Virtuoso endpoint on this machine (Virtuoso's default HTTP port). */
export const DEFAULT_VIRTUOSO_URL = 'http://127.0.0.1:8890/sparql'

/** Read the store configuration; AppError('invalid_config') naming each bad variable. */
export function loadStoreConfig(env: Record<string, string | undefined> = process.env): StoreConfig {
  const present = Object.fromEntries(Object.entries(env).filter(([key, value]) => key in schema.shape && value !== undefined && value !== ''))
  const parsed = schema.safeParse(present)
  if (!parsed.success) {
    const problems = parsed.error.issues.map((issue) => `${issue.path.join('.')}: ${issue.message}${issue.path[0] === 'STORE_PASSWORD' ? '' : ` (got ${JSON.stringify(present[String(issue.path[0])])})`}`)
    throw new AppError('invalid_config', `invalid store configuration: ${problems.join('; ')}`, { problems })
  }
  const e = parsed.data
  const kind = e.STORE ?? (e.STORE_URL ? 'virtuoso' : 'embedded')
  if (kind === 'embedded') {
    if (e.STORE_URL) throw new AppError('invalid_config', 'STORE=embedded but STORE_URL is set: unset one of them')
    return { kind }
  }
  if (e.STORE_USER && e.STORE_PASSWORD === undefined) throw new AppError('invalid_config', 'STORE_USER is set but STORE_PASSWORD is not (the Virtuoso user\'s password, for Digest authentication)')
  return {
    kind,
    queryUrl: e.STORE_URL ?? DEFAULT_VIRTUOSO_URL,
    updateUrl: e.STORE_UPDATE_URL,
    graphCrudUrl: e.STORE_GRAPH_CRUD_URL,
    user: e.STORE_USER,
    password: e.STORE_PASSWORD,
    maxRows: e.STORE_MAX_ROWS,
    pollMs: e.STORE_POLL_MS,
    sqlAddress: e.STORE_SQL,
    isqlBin: e.ISQL_BIN,
  }
}
