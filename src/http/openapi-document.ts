/**
 * The OpenAPI 3.1 description of every route (served at /openapi.json): records, search, contexts and validation
 * here, the service routes (SPARQL, catalogue, VoID, dump, health…) in openapi-service-paths.ts. A new route family
 * adds a function to OPENAPI_PATH_GROUPS; every operation gets an operationId, a summary, tags and a 4xx answer.
 */
import { CONTEXT_VERSION } from '../serialize/context.ts'
import { FRAMES } from '../serialize/frames.ts'
import { OPENAPI } from '../vocab/index.ts'
import { OPENAPI_TAGS, servicePaths } from './openapi-service-paths.ts'
import { BEARER_SCHEME, writePaths } from './openapi-write-paths.ts'
import { RECORD_PATTERNS } from './records.ts'
import { MAX_PAGE, MAX_PAGE_SIZE, MAX_QUERY_LENGTH, DEFAULT_PAGE_SIZE } from './search-request.ts'

type Json = Record<string, unknown>

const ref = (kind: 'schemas' | 'parameters' | 'responses', name: string) => ({ $ref: `#/components/${kind}/${name}` })
const RDF_TYPES = ['application/ld+json', 'text/turtle', 'application/n-triples', 'application/rdf+xml', 'text/html']

/** `/dataset/:id` → `/dataset/{id}`. */
export const openApiPath = (pattern: string) => pattern.replace(/:(\w+)/g, '{$1}')

const pathParameters = (path: string) => [...path.matchAll(/\{(\w+)\}/g)].map(([, name]) => ({
  name, in: 'path', required: true, schema: { type: 'string' },
  description: name === 'id' ? '資料集識別碼 (dataset id) or licence slug' : name === 'code' ? '機關代碼 (DGPA agency code)' : name === 'pcode' ? 'MOJ law PCode' : undefined,
}))

/** `get` + the path's literal segments in camel case (`/dataset/{id}/distribution/{n}` → getDatasetDistribution). */
export function operationIdOf(method: string, path: string): string {
  const words = path.split('/').filter((segment) => segment && !segment.startsWith('{')).flatMap((segment) => segment.split(/[^A-Za-z0-9]+/)).filter(Boolean)
  return method + words.map((word) => word[0]!.toUpperCase() + word.slice(1)).join('')
}

/**
 * Make operationIds unique: where two paths give the same one (`/scheme/{name}` and `/scheme/{name}/{code}`), the
 * longer path's names what it picks by (getSchemeByCode).
 */
function ensureUniqueOperationIds(paths: Json): void {
  const byId = new Map<string, { path: string; operation: Json }[]>()
  for (const [path, item] of Object.entries(paths)) {
    for (const operation of Object.values(item as Record<string, Json>)) {
      const id = operation.operationId as string
      byId.set(id, [...(byId.get(id) ?? []), { path, operation }])
    }
  }
  for (const [id, uses] of byId) {
    uses.sort((a, b) => a.path.length - b.path.length)
    for (const { path, operation } of uses.slice(1)) {
      const last = [...path.matchAll(/\{(\w+)\}/g)].at(-1)?.[1] ?? 'Path'
      operation.operationId = `${id}By${last[0]!.toUpperCase()}${last.slice(1)}`
    }
  }
}

function recordOperation(path: string, summary: string, tag = 'Records'): Json {
  return {
    get: {
      operationId: operationIdOf('get', path),
      tags: [tag],
      summary,
      description: 'The document of this IRI: HTML for browsers; JSON-LD (framed, our context), Turtle, N-Triples or RDF/XML by Accept, or by the suffix .jsonld .ttl .nt .rdf .html. JSON-LD has one shape, language maps keyed by BCP 47 tags (zh-Hant, en), whatever Accept-Language says; ?lang=zh|en gives that language as plain strings (the others under the compact IRI), nothing dropped. HTML follows Accept-Language.',
      parameters: [...pathParameters(path), ref('parameters', 'lang'), ref('parameters', 'Accept'), ref('parameters', 'AcceptLanguage'), ref('parameters', 'IfNoneMatch')],
      responses: {
        200: {
          description: 'The document. ETag, Last-Modified (from dct:modified), Vary: Accept (and Accept-Language for HTML); Link: canonical IRI, alternates, JSON-LD context, validation (datasets).',
          headers: { ETag: { schema: { type: 'string' } }, Link: { schema: { type: 'string' } }, 'Last-Modified': { schema: { type: 'string' } } },
          content: Object.fromEntries(RDF_TYPES.map((type) => [type, { schema: type === 'application/ld+json' ? ref('schemas', 'Record') : { type: 'string' } }])),
        },
        304: ref('responses', 'NotModified'),
        400: ref('responses', 'BadRequest'),
        404: ref('responses', 'NotFound'),
        406: ref('responses', 'NotAcceptable'),
      },
    },
  }
}

