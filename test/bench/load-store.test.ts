import { execFile } from 'node:child_process'
import { createWriteStream, mkdtempSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { finished } from 'node:stream/promises'
import { promisify } from 'node:util'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { writeCatalogCsv } from '../../bench/lib/catalog-generator.ts'
import { BACKENDS } from '../../bench/lib/load-backends.ts'
import { measureLoad } from '../../bench/lib/load-measure.ts'
import { buildLoadReport, formatLoadTable, type LoadReport } from '../../bench/lib/load-report.ts'
import { convertCsvToToyNQuads } from './toy-nquads.ts'

const run = promisify(execFile)
const dir = mkdtempSync(join(tmpdir(), 'load-store-'))
const csvPath = join(dir, 'catalog.csv')
const nqPath = join(dir, 'catalog.nq')
afterAll(() => rmSync(dir, { recursive: true, force: true }))

beforeAll(async () => {
  const out = createWriteStream(csvPath)
  await writeCatalogCsv(out, 300, 'load-test')
  out.end()
  await finished(out)
  await convertCsvToToyNQuads(csvPath, nqPath)
})

// A blank node and a Chinese literal on the first line, the same quad again at the end: with tiny chunks,
// a loader that scoped labels per chunk or split characters would count 3 quads or fail to parse.
const BLANK_ACROSS_CHUNKS = [
  '_:b1 <http://ex.org/p> "臺北市政府主計處" <http://ex.org/g> .',
  '<http://ex.org/s> <http://ex.org/p> _:b1 <http://ex.org/g> .',
  '_:b1 <http://ex.org/p> "臺北市政府主計處" <http://ex.org/g> .',
  '',
].join('\n')

describe.each(BACKENDS)('measureLoad(%s)', (backend) => {
  it('keeps_blank_nodes_and_characters_whole_across_chunk_boundaries', async () => {
    const file = join(dir, `blank-${backend}.nq`)
    writeFileSync(file, BLANK_ACROSS_CHUNKS)
    const m = await measureLoad(backend, file, 7)
    expect(m.quads).toBe(2)
  })

  it('reports_time_throughput_and_memory', async () => {
    const m = await measureLoad(backend, nqPath)
    expect(m.backend).toBe(backend)
    expect(m.quads).toBeGreaterThan(300 * 20)
    expect(m.seconds).toBeGreaterThan(0)
    expect(m.quadsPerSecond).toBeGreaterThan(0)
    expect(m.peakRssDeltaMiB).toBeGreaterThanOrEqual(0)
  })

  it('rejects_a_file_that_is_not_n_quads', async () => {
    const file = join(dir, `bad-${backend}.nq`)
    writeFileSync(file, 'this is not n-quads\n')
    await expect(measureLoad(backend, file)).rejects.toThrow()
  })
})

describe('load-store CLI', () => {
  it('loads_the_same_file_into_both_stores_and_prints_a_table_and_a_json_line', async () => {
    const { stdout } = await run(process.execPath, ['bin/run-ts.js', 'bench/load-store.ts', nqPath, '--repeat', '1'])
    const report = JSON.parse(stdout.trim().split('\n').pop()!) as LoadReport
    expect(report.ours.backend).toBe('oxigraph')
    expect(report.baseline.backend).toBe('n3')
    expect(report.ours.quads).toBe(report.baseline.quads)
    expect(report.runs).toHaveLength(2)
    expect(report.runs.every((r) => r.peakMethod === 'VmHWM')).toBe(true)
    expect(stdout).toContain('| oxigraph Store (ours) |')
    expect(stdout).toContain('| ratio ours/baseline |')
  })

  it('refuses_a_missing_file', async () => {
    await expect(run(process.execPath, ['bin/run-ts.js', 'bench/load-store.ts', join(dir, 'nope.nq')])).rejects.toThrow(/no such file/)
  })

  it('refuses_an_unknown_backend', async () => {
    await expect(run(process.execPath, ['bin/run-ts.js', 'bench/load-store.ts', nqPath, '--only', 'jena'])).rejects.toThrow(/--only/)
  })
})

describe('buildLoadReport', () => {
  const base = { file: 'x.nq', fileMiB: 1, rssBeforeMiB: 80, peakMethod: 'VmHWM' as const }
  const runs = [
    { ...base, backend: 'oxigraph' as const, quads: 100, seconds: 1, quadsPerSecond: 100, peakRssDeltaMiB: 10, retainedRssDeltaMiB: 8 },
    { ...base, backend: 'oxigraph' as const, quads: 100, seconds: 3, quadsPerSecond: 33, peakRssDeltaMiB: 12, retainedRssDeltaMiB: 8 },
    { ...base, backend: 'n3' as const, quads: 100, seconds: 4, quadsPerSecond: 25, peakRssDeltaMiB: 40, retainedRssDeltaMiB: 32 },
  ]

  it('takes_medians_and_divides_ours_by_baseline', () => {
    const report = buildLoadReport(runs)
    expect(report.ours.seconds).toBe(2)
    expect(report.ratio.seconds).toBe(0.5)
    expect(report.ratio.peakRssDeltaMiB).toBe(0.275)
    expect(formatLoadTable(report)).toContain('| N3.Store (baseline) | 1 | 100 | 4.00 | 25 | 40 | 32 |')
  })

  it('refuses_runs_missing_a_backend', () => {
    expect(() => buildLoadReport(runs.slice(0, 2))).toThrow(/n3/)
  })
})
