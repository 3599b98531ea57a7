/** Messages between the server and a federation thread (structured-clone data only). */
import type { ErrorCode } from '../errors.ts'
import type { QueryForm } from '../store/types.ts'

export interface FederationWorkerData {
  allowlist: string[]
  allowLoopbackForTests: boolean
}

export type FederationCommand =
  /** Parse the query and return its local patterns (LocalPattern[]). */
  | { kind: 'plan'; query: string; baseIri?: string }
  /** Evaluate the query over the local quads (SPARQL JSON results of buildLocalQuery) and the SERVICE endpoints. */
  | { kind: 'evaluate'; query: string; form: QueryForm; mediaType: string; baseIri?: string; localResults?: string; maxLocalQuads: number }

export type FederationRequest = FederationCommand & { id: number }

export type FederationReply =
  | { id: number; ok: true; value: unknown }
  | { id: number; ok: false; error: { code: ErrorCode; message: string; details: Record<string, unknown> } }
