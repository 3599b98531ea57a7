/** Walk the catalogue in-process the way a harvester does: first page, then hydra:next until there is none. */
import { Parser, type Quad } from 'n3'
import { DCAT, HYDRA } from '../../src/vocab/index.ts'
import { BASE } from './catalog-app.ts'

/** Anything that answers requests in-process (a Hono app, whatever its Env). */
export interface InProcessApp {
  request(path: string, init?: RequestInit): Response | Promise<Response>
}

export interface WalkedPage {
  url: string
  status: number
  headers: Headers
  quads: Quad[]
  /** Datasets the page lists (dcat:dataset of the catalogue), in document order. */
  listed: string[]
}

/** A request path for an absolute link of ours (the app sees only the path and query). */
export const pathOf = (url: string): string => {
  const parsed = new URL(url)
  return parsed.pathname + parsed.search
}

export const parseNTriples = (text: string): Quad[] => new Parser({ format: 'N-Triples' }).parse(text)

/** GET one page as N-Triples and read it. */
export async function getPage(app: InProcessApp, path: string, init: RequestInit = {}): Promise<WalkedPage> {
  const response = await app.request(path, { ...init, headers: { accept: 'application/n-triples', ...(init.headers as Record<string, string>) } })
  const text = await response.text()
  const quads = response.ok ? parseNTriples(text) : []
  const catalog = `${BASE}/catalog`
  const listed = quads.filter((q) => q.subject.value === catalog && q.predicate.equals(DCAT.dataset)).map((q) => q.object.value)
  return { url: path, status: response.status, headers: response.headers, quads, listed }
}

/** The hydra:next of a page, if any. */
export const nextOf = (page: WalkedPage): string | undefined => page.quads.find((q) => q.predicate.equals(HYDRA.next))?.object.value

/**
 * Follow next from `first`; `between(n)` runs after page n is read (to change the store during the walk).
 * Stops after `maxPages` so that a loop fails the test instead of hanging it.
 */
export async function walk(app: InProcessApp, first: string, options: { init?: RequestInit; between?: (n: number) => Promise<void>; maxPages?: number } = {}): Promise<WalkedPage[]> {
  const pages: WalkedPage[] = []
  let path: string | undefined = first
  while (path && pages.length < (options.maxPages ?? 100)) {
    const page = await getPage(app, path, options.init)
    if (page.status !== 200) throw new Error(`GET ${path}: ${page.status} ${JSON.stringify(page.headers.get('content-type'))}`)
    pages.push(page)
    await options.between?.(pages.length)
    const next = nextOf(page)
    path = next ? pathOf(next) : undefined
  }
  return pages
}
