import { existsSync, mkdtempSync, readFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { describe, expect, it } from 'vitest'
import { runBuild } from '../../src/build/run-build.ts'
import { CACHE_FILE, type CacheFile } from '../../src/validate/cache.ts'
import { BASE, FIXTURE_INPUTS, ROOT } from '../records/fixture-graph.ts'

const silent = { step() {}, tick() {}, done() {}, log() {} }

describe('the build keeps its SHACL cache beside the snapshot', () => {
  it('writes validation-cache.json in the snapshot directory, and a rebuild from it reports the same validation', async () => {
    const snapshotDir = mkdtempSync(join(tmpdir(), 'build-cache-'))
    const first = await runBuild({ root: ROOT, snapshotDir, baseIri: BASE, inputs: FIXTURE_INPUTS, progress: silent, allowInvalid: true })
    const path = join(snapshotDir, CACHE_FILE)
    expect(existsSync(path)).toBe(true)
    const cache = JSON.parse(readFileSync(path, 'utf8')) as CacheFile
    expect(Object.keys(cache.units).length).toBeGreaterThan(10)
    const second = await runBuild({ root: ROOT, snapshotDir, baseIri: BASE, inputs: FIXTURE_INPUTS, progress: silent, allowInvalid: true })
    expect(second.validation).toEqual(first.validation)
    // The cache outlives the version folder it was written with (it sits beside them, not inside).
    expect(second.snapshot.version).not.toBe(first.snapshot.version)
    expect(existsSync(path)).toBe(true)
  })
})
