/**
 * A large catalogue for the Virtuoso bench, in the shape our pipeline writes: the records fixture graph (built by the
 * real pipeline from test/fixtures, 120 datasets) with every dataset record cloned under new ids until the catalogue
 * holds `datasets` datasets. Lines that name a dataset (its graph, distributions, catalogue record, quality
 * measurements, its dcat:dataset link from the catalogue) are copied per clone with the id suffixed `c{k}`; the rest
 * (agencies, laws, vocabularies) is written once. Streams straight to disk: 500,000 datasets is ~3 GB of N-Quads.
 */
import { createWriteStream, mkdirSync, writeFileSync } from 'node:fs'
import { join } from 'node:path'
import { fixtureNQuads } from '../../test/records/fixture-graph.ts'

const ID = /\/(dataset|catalog\/record)\/([0-9]+|l2018-[0-9a-f]+)/g

export interface GeneratedSnapshot {
  dir: string
  nquadsPath: string
  quads: number
  datasets: number
  /** Some generated dataset IRIs, for record requests. */
  sampleDatasets: string[]
}

/** Write snapshot DIR (CURRENT, graph.nq, meta.json) holding about `datasets` datasets. */
export async function writeLargeCatalog(dir: string, datasets: number, baseIri: string): Promise<GeneratedSnapshot> {
  // The fixture text repeats a few statements (the writer is given a list): one line per quad.
  const lines = [...new Set((await fixtureNQuads()).split('\n').filter(Boolean))]
  const cloned = lines.filter((line) => { ID.lastIndex = 0; return ID.test(line) })
  const kept = lines.filter((line) => { ID.lastIndex = 0; return !ID.test(line) })
  const perCopy = lines.filter((line) => line.includes('<http://www.w3.org/1999/02/22-rdf-syntax-ns#type> <http://www.w3.org/ns/dcat#Dataset>')).length
  const copies = Math.max(1, Math.ceil(datasets / perCopy))
  const version = `vbench-${copies * perCopy}`
  mkdirSync(join(dir, version), { recursive: true })
  const nquadsPath = join(dir, version, 'graph.nq')
  const out = createWriteStream(nquadsPath)
  const write = (text: string) => (out.write(text) ? Promise.resolve() : new Promise<void>((resolve) => out.once('drain', () => resolve())))
  await write(kept.join('\n') + '\n')
  const bases = cloned.filter((line) => line.includes('> <http://www.w3.org/1999/02/22-rdf-syntax-ns#type> <http://www.w3.org/ns/dcat#Dataset>')).map((line) => line.split(' ')[0]!.slice(1, -1))
  for (let k = 0; k < copies; k += 1) {
    const suffix = k === 0 ? '' : `c${k}`
    // Blank node labels are per document: each copy gets its own.
    await write(cloned.map((line) => line.replace(ID, (_, kind: string, id: string) => `/${kind}/${id}${suffix}`).replace(/_:([A-Za-z0-9_-]+)/g, `_:$1${suffix}`)).join('\n') + '\n')
  }
  await new Promise<void>((resolve, reject) => out.end((error?: Error | null) => (error ? reject(error) : resolve())))
  const quads = kept.length + copies * cloned.length
  // 200 datasets spread over the clones (a fixed stride, so every run asks for the same ones).
  const sampleDatasets = Array.from({ length: 200 }, (_, i) => {
    const k = Math.floor((i * 7919) % copies)
    return `${bases[(i * 31) % bases.length]}${k === 0 ? '' : `c${k}`}`
  })
  writeFileSync(join(dir, version, 'meta.json'), JSON.stringify({ baseIri, createdAt: new Date().toISOString(), quads, stats: {}, inputs: [] }, null, 2) + '\n')
  writeFileSync(join(dir, 'CURRENT'), version + '\n')
  return { dir, nquadsPath, quads, datasets: copies * perCopy, sampleDatasets }
}
