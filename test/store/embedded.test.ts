import { spawnSync } from 'node:child_process'
import { join } from 'node:path'
import { describe, expect, it } from 'vitest'
import { createEmbeddedStore } from '../../src/store/embedded.ts'
import { runGraphStoreContract } from './contract.ts'

runGraphStoreContract('embedded (2 worker replicas)', async (nquads) => {
  const store = createEmbeddedStore({ nquads, replicas: 2, defaultTimeoutMs: 10_000 })
  await store.ready
  return store
})

describe('embedded store outside vitest', () => {
  it('worker_threads_start_under_the_bin_loader', () => {
    const root = join(import.meta.dirname, '../..')
    const run = spawnSync(process.execPath, [join(root, 'bin/run-ts.js'), join(root, 'test/fixtures/store/embedded-smoke.ts')], { encoding: 'utf8', timeout: 60_000 })
    expect(run.stderr).toBe('')
    expect(run.stdout).toBe('o\r\no\r\n')
  })
})
