/**
 * The OpenAPI path items of the service routes — SPARQL, the DCAT-AP catalogue and its change feed, VoID, the dump,
 * the example queries, health and metrics, the pages — beside the record and search routes of openapi-document.ts.
 * A new route family adds its paths here (or in its own file, listed in OPENAPI_PATH_GROUPS).
 */
type Json = Record<string, unknown>

const ref = (kind: 'schemas' | 'parameters' | 'responses', name: string) => ({ $ref: `#/components/${kind}/${name}` })
const query = (name: string, description: string, schema: Json = { type: 'string' }) => ({ name, in: 'query', schema, description })
const content = (types: readonly string[], schema: Json = { type: 'string' }) => Object.fromEntries(types.map((type) => [type, { schema }]))

const SPARQL_RESULTS = ['application/sparql-results+json', 'application/sparql-results+xml', 'text/csv', 'text/tab-separated-values']
const GRAPH_TYPES = ['text/turtle', 'application/n-triples', 'application/n-quads', 'application/trig', 'application/rdf+xml', 'application/ld+json']
const CATALOG_TYPES = ['text/turtle', 'application/ld+json', 'application/rdf+xml', 'application/n-triples', 'text/html']

const SPARQL_PARAMETERS = [
  query('query', 'A SPARQL 1.1 query (SELECT, ASK, CONSTRUCT, DESCRIBE); without it, the service description (or the query UI for a browser).'),
  { name: 'default-graph-uri', in: 'query', schema: { type: 'array', items: { type: 'string' } }, description: 'SPARQL 1.1 Protocol dataset: the default graph(s).' },
  { name: 'named-graph-uri', in: 'query', schema: { type: 'array', items: { type: 'string' } }, description: 'SPARQL 1.1 Protocol dataset: the named graphs.' },
  query('format', 'For clients that cannot set Accept: json, xml, csv, tsv, ttl, nt, nq, trig, rdf, jsonld.'),
]

const SPARQL_RESPONSES = {
  200: { description: 'Results (SELECT, ASK) or a graph (CONSTRUCT, DESCRIBE), by Accept; Cache-Status says whether it was reused.', content: content([...SPARQL_RESULTS, ...GRAPH_TYPES]) },
  400: ref('responses', 'BadRequest'),
  406: ref('responses', 'NotAcceptable'),
  413: { description: 'The query or body is larger than allowed (MAX_QUERY_BYTES, MAX_BODY_BYTES).', content: content(['application/problem+json'], ref('schemas', 'Problem')) },
  429: { description: 'Too many queued queries, or this client stopped too many queries: Retry-After says when to try again.', content: content(['application/problem+json'], ref('schemas', 'Problem')) },
  503: { description: 'The deadline, the queue wait or the engine limit was reached (code: timeout, queue_timeout, engine_limit); Retry-After.', content: content(['application/problem+json'], ref('schemas', 'Problem')) },
}

const CATALOG_PAGE_PARAMETERS = [
  query('page', 'Page number, from 1.', { type: 'integer', minimum: 1 }),
  query('page_size', 'Records per page (the links keep it).', { type: 'integer', minimum: 1 }),
  query('modified_since', 'Only records modified at or after: a date (from 00:00 Taiwan time) or a date-time with zone.'),
  query('profile', 'dcat-ap-3.0.1 (default) or dcat-ap-2.1.1 (also by Accept-Profile).', { type: 'string', enum: ['dcat-ap-3.0.1', 'dcat-ap-2.1.1', '3.0.1', '2.1.1'] }),
  query('version', 'The catalogue version a harvest is pinned to (from the page links).'),
  query('format', 'ttl, jsonld, rdf or nt, for clients that cannot set Accept.'),
  query('lang', 'Language of the HTML view.', { type: 'string', enum: ['zh', 'en'] }),
  { name: 'Accept-Profile', in: 'header', schema: { type: 'string' }, description: 'A DCAT-AP profile IRI or token (W3C content negotiation by profile).' },
]

const NOT_FOUND_OR_BAD = { 400: ref('responses', 'BadRequest'), 404: ref('responses', 'NotFound') }

