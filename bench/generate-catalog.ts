/** CLI: write a synthetic catalogue export. `generate-catalog.ts --count N --seed S --out FILE` */
import { createWriteStream, mkdirSync } from 'node:fs'
import { finished } from 'node:stream/promises'
import { dirname } from 'node:path'
import { parseArgs } from 'node:util'
import { writeCatalogCsv } from './lib/catalog-generator.ts'
import { loadCatalogSources } from './lib/catalog-sources.ts'

const USAGE = 'usage: generate-catalog.ts --count N [--seed S] --out FILE'

function readOptions() {
  const { values } = parseArgs({
    options: { count: { type: 'string' }, seed: { type: 'string', default: '1' }, out: { type: 'string' } },
  })
  const count = Number(values.count)
  if (!Number.isInteger(count) || count < 0) throw new Error(`--count must be a non-negative integer (${USAGE})`)
  if (!values.out) throw new Error(`--out is required (${USAGE})`)
  return { count, seed: values.seed, out: values.out }
}

async function main() {
  const { count, seed, out } = readOptions()
  const sources = loadCatalogSources()
  mkdirSync(dirname(out), { recursive: true })
  const stream = createWriteStream(out)
  const start = process.hrtime.bigint()
  const { rows, bytes } = await writeCatalogCsv(stream, count, seed, sources)
  stream.end()
  await finished(stream)
  const seconds = Number(process.hrtime.bigint() - start) / 1e9
  const mb = bytes / 1024 / 1024
  console.log(`${out}: ${rows} rows, ${mb.toFixed(1)} MiB in ${seconds.toFixed(2)} s (${Math.round(rows / seconds)} rows/s, ${(mb / seconds).toFixed(1)} MiB/s)`)
  console.log(JSON.stringify({ out, rows, seed, bytes, seconds: Number(seconds.toFixed(3)), rowsPerSecond: Math.round(rows / seconds) }))
}

main().catch((error: unknown) => {
  console.error(error instanceof Error ? error.message : error)
  process.exit(1)
})
