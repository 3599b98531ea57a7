/**
 * Bad input to `ogd import`: one message naming file, line and problem, a non-zero exit, and the previous
 * snapshot untouched. Runs the real CLI in a child process, as a user would.
 */
import { execFile } from 'node:child_process'
import { mkdtempSync, readFileSync, writeFileSync, rmSync, readdirSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { promisify } from 'node:util'
import iconv from 'iconv-lite'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { writeSnapshot } from '../../src/store/snapshot.ts'
import { REPO_ROOT } from '../../src/cli/paths.ts'

const run = promisify(execFile)
const SAMPLE = join(REPO_ROOT, 'data/sources/catalog/datagovtw_export_2026_sample.csv')
const LISTING = join(REPO_ROOT, 'test/fixtures/datagovtw_list_2018_fixture.csv')

let work: string
let snapshotDir: string
let before: { current: string; files: string[] }

const ogd = async (...args: string[]) => {
  try {
    const { stdout, stderr } = await run(process.execPath, [join(REPO_ROOT, 'bin/ogd.js'), '--quiet', '--snapshot', snapshotDir, ...args], { cwd: work })
    return { code: 0, stdout, stderr }
  } catch (error) {
    const e = error as { code: number; stdout: string; stderr: string }
    return { code: e.code, stdout: e.stdout, stderr: e.stderr }
  }
}
const state = () => ({ current: readFileSync(join(snapshotDir, 'CURRENT'), 'utf8'), files: readdirSync(snapshotDir).sort() })

beforeAll(async () => {
  work = mkdtempSync(join(tmpdir(), 'ogd-import-'))
  snapshotDir = join(work, 'snapshot')
  // A previous snapshot to protect (its content is irrelevant: the import must fail before replacing it).
  await writeSnapshot(snapshotDir, '<http://x/s> <http://x/p> "previous" <http://x/g> .\n', {
    baseIri: 'http://localhost:8080', createdAt: '2026-01-01T00:00:00.000Z', quads: 1, stats: {}, inputs: [],
  })
  before = state()
})
afterAll(() => rmSync(work, { recursive: true, force: true }))

const sampleLines = () => readFileSync(SAMPLE, 'utf8').split('\r\n')

describe('ogd import with bad input', () => {
  it('names file, line and problem for a malformed row, and keeps the previous snapshot', async () => {
    const lines = sampleLines()
    lines[3] = lines[3]!.split(',').slice(0, 5).join(',') // a row cut short: 5 fields instead of 22
    const file = join(work, 'malformed.csv')
    writeFileSync(file, lines.join('\r\n'))
    const result = await ogd('import', file)
    expect(result.code).not.toBe(0)
    expect(result.stderr).toMatch(/malformed\.csv:4: /)
    expect(result.stderr.trim().split('\n')).toHaveLength(1)
    expect(state()).toEqual(before)
  })

  it('names the encoding problem for a Big5 (CP950) file', async () => {
    const file = join(work, 'big5.csv')
    writeFileSync(file, iconv.encode(readFileSync(SAMPLE, 'utf8').replace(/^\uFEFF/, ''), 'cp950'))
    const result = await ogd('import', file)
    expect(result.code).not.toBe(0)
    expect(result.stderr).toMatch(/big5\.csv:1: .*UTF-8/)
    expect(state()).toEqual(before)
  })

  it('says what a file of the wrong kind is (the 2018 listing)', async () => {
    const result = await ogd('import', LISTING)
    expect(result.code).not.toBe(0)
    expect(result.stderr).toMatch(/datagovtw_list_2018_fixture\.csv:1: .*2018/)
    expect(state()).toEqual(before)
  })

  it('names an unknown column', async () => {
    const lines = sampleLines()
    lines[0] = lines[0]!.replace('備註', '附註')
    const file = join(work, 'unknown-column.csv')
    writeFileSync(file, lines.join('\r\n'))
    const result = await ogd('import', file)
    expect(result.code).not.toBe(0)
    expect(result.stderr).toMatch(/unknown-column\.csv:1: .*附註/)
    expect(state()).toEqual(before)
  })

  it('refuses a file that does not exist', async () => {
    const result = await ogd('import', join(work, 'nope.csv'))
    expect(result.code).not.toBe(0)
    expect(result.stderr).toContain('no such file')
    expect(state()).toEqual(before)
  })
})
