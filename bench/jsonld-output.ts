/**
 * CLI: JSON-LD of CONSTRUCT answers, our way (N3 parses the engine's N-Quads, jsonld.js converts and compacts)
 * against the baseline (jsonld.js parses the N-Quads itself, as src/serialize/jsonld-output.ts did before issue 10),
 * on the same graph in the same run; prints a table of times and the ratio, then a JSON line.
 *
 *   node bin/run-ts.js bench/jsonld-output.ts --sizes 5000,10000,30000
 */
import jsonld from 'jsonld'
import { parseArgs } from 'node:util'
import oxigraph from 'oxigraph'
import { serializeJsonLd } from '../src/serialize/jsonld-output.ts'
import { PREFIXES } from '../src/vocab/index.ts'
import { generateNQuads } from '../test/fixtures/store/synthetic.ts'

const { values } = parseArgs({ options: { sizes: { type: 'string', default: '5000,10000,30000' } } })
const sizes = values.sizes!.split(',').map(Number)
const store = new oxigraph.Store()
store.load(generateNQuads(Math.ceil(Math.max(...sizes) / 20) + 10), { format: 'application/n-quads' })

/** The baseline: what serializeJsonLd did before, jsonld.js reading the N-Quads text. */
async function baseline(nquads: string): Promise<string> {
  const expanded = await jsonld.fromRDF(nquads, { format: 'application/n-quads' })
  const context = Object.fromEntries(Object.entries(PREFIXES).filter(([, namespace]) => nquads.includes(namespace)))
  const compacted = await jsonld.compact(expanded, context, { documentLoader: (async (url: string) => { throw new Error(`refused ${url}`) }) as never })
  return JSON.stringify(compacted, null, 2) + '\n'
}

const time = async (work: () => Promise<string>) => {
  const started = performance.now()
  const text = await work()
  return { ms: performance.now() - started, text }
}

const rows: { triples: number; baselineMs: number; oursMs: number; ratio: number; sameOutput: boolean }[] = []
for (const size of sizes) {
  const nquads = store.query(`CONSTRUCT { ?s ?p ?o } WHERE { ?s ?p ?o } LIMIT ${size}`, { results_format: 'application/n-quads', use_default_graph_as_union: true }) as string
  const triples = nquads.split('\n').length - 1
  const ours = await time(() => serializeJsonLd(nquads, { prefixes: PREFIXES }))
  const base = await time(() => baseline(nquads))
  rows.push({ triples, baselineMs: Math.round(base.ms), oursMs: Math.round(ours.ms), ratio: Number((base.ms / ours.ms).toFixed(2)), sameOutput: base.text === ours.text })
}
console.log('triples  baseline (jsonld.js N-Quads parser)  ours (N3 parser)  baseline/ours  same output')
for (const r of rows) console.log(`${String(r.triples).padStart(7)}  ${String(r.baselineMs).padStart(10)} ms${' '.repeat(24)}${String(r.oursMs).padStart(6)} ms  ${String(r.ratio).padStart(12)}×  ${r.sameOutput}`)
console.log(JSON.stringify(rows))
