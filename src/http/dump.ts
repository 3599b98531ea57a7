/** GET /dump.nq.gz: the whole graph as gzipped N-Quads, streamed. */
import { Readable } from 'node:stream'
import { createGzip } from 'node:zlib'
import { Hono } from 'hono'
import type { RouteDeps } from './deps.ts'
import { readParameters } from './search-request.ts'

export const dumpRoutes = ({ store }: RouteDeps) =>
  new Hono().get('/dump.nq.gz', async (c) => {
    // It takes no parameters: one that looks like a filter (?graph=…) is refused rather than silently ignored.
    readParameters(c, [])
    // The store's chunks straight into gzip: the graph is never one string (it can exceed V8's longest).
    const gzipped = Readable.from(store.dumpNQuads()).pipe(createGzip())
    return c.body(Readable.toWeb(gzipped) as ReadableStream, 200, {
      'Content-Type': 'application/gzip',
      'Content-Disposition': 'attachment; filename="ogd-tw-kg.nq.gz"',
    })
  })
