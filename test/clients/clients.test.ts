/**
 * Clients we did not write, from Debian packages, reading our results over a loopback port: SPARQLWrapper and
 * rdflib's SPARQLStore (run by /usr/bin/python3), rasqal's roqet, and curl. A missing client fails the test
 * with the package to install (CI installs .ci/apt-packages.txt); it is never skipped silently.
 */
import { execFile } from 'node:child_process'
import { existsSync } from 'node:fs'
import { join } from 'node:path'
import { promisify } from 'node:util'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { startRealServer, type RealServer } from '../http/real-server.ts'
import { fixture } from '../http/support.ts'

const run = promisify(execFile)
const SCRIPTS = join(import.meta.dirname, '../fixtures/clients')
const PYTHON = '/usr/bin/python3'
// The titles of test/fixtures/http/graph.nq, in the order ORDER BY ?title gives.
const TITLES = ['Air quality', '臺北市公車路線']

/** Fail, naming the Debian package, when a client is not installed. */
async function requireClient(binary: string, pkg: string, pythonModule?: string): Promise<void> {
  if (!existsSync(binary)) throw new Error(`${binary} is missing: install the Debian package ${pkg} (apt-get install ${pkg}; CI installs .ci/apt-packages.txt)`)
  if (pythonModule) {
    await run(PYTHON, ['-c', `import ${pythonModule}`]).catch(() => {
      throw new Error(`the Python module ${pythonModule} is missing for ${PYTHON}: install the Debian package ${pkg} (apt-get install ${pkg})`)
    })
  }
}

/** Run a client (asynchronously: the server answers in this same process) and return its standard output. */
async function client(file: string, args: string[]): Promise<string> {
  const { stdout } = await run(file, args, { timeout: 60_000, maxBuffer: 16 * 1024 * 1024, env: { ...process.env, LC_ALL: 'C.UTF-8' } })
  return stdout
}

let server: RealServer
let endpoint: string
beforeAll(async () => {
  server = await startRealServer(fixture('graph.nq'))
  endpoint = `${server.url}/sparql`
})
afterAll(async () => { await server?.close() })

describe('Python clients', () => {
  it('sparqlwrapper_select_json_xml_csv_tsv_and_construct_turtle_rdfxml', async () => {
    await requireClient(PYTHON, 'python3-sparqlwrapper', 'SPARQLWrapper')
    const read = JSON.parse(await client(PYTHON, [join(SCRIPTS, 'sparqlwrapper_client.py'), endpoint]))
    expect(read).toEqual({
      json: TITLES, json_post: TITLES, xml: TITLES, csv: TITLES, tsv: ['"Air quality"@en', '"臺北市公車路線"@zh-Hant'],
      turtle: TITLES, rdfxml: TITLES,
    })
  })

  it('rdflib_sparqlstore_select_ask_construct', async () => {
    await requireClient(PYTHON, 'python3-rdflib', 'rdflib')
    const read = JSON.parse(await client(PYTHON, [join(SCRIPTS, 'rdflib_client.py'), endpoint]))
    expect(read).toEqual({ select: TITLES, languages: ['en', 'zh-Hant'], ask: true, construct: ['臺北市政府'], triples: 8 })
  })
})