function searchOperation(operationId: string, summary: string, member: string, filters: Json[]): Json {
  return {
    get: {
      operationId,
      tags: ['Search'],
      summary,
      description: 'Chinese full text without word spaces (character bigrams); 臺/台, full-width/half-width and other common variants are folded. Results are a Hydra collection in JSON-LD, with paging links (also in Link) and facet counts.',
      parameters: [
        { name: 'q', in: 'query', schema: { type: 'string', maxLength: MAX_QUERY_LENGTH }, description: 'Free text (title, keywords, names, description).' },
        ...filters, ref('parameters', 'page'), ref('parameters', 'page_size'),
      ],
      responses: {
        200: { description: 'A page of results.', content: { 'application/ld+json': { schema: { allOf: [ref('schemas', 'HydraCollection'), { properties: { member: { type: 'array', items: ref('schemas', member) } } }] } } } },
        400: ref('responses', 'BadRequest'),
        406: ref('responses', 'NotAcceptable'),
      },
    },
  }
}

const filter = (name: string, description: string, extra: Json = {}) => ({ name, in: 'query', schema: { type: 'string', ...extra }, description })

const COMPONENTS: Json = {
  securitySchemes: { bearer: BEARER_SCHEME },
  parameters: {
    page: { name: 'page', in: 'query', schema: { type: 'integer', minimum: 1, maximum: MAX_PAGE, default: 1 } },
    page_size: { name: 'page_size', in: 'query', schema: { type: 'integer', minimum: 1, maximum: MAX_PAGE_SIZE, default: DEFAULT_PAGE_SIZE }, description: `At most ${MAX_PAGE_SIZE}; more is 400 naming the maximum.` },
    lang: { name: 'lang', in: 'query', schema: { type: 'string', enum: ['zh', 'en', 'all'] }, description: 'JSON-LD: one language as plain strings (zh, en) instead of language maps (all, the default). HTML: the page language (else Accept-Language).' },
    Accept: { name: 'Accept', in: 'header', schema: { type: 'string' } },
    AcceptLanguage: { name: 'Accept-Language', in: 'header', schema: { type: 'string' } },
    IfNoneMatch: { name: 'If-None-Match', in: 'header', schema: { type: 'string' }, description: 'An ETag from an earlier answer: 304 when unchanged.' },
  },
  responses: {
    NotModified: { description: 'Unchanged since the ETag or date given.' },
    BadRequest: { description: 'A parameter is unknown, repeated or out of range; the problem names it.', content: { 'application/problem+json': { schema: ref('schemas', 'Problem') } } },
    NotFound: { description: 'No record or resource has this IRI.', content: { 'application/problem+json': { schema: ref('schemas', 'Problem') } } },
    NotAcceptable: { description: 'None of the offered types is acceptable; `offered` lists them.', content: { 'application/problem+json': { schema: ref('schemas', 'Problem') } } },
    Unavailable: { description: 'The graph is not loaded yet (or the store is down); Retry-After when known.', content: { 'application/problem+json': { schema: ref('schemas', 'Problem') } } },
  },
  schemas: {
    Problem: {
      type: 'object', description: 'RFC 9457 problem details.',
      properties: { type: { type: 'string' }, title: { type: 'string' }, status: { type: 'integer' }, code: { type: 'string' }, detail: { type: 'string' }, parameter: { type: 'string' }, maximum: { type: 'integer' }, offered: { type: 'array', items: { type: 'string' } } },
      required: ['title', 'status', 'detail'],
    },
    LanguageMap: { type: 'object', additionalProperties: { oneOf: [{ type: 'string' }, { type: 'array', items: { type: 'string' } }] }, description: 'Language tag (BCP 47 canonical case: zh-Hant, en; @none) → text.' },
    Record: { type: 'object', description: `A record framed as one object with the context ${'/context/' + CONTEXT_VERSION + '.jsonld'}; keys not in the context appear as compact IRIs.`, properties: { '@context': { type: 'string' }, id: { type: 'string', format: 'iri' }, type: { oneOf: [{ type: 'string' }, { type: 'array', items: { type: 'string' } }] } }, required: ['@context', 'id'] },
    HydraCollection: {
      type: 'object',
      properties: {
        '@context': { type: 'string' }, id: { type: 'string' }, type: { const: 'Collection' }, totalItems: { type: 'integer' },
        member: { type: 'array' },
        view: { type: 'object', properties: { id: { type: 'string' }, first: { type: 'string' }, previous: { type: 'string' }, next: { type: 'string' }, last: { type: 'string' } } },
        search: { type: 'object', description: 'hydra:IriTemplate of this search.' },
        facets: { type: 'object', additionalProperties: { type: 'array', items: ref('schemas', 'FacetValue') } },
      },
      required: ['@context', 'type', 'totalItems', 'member', 'view'],
    },
    FacetValue: { type: 'object', properties: { value: { type: 'string' }, label: { type: 'string' }, count: { type: 'integer' }, search: { type: 'string', description: 'This search narrowed to the value.' } } },
    DatasetMember: { type: 'object', properties: { id: { type: 'string' }, identifier: { type: 'string' }, title: ref('schemas', 'LanguageMap'), publisher: { type: 'object', properties: { id: { type: 'string' }, name: ref('schemas', 'LanguageMap') } }, theme: { type: 'array', items: { type: 'string' } }, license: {}, issued: {}, modified: {} } },
    AgencyMember: { type: 'object', properties: { id: { type: 'string' }, identifier: { type: 'string' }, name: ref('schemas', 'LanguageMap'), subOrganizationOf: { type: 'array', items: { type: 'string' } }, classification: { type: 'array', items: { type: 'string' } } } },
    LawMember: { type: 'object', properties: { id: { type: 'string' }, localId: { type: 'string' }, legalTitle: ref('schemas', 'LanguageMap'), documentType: { type: 'string' }, responsibilityOf: { type: 'array', items: { type: 'string' } } } },
    RequestMember: { type: 'object', properties: { id: { type: 'string' }, identifier: { type: 'string' }, title: ref('schemas', 'LanguageMap'), requestedDataset: ref('schemas', 'LanguageMap'), assignedTo: { type: 'array', items: { type: 'string' } }, status: { type: 'string' }, refusalReason: { type: 'array', items: { type: 'string' } }, replyDate: { type: 'string', format: 'date-time' } } },
  },
}

