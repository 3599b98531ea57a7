import { mkdtempSync, readFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { describe, expect, it } from 'vitest'
import { createEmbeddedStore } from '../../src/store/embedded.ts'
import { createInProcessStore } from '../../src/store/in-process.ts'
import { readJournal } from '../../src/store/journal.ts'
import { createJournaledStore, openJournal, type JournaledStore } from '../../src/store/journaled-store.ts'
import { requireSnapshot, writeSnapshot } from '../../src/store/snapshot.ts'
import { DEFAULT_GRAPH } from '../../src/store/types.ts'

const G = (n: number) => `http://example.org/g${n}`
const quad = (n: number, value: string) => `<http://example.org/s${n}> <http://example.org/p> "${value}" <${G(n)}> .\n`
const BASE = quad(1, 'one') + quad(2, 'two')
const meta = { baseIri: 'http://example.org', createdAt: '2026-01-01T00:00:00.000Z', quads: 2, stats: {}, inputs: [] }
const noFatal = () => { throw new Error('unexpected fatal') }

async function newDir(): Promise<string> {
  const dir = mkdtempSync(join(tmpdir(), 'ogd-journaled-'))
  await writeSnapshot(dir, BASE, meta)
  return dir
}

/** What `ogd serve` does at start, with the in-process store: snapshot + journal replay, journaled. */
async function open(dir: string): Promise<JournaledStore> {
  const snapshot = await requireSnapshot(dir)
  const journal = await openJournal(dir, snapshot, { onFatal: noFatal })
  const inner = createInProcessStore({ nquads: readFileSync(snapshot.nquadsPath) })
  for (const change of journal.changes) await inner.replaceGraphs(change.graphs, change.nquads)
  return createJournaledStore(inner, dir, journal)
}

async function valueOf(store: JournaledStore, n: number): Promise<string | undefined> {
  const { body } = await store.query({ query: `SELECT ?v WHERE { GRAPH <${G(n)}> { ?s ?p ?v } }`, mediaType: 'application/sparql-results+json' })
  return (JSON.parse(body) as { results: { bindings: { v: { value: string } }[] } }).results.bindings[0]?.v.value
}

describe('journaled store', () => {
  it('keeps_an_acknowledged_change_across_a_restart', async () => {
    const dir = await newDir()
    const store = await open(dir)
    await store.replaceGraphs([G(1)], quad(1, 'changed'))
    await store.close()
    const again = await open(dir)
    expect(await valueOf(again, 1)).toBe('changed')
    expect(await valueOf(again, 2)).toBe('two')
    await again.close()
  })

  it('records_a_change_the_store_refused_as_cancelled_and_does_not_replay_it', async () => {
    const dir = await newDir()
    const store = await open(dir)
    await expect(store.replaceGraphs([G(1)], quad(2, 'outside the graphs replaced'))).rejects.toThrow(/graphs it does not replace/)
    await store.close()
    const { entries } = await readJournal(dir)
    expect(entries.map((e) => e.op)).toEqual(['replace', 'cancel'])
    const again = await open(dir)
    expect(await valueOf(again, 1)).toBe('one')
    await again.close()
  })

  it('refuses_a_bad_graph_name_before_writing_the_journal', async () => {
    const dir = await newDir()
    const store = await open(dir)
    await expect(store.replaceGraphs(['not an iri>'], '')).rejects.toThrow()
    await store.close()
    expect((await readJournal(dir)).entries).toEqual([])
  })

  it('refuses_a_second_writer_of_the_same_journal', async () => {
    const dir = await newDir()
    const store = await open(dir)
    await expect(open(dir)).rejects.toThrow(/being written by process/)
    await store.close()
  })

  it('compacts_into_a_new_snapshot_that_holds_every_change', async () => {
    const dir = await newDir()
    const store = await open(dir)
    await store.replaceGraphs([G(1)], quad(1, 'changed'))
    await store.replaceGraphs([G(3)], quad(3, 'created'))
    const before = (await requireSnapshot(dir)).version
    const { journalSeq } = await store.compact()
    await store.close()
    const snapshot = await requireSnapshot(dir)
    expect(snapshot.version).not.toBe(before)
    expect(snapshot.meta.journalSeq).toBe(journalSeq)
    expect(readFileSync(snapshot.nquadsPath, 'utf8')).toContain('"created"')
    const again = await open(dir)
    expect(await valueOf(again, 3)).toBe('created')
    expect(again.journalStats().entriesSinceSnapshot).toBe(0)
    await again.close()
  })

  it('keeps_live_changes_over_a_rebuild_from_sources_even_after_compaction', async () => {
    const dir = await newDir()
    const store = await open(dir)
    await store.replaceGraphs([G(1)], quad(1, 'changed'))
    await store.compact()
    await store.replaceGraphs([G(2)], '') // withdrawn after the compaction
    await store.close()
    await writeSnapshot(dir, BASE, { ...meta, createdAt: '2026-02-01T00:00:00.000Z' }) // what `ogd build` writes: no journalSeq
    const again = await open(dir)
    expect(await valueOf(again, 1)).toBe('changed')
    expect(await valueOf(again, 2)).toBeUndefined()
    await again.close()
  })
})

describe('journaled store: the default graph', () => {
  it('keeps_a_default_graph_change_over_a_restart_and_a_rebuild_after_compaction', async () => {
    const dir = await newDir()
    const store = await open(dir)
    // A default-graph triple whose object is a graph IRI: its line ends like a quad of that graph.
    const triple = `<http://example.org/d> <http://example.org/p> <${G(1)}> .\n<http://example.org/d> <http://example.org/p> "x <${G(2)}> .\\n" .\n`
    await store.replaceGraphs([DEFAULT_GRAPH, G(1)], triple + quad(1, 'changed'))
    await store.compact()
    await store.close()
    await writeSnapshot(dir, BASE, { ...meta, createdAt: '2026-02-01T00:00:00.000Z' }) // a rebuild from sources
    const again = await open(dir)
    expect((await again.readGraphs([DEFAULT_GRAPH])).split('\n').sort()).toEqual(triple.split('\n').sort())
    expect(await valueOf(again, 1)).toBe('changed')
    expect(await valueOf(again, 2)).toBe('two')
    await again.close()
  })
})

describe('embedded store replaying a journal', () => {
  it('applies_the_changes_on_every_replica_and_skips_one_the_engine_refuses', async () => {
    const changes = [{ graphs: [G(1)], nquads: quad(1, 'changed') }, { graphs: [G(2)], nquads: 'not n-quads' }, { graphs: [G(3)], nquads: quad(3, 'new') }]
    const store = createEmbeddedStore({ nquads: BASE, replicas: 2, changes })
    await store.ready
    const ask = `ASK { GRAPH <${G(1)}> { ?s ?p "changed" } GRAPH <${G(2)}> { ?s2 ?p2 "two" } GRAPH <${G(3)}> { ?s3 ?p3 "new" } }`
    const answers = await Promise.all([1, 2, 3, 4].map(() => store.query({ query: ask, mediaType: 'application/sparql-results+json' })))
    for (const { body } of answers) expect(JSON.parse(body).boolean).toBe(true)
    await store.close()
  })
})