/** Path items of the service routes. */
export function servicePaths(): Json {
  return {
    '/sparql': {
      get: {
        operationId: 'querySparqlGet', tags: ['SPARQL'], summary: 'Run a SPARQL 1.1 query (GET), or read the service description',
        description: 'SPARQL 1.1 Protocol, read-only. A browser without a query gets the YASGUI query UI; a client without one, the service description (with our limits) in Turtle or another graph format.',
        parameters: SPARQL_PARAMETERS, responses: SPARQL_RESPONSES,
      },
      post: {
        operationId: 'querySparqlPost', tags: ['SPARQL'], summary: 'Run a SPARQL 1.1 query (POST: a form or a direct query body)',
        requestBody: {
          required: true,
          content: {
            'application/x-www-form-urlencoded': { schema: { type: 'object', properties: { query: { type: 'string' }, 'default-graph-uri': { type: 'string' }, 'named-graph-uri': { type: 'string' } }, required: ['query'] } },
            'application/sparql-query': { schema: { type: 'string' } },
          },
        },
        responses: SPARQL_RESPONSES,
      },
    },
    '/queries': {
      get: { operationId: 'listExampleQueries', tags: ['SPARQL'], summary: 'The named example queries (research questions)', responses: { 200: { description: 'The list, zh and en.', content: content(['application/json', 'text/html']) }, 406: ref('responses', 'NotAcceptable') } },
    },
    '/queries/{name}': {
      get: {
        operationId: 'runExampleQuery', tags: ['SPARQL'], summary: 'Run one example query by name (results negotiated as /sparql)',
        parameters: [{ name: 'name', in: 'path', required: true, schema: { type: 'string' }, description: 'The query name (queries/{name}.rq).' }],
        responses: { 200: SPARQL_RESPONSES[200], ...NOT_FOUND_OR_BAD },
      },
    },
    '/catalog': {
      get: {
        operationId: 'getCatalogPage', tags: ['Catalogue'], summary: 'A page of the DCAT-AP catalogue (complete records only), pinned to a version',
        description: 'Hydra paging (also in Link: first, prev, next, last); ETag, Last-Modified (the catalogue\'s dct:modified, from the data), Content-Profile. A browser gets an HTML view. Suffixes .ttl .jsonld .rdf .nt name the format. Unknown parameters are refused.',
        parameters: CATALOG_PAGE_PARAMETERS,
        responses: {
          200: { description: 'The page.', headers: { ETag: { schema: { type: 'string' } }, 'Last-Modified': { schema: { type: 'string' } }, 'Content-Profile': { schema: { type: 'string' } }, Link: { schema: { type: 'string' } } }, content: content(CATALOG_TYPES) },
          304: ref('responses', 'NotModified'),
          400: ref('responses', 'BadRequest'),
          406: ref('responses', 'NotAcceptable'),
          410: { description: 'The pinned version is no longer kept: restart from the first page (the problem gives the URL).', content: content(['application/problem+json'], ref('schemas', 'Problem')) },
        },
      },
    },
    '/catalog/changes': {
      get: {
        operationId: 'getCatalogChanges', tags: ['Catalogue'], summary: 'The change feed: creations, updates and deletions of catalogue records (ActivityStreams 2.0)',
        description: 'An OrderedCollection, oldest first; its JSON names our copy of the ActivityStreams context (/context/activitystreams.jsonld). `since` keeps changes to data changed at or after an instant (as:published comes from the data).',
        parameters: [
          query('page', 'Page number; without it, the collection.', { type: 'integer', minimum: 1 }), query('page_size', 'Activities per page.', { type: 'integer', minimum: 1 }),
          query('since', 'A date or a date-time with zone.'), query('format', 'ttl, jsonld, rdf or nt.'),
        ],
        responses: { 200: { description: 'The collection or one page.', content: content(['application/activity+json', ...CATALOG_TYPES.filter((type) => type !== 'text/html')]) }, 304: ref('responses', 'NotModified'), 400: ref('responses', 'BadRequest'), 406: ref('responses', 'NotAcceptable') },
      },
    },
    '/.well-known/void': {
      get: { operationId: 'getVoid', tags: ['Graph'], summary: 'VoID description of the graph: counts, class and property partitions, the endpoint and the dump', responses: { 200: { description: 'VoID.', content: content(GRAPH_TYPES) }, 406: ref('responses', 'NotAcceptable') } },
    },
    '/dump.nq.gz': {
      get: { operationId: 'getDump', tags: ['Graph'], summary: 'The whole graph as gzipped N-Quads (one named graph per record)', responses: { 200: { description: 'The dump, streamed.', content: { 'application/gzip': { schema: { type: 'string', format: 'binary' } } } }, 400: ref('responses', 'BadRequest'), 503: ref('responses', 'Unavailable') } },
    },
    '/context/activitystreams.jsonld': {
      get: { operationId: 'getActivityStreamsContext', tags: ['JSON-LD'], summary: 'Our copy of the ActivityStreams 2.0 context terms the change feed uses', responses: { 200: { description: 'The context.', content: { 'application/ld+json': {} } }, 404: ref('responses', 'NotFound') } },
    },
    '/health': {
      get: { operationId: 'getHealth', tags: ['Operations'], summary: 'Whether the graph is loaded and queryable (503 until it is)', responses: { 200: { description: 'Ready.', content: content(['application/json'], { type: 'object' }) }, 400: ref('responses', 'BadRequest'), 503: ref('responses', 'Unavailable') } },
    },
    '/metrics': {
      get: { operationId: 'getMetrics', tags: ['Operations'], summary: 'Prometheus metrics: requests, queue, cache, replicas', responses: { 200: { description: 'Prometheus text format 0.0.4.', content: content(['text/plain']) }, 406: ref('responses', 'NotAcceptable') } },
    },
    '/openapi.json': {
      get: { operationId: 'getOpenApi', tags: ['Operations'], summary: 'This document', responses: { 200: { description: 'OpenAPI 3.1.', content: content(['application/json'], { type: 'object' }) }, 304: ref('responses', 'NotModified'), 404: ref('responses', 'NotFound') } },
    },
    '/api-docs': {
      get: { operationId: 'getApiDocs', tags: ['Pages'], summary: 'This document as a page for people', parameters: [ref('parameters', 'lang')], responses: { 200: { description: 'HTML.', content: content(['text/html']) }, 400: ref('responses', 'BadRequest') } },
    },
    '/': {
      get: { operationId: 'getHomePage', tags: ['Pages'], summary: 'The home page: what the graph holds (complete and partial records) and where to start', parameters: [ref('parameters', 'lang')], responses: { 200: { description: 'HTML.', content: content(['text/html']) }, 400: ref('responses', 'BadRequest') } },
    },
    '/search': {
      get: { operationId: 'getSearchPage', tags: ['Pages'], summary: 'Dataset search for people (the HTML face of /api/datasets)', parameters: [query('q', 'Free text.'), ref('parameters', 'lang')], responses: { 200: { description: 'HTML.', content: content(['text/html']) }, 400: ref('responses', 'BadRequest') } },
    },
    '/dashboard': {
      get: { operationId: 'getDashboardPage', tags: ['Pages'], summary: 'Counts and charts of the catalogue, each saying over which records', parameters: [ref('parameters', 'lang')], responses: { 200: { description: 'HTML.', content: content(['text/html']) }, 400: ref('responses', 'BadRequest') } },
    },
  }
}

/** Tags with their descriptions (Redocly's recommended rules ask for them). */
export const OPENAPI_TAGS = [
  { name: 'Records', description: 'Every IRI the graph mints: HTML, JSON-LD, Turtle, N-Triples, RDF/XML.' },
  { name: 'Search', description: 'The search API: Hydra collections with facets.' },
  { name: 'JSON-LD', description: 'The contexts and frames we publish.' },
  { name: 'SPARQL', description: 'The SPARQL 1.1 endpoint and the example queries.' },
  { name: 'Catalogue', description: 'The DCAT-AP catalogue for harvesters and its change feed.' },
  { name: 'Graph', description: 'The whole graph: VoID and the dump.' },
  { name: 'Operations', description: 'Health, metrics and this document.' },
  { name: 'Pages', description: 'Pages for people.' },
  { name: 'Writes', description: 'Sync and record writes, with scoped Bearer tokens (off until a token exists).' },
]