// roqet -p asks for application/sparql-results+xml whatever the query, and rasqal 0.9.33's reader of that format
// reads variable bindings only (its <boolean> result reads as zero rows, even from a file): SELECT is what it can read.
describe('roqet (rasqal-utils)', () => {
  const SELECT = 'SELECT ?title WHERE { ?d <http://purl.org/dc/terms/title> ?title } ORDER BY ?title'
  const roqet = async (args: string[]) => {
    await requireClient('/usr/bin/roqet', 'rasqal-utils')
    return client('/usr/bin/roqet', ['-q', '-p', endpoint, '-e', SELECT, ...args])
  }

  it('roqet_protocol_select_as_csv', async () => {
    expect((await roqet(['-r', 'csv'])).trim().split(/\r?\n/)).toEqual(['title', ...TITLES])
  })

  it('roqet_protocol_select_as_xml_and_simple', async () => {
    const xml = await roqet(['-r', 'xml'])
    // rasqal writes the tags it read lower-cased (its own habit: we send zh-Hant); case does not matter in RDF 1.1 §3.3.
    expect([...xml.matchAll(/<literal xml:lang="([^"]+)">([^<]*)<\/literal>/g)].map((m) => [m[2], m[1]!.toLowerCase()])).toEqual([[TITLES[0], 'en'], [TITLES[1], 'zh-hant']])
    const simple = await roqet([])
    expect(simple.trim().split('\n')).toEqual([
      'row: [title=string("Air quality"@en)]',
      'row: [title=string("\\u81FA\\u5317\\u5E02\\u516C\\u8ECA\\u8DEF\\u7DDA"@zh-hant)]',
    ])
  })
})

describe('curl', () => {
  const SELECT = 'SELECT ?title WHERE { ?d <http://purl.org/dc/terms/title> ?title } ORDER BY ?title'
  const curl = async (args: string[]) => {
    await requireClient('/usr/bin/curl', 'curl')
    return client('/usr/bin/curl', ['-sS', '--fail-with-body', ...args])
  }

  it.each([
    ['application/sparql-results+json', (body: string) => JSON.parse(body).results.bindings.map((b: { title: { value: string } }) => b.title.value)],
    ['application/sparql-results+xml', (body: string) => [...body.matchAll(/<literal[^>]*>([^<]*)<\/literal>/g)].map((m) => m[1])],
    ['text/csv', (body: string) => body.trim().split('\r\n').slice(1)],
    ['text/tab-separated-values', (body: string) => body.trim().split('\n').slice(1).map((line) => line.replace(/^"(.*)"@.*$/, '$1'))],
    ['text/*;q=0.5, application/sparql-results+json;q=0.9', (body: string) => JSON.parse(body).results.bindings.map((b: { title: { value: string } }) => b.title.value)],
  ])('curl_get_accept %s', async (accept, read) => {
    const body = await curl(['-G', '-H', `Accept: ${accept}`, '--data-urlencode', `query=${SELECT}`, endpoint])
    expect(read(body)).toEqual(TITLES)
  })

  it('curl_post_form_and_direct_body', async () => {
    const form = await curl(['-H', 'Accept: text/csv', '--data-urlencode', `query=${SELECT}`, endpoint])
    expect(form.trim().split('\r\n').slice(1)).toEqual(TITLES)
    const direct = await curl(['-H', 'Accept: text/csv', '-H', 'Content-Type: application/sparql-query', '--data-binary', SELECT, endpoint])
    expect(direct.trim().split('\r\n').slice(1)).toEqual(TITLES)
  })

  it('curl_construct_as_ntriples_and_jsonld_and_format_parameter', async () => {
    const construct = 'CONSTRUCT { ?a <http://xmlns.com/foaf/0.1/name> ?n } WHERE { ?a <http://xmlns.com/foaf/0.1/name> ?n }'
    const nt = await curl(['-G', '-H', 'Accept: application/n-triples', '--data-urlencode', `query=${construct}`, endpoint])
    expect(nt.trim()).toBe('<http://kg.example.tw/agency/379000000G> <http://xmlns.com/foaf/0.1/name> "臺北市政府"@zh-Hant .')
    const jsonld = JSON.parse(await curl(['-G', '-H', 'Accept: application/ld+json', '--data-urlencode', `query=${construct}`, endpoint]))
    expect(JSON.stringify(jsonld)).toContain('臺北市政府')
    const csv = await curl(['-G', '--data-urlencode', `query=${SELECT}`, '--data-urlencode', 'format=csv', endpoint])
    expect(csv.trim().split('\r\n').slice(1)).toEqual(TITLES)
  })

  it('curl_sees_a_problem_json_for_a_bad_query', async () => {
    await requireClient('/usr/bin/curl', 'curl')
    const { stdout } = await run('/usr/bin/curl', ['-sS', '-G', '-w', '\n%{http_code} %{content_type}', '--data-urlencode', 'query=SELECT * WHERE {', endpoint])
    const [body, status] = stdout.split('\n')
    expect(status).toBe('400 application/problem+json')
    expect(JSON.parse(body!).detail).toMatch(/^syntax error at line 1/)
  })
})
