/**
 * Clients we did not write read every page in every format: raptor's `rapper` and Python rdflib (Debian packages
 * raptor2-utils and python3-rdflib, listed in .ci/apt-packages.txt). Skipped, saying why, when they are absent.
 */
import { execFileSync, spawnSync } from 'node:child_process'
import { existsSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { createCatalogApp } from './catalog-app.ts'
import { createFixtureStore } from './memory-store.ts'
import { walk } from './walk.ts'

const PYTHON = '/usr/bin/python3'
const hasRapper = spawnSync('rapper', ['--version']).status === 0
const hasRdflib = existsSync(PYTHON) && spawnSync(PYTHON, ['-c', 'import rdflib']).status === 0
if (!hasRapper) console.warn('outside-parsers: `rapper` not found (apt-get install raptor2-utils): rapper checks skipped')
if (!hasRdflib) console.warn(`outside-parsers: ${PYTHON} with rdflib not found (apt-get install python3-rdflib): rdflib checks skipped`)

const FORMATS = [
  { extension: 'ttl', rapper: 'turtle', rdflib: 'turtle' },
  { extension: 'rdf', rapper: 'rdfxml', rdflib: 'xml' },
  { extension: 'nt', rapper: 'ntriples', rdflib: 'nt' },
  // raptor has no JSON-LD parser (its `json` is RDF/JSON): rdflib alone reads the JSON-LD pages.
  { extension: 'jsonld', rapper: undefined, rdflib: 'json-ld' },
] as const

interface SavedPage {
  file: string
  extension: (typeof FORMATS)[number]['extension']
  url: string
  /** Triples we served, counted from the N-Triples rendering of the same page. */
  triples: number
}

const RDFLIB_COUNT = `
import json, sys, rdflib
out = {}
for path, fmt in json.load(sys.stdin):
    out[path] = len(rdflib.Graph().parse(path, format=fmt))
print(json.dumps(out))
`

describe('outside parsers read every catalogue page', () => {
  let dir: string
  const saved: SavedPage[] = []

  beforeAll(async () => {
    dir = mkdtempSync(join(tmpdir(), 'catalog-pages-'))
    const app = createCatalogApp(createFixtureStore(), { pageSize: 2 })
    for (const profile of ['dcat-ap-3.0.1', 'dcat-ap-2.1.1']) {
      const pages = await walk(app, `/catalog?profile=${profile}`)
      for (const [n, page] of pages.entries()) {
        for (const { extension } of FORMATS) {
          const url = page.url.replace('/catalog?', `/catalog.${extension}?`)
          const response = await app.request(url)
          expect(response.status).toBe(200)
          const file = join(dir, `${profile}-${n + 1}.${extension}`)
          writeFileSync(file, await response.text())
          saved.push({ file, extension, url, triples: page.quads.length })
        }
      }
    }
  })
  afterAll(() => rmSync(dir, { recursive: true, force: true }))

  it.skipIf(!hasRapper)('rapper parses every page in Turtle, RDF/XML and N-Triples, with the same triple count', () => {
    for (const page of saved) {
      const syntax = FORMATS.find((f) => f.extension === page.extension)!.rapper
      if (!syntax) continue
      const result = spawnSync('rapper', ['-i', syntax, '-c', page.file, 'http://localhost/'], { encoding: 'utf8' })
      expect(result.status, `${page.url}: ${result.stderr}`).toBe(0)
      expect(Number(/returned (\d+) triples/.exec(result.stderr)?.[1]), page.url).toBe(page.triples)
    }
  })

  it.skipIf(!hasRdflib)('rdflib parses every page in Turtle, RDF/XML, N-Triples and JSON-LD, with the same triple count', () => {
    const jobs = saved.map((page) => [page.file, FORMATS.find((f) => f.extension === page.extension)!.rdflib])
    const counts = JSON.parse(execFileSync(PYTHON, ['-c', RDFLIB_COUNT], { input: JSON.stringify(jobs), encoding: 'utf8' })) as Record<string, number>
    for (const page of saved) expect(counts[page.file], page.url).toBe(page.triples)
  })
})