const RECORD_SUMMARIES: Record<string, string> = {
  '/dataset/:id': 'A dataset (dcat:Dataset) with its distributions nested and a publisher summary',
  '/dataset/:id/distribution/:n': 'A distribution, with its schema and the way back to its dataset',
  '/agency/:code': 'An agency (org:Organization) with its hierarchy and lineage',
  '/law/:pcode': 'A law (eli:LegalResource) with its articles',
  '/law/:pcode/article/:n': 'One article of a law',
  '/license/:id': 'A licence (dct:LicenseDocument) with its ODRL policy',
  '/request/:id': "A public dataset request (民眾資料集建議): assigned agencies, replies, laws cited, refusal reasons, the datasets that answer it",
  '/scheme/:name': 'A concept scheme with its concepts',
  '/scheme/:name/:code': 'A concept and its EU vocabulary matches',
}

/** The record, search, context and validation paths. */
function recordAndSearchPaths(): Json {
  const paths: Json = {
    '/api/datasets': searchOperation('searchDatasets', 'Search datasets (the complete records and the partial 2018 ones: `metadataStatus` says which)', 'DatasetMember', [
      filter('publisher', 'Agency code (A41000000G) or IRI.'), filter('theme', 'EU data theme code (GOVE), service category (public-information) or IRI.'),
      filter('format', 'EU file type code (CSV) or IRI.'), filter('license', 'Licence slug (OGDL-Taiwan-1.0) or IRI.'),
      filter('issued_after', 'dct:issued on or after: YYYY, YYYY-MM, YYYY-MM-DD (Taiwan time) or a dateTime with zone.'),
      filter('issued_before', 'dct:issued before (exclusive), same forms.'),
      filter('status', 'complete (the records in the DCAT-AP catalogue) or partial (the 2018 listing\'s records, which miss descriptions, formats and URLs), or the concept IRI; the status facet counts both.'),
    ]),
    '/api/agencies': searchOperation('searchAgencies', 'Search agencies', 'AgencyMember', [
      filter('level', 'Agency level code or IRI.'), filter('kind', 'coded, unit or unresolved (name only).', { enum: ['coded', 'unit', 'unresolved'] }),
      filter('status', 'active or abolished.', { enum: ['active', 'abolished'] }),
    ]),
    '/api/laws': searchOperation('searchLaws', 'Search laws', 'LawMember', [
      filter('kind', 'Law kind code (act, order, constitution) or IRI.'), filter('status', 'in-force or not-in-force.', { enum: ['in-force', 'not-in-force'] }),
      filter('agency', 'Competent agency code or IRI.'),
    ]),
    '/api/requests': searchOperation('searchRequests', "Search the public's dataset requests", 'RequestMember', [
      filter('agency', 'Assigned agency: code or IRI.'), filter('status', 'Reply status.', { enum: ['answered', 'unanswered', 'under-study'] }),
      filter('reason', 'Refusal reason a reply gives.', { enum: ['not-collected', 'personal-data', 'legally-restricted', 'already-open', 'fee-based', 'not-competent'] }),
      filter('year', 'Year the request was made (as a reply quotes it, else the latest it can have been made): YYYY.'),
    ]),
    '/dataset/{id}/validation': recordOperation('/dataset/{id}/validation', 'SHACL results (zh/en) and the MQA-style quality score (DQV measurements) of a dataset'),
    '/context.jsonld': { get: { operationId: 'getContext', tags: ['JSON-LD'], summary: 'The current JSON-LD context (also versioned at /context/1.jsonld, immutable; zh and en flavours at /context/1/zh.jsonld, /context/1/en.jsonld)', responses: { 200: { description: 'The context.', content: { 'application/ld+json': {} } }, 304: ref('responses', 'NotModified'), 404: ref('responses', 'NotFound') } } },
    [`/context/${CONTEXT_VERSION}.jsonld`]: { get: { operationId: 'getContextVersioned', tags: ['JSON-LD'], summary: `Version ${CONTEXT_VERSION} of the JSON-LD context (immutable)`, responses: { 200: { description: 'The context.', content: { 'application/ld+json': {} } }, 304: ref('responses', 'NotModified'), 404: ref('responses', 'NotFound') } } },
    [`/context/${CONTEXT_VERSION}/{language}.jsonld`]: { get: { operationId: 'getContextOneLanguage', tags: ['JSON-LD'], summary: 'The context flavour giving one language as plain strings (used with ?lang=)', parameters: [{ name: 'language', in: 'path', required: true, schema: { type: 'string', enum: ['zh', 'en'] } }], responses: { 200: { description: 'The context.', content: { 'application/ld+json': {} } }, 404: ref('responses', 'NotFound') } } },
    '/frames/{name}.jsonld': { get: { operationId: 'getFrame', tags: ['JSON-LD'], summary: 'The JSON-LD frame of a class', parameters: [{ name: 'name', in: 'path', required: true, schema: { type: 'string', enum: FRAMES.map((frame) => frame.name) } }], responses: { 200: { description: 'The frame.', content: { 'application/ld+json': {} } }, 404: ref('responses', 'NotFound') } } },
    '/shapes': recordOperation('/shapes', 'Our SHACL profile', 'JSON-LD'),
    '/shapes/{profile}': recordOperation('/shapes/{profile}', 'The SHACL shapes of a profile we validate against (ogd, dcat-ap-3.0.1, dcat-ap-2.1.1)', 'JSON-LD'),
    '/ontology': recordOperation('/ontology', 'Our own terms'),
  }
  for (const pattern of RECORD_PATTERNS) {
    const path = openApiPath(pattern)
    paths[path] = recordOperation(path, RECORD_SUMMARIES[pattern] ?? 'A resource the graph mints')
  }
  return paths
}

