/**
 * JSON-LD for developers: every record expands (JSON-LD 1.1) to exactly the graph of its Turtle form — checked with
 * jsonld.js and, as an outsider, Python pyld + rdflib; contexts are published, versioned and never fetched remotely.
 */
import { execFileSync } from 'node:child_process'
import { existsSync, mkdtempSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { beforeAll, describe, expect, it } from 'vitest'
import jsonld from 'jsonld'
import { Parser, Writer } from 'n3'
import rdfCanonize from 'rdf-canonize'
import { createLocalDocumentLoader } from '../../src/serialize/jsonld-loader.ts'
import { termDefinitions } from '../../src/serialize/context.ts'
import { createIris } from '../../src/model/iris.ts'
import { BASE } from './fixture-graph.ts'
import { createRecordsApp, type TestApp } from './records-app.ts'

/** One record of every class (and the parts and vocabularies). */
const SAMPLE = [
  '/dataset/87371', '/dataset/108354', '/dataset/159479', '/dataset/87371/distribution/1', '/agency/A41000000G',
  '/agency/301000000A/unit/%E7%A7%BB%E6%B0%91%E7%BD%B2', '/agency/unresolved/%E7%B6%93%E6%BF%9F%E9%83%A8', '/law/I0020026',
  '/law/J0070017/article/1', '/license/OGDL-Taiwan-1.0', '/license/CC-BY-4.0', '/scheme/data-level', '/scheme/data-level/public',
  '/catalog/record/87371', '/ontology', '/law/A0010012', '/dataset/l2018-023cf424ac41/validation',
]

let records: TestApp
let contexts: Record<string, unknown>
beforeAll(async () => {
  records = await createRecordsApp()
  contexts = {}
  for (const path of ['/context/1.jsonld', '/context/1/zh.jsonld', '/context/1/en.jsonld']) {
    contexts[`http://localhost${path}`] = await (await records.app.request(path)).json()
  }
})

const canonical = (nquads: string) => rdfCanonize.canonize(nquads, { algorithm: 'RDFC-1.0', inputFormat: 'application/n-quads' })
const turtleAsNQuads = async (path: string) => {
  const text = await (await records.app.request(`${path}.ttl`)).text()
  return new Writer({ format: 'N-Quads' }).quadsToString(new Parser({ baseIRI: BASE }).parse(text))
}
const expandToNQuads = async (document: unknown) =>
  (await jsonld.toRDF(document as never, { format: 'application/n-quads', documentLoader: createLocalDocumentLoader(contexts) as never })) as unknown as string

describe('JSON-LD expands to the Turtle graph (jsonld.js)', () => {
  it.each(SAMPLE)('%s, language maps', async (path) => {
    const document = await (await records.app.request(path, { headers: { accept: 'application/ld+json' } })).json()
    expect(await canonical(await expandToNQuads(document))).toBe(await canonical(await turtleAsNQuads(path)))
  })

  it.each(['zh', 'en'])('every sample with ?lang=%s (one language as plain strings, nothing dropped)', async (language) => {
    for (const path of SAMPLE) {
      const response = await records.app.request(`${path}?lang=${language}`, { headers: { accept: 'application/ld+json' } })
      expect(response.headers.get('content-language')).toBe(language === 'zh' ? 'zh-Hant' : 'en')
      expect(await canonical(await expandToNQuads(await response.json())), path).toBe(await canonical(await turtleAsNQuads(path)))
    }
  })
})

describe('the shape developers see', () => {
  it('a dataset is one nested object: distributions nested, a publisher summary, short keys', async () => {
    const document = await (await records.app.request('/dataset/87371.jsonld')).json()
    expect(document['@context']).toBe('http://localhost/context/1.jsonld')
    expect(document.id).toBe(`${BASE}/dataset/87371`)
    expect(document.type).toContain('Dataset')
    expect(document.title['zh-Hant']).toBe('歷年編制人數')
    expect(document.distribution[0].type).toBe('Distribution')
    expect(document.distribution[0].downloadURL[0]).toMatch(/^https:\/\//)
    expect(document.publisher.name['zh-Hant']).toBeTruthy()
    expect(document.issued).toBe('2018-07-11T00:00:00+08:00')
  })

  it('?lang=en gives English under the short key and keeps Chinese under the compact IRI', async () => {
    const document = await (await records.app.request('/agency/A41000000G?lang=en', { headers: { accept: 'application/ld+json' } })).json()
    expect(document['@context']).toBe('http://localhost/context/1/en.jsonld')
    expect(document.name).toBe('National Development Council')
    expect(document['foaf:name']).toEqual({ '@value': '國家發展委員會', '@language': 'zh-Hant' })
  })

  it.each(['en-US,en;q=0.9', 'zh-TW', '*'])('JSON-LD has one shape whatever Accept-Language says (%s): language maps, no Content-Language, no Vary on it', async (acceptLanguage) => {
    const response = await records.app.request('/agency/A41000000G', { headers: { accept: 'application/ld+json', 'accept-language': acceptLanguage } })
    const plain = await (await records.app.request('/agency/A41000000G', { headers: { accept: 'application/ld+json' } })).text()
    expect(await response.clone().text()).toBe(plain)
    expect((await response.json())['@context']).toBe('http://localhost/context/1.jsonld')
    expect(response.headers.get('content-language')).toBeNull()
    expect(response.headers.get('vary')).not.toContain('Accept-Language')
  })

  it('?lang=all gives language maps; an unknown lang is 400', async () => {
    const document = await (await records.app.request('/agency/A41000000G.jsonld?lang=all')).json()
    expect(document.name).toEqual({ 'zh-Hant': '國家發展委員會', en: 'National Development Council' })
    expect((await records.app.request('/agency/A41000000G.jsonld?lang=fr')).status).toBe(400)
  })

  it('a record graph that describes another IRI (the CC BY licence) is framed around that node', async () => {
    const document = await (await records.app.request('/license/CC-BY-4.0.jsonld')).json()
    expect(document.id).toBe('http://spdx.org/licenses/CC-BY-4.0')
  })

  it('JSON-LD responses link their context for plain-JSON clients (JSON-LD 1.1 §6.1)', async () => {
    const response = await records.app.request('/dataset/87371', { headers: { accept: 'application/json' } })
    expect(response.headers.get('link')).toContain('<http://localhost/context/1.jsonld>; rel="http://www.w3.org/ns/json-ld#context"')
  })
})

describe('contexts and frames', () => {
  it('short keys are unique and each names one IRI', () => {
    const terms = termDefinitions(createIris(BASE))
    expect(new Set(terms.map((term) => term.key)).size).toBe(terms.length)
    expect(new Set(terms.map((term) => term.iri)).size).toBe(terms.length)
  })

  it('the versioned context is immutable; /context.jsonld is the current one and says so', async () => {
    const versioned = await records.app.request('/context/1.jsonld')
    expect(versioned.headers.get('cache-control')).toContain('immutable')
    const current = await records.app.request('/context.jsonld')
    expect(await current.text()).toBe(await versioned.clone().text())
    expect(current.headers.get('link')).toBe('<http://localhost/context/1.jsonld>; rel="canonical"')
  })

  it('the context is JSON-LD 1.1 and protected', async () => {
    const { '@context': context } = await (await records.app.request('/context.jsonld')).json()
    expect(context['@version']).toBe(1.1)
    expect(context['@protected']).toBe(true)
    expect(context.title).toEqual({ '@id': 'http://purl.org/dc/terms/title', '@container': '@language' })
  })

  it('the published dataset frame frames our N-Triples into one Dataset object with jsonld.js', async () => {
    const frame = await (await records.app.request('/frames/dataset.jsonld')).json()
    const expanded = await jsonld.fromRDF(await (await records.app.request('/dataset/87371.nt')).text(), { format: 'application/n-quads' })
    const framed = await jsonld.frame(expanded, frame, { documentLoader: createLocalDocumentLoader(contexts) as never, omitGraph: true } as never) as unknown as Record<string, unknown>
    expect(framed.id).toBe(`${BASE}/dataset/87371`)
    expect(Array.isArray(framed.distribution)).toBe(true)
  })

  it('records name only our published contexts, and a loader refusing everything else suffices to expand them', async () => {
    const requested: string[] = []
    const local = createLocalDocumentLoader(contexts)
    const loader = async (url: string) => {
      requested.push(url)
      return local(url)
    }
    for (const path of SAMPLE.slice(0, 4)) await jsonld.expand(await (await records.app.request(`${path}.jsonld`)).json(), { documentLoader: loader as never })
    expect(new Set(requested)).toEqual(new Set(['http://localhost/context/1.jsonld']))
    await expect(local('https://example.org/other.jsonld')).rejects.toThrow('remote JSON-LD context refused')
  })
})

const PYTHON = '/usr/bin/python3'
const hasPyld = existsSync(PYTHON) && (() => {
  try {
    execFileSync(PYTHON, ['-c', 'import pyld, rdflib'], { stdio: 'ignore' })
    return true
  } catch {
    return false
  }
})()

/** pyld expands each JSON-LD file (contexts from local files) and rdflib compares it with the Turtle file. */
const PYTHON_CHECK = `
import json, sys
from pyld import jsonld
from rdflib import Graph, Literal
from rdflib.compare import isomorphic
contexts = json.load(open(sys.argv[1]))
def loader(url, options=None):
    if url in contexts:
        return {'contentType': 'application/ld+json', 'contextUrl': None, 'documentUrl': url, 'document': contexts[url]}
    raise Exception('remote context refused: ' + url)
jsonld.set_document_loader(loader)
# RDF 1.1 §3.3 compares language tags case-insensitively; pyld lower-cases them, rdflib keeps our BCP 47 case.
def lower_tags(graph):
    out = Graph()
    for s, p, o in graph:
        out.add((s, p, Literal(o, lang=o.language.lower()) if isinstance(o, Literal) and o.language else o))
    return out
failures = []
for stem in sys.argv[2:]:
    document = json.load(open(stem + '.jsonld'))
    nquads = jsonld.to_rdf(document, {'format': 'application/n-quads'})
    ours = lower_tags(Graph().parse(data=nquads, format='nquads'))
    theirs = lower_tags(Graph().parse(stem + '.ttl', format='turtle'))
    if not isomorphic(ours, theirs):
        failures.append(stem)
print(json.dumps(failures))
`

describe.skipIf(!hasPyld)('outsiders: Python pyld expands, rdflib finds the Turtle graph', () => {
  it('every sample record, in every language flavour', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'records-pyld-'))
    writeFileSync(join(dir, 'contexts.json'), JSON.stringify(contexts))
    writeFileSync(join(dir, 'check.py'), PYTHON_CHECK)
    const stems: string[] = []
    for (const [n, path] of SAMPLE.entries()) {
      for (const language of ['all', 'zh', 'en']) {
        const stem = join(dir, `${n}-${language}`)
        writeFileSync(`${stem}.jsonld`, await (await records.app.request(`${path}.jsonld?lang=${language}`)).text())
        writeFileSync(`${stem}.ttl`, await (await records.app.request(`${path}.ttl`)).text())
        stems.push(stem)
      }
    }
    const output = execFileSync(PYTHON, [join(dir, 'check.py'), join(dir, 'contexts.json'), ...stems], { encoding: 'utf8' })
    expect(JSON.parse(output)).toEqual([])
  })
})
