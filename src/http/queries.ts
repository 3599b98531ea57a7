/** The example queries of queries/*.rq: listed at GET /queries, run at GET /queries/{name} like GET /sparql?query=. */
import { readdir, readFile } from 'node:fs/promises'
import { join } from 'node:path'
import { Hono } from 'hono'
import type { AppEnv, RouteDeps } from './deps.ts'
import { notFound } from './errors.ts'
import { executeQuery } from './sparql.ts'
import { renderQueriesPage } from '../pages/simple-pages.ts'
import { FORMATS } from '../serialize/formats.ts'
import { prefersHtml } from '../serialize/negotiate.ts'
import { publicOrigin } from './catalog-request.ts'
import { chooseLanguage } from './records-request.ts'

const JSON_FORMATS = FORMATS.filter((format) => format.id === 'json')

export interface ExampleQuery {
  name: string
  title: string
  description: string
  query: string
}

const NAME = /^[A-Za-z0-9][A-Za-z0-9_-]*$/

/** Read the `# title:` and `# description:` header comments of one .rq file. */
export function parseExampleQuery(name: string, text: string): ExampleQuery {
  const header = (key: string) => new RegExp(`^#\\s*${key}:\\s*(.*)$`, 'mi').exec(text)?.[1]?.trim() ?? ''
  return { name, title: header('title') || name, description: header('description'), query: text }
}

/** Every example in `dir`, sorted by name; a missing folder means none. */
export async function readExampleQueries(dir: string): Promise<ExampleQuery[]> {
  const files = await readdir(dir).catch(() => [] as string[])
  const names = files.filter((file) => file.endsWith('.rq')).map((file) => file.slice(0, -3)).filter((name) => NAME.test(name)).sort()
  return Promise.all(names.map(async (name) => parseExampleQuery(name, await readFile(join(dir, `${name}.rq`), 'utf8'))))
}

export const queriesRoutes = (deps: RouteDeps) =>
  new Hono<AppEnv>()
    .get('/queries', async (c) => {
      const examples = await readExampleQueries(deps.config.queriesDir)
      // A browser gets the list as a page in the site's layout; API clients (and no Accept) the JSON.
      if (prefersHtml(c.req.header('accept'), JSON_FORMATS)) {
        const language = chooseLanguage(c) === 'en' ? 'en' : 'zh'
        return c.html(renderQueriesPage(examples, { origin: publicOrigin(c), language }), 200, { Vary: 'Accept, Accept-Language' })
      }
      return c.json(examples.map((example) => ({ ...example, url: `/queries/${example.name}` })), 200, { Vary: 'Accept' })
    })
    .get('/queries/:name', async (c) => {
      const name = c.req.param('name').replace(/\.rq$/, '')
      if (!NAME.test(name)) throw notFound(`example query ${name}`)
      const text = await readFile(join(deps.config.queriesDir, `${name}.rq`), 'utf8').catch(() => undefined)
      if (text === undefined) throw notFound(`example query ${name}`)
      return executeQuery(c, deps, { query: text, format: c.req.query('format') })
    })
