/**
 * A Virtuoso for the tests of one file: VIRTUOSO_TEST_URL + VIRTUOSO_TEST_SQL (started by .ci/start-virtuoso or by
 * hand) when set, else a throw-away one launched for the file (Debian's virtuoso-opensource). Without the binary
 * the suites are skipped with a loud message — except in CI (CI=true), where its absence fails them.
 */
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterAll, beforeAll, describe, it } from 'vitest'
import { openVirtuosoStore, type VirtuosoStore, type VirtuosoStoreOptions } from '../../src/store/virtuoso-store.ts'
import { isVirtuosoInstalled, launchVirtuoso, type LocalVirtuoso } from '../../src/store/virtuoso-launch.ts'
import { loadSnapshotIntoVirtuoso } from '../../src/store/virtuoso-load.ts'
import { createSqlRunner, type RunSql } from '../../src/store/virtuoso-sql.ts'

export interface TestVirtuoso {
  endpoint: string
  /** host:port of its SQL (isql) port, as STORE_SQL wants it. */
  sqlAddress: string
  sql: RunSql
  /** Empty the store and bulk-load `nquads` (as `ogd load` does). */
  load(nquads: string): Promise<void>
  open(options?: Partial<VirtuosoStoreOptions>): Promise<VirtuosoStore>
}

const isCi = process.env.CI === 'true' || process.env.CI === '1'
const configured = process.env.VIRTUOSO_TEST_URL

/** Whether Virtuoso suites can run here; false prints why (and CI fails instead). */
export function canRunVirtuoso(): boolean {
  if (configured || isVirtuosoInstalled()) return true
  if (isCi) return true // launching will fail and say why: CI must have it
  console.warn('\n⚠⚠⚠ Virtuoso is not installed (/usr/bin/virtuoso-t): the Virtuoso backend suites are SKIPPED. apt-get install virtuoso-opensource to run them. ⚠⚠⚠\n')
  return false
}

/** `describe` that runs only where a Virtuoso can be had. */
export const describeVirtuoso = (name: string, body: () => void) => (canRunVirtuoso() ? describe(name, body) : describe.skip(name, body))

/** Start (or reach) the file's Virtuoso in beforeAll and stop it in afterAll; the getter is valid inside tests. */
export function useVirtuoso(): () => TestVirtuoso {
  let local: LocalVirtuoso | undefined
  let handle: TestVirtuoso | undefined
  const loadDir = mkdtempSync(join(tmpdir(), 'ogd-virtuoso-load-'))
  beforeAll(async () => {
    let endpoint: string
    let sql: RunSql
    let sqlAddress: string
    if (configured) {
      endpoint = configured
      sqlAddress = process.env.VIRTUOSO_TEST_SQL ?? '127.0.0.1:1111'
      sql = createSqlRunner({ sqlAddress, user: process.env.VIRTUOSO_TEST_USER ?? 'dba', password: process.env.VIRTUOSO_TEST_PASSWORD ?? 'dba' })
    } else {
      local = await launchVirtuoso({ loadDirs: [loadDir] })
      endpoint = local.endpoint
      sql = local.sql
      sqlAddress = local.sqlAddress
    }
    let loads = 0
    handle = {
      endpoint,
      sqlAddress,
      sql,
      async load(nquads) {
        const path = join(loadDir, `load-${process.pid}-${loads++}.nq`)
        writeFileSync(path, nquads)
        await loadSnapshotIntoVirtuoso(sql, path, { snapshotVersion: `test-${loads}` })
        rmSync(path, { force: true })
      },
      open: (options = {}) => openVirtuosoStore({ queryUrl: endpoint, user: 'dba', password: process.env.VIRTUOSO_TEST_PASSWORD ?? 'dba', defaultTimeoutMs: 10_000, pollMs: 0, ...options }),
    }
  })
  afterAll(async () => {
    await local?.stop()
    rmSync(loadDir, { recursive: true, force: true })
  })
  return () => {
    if (!handle) throw new Error('the Virtuoso of this file did not start')
    return handle
  }
}

export { it }
