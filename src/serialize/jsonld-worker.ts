/** The body of the JSON-LD serialiser thread: N-Quads in, compacted JSON-LD text out (src/serialize/jsonld-pool.ts). */
import { parentPort } from 'node:worker_threads'
import { serializeJsonLd } from './jsonld-output.ts'

export interface JsonLdJob {
  id: number
  nquads: string
  prefixes: Record<string, string>
}

export type JsonLdReply = { id: number; ok: true; text: string } | { id: number; ok: false; message: string }

parentPort!.on('message', (job: JsonLdJob) => {
  serializeJsonLd(job.nquads, { prefixes: job.prefixes }).then(
    (text) => parentPort!.postMessage({ id: job.id, ok: true, text } satisfies JsonLdReply),
    (error: unknown) => parentPort!.postMessage({ id: job.id, ok: false, message: error instanceof Error ? error.message : String(error) } satisfies JsonLdReply),
  )
})
