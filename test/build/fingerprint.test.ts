/**
 * A rebuild with nothing changed keeps the current snapshot (src/build/fingerprint.ts): the same sources, code and
 * options give the same fingerprint; a changed byte of any input, or another option, gives another, and builds again.
 */
import { cpSync, mkdtempSync, readdirSync, writeFileSync, appendFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { describe, expect, it } from 'vitest'
import { buildFingerprint } from '../../src/build/fingerprint.ts'
import { runBuild } from '../../src/build/run-build.ts'
import { BASE, FIXTURE_INPUTS, ROOT } from '../records/fixture-graph.ts'

const silent = { step() {}, tick() {}, done() {}, log() {} }

describe('build fingerprint', () => {
  it('is_stable_and_changes_with_any_input_byte_or_option', () => {
    const dir = mkdtempSync(join(tmpdir(), 'fingerprint-'))
    const shapes = join(dir, 'shapes')
    cpSync(FIXTURE_INPUTS.shapesDir, shapes, { recursive: true })
    const catalog = join(dir, 'catalog.csv')
    writeFileSync(catalog, 'id,name\n1,a\n')
    const inputs = { ...FIXTURE_INPUTS, shapesDir: shapes, catalog: [catalog] }
    const of = (extra: Partial<Parameters<typeof buildFingerprint>[0]> = {}) => buildFingerprint({ root: ROOT, inputs, baseIri: BASE, ...extra })
    const first = of()
    expect(of()).toBe(first)
    expect(of({ baseIri: 'https://other.example/tw' })).not.toBe(first)
    expect(of({ includePersonalContacts: true })).not.toBe(first)
    appendFileSync(catalog, '2,b\n')
    const afterCatalog = of()
    expect(afterCatalog).not.toBe(first)
    // A file deep in a directory input (the shapes) counts too.
    const shapeFile = readdirSync(shapes, { recursive: true, withFileTypes: true }).find((e) => e.isFile())!
    appendFileSync(join(shapeFile.parentPath, shapeFile.name), '\n# changed\n')
    expect(of()).not.toBe(afterCatalog)
  })

  it('lets_a_rebuild_with_nothing_changed_keep_the_snapshot_and_force_or_a_change_build_again', async () => {
    const snapshotDir = mkdtempSync(join(tmpdir(), 'fingerprint-build-'))
    const options = { root: ROOT, snapshotDir, baseIri: BASE, inputs: FIXTURE_INPUTS, progress: silent, allowInvalid: true }
    const first = await runBuild({ ...options, reuseUnchanged: true })
    expect(first.reused).toBeUndefined()
    expect(first.snapshot.meta.fingerprint).toMatch(/^[0-9a-f]{64}$/)
    const again = await runBuild({ ...options, reuseUnchanged: true })
    expect(again.reused).toBe(true)
    expect(again.snapshot.version).toBe(first.snapshot.version)
    expect(again.validation).toEqual(first.validation)
    // Without reuse (ogd build --force, ogd import) a new version is written; another option is another build.
    const forced = await runBuild(options)
    expect(forced.snapshot.version).not.toBe(first.snapshot.version)
    const other = await runBuild({ ...options, baseIri: 'https://other.example/tw', reuseUnchanged: true })
    expect(other.reused).toBeUndefined()
    expect(other.snapshot.version).not.toBe(forced.snapshot.version)
  })
})
