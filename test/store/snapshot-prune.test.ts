import { existsSync } from 'node:fs'
import { mkdir, mkdtemp, readdir, rm, writeFile } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterEach, describe, expect, it } from 'vitest'
import { findSnapshot, KEPT_VERSIONS, writeSnapshot } from '../../src/store/snapshot.ts'

const dirs: string[] = []
afterEach(async () => { for (const dir of dirs.splice(0)) await rm(dir, { recursive: true, force: true }) })

const meta = () => ({ baseIri: 'http://kg.example.tw', createdAt: new Date().toISOString(), quads: 1, stats: {}, inputs: [] })
const line = (n: number) => `<http://kg.example.tw/a> <http://kg.example.tw/p> "${n}" .\n`
const versions = async (dir: string) => (await readdir(dir)).filter((name) => name.startsWith('v')).sort()

describe('snapshot versions on disk', () => {
  it('keeps_the_current_and_the_previous_version_only_after_many_builds', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'ogd-prune-'))
    dirs.push(dir)
    const written = []
    for (let n = 0; n < 5; n++) written.push(await writeSnapshot(dir, line(n), meta()))
    expect(KEPT_VERSIONS).toBe(2)
    expect(await versions(dir)).toEqual([written[3]!.version, written[4]!.version].sort())
    expect((await findSnapshot(dir))!.version).toBe(written[4]!.version)
  })

  it('removes_a_version_a_killed_build_left_half_written', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'ogd-prune-'))
    dirs.push(dir)
    await writeSnapshot(dir, line(1), meta())
    await mkdir(join(dir, 'v20260101T000000000Z-99999-1'))
    await writeFile(join(dir, 'v20260101T000000000Z-99999-1', 'graph.nq'), 'half')
    const latest = await writeSnapshot(dir, line(2), meta())
    expect(existsSync(join(dir, 'v20260101T000000000Z-99999-1'))).toBe(false)
    expect((await versions(dir)).length).toBe(2)
    expect(await versions(dir)).toContain(latest.version)
  })
})
