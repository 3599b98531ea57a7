/**
 * Benchmark of `ogd build` / `ogd import`: datasets/s, triples/s and peak RSS, each run in its own process,
 * then the load of the snapshot it wrote into Oxigraph vs N3.Store (bench/load-store.ts, same run).
 *
 *   node bin/run-ts.js bench/build.ts [--count 50000] [--seed 1] [--skip-load]
 *
 * Runs: (1) build of the shipped default sources; (2) import of a generated catalogue of --count datasets
 * (the official 22-column export, bench/generate-catalog.ts), which is `build` with the catalogue replaced.
 */
import { execFileSync } from 'node:child_process'
import { existsSync, mkdirSync, rmSync } from 'node:fs'
import { join } from 'node:path'
import { parseArgs } from 'node:util'
import { REPO_ROOT } from '../src/cli/paths.ts'

const { values: args } = parseArgs({
  options: {
    count: { type: 'string', default: '50000' },
    seed: { type: 'string', default: '1' },
    'skip-load': { type: 'boolean', default: false },
    child: { type: 'string' },
    catalog: { type: 'string' },
    out: { type: 'string' },
  },
})

if (args.child) await runChild(args.child, args.out!, args.catalog)
else await runParent()

/** One measured build, in this process: prints a JSON line. */
async function runChild(label: string, out: string, catalog?: string) {
  const { resetPeakRss, readPeakRssMiB } = await import('./lib/process-memory.ts')
  const { runBuild } = await import('../src/build/run-build.ts')
  const { defaultInputs } = await import('../src/build/inputs.ts')
  resetPeakRss()
  const inputs = defaultInputs(REPO_ROOT)
  if (catalog) inputs.catalog = [catalog]
  const steps: Record<string, number> = {}
  let current = ''
  let started = performance.now()
  const progress = {
    step(name: string) { this.done(); current = name; started = performance.now() },
    tick() {},
    done() { if (current) steps[current] = Math.round(performance.now() - started); current = '' },
    log() {},
  }
  const t0 = performance.now()
  const { snapshot } = await runBuild({ root: REPO_ROOT, snapshotDir: out, baseIri: 'http://localhost:8080', inputs, progress, allowInvalid: true })
  const seconds = (performance.now() - t0) / 1000
  const datasets = await countLines(snapshot.nquadsPath, '<http://www.w3.org/1999/02/22-rdf-syntax-ns#type> <http://www.w3.org/ns/dcat#Dataset> ')
  console.log(JSON.stringify({ label, seconds, quads: snapshot.meta.quads, datasets, peakRssMiB: readPeakRssMiB(), steps, nquadsPath: snapshot.nquadsPath }))
}

/** Count the lines of a (large) file that contain `needle`, streaming. */
async function countLines(path: string, needle: string): Promise<number> {
  const { createInterface } = await import('node:readline')
  const { createReadStream } = await import('node:fs')
  let n = 0
  for await (const line of createInterface({ input: createReadStream(path) })) if (line.includes(needle)) n++
  return n
}

async function runParent() {
  const outDir = join(REPO_ROOT, 'bench', 'out')
  mkdirSync(outDir, { recursive: true })
  const csv = join(outDir, `catalog-${args.count}.csv`)
  if (!existsSync(csv)) {
    execFileSync(process.execPath, ['bin/run-ts.js', 'bench/generate-catalog.ts', '--count', args.count!, '--seed', args.seed!, '--out', csv], { cwd: REPO_ROOT, stdio: 'inherit' })
  }
  const runs = [
    { label: 'build (default sources)', catalog: undefined },
    { label: `import (${Number(args.count).toLocaleString('en')} generated datasets)`, catalog: csv },
  ]
  const results = []
  for (const run of runs) {
    const snapDir = join(outDir, `snap-${results.length}`)
    rmSync(snapDir, { recursive: true, force: true })
    const childArgs = ['bin/run-ts.js', 'bench/build.ts', '--child', run.label, '--out', snapDir, ...(run.catalog ? ['--catalog', run.catalog] : [])]
    const line = execFileSync(process.execPath, ['--max-old-space-size=12000', ...childArgs], { cwd: REPO_ROOT, encoding: 'utf8', maxBuffer: 1 << 26 }).trim().split('\n').pop()!
    results.push(JSON.parse(line))
    console.log(line) // each run's numbers as soon as it ends: a later run may take long or fail
  }
  console.log('\n| run | seconds | datasets | datasets/s | quads | quads/s | peak RSS (MiB) | slowest steps |')
  console.log('|---|---:|---:|---:|---:|---:|---:|---|')
  for (const r of results) {
    const slowest = Object.entries(r.steps as Record<string, number>).sort((a, b) => b[1] - a[1]).slice(0, 3).map(([k, v]) => `${k} ${(v / 1000).toFixed(1)} s`).join(', ')
    console.log(`| ${r.label} | ${r.seconds.toFixed(1)} | ${r.datasets.toLocaleString('en')} | ${Math.round(r.datasets / r.seconds).toLocaleString('en')} | ${r.quads.toLocaleString('en')} | ${Math.round(r.quads / r.seconds).toLocaleString('en')} | ${Math.round(r.peakRssMiB)} | ${slowest} |`)
  }
  if (!args['skip-load']) {
    for (const r of results) {
      console.log(`\nloading the snapshot of "${r.label}" (ours: Oxigraph; baseline: N3.Store, same run):`)
      execFileSync(process.execPath, ['bin/run-ts.js', 'bench/load-store.ts', r.nquadsPath], { cwd: REPO_ROOT, stdio: 'inherit' })
    }
  }
}
