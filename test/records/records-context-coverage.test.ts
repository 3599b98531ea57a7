/**
 * Every term a record uses is in the published context, in every datatype it occurs with: a walk over one record of
 * every kind (each IRI pattern × each set of classes in the fixture graph) finds no compact or full IRI left as a key
 * or as a node type after compaction, and no value pointing at a notation node with no triples.
 */
import { beforeAll, describe, expect, it } from 'vitest'
import { createIris } from '../../src/model/iris.ts'
import { contextTables } from '../../src/serialize/context.ts'
import { createPublishedContextLoader } from '../../src/serialize/published-contexts.ts'
import { BASE, fixtureNQuads } from './fixture-graph.ts'
import { createRecordsApp, type TestApp } from './records-app.ts'

let records: TestApp
let samples: string[]
beforeAll(async () => {
  const nquads = await fixtureNQuads()
  records = await createRecordsApp({ nquads })
  // One IRI per kind: the path pattern (`/dataset/*/distribution/*`, 2018 rows apart) and its rdf:type set.
  const types = new Map<string, Set<string>>()
  for (const line of nquads.split('\n')) {
    const match = /^<([^>#]+)> <([^>]+)> (<[^>]+>|\S.*?) <[^>]+> \.$/.exec(line)
    // /catalog itself is the harvesters' paged DCAT-AP document (src/http/catalog.ts), not a record.
    if (!match || !match[1]!.startsWith(BASE) || match[1] === `${BASE}/catalog`) continue
    const set = types.get(match[1]!) ?? new Set<string>()
    if (match[2] === 'http://www.w3.org/1999/02/22-rdf-syntax-ns#type') set.add(match[3]!)
    types.set(match[1]!, set)
  }
  const byKind = new Map<string, string>()
  for (const [iri, classes] of types) {
    const pattern = iri.slice(BASE.length).replace(/l2018-[^/]+/, 'L2018').replace(/(?<=.)\/[^/]+/g, '/*')
    const kind = `${pattern} ${[...classes].sort().join(' ')}`
    if (!byKind.has(kind)) byKind.set(kind, iri.slice(BASE.length))
  }
  samples = [...byKind.values(), '/dataset/87371/validation', '/dataset/l2018-023cf424ac41/validation', '/ontology']
})

/** Keys with a colon (compact or absolute IRIs) and node types that are not short class names, with where they occur. */
function uncompacted(document: unknown): string[] {
  const found: string[] = []
  const walk = (value: unknown, at: string) => {
    if (Array.isArray(value)) return value.forEach((item) => walk(item, at))
    if (!value || typeof value !== 'object') return
    for (const [key, item] of Object.entries(value)) {
      if (key !== '@context' && key.includes(':')) found.push(`key ${key} in ${at}`)
      if (key === 'type') for (const name of [item].flat()) if (typeof name === 'string' && name.includes(':')) found.push(`type ${name} in ${at}`)
      walk(item, `${at}.${key}`)
    }
  }
  walk(document, '')
  return found
}

describe('the published context covers every record', () => {
  it('samples one record of every kind (datasets complete and partial, distributions, agencies, laws, licences, concepts, validation…)', () => {
    expect(samples.length).toBeGreaterThan(20)
    for (const kind of ['/dataset/', '/dataset/l2018-', '/distribution/', '/agency/', '/law/', '/license/', '/scheme/', '/catalog/record/', '/provenance/']) {
      expect(samples.some((path) => path.includes(kind)), kind).toBe(true)
    }
  })

  it('no key and no node type is left as a compact or full IRI', async () => {
    const problems: string[] = []
    for (const path of samples) {
      const response = await records.app.request(path, { headers: { accept: 'application/ld+json' } })
      expect(response.status, path).toBe(200)
      problems.push(...uncompacted(await response.json()).map((problem) => `${path}: ${problem}`))
    }
    expect(problems).toEqual([])
  })

  it('a 2018 row carries its date under issued, as the xsd:date it is', async () => {
    const document = await (await records.app.request('/dataset/l2018-023cf424ac41', { headers: { accept: 'application/ld+json' } })).json()
    expect(document.issued).toEqual({ '@value': expect.stringMatching(/^\d{4}-\d{2}-\d{2}$/), '@type': 'xsd:date' })
  })

  it('a contact point is typed with short names only', async () => {
    const document = await (await records.app.request('/dataset/38129', { headers: { accept: 'application/ld+json' } })).json()
    expect([document.contactPoint].flat()[0].type).toEqual(['Kind', 'VcardOrganization'])
  })

  it('skos:notation is a literal: the EU frequency notations are their values, not IRIs with no triples', async () => {
    const document = await (await records.app.request('/graph/vocab', { headers: { accept: 'application/ld+json' } })).json()
    const text = JSON.stringify(document)
    expect(text).not.toMatch(/"notation":\s*\{\s*"@id"/)
    expect(text).not.toContain('frequency/2ba06edbdcc3a0f68ae0d8b39b489c50')
  })
})

describe('the published contexts and their loader', () => {
  it('the loader serves, without fetching, exactly the contexts the server publishes (ActivityStreams copy included)', async () => {
    const loader = createPublishedContextLoader(contextTables(createIris(BASE)), ['http://localhost'])
    for (const path of ['/context.jsonld', '/context/1.jsonld', '/context/1/zh.jsonld', '/context/1/en.jsonld', '/context/activitystreams.jsonld']) {
      const response = await records.app.request(path)
      expect(response.status, path).toBe(200)
      expect((await loader(`http://localhost${path}`)).document, path).toEqual(await response.json())
    }
    await expect(loader('https://example.org/context.jsonld')).rejects.toThrow(/refused/)
  })
})
