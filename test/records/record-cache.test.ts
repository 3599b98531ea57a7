/** The record cache alone: shared loads, LRU eviction by bytes, invalidation by graph, short-lived 404s. */
import { describe, expect, it } from 'vitest'
import { DataFactory } from 'n3'
import { createRecordCache } from '../../src/records/record-cache.ts'
import { assembleDocument } from '../../src/records/record-document.ts'
import { makeForm } from '../../src/records/record-forms.ts'

const { quad, namedNode, literal } = DataFactory

const documentOf = (iri: string, graphs: string[] = [], size = 10) =>
  assembleDocument({ iri, graph: iri, kind: 'record', own: [quad(namedNode(iri), namedNode('http://purl.org/dc/terms/title'), literal('x'.repeat(size)))], summary: [], summaryGraphs: graphs })

describe('record cache', () => {
  it('concurrent misses for one IRI share one load', async () => {
    const cache = createRecordCache()
    let loads = 0
    const load = async () => { loads++; return documentOf('http://x/a') }
    await Promise.all([cache.document('http://x/a', load), cache.document('http://x/a', load), cache.document('http://x/a', load)])
    expect(loads).toBe(1)
    await cache.document('http://x/a', load)
    expect(cache.stats()).toMatchObject({ hits: 1, misses: 3 })
  })

  it('evicts the least recently used documents past its byte budget', async () => {
    const cache = createRecordCache({ maxBytes: 3000 })
    for (const name of ['a', 'b', 'c']) await cache.document(`http://x/${name}`, async () => documentOf(`http://x/${name}`, [], 300))
    await cache.document('http://x/a', async () => documentOf('http://x/a'))
    await cache.document('http://x/d', async () => documentOf('http://x/d', [], 300))
    let reloaded = 0
    await cache.document('http://x/b', async () => { reloaded++; return documentOf('http://x/b') })
    await cache.document('http://x/a', async () => { reloaded += 10; return documentOf('http://x/a') })
    expect(reloaded).toBe(1)
    expect(cache.stats().bytes).toBeLessThanOrEqual(3000)
  })

  it('drops documents depending on a replaced graph, with their forms', async () => {
    const cache = createRecordCache()
    await cache.document('http://x/a', async () => documentOf('http://x/a', ['http://x/agency']))
    await cache.form('http://x/a', 'ttl', () => makeForm('body'))
    cache.invalidate(['http://x/agency'])
    let loads = 0
    await cache.document('http://x/a', async () => { loads++; return documentOf('http://x/a') })
    expect(loads).toBe(1)
  })

  it('a load that raced with a write does not store what it read', async () => {
    const cache = createRecordCache()
    let release!: () => void
    const pending = cache.document('http://x/a', () => new Promise((resolve) => { release = () => resolve(documentOf('http://x/a')) }))
    cache.invalidate(['http://x/a'])
    release()
    await pending
    let loads = 0
    await cache.document('http://x/a', async () => { loads++; return documentOf('http://x/a') })
    expect(loads).toBe(1)
  })

  it('remembers an unknown IRI only for a few seconds', async () => {
    let now = 0
    const cache = createRecordCache({ now: () => now })
    let loads = 0
    const load = async () => { loads++; return undefined }
    await cache.document('http://x/none', load)
    await cache.document('http://x/none', load)
    now = 6_000
    await cache.document('http://x/none', load)
    expect(loads).toBe(2)
  })
})
