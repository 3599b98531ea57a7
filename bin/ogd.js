#!/usr/bin/env node
// Entry point for the `ogd` command: registers the TypeScript loader, then runs the CLI.
import { spawnSync } from 'node:child_process'
import { constants, totalmem } from 'node:os'
import { fileURLToPath } from 'node:url'
import { getHeapStatistics } from 'node:v8'

// Building, importing and validating hold the whole graph (and SHACL's view of it) in memory: a 50,000-dataset
// catalogue needs ~11 GB, past V8's default heap (~4 GB), which then stops with "heap out of memory". Unless the
// user chose a heap size, these commands run again in a child with three quarters of the machine's memory.
const HEAVY = new Set(['build', 'import', 'validate'])
const wantedMb = Math.floor((totalmem() / 2 ** 20) * 0.75)
const chosen = /--max-old-space-size/.test(`${process.env.NODE_OPTIONS ?? ''} ${process.execArgv.join(' ')}`)
if (HEAVY.has(process.argv[2]) && !chosen && getHeapStatistics().heap_size_limit / 2 ** 20 < wantedMb * 0.9) {
  const child = spawnSync(process.execPath, [...process.execArgv, `--max-old-space-size=${wantedMb}`, fileURLToPath(import.meta.url), ...process.argv.slice(2)], { stdio: 'inherit' })
  // The child's exit status, or the shell's 128 + N for a child stopped by signal N.
  process.exit(child.status ?? 128 + (constants.signals[child.signal] ?? 0))
}

const { register } = await import('tsx/esm/api')
register()
const { main } = await import('../src/cli/main.ts')
await main(process.argv)
