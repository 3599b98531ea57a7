/** `ogd query`, `ogd validate` and `ogd stats` on a small real snapshot, through the CLI process. */
import { execFile } from 'node:child_process'
import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { promisify } from 'node:util'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { writeSnapshot } from '../../src/store/snapshot.ts'
import { REPO_ROOT } from '../../src/cli/paths.ts'

const run = promisify(execFile)
const BASE = 'http://localhost:8080'
let work: string
let snapshotDir: string

const ogd = async (...args: string[]) => {
  try {
    const { stdout, stderr } = await run(process.execPath, [join(REPO_ROOT, 'bin/ogd.js'), '--quiet', '--snapshot', snapshotDir, ...args])
    return { code: 0, stdout, stderr }
  } catch (error) {
    const e = error as { code: number; stdout: string; stderr: string }
    return { code: e.code, stdout: e.stdout, stderr: e.stderr }
  }
}

// One complete dataset that misses its description (a violation), one partial record (listed, not a failure).
const GRAPH = `
<${BASE}/dataset/1> <http://www.w3.org/1999/02/22-rdf-syntax-ns#type> <http://www.w3.org/ns/dcat#Dataset> <${BASE}/dataset/1> .
<${BASE}/dataset/1> <http://purl.org/dc/terms/title> "測試資料集"@zh-Hant <${BASE}/dataset/1> .
<${BASE}/dataset/1> <${BASE}/ontology#metadataStatus> <${BASE}/scheme/metadata-status/complete> <${BASE}/dataset/1> .
<${BASE}/dataset/l2018-x> <http://www.w3.org/1999/02/22-rdf-syntax-ns#type> <http://www.w3.org/ns/dcat#Dataset> <${BASE}/dataset/l2018-x> .
<${BASE}/dataset/l2018-x> <http://purl.org/dc/terms/title> "舊清單資料集"@zh-Hant <${BASE}/dataset/l2018-x> .
<${BASE}/dataset/l2018-x> <${BASE}/ontology#metadataStatus> <${BASE}/scheme/metadata-status/partial> <${BASE}/dataset/l2018-x> .
`

beforeAll(async () => {
  work = mkdtempSync(join(tmpdir(), 'ogd-cli-'))
  snapshotDir = join(work, 'snapshot')
  await writeSnapshot(snapshotDir, GRAPH, { baseIri: BASE, createdAt: '2026-01-01T00:00:00.000Z', quads: 6, stats: {}, inputs: [] })
})
afterAll(() => rmSync(work, { recursive: true, force: true }))

describe('ogd query', () => {
  it('answers SELECT in JSON over the union of the record graphs', async () => {
    const result = await ogd('query', 'SELECT (COUNT(*) AS ?n) WHERE { ?d a <http://www.w3.org/ns/dcat#Dataset> }', '--format', 'json')
    expect(result.code).toBe(0)
    expect(JSON.parse(result.stdout).results.bindings[0].n.value).toBe('2')
  })
  it('answers SELECT in CSV', async () => {
    const result = await ogd('query', 'SELECT ?t WHERE { ?d <http://purl.org/dc/terms/title> ?t } ORDER BY ?t', '--format', 'csv')
    expect(result.stdout.split(/\r?\n/)[0]).toBe('t')
    expect(result.stdout).toContain('測試資料集')
  })
  it('answers CONSTRUCT in Turtle even when a tabular format was asked', async () => {
    const result = await ogd('query', 'CONSTRUCT WHERE { ?d a ?c }')
    expect(result.code).toBe(0)
    expect(result.stdout).toContain('<http://www.w3.org/ns/dcat#Dataset>')
  })
  it('reports a syntax error with exit code 4', async () => {
    const result = await ogd('query', 'SELECT WHERE {')
    expect(result.code).toBe(4)
    expect(result.stderr).toMatch(/^ogd: /)
  })
})

describe('ogd validate', () => {
  it('fails on a violation in a complete record and names it, in English', async () => {
    const result = await ogd('validate', '--lang', 'en')
    expect(result.code).toBe(1)
    expect(result.stdout).toContain(`${BASE}/dataset/1`)
    expect(result.stdout).toContain('missing required property dct:description')
    expect(result.stdout).toMatch(/Incomplete records .*: 1/)
  })
  it('speaks Chinese by default', async () => {
    const result = await ogd('validate')
    expect(result.stdout).toContain('缺少必要屬性 dct:description')
  })
  it('writes a SHACL report in Turtle', async () => {
    const result = await ogd('validate', '--format', 'turtle')
    expect(result.stdout).toContain('sh:ValidationReport')
    expect(result.stdout).toContain('sh:resultPath dct:description')
  })
})

describe('ogd stats', () => {
  it('counts the datasets of the snapshot', async () => {
    const result = await ogd('stats', '--json')
    expect(result.code).toBe(0)
    expect(JSON.parse(result.stdout).counts.datasets).toBe(2)
  })
})
