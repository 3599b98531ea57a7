import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterEach, describe, expect, it } from 'vitest'
import { createEmbeddedStore, type EmbeddedStore } from '../../src/store/embedded.ts'
import { IMAGE_FILE, IMAGE_META_FILE } from '../../src/store/engine-image.ts'
import { generateNQuads } from '../fixtures/store/synthetic.ts'
import { readDump } from './read-dump.ts'

// The synthetic records plus a blank node and a language-tagged literal in a record graph.
const NQUADS = generateNQuads(120) + '_:d <http://www.w3.org/ns/dcat#downloadURL> <http://kg.example.tw/file/1.csv> <http://kg.example.tw/record/1> .\n<http://kg.example.tw/dataset/1> <http://www.w3.org/ns/dcat#distribution> _:d <http://kg.example.tw/record/1> .\n'
const GRAPH_0 = 'http://kg.example.tw/record/0'
const BASE = 'http://kg.example.tw'
const COUNT = 'SELECT (COUNT(*) AS ?n) WHERE { ?s ?p ?o }'
const IN_GRAPH_0 = `SELECT ?o WHERE { GRAPH <${GRAPH_0}> { ?s <http://purl.org/dc/terms/identifier> ?o } }`

const open: EmbeddedStore[] = []
const dirs: string[] = []
afterEach(async () => {
  await Promise.all(open.splice(0).map((store) => store.close()))
  for (const dir of dirs.splice(0)) rmSync(dir, { recursive: true, force: true })
})

function snapshotDir(nquads = NQUADS): { dir: string; nquadsPath: string } {
  const dir = mkdtempSync(join(tmpdir(), 'ogd-image-'))
  dirs.push(dir)
  const nquadsPath = join(dir, 'graph.nq')
  writeFileSync(nquadsPath, nquads)
  return { dir, nquadsPath }
}

/** A store over the file, with its log lines ('replica loaded' says where each replica's base came from). */
function storeOf(nquadsPath: string, dir: string, extra: { replicas?: number; changes?: { graphs: string[]; nquads: string }[]; baseKey?: string } = {}) {
  const lines: { msg: string; from?: string }[] = []
  const logger = { info: (o: object, msg: string) => lines.push({ ...o, msg }), warn: (o: object, msg: string) => lines.push({ ...o, msg }), error: (o: object, msg: string) => lines.push({ ...o, msg }) }
  const store = createEmbeddedStore({ nquadsPath, image: { dir, baseKey: extra.baseKey ?? BASE }, replicas: extra.replicas ?? 1, changes: extra.changes ?? [], defaultTimeoutMs: 20_000, logger: logger as never })
  open.push(store)
  const sources = () => lines.filter((l) => l.msg === 'replica loaded').map((l) => l.from)
  return { store, lines, sources }
}

const until = async (isDone: () => boolean) => { while (!isDone()) await new Promise((resolve) => setTimeout(resolve, 20)) }
const csv = async (store: EmbeddedStore, query: string) => (await store.query({ query, mediaType: 'text/csv' })).body

async function writeImageOnce(dir: string, nquadsPath: string): Promise<string> {
  const first = storeOf(nquadsPath, dir)
  await first.store.ready
  await until(() => existsSync(join(dir, IMAGE_META_FILE)))
  const dump = await readDump(first.store)
  await first.store.close()
  return dump
}

