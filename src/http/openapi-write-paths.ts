/**
 * The OpenAPI path items of the write routes (issue 14: src/http/admin.ts, record-writes.ts): off until an operator
 * creates a token, then Bearer tokens scoped to what they may touch. Reads stay anonymous (the document's global
 * `security: [{}]`); these name the `bearer` scheme.
 */
type Json = Record<string, unknown>

const problem = (description: string) => ({ description, content: { 'application/problem+json': { schema: { $ref: '#/components/schemas/Problem' } } } })
const REFUSALS = {
  400: problem('A malformed or invalid body: what and where.'),
  401: problem('No token, or an unknown, wrong or revoked one (WWW-Authenticate says so).'),
  403: problem('The token\'s scope or agency does not cover this; or writes are off (no token exists yet).'),
  413: problem('The body is larger than MAX_WRITE_BYTES.'),
  415: problem('A Content-Type not accepted here.'),
}

export const BEARER_SCHEME = { type: 'http', scheme: 'bearer', description: 'A token from `ogd token create --agency CODE --scope write|sync|admin`, as "Authorization: Bearer <token>" (never in the URL).' }

export function writePaths(): Json {
  return {
    '/admin/sync': {
      post: {
        operationId: 'applyChangeExport', tags: ['Writes'], security: [{ bearer: [] }],
        summary: 'Apply a data.gov.tw daily change export (上架 / 修改 / 下架), journaled before it is acknowledged',
        requestBody: { required: true, content: { 'application/json': { schema: { type: 'array', items: { type: 'object' } } }, 'text/csv': { schema: { type: 'string' } } } },
        responses: { 200: { description: 'The report: created, modified, withdrawn, unchanged, rejected (with reasons in zh and en).', content: { 'application/json': { schema: { type: 'object' } } } }, ...REFUSALS },
      },
    },
    '/admin/compact': {
      post: {
        operationId: 'compactJournal', tags: ['Writes'], security: [{ bearer: [] }],
        summary: 'Compact the journal into a new snapshot (admin scope)',
        responses: { 200: { description: 'The new snapshot and what the journal holds now.', content: { 'application/json': { schema: { type: 'object' } } } }, 401: REFUSALS[401], 403: REFUSALS[403] },
      },
    },
  }
}
