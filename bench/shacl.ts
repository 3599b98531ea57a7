/**
 * SHACL throughput of a build, in datasets/s: ours (per record, worker threads, src/validate/parallel.ts) cold and
 * with a warm cache, against two baselines on the same data and shapes in the same run: the whole-graph
 * shacl-engine run (what the build did before, validateBuiltQuadsWhole) and rdf-validate-shacl (npm). Each engine
 * runs in its own child process (peak RSS = its VmHWM over the validation only); each child builds the graph
 * first (not timed). The results of every engine are compared as sets (focus, path, shape, severity, component,
 * value) against the whole-graph run's.
 *
 *   node bin/run-ts.js bench/shacl.ts [--catalog FILE.csv] [--only ours,whole,rdf-validate-shacl] [--workers N] [--heap MiB]
 */
import { execFileSync } from 'node:child_process'
import { createHash } from 'node:crypto'
import { mkdtempSync, readFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { parseArgs } from 'node:util'
import { REPO_ROOT } from '../src/cli/paths.ts'

const { values: args } = parseArgs({
  options: {
    catalog: { type: 'string' },
    only: { type: 'string', default: 'ours,whole,rdf-validate-shacl' },
    workers: { type: 'string' },
    heap: { type: 'string', default: '7000' },
    child: { type: 'string' },
  },
})

type Engine = 'ours' | 'whole' | 'rdf-validate-shacl'

interface Issue { focusNode: string; path?: string; shape: string; severity: string; component: string; value?: string }

/** The result set's fingerprint: sorted lines of the six compared fields. */
function digest(issues: Issue[]): { results: number; sha256: string } {
  const lines = [...new Set(issues.map((i) => JSON.stringify([i.focusNode, i.path ?? null, i.shape, i.severity, i.component, i.value ?? null])))].sort()
  return { results: lines.length, sha256: createHash('sha256').update(lines.join('\n')).digest('hex').slice(0, 16) }
}

if (args.child) await runChild(args.child as Engine)
else runParent()

async function runChild(engine: Engine) {
  const { resetPeakRss, readPeakRssMiB, readRssMiB } = await import('./lib/process-memory.ts')
  const { buildGraph } = await import('../src/build/build-graph.ts')
  const { defaultInputs } = await import('../src/build/inputs.ts')
  const { createIris } = await import('../src/model/iris.ts')
  const { DCAT, RDF } = await import('../src/vocab/index.ts')
  const inputs = defaultInputs(REPO_ROOT)
  if (args.catalog) inputs.catalog = [args.catalog]
  const silent = { step() {}, tick() {}, done() {}, log() {} }
  const { quads } = buildGraph({ iris: createIris('http://localhost:8080'), inputs, root: REPO_ROOT, read: (p) => readFileSync(p), progress: silent })
  const datasets = new Set(quads.filter((q) => q.predicate.equals(RDF.type) && q.object.equals(DCAT.Dataset)).map((q) => q.subject.value)).size
  global.gc?.()
  const rssBefore = readRssMiB()
  resetPeakRss()
  const runs: { label: string; seconds: number; extra?: Record<string, unknown> }[] = []
  let issues: Issue[] = []
  if (engine === 'ours') {
    const { validateRecords } = await import('../src/validate/parallel.ts')
    const cachePath = join(mkdtempSync(join(tmpdir(), 'bench-shacl-')), 'validation-cache.json')
    const isBackground = (g: string) => /\/graph\/(vocab|catalog|ontology|shapes|meta)$/.test(g)
    const workers = args.workers ? Number(args.workers) : undefined
    for (const label of ['cold (no cache)', 'warm cache (no record changed)']) {
      const t0 = performance.now()
      const { reports, stats } = await validateRecords(quads, { shapesDir: inputs.shapesDir, isBackground, cachePath, ...(workers !== undefined ? { workers } : {}) })
      runs.push({ label, seconds: (performance.now() - t0) / 1000, extra: stats as unknown as Record<string, unknown> })
      issues = reports.flatMap((r) => r.issues)
    }
  } else if (engine === 'whole') {
    const { validateBuiltQuadsWhole } = await import('../src/build/run-build.ts')
    const t0 = performance.now()
    const reports = await validateBuiltQuadsWhole(quads, inputs.shapesDir)
    runs.push({ label: 'whole graph', seconds: (performance.now() - t0) / 1000 })
    issues = reports.flatMap((r) => r.issues)
  } else {
    issues = await runRdfValidateShacl(quads, inputs.shapesDir, runs)
  }
  console.log(JSON.stringify({ engine, datasets, quads: quads.length, runs, peakRssMiB: Math.round(readPeakRssMiB() ?? 0), rssBeforeMiB: Math.round(rssBefore), ...digest(issues) }))
}

/** rdf-validate-shacl over the same data graph (every quad in the default graph) and the same two profiles. */
async function runRdfValidateShacl(quads: import('n3').Quad[], shapesDir: string, runs: { label: string; seconds: number }[]): Promise<Issue[]> {
  const { default: SHACLValidator } = await import('rdf-validate-shacl')
  const { toDefaultGraphStore, compactIri } = await import('../src/validate/validate.ts')
  const { loadShapes } = await import('../src/validate/shapes.ts')
  const { BUILD_PROFILES } = await import('../src/validate/parallel.ts')
  const data = toDefaultGraphStore(quads)
  const issues: Issue[] = []
  const t0 = performance.now()
  for (const profile of BUILD_PROFILES) {
    const validator = new SHACLValidator(loadShapes(shapesDir, profile))
    const report = await validator.validate(data)
    for (const r of report.results) {
      const path = r.path?.termType === 'NamedNode' ? compactIri(r.path.value) : undefined
      const v = r.value
      issues.push({
        focusNode: r.focusNode?.value ?? '',
        path,
        shape: r.sourceShape?.termType === 'NamedNode' ? r.sourceShape.value : '(anonymous shape)',
        severity: r.severity?.value.replace(/^.*#/, '') ?? 'Violation',
        component: r.sourceConstraintComponent?.value.replace(/^.*#/, '') ?? '',
        value: !v ? undefined : v.termType === 'NamedNode' ? compactIri(v.value) : v.termType === 'Literal' ? JSON.stringify(v.value) : `_:${v.value}`,
      })
    }
  }
  runs.push({ label: 'whole graph', seconds: (performance.now() - t0) / 1000 })
  return issues
}

function runParent() {
  const engines = args.only!.split(',') as Engine[]
  const results = []
  for (const engine of engines) {
    const childArgs = [`--max-old-space-size=${args.heap}`, '--expose-gc', 'bin/run-ts.js', 'bench/shacl.ts', '--child', engine, ...(args.catalog ? ['--catalog', args.catalog] : []), ...(args.workers ? ['--workers', args.workers] : [])]
    process.stderr.write(`… ${engine}\n`)
    try {
      const out = execFileSync(process.execPath, childArgs, { cwd: REPO_ROOT, encoding: 'utf8', maxBuffer: 1 << 26, stdio: ['ignore', 'pipe', 'inherit'] })
      results.push(JSON.parse(out.trim().split('\n').pop()!))
    } catch (error) {
      results.push({ engine, failed: String((error as Error).message).split('\n')[0] })
    }
  }
  const reference = results.find((r) => r.engine === 'whole' && !r.failed)
  const baseline = reference?.runs?.[0]?.seconds as number | undefined
  console.log(`\n| engine | run | datasets | seconds | datasets/s | ratio vs whole-graph shacl-engine | peak RSS MiB (Δ over the graph) | results | same results as whole graph |`)
  console.log('| --- | --- | ---: | ---: | ---: | ---: | ---: | ---: | --- |')
  for (const r of results) {
    if (r.failed) {
      console.log(`| ${r.engine} | failed: ${r.failed} | | | | | | | |`)
      continue
    }
    for (const run of r.runs) {
      const rate = r.datasets / (run.seconds as number)
      const ratio = baseline ? (baseline / (run.seconds as number)).toFixed(2) : '–'
      const same = reference ? (r.sha256 === reference.sha256 ? 'yes' : `no (${r.results} vs ${reference.results})`) : '–'
      console.log(`| ${r.engine} | ${run.label} | ${r.datasets.toLocaleString('en')} | ${run.seconds.toFixed(2)} | ${Math.round(rate).toLocaleString('en')} | ${ratio}× | ${r.peakRssMiB} (${r.peakRssMiB - r.rssBeforeMiB}) | ${r.results} | ${same} |`)
    }
  }
  console.log(JSON.stringify(results))
}