describe('engine image: restart from the engine memory beside the snapshot', () => {
  it('the_first_load_parses_and_writes_the_image_the_next_restores_it_with_the_same_graph', async () => {
    const { dir, nquadsPath } = snapshotDir()
    const parsedDump = await writeImageOnce(dir, nquadsPath)
    const second = storeOf(nquadsPath, dir, { replicas: 2 })
    await second.store.allReady
    expect(second.sources()).toEqual(['image', 'image'])
    // Byte for byte the same dump (blank node labels included): the same store, not a reload.
    expect(await readDump(second.store)).toBe(parsedDump)
    expect(await csv(second.store, COUNT)).toBe(`n\r\n${NQUADS.trim().split('\n').length}\r\n`)
  })

  it('a_restored_replica_replays_the_journal_and_takes_writes', async () => {
    const { dir, nquadsPath } = snapshotDir()
    await writeImageOnce(dir, nquadsPath)
    const change = { graphs: [GRAPH_0], nquads: `<http://kg.example.tw/dataset/0> <http://purl.org/dc/terms/identifier> "journaled" <${GRAPH_0}> .\n` }
    const { store, sources } = storeOf(nquadsPath, dir, { changes: [change] })
    await store.ready
    expect(sources()).toEqual(['image'])
    expect(await csv(store, IN_GRAPH_0)).toBe('o\r\njournaled\r\n')
    await store.replaceGraphs([GRAPH_0], `<http://kg.example.tw/dataset/0> <http://purl.org/dc/terms/identifier> "written" <${GRAPH_0}> .\n`)
    expect(await csv(store, IN_GRAPH_0)).toBe('o\r\nwritten\r\n')
    // A new blank node after the restore (the engine draws its labels from the host's random source).
    await store.replaceGraphs([GRAPH_0], `_:x <http://purl.org/dc/terms/identifier> "blank" <${GRAPH_0}> .\n`)
    expect(await csv(store, IN_GRAPH_0)).toBe('o\r\nblank\r\n')
  })

  it('a_changed_graph_or_another_base_is_parsed_again_never_restored_from_the_old_image', async () => {
    const { dir, nquadsPath } = snapshotDir()
    await writeImageOnce(dir, nquadsPath)
    const other = storeOf(nquadsPath, dir, { baseKey: 'https://data.example.tw' })
    await other.store.ready
    expect(other.sources()).toEqual(['text'])
    await other.store.close()
    writeFileSync(nquadsPath, NQUADS.replace('"000000"', '"zero"'))
    const changed = storeOf(nquadsPath, dir)
    await changed.store.ready
    expect(changed.sources()).toEqual(['text'])
    expect(await csv(changed.store, IN_GRAPH_0)).toBe('o\r\nzero\r\n')
  })

  it('a_damaged_image_is_set_aside_and_the_n_quads_loaded_instead', async () => {
    const { dir, nquadsPath } = snapshotDir()
    await writeImageOnce(dir, nquadsPath)
    const imagePath = join(dir, IMAGE_FILE)
    writeFileSync(imagePath, Buffer.alloc(readFileSync(imagePath).byteLength, 0x5a)) // same size, nonsense
    const { store, sources, lines } = storeOf(nquadsPath, dir, { replicas: 2 })
    await store.allReady
    expect(lines.some((l) => l.msg.startsWith('the engine image could not be restored'))).toBe(true)
    expect(sources()).toContain('text')
    expect(await csv(store, IN_GRAPH_0)).toBe('o\r\n000000\r\n')
  })

  it('an_image_whose_first_quad_is_not_the_one_its_meta_recorded_is_set_aside_and_the_n_quads_loaded_instead', async () => {
    const { dir, nquadsPath } = snapshotDir()
    await writeImageOnce(dir, nquadsPath)
    const metaPath = join(dir, IMAGE_META_FILE)
    const meta = JSON.parse(readFileSync(metaPath, 'utf8')) as { sample: string[] }
    expect(meta.sample).toHaveLength(4)
    writeFileSync(metaPath, JSON.stringify({ ...meta, sample: [...meta.sample.slice(0, 3), '<http://kg.example.tw/record/none>'] }))
    const { store, sources, lines } = storeOf(nquadsPath, dir)
    await store.allReady
    expect(lines.some((l) => l.msg.startsWith('the engine image could not be restored'))).toBe(true)
    expect(sources()).toEqual(['text'])
    expect(await csv(store, COUNT)).toBe(`n\r\n${NQUADS.trim().split('\n').length}\r\n`)
  })
})
