/**
 * Bench helper: the graph `ogd build` makes (same importers and linkers) for a generated catalogue, written as a
 * snapshot without the build's SHACL step. On 50,000 datasets that step took over 30 minutes and 10 GB here before
 * the kernel stopped it; the harvest bench does not need it (it can validate what it harvests, `--validate`).
 *
 *   node --max-old-space-size=12000 bin/run-ts.js bench/harvest-snapshot.ts --catalog bench/out/catalog-50000.csv --snapshot /tmp/x
 */
import { appendFileSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs'
import { join, resolve } from 'node:path'
import { parseArgs } from 'node:util'
import { Writer } from 'n3'
import { buildGraph } from '../src/build/build-graph.ts'
import { defaultInputs } from '../src/build/inputs.ts'
import { createProgress } from '../src/cli/progress.ts'
import { REPO_ROOT } from '../src/cli/paths.ts'
import { createIris, DEFAULT_BASE_IRI } from '../src/model/iris.ts'

const USAGE = 'usage: harvest-snapshot.ts --catalog FILE.csv --snapshot DIR'
const SLICE = 100_000

async function main() {
  const { values } = parseArgs({ options: { catalog: { type: 'string' }, snapshot: { type: 'string' } } })
  if (!values.catalog || !values.snapshot) throw new Error(USAGE)
  const inputs = { ...defaultInputs(REPO_ROOT), catalog: [resolve(values.catalog)] }
  const started = performance.now()
  const output = buildGraph({ iris: createIris(DEFAULT_BASE_IRI), inputs, root: REPO_ROOT, read: (path) => readFileSync(path), progress: createProgress() })
  const seconds = (performance.now() - started) / 1000
  const meta = { baseIri: DEFAULT_BASE_IRI, createdAt: new Date().toISOString(), quads: output.quads.length, stats: { ...output.stats, validation: 'skipped (bench/harvest-snapshot.ts)' }, inputs: [] }
  // writeSnapshot takes the N-Quads as one string, which V8 caps at ~512 MB: write the same layout in slices.
  const version = `v${meta.createdAt.replace(/[-:.]/g, '')}-${process.pid}`
  const dir = join(resolve(values.snapshot), version)
  mkdirSync(dir, { recursive: true })
  const writer = new Writer({ format: 'N-Quads' })
  writeFileSync(join(dir, 'graph.nq'), '')
  for (let i = 0; i < output.quads.length; i += SLICE) appendFileSync(join(dir, 'graph.nq'), writer.quadsToString(output.quads.slice(i, i + SLICE)))
  writeFileSync(join(dir, 'meta.json'), JSON.stringify(meta, null, 2) + '\n')
  writeFileSync(join(resolve(values.snapshot), 'CURRENT'), version + '\n')
  console.log(`snapshot ${dir}: ${output.quads.length} quads, graph built in ${seconds.toFixed(1)} s; catalogue ${JSON.stringify(output.stats.catalog)}`)
}

main().catch((error: unknown) => {
  console.error(error instanceof Error ? error.message : error)
  process.exit(1)
})
