/** CLI: load one N-Quads file into Oxigraph and into N3.Store, each in a fresh child process; print a table and a JSON line. */
import { spawn } from 'node:child_process'
import { existsSync } from 'node:fs'
import { fileURLToPath } from 'node:url'
import { parseArgs } from 'node:util'
import { BACKENDS, isBackend, type Backend } from './lib/load-backends.ts'
import { measureLoad, type LoadMeasurement } from './lib/load-measure.ts'
import { buildLoadReport, formatLoadTable } from './lib/load-report.ts'

const USAGE = 'usage: load-store.ts FILE.nq [--repeat K] [--only oxigraph|n3]'
/** Heap room for N3.Store on big graphs; the default V8 limit (~4 GiB) stops it well before 24 GiB. */
const CHILD_HEAP_MiB = 20_000

function readOptions() {
  const { values, positionals } = parseArgs({
    allowPositionals: true,
    options: { repeat: { type: 'string', default: '1' }, only: { type: 'string' } },
  })
  const file = positionals[0]
  const repeat = Number(values.repeat)
  if (positionals.length !== 1 || !file) throw new Error(`expected exactly one N-Quads file (${USAGE})`)
  if (!existsSync(file)) throw new Error(`no such file: ${file}`)
  if (!Number.isInteger(repeat) || repeat < 1) throw new Error(`--repeat must be a positive integer (${USAGE})`)
  if (values.only !== undefined && !isBackend(values.only)) throw new Error(`--only must be one of ${BACKENDS.join(', ')}`)
  return { file, repeat, only: values.only as Backend | undefined }
}

/** Run this script with `--only backend` in a new node process; its last stdout line is the measurement. */
function measureInChild(file: string, backend: Backend): Promise<LoadMeasurement> {
  const args = ['--expose-gc', `--max-old-space-size=${CHILD_HEAP_MiB}`, '--import', 'tsx', fileURLToPath(import.meta.url), file, '--only', backend]
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, args, { stdio: ['ignore', 'pipe', 'inherit'] })
    let out = ''
    child.stdout.setEncoding('utf8').on('data', (text: string) => { out += text })
    child.on('error', reject)
    child.on('close', (code, signal) => {
      const last = out.trim().split('\n').pop() ?? ''
      if (code === 0 && last.startsWith('{')) resolve(JSON.parse(last) as LoadMeasurement)
      else reject(new Error(`${backend} load failed (exit ${code ?? signal}); output: ${out.slice(-500)}`))
    })
  })
}

async function main() {
  const { file, repeat, only } = readOptions()
  if (only) {
    console.log(JSON.stringify(await measureLoad(only, file)))
    return
  }
  const runs: LoadMeasurement[] = []
  for (let i = 0; i < repeat; i++) {
    for (const backend of BACKENDS) {
      const run = await measureInChild(file, backend)
      console.error(`run ${i + 1}/${repeat} ${backend}: ${run.quads} quads, ${run.seconds} s, peak RSS Δ ${run.peakRssDeltaMiB} MiB`)
      runs.push(run)
    }
  }
  const report = buildLoadReport(runs)
  console.log(formatLoadTable(report))
  console.log(JSON.stringify(report))
}

main().catch((error: unknown) => {
  console.error(error instanceof Error ? error.message : error)
  process.exit(1)
})
