/** The jsonld.js document loader we always pass: it serves only contexts we hold in memory and refuses every remote URL. */
import { AppError } from '../errors.ts'

export interface RemoteDocument {
  contextUrl?: string
  documentUrl: string
  document: unknown
}

export type DocumentLoader = (url: string) => Promise<RemoteDocument>

/**
 * A loader over local documents only (URL → JSON). jsonld.js would otherwise fetch any `@context` URL
 * found in its input — a request forgery and a hang waiting to happen on a server.
 */
export function createLocalDocumentLoader(documents: Record<string, unknown> = {}): DocumentLoader {
  return async (url) => {
    if (Object.hasOwn(documents, url)) return { documentUrl: url, document: documents[url] }
    throw new AppError('bad_request', `remote JSON-LD context refused: ${url} (only local contexts are loaded)`, { url })
  }
}
