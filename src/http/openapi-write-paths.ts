/**
 * The OpenAPI path items of the write routes (issue 14: src/http/admin.ts, record-writes.ts, request-replies.ts): off until an operator
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

const DIRECT_PATH = { name: 'path', in: 'path', required: true, description: 'The rest of the graph\'s name: the request IRI is the graph (GSP §4.1, direct identification).', schema: { type: 'string' } }

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
    '/request/{id}/replies': {
      post: {
        operationId: 'postRequestReply', tags: ['Writes'], security: [{ bearer: [] }],
        summary: 'An assigned agency answers a dataset request: appends its reply, sets the status, links the datasets opened',
        description: 'Write scope. The token\'s agency must be one the graph holds as the request\'s assignee (ogd:assignedTo), or above one with --include-subordinates; the body never says who. The first agency answer needs no precondition; once the request holds one, send If-Match with the request\'s ETag (GET /request/{id}). The request with the reply passes SHACL before it is written, in one journaled change; the record, search, the dashboard and SPARQL have it when the 201 is sent.',
        parameters: [
          { name: 'id', in: 'path', required: true, description: 'The request\'s data.gov.tw node id.', schema: { type: 'string', pattern: '^[^/.]+$' } },
          { name: 'If-Match', in: 'header', required: false, description: 'The request\'s ETag as last read; required once the request holds an agency answer.', schema: { type: 'string' } },
        ],
        requestBody: {
          required: true,
          content: {
            'application/json': {
              schema: {
                type: 'object', additionalProperties: false, required: ['text'],
                properties: {
                  text: { description: 'The reply (also key 回應): a string in Chinese, or {"zh", "en"}.', oneOf: [{ type: 'string', minLength: 1 }, { type: 'object', additionalProperties: false, required: ['zh'], properties: { zh: { type: 'string', minLength: 1 }, en: { type: 'string' } } }] },
                  textEn: { type: 'string', description: 'The reply in English, when text is a string.' },
                  status: { type: 'string', enum: ['answered', 'under-study', '已回復', '研議中'], default: 'answered', description: 'The request\'s new status (scheme request-status; also key 回復狀態).' },
                  dataset: { description: 'The dataset(s) opened for the request, by id or IRI; each must be in the graph (also keys datasets, 資料集識別碼).', oneOf: [{ type: 'string' }, { type: 'array', items: { type: 'string' } }] },
                  date: { type: 'string', description: 'The reply date: YYYY-MM-DD (00:00 Taiwan time) or a date-time with its offset; default now; not in the future (also key 回復時間).' },
                },
              },
              example: { text: { zh: '本部已開放相關資料集，請至平臺下載。', en: 'The ministry has opened the dataset.' }, status: 'answered', dataset: '165115', date: '2026-05-04' },
            },
            'text/turtle': { schema: { type: 'string' }, example: '<> <https://schema.org/suggestedAnswer> [ a <https://schema.org/Answer> ; <https://schema.org/text> "研議中。"@zh-Hant ] .' },
            'application/ld+json': { schema: { type: 'object' } },
            'application/n-triples': { schema: { type: 'string' } },
          },
        },
        responses: {
          201: {
            description: 'The reply was written; Location is the reply\'s IRI (/request/{id}#reply-N).',
            headers: { Location: { schema: { type: 'string' } } },
            content: { 'application/json': { schema: { type: 'object', properties: { request: { type: 'string' }, reply: { type: 'string' }, position: { type: 'integer' }, status: { type: 'string' }, replyDate: { type: 'string', format: 'date-time' }, answeredBy: { type: 'array', items: { type: 'string' } } } } } },
          },
          ...REFUSALS,
          404: problem('No dataset request has this id.'),
          422: problem('The body parses but cannot be applied: what and where (`pointer`): a dataset not in the graph, a status outside the list, a date in the future, a field unknown, the request failing SHACL.'),
          412: problem('If-Match does not match the request as it is now: read it again.'),
          428: problem('The request holds an agency answer already: send If-Match.'),
        },
      },
    },
    '/sparql/update': {
      post: {
        operationId: 'sparqlUpdate', tags: ['Writes'], security: [{ bearer: [] }],
        summary: 'SPARQL 1.1 Update (admin scope): application/sparql-update, or a form with update=; run once on a copy of the graphs it can touch, the changed graphs written in one change',
        requestBody: { required: true, content: { 'application/sparql-update': { schema: { type: 'string' } }, 'application/x-www-form-urlencoded': { schema: { type: 'object', properties: { update: { type: 'string' } }, required: ['update'] } } } },
        responses: { 200: { description: 'Applied: how many graphs changed.', content: { 'application/json': { schema: { type: 'object' } } } }, 400: REFUSALS[400], 413: REFUSALS[413], 415: REFUSALS[415], 401: REFUSALS[401], 403: REFUSALS[403] },
      },
    },
    '/store': {
      get: {
        operationId: 'graphStoreGet', tags: ['Writes'], security: [{}],
        summary: 'SPARQL 1.1 Graph Store Protocol, indirect identification: read one graph (?graph=IRI or ?default)',
        responses: { 200: { description: 'The graph (Turtle, N-Triples, RDF/XML or N-Quads).' }, 404: { description: 'No such graph.' } },
      },
      put: {
        operationId: 'graphStorePut', tags: ['Writes'], security: [{ bearer: [] }],
        summary: 'Replace one graph (admin scope)',
        responses: { 201: { description: 'Created.' }, 204: { description: 'Replaced.' }, 401: REFUSALS[401], 403: REFUSALS[403] },
      },
      post: {
        operationId: 'graphStorePost', tags: ['Writes'], security: [{ bearer: [] }],
        summary: 'Add triples to one graph (admin scope); with neither ?graph= nor ?default, create a graph with a fresh name under /store/ (GSP §5.5)',
        responses: { 201: { description: 'Created; a created graph\'s name is in Location.', headers: { Location: { description: 'The new graph\'s IRI (graph creation).', schema: { type: 'string', format: 'uri' } } } }, 204: { description: 'Merged.' }, 401: REFUSALS[401], 403: REFUSALS[403] },
      },
      delete: {
        operationId: 'graphStoreDelete', tags: ['Writes'], security: [{ bearer: [] }],
        summary: 'Drop one graph (admin scope)',
        responses: { 204: { description: 'Dropped.' }, 401: REFUSALS[401], 403: REFUSALS[403], 404: { description: 'No such graph.' } },
      },
    },
    '/store/{path}': {
      get: {
        operationId: 'graphStoreDirectGet', parameters: [DIRECT_PATH], tags: ['Writes'], security: [{}],
        summary: 'SPARQL 1.1 Graph Store Protocol, direct identification: read the graph named by this IRI',
        responses: { 200: { description: 'The graph (Turtle, N-Triples, RDF/XML or N-Quads).' }, 404: { description: 'No such graph.' } },
      },
      put: {
        operationId: 'graphStoreDirectPut', parameters: [DIRECT_PATH], tags: ['Writes'], security: [{ bearer: [] }],
        summary: 'Replace the graph named by this IRI (admin scope)',
        responses: { 201: { description: 'Created.' }, 204: { description: 'Replaced.' }, 401: REFUSALS[401], 403: REFUSALS[403] },
      },
      post: {
        operationId: 'graphStoreDirectPost', parameters: [DIRECT_PATH], tags: ['Writes'], security: [{ bearer: [] }],
        summary: 'Add triples to the graph named by this IRI (admin scope)',
        responses: { 201: { description: 'Created.' }, 204: { description: 'Merged.' }, 401: REFUSALS[401], 403: REFUSALS[403] },
      },
      delete: {
        operationId: 'graphStoreDirectDelete', parameters: [DIRECT_PATH], tags: ['Writes'], security: [{ bearer: [] }],
        summary: 'Drop the graph named by this IRI (admin scope)',
        responses: { 204: { description: 'Dropped.' }, 401: REFUSALS[401], 403: REFUSALS[403], 404: { description: 'No such graph.' } },
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