/**
 * Every group of paths the document describes, in order. A new route family (requests, write routes…) adds one
 * function here: `() => ({ '/api/requests': { get: { operationId, tags, summary, responses: { 200, 4xx } } } })`.
 */
export const OPENAPI_PATH_GROUPS: readonly (() => Json)[] = [recordAndSearchPaths, servicePaths, writePaths]

/** The document for a public origin (the `servers` entry). */
export function buildOpenApiDocument(origin: string): Json {
  const paths: Json = Object.assign({}, ...OPENAPI_PATH_GROUPS.map((group) => group()))
  ensureUniqueOperationIds(paths)
  return {
    openapi: OPENAPI.version,
    jsonSchemaDialect: OPENAPI.schemaDialect,
    info: {
      title: 'Taiwan open government data knowledge graph',
      version: `${CONTEXT_VERSION}.0.0`,
      description: '臺灣政府開放資料知識圖譜：每個 IRI 皆可解析（JSON-LD、Turtle、N-Triples、RDF/XML、HTML），資料集、機關、法規搜尋 API，SPARQL 1.1 端點與 DCAT-AP 目錄。Every IRI we mint resolves; the search API, the SPARQL 1.1 endpoint and the DCAT-AP catalogue; reads are public (CORS), cacheable (ETag, 304) and compressed.',
      // The data's licence (what a client reuses under); the reads need no key.
      license: { name: 'Open Government Data License, version 1.0', identifier: 'OGDL-Taiwan-1.0' },
    },
    servers: [{ url: origin }],
    tags: OPENAPI_TAGS,
    paths,
    // Reads need no credentials; the write routes name the bearer scheme.
    security: [{}],
    components: COMPONENTS,
  }
}
