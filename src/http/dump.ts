/** GET /dump.nq.gz: the whole graph as gzipped N-Quads, streamed. */
import { Readable } from 'node:stream'
import { createGzip } from 'node:zlib'
import { Hono } from 'hono'
import type { RouteDeps } from './deps.ts'

const CHUNK = 1 << 20

/** Cut a big string into chunks so gzip streams it rather than holding a second full copy. */
function* chunksOf(text: string): Generator<string> {
  for (let i = 0; i < text.length; i += CHUNK) yield text.slice(i, i + CHUNK)
}

export const dumpRoutes = ({ store }: RouteDeps) =>
  new Hono().get('/dump.nq.gz', async (c) => {
    const nquads = await store.dumpNQuads()
    const gzipped = Readable.from(chunksOf(nquads)).pipe(createGzip())
    return c.body(Readable.toWeb(gzipped) as ReadableStream, 200, {
      'Content-Type': 'application/gzip',
      'Content-Disposition': 'attachment; filename="ogd-tw-kg.nq.gz"',
    })
  })
