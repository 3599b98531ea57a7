/**
 * `ogd sync` as a user runs it (a child process): change exports applied through the journal, a report with counts
 * and reasons, `ogd query` seeing the result, a bad file changing nothing, and a journal held by a server refused.
 */
import { execFile } from 'node:child_process'
import { existsSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { promisify } from 'node:util'
import { beforeAll, describe, expect, it } from 'vitest'
import { REPO_ROOT } from '../../src/cli/paths.ts'
import { JOURNAL_FILE } from '../../src/store/journal.ts'
import { writeSnapshot } from '../../src/store/snapshot.ts'
import { BASE, SYNC_FIXTURES, syncBaseNQuads } from '../sync/sync-graph.ts'

const run = promisify(execFile)
let base: string
beforeAll(async () => { base = await syncBaseNQuads() })

async function newSnapshot(): Promise<string> {
  const dir = join(mkdtempSync(join(tmpdir(), 'ogd-sync-cli-')), 'snapshot')
  await writeSnapshot(dir, base, { baseIri: BASE, createdAt: '2026-03-23T00:00:00.000Z', quads: 0, stats: {}, inputs: [] })
  return dir
}

async function ogd(dir: string, args: string[], input?: string) {
  const child = run(process.execPath, [join(REPO_ROOT, 'bin/ogd.js'), '--quiet', '--snapshot', dir, ...args], { maxBuffer: 1 << 26 })
  if (input !== undefined) { child.child.stdin!.end(input) }
  try {
    const { stdout, stderr } = await child
    return { code: 0, stdout, stderr }
  } catch (error) {
    const e = error as { code: number; stdout: string; stderr: string }
    return { code: e.code, stdout: e.stdout, stderr: e.stderr }
  }
}

const fixture = (name: string) => join(SYNC_FIXTURES, name)

describe('ogd sync', () => {
  it('applies_several_files_and_reports_counts', async () => {
    const dir = await newSnapshot()
    const result = await ogd(dir, ['sync', fixture('changed_2026-06_modify.json'), fixture('changed_2026-06_create.json'), fixture('changed_2026-06_withdraw.json')])
    expect(result.stderr).toBe('')
    expect(result.code).toBe(0)
    expect(result.stdout).toMatch(/: 5 created, 22 modified, 3 withdrawn, 0 unchanged, 0 rejected/)
    const query = await ogd(dir, ['query', `SELECT ?t WHERE { <${BASE}/dataset/177520> <http://purl.org/dc/terms/title> ?t }`])
    expect(query.stdout).toContain('"')
    expect(query.stdout.split('\n').length).toBeGreaterThan(2)
  })

  it('reads_a_change_export_from_stdin_and_answers_json', async () => {
    const dir = await newSnapshot()
    const result = await ogd(dir, ['sync', '--json', '-'], readFileSync(fixture('changed_2026-06_withdraw.json'), 'utf8'))
    expect(result.code).toBe(0)
    const report = JSON.parse(result.stdout)
    expect(report.withdrawn.map((r: { id: string }) => r.id)).toEqual(['174853', '174854', '174855'])
  })

  it('changes_nothing_for_a_malformed_file_and_names_it', async () => {
    const dir = await newSnapshot()
    const bad = join(mkdtempSync(join(tmpdir(), 'ogd-sync-bad-')), 'bad.json')
    writeFileSync(bad, '[{"資料集識別碼": "1", "資料集變動狀態": "上架", "未知欄位": 1}]')
    const result = await ogd(dir, ['sync', fixture('changed_2026-06_create.json'), bad])
    expect(result.code).not.toBe(0)
    expect(result.stderr).toMatch(/bad\.json: unknown key "未知欄位"/)
    expect(existsSync(join(dir, JOURNAL_FILE))).toBe(false)
  })

  it('exits_1_when_a_record_was_rejected_and_applies_the_rest', async () => {
    const dir = await newSnapshot()
    const rows = JSON.parse(readFileSync(fixture('changed_2026-06_create.json'), 'utf8')) as Record<string, unknown>[]
    const file = join(mkdtempSync(join(tmpdir(), 'ogd-sync-rej-')), 'mixed.json')
    writeFileSync(file, JSON.stringify([rows[0], { ...rows[1], 資料集名稱: '' }]))
    const result = await ogd(dir, ['sync', file])
    expect(result.code).toBe(1)
    expect(result.stdout).toMatch(/1 created, 0 modified, 0 withdrawn, 0 unchanged, 1 rejected/)
    expect(result.stdout).toMatch(/dct:title: .+ \/ .+/)
  })

  it('refuses_while_another_live_process_holds_the_journal', async () => {
    const dir = await newSnapshot()
    writeFileSync(join(dir, 'journal.lock'), `${process.pid}\n`) // this test process stands in for a running server
    const result = await ogd(dir, ['sync', fixture('changed_2026-06_withdraw.json')])
    expect(result.code).not.toBe(0)
    expect(result.stderr).toMatch(/being written by process \d+ .*POST \/admin\/sync/)
  })
})
