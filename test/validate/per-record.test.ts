import { cpSync, existsSync, mkdtempSync, readdirSync, readFileSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { DataFactory, Parser, type Quad } from 'n3'
import { beforeAll, describe, expect, it } from 'vitest'
import { buildGraph } from '../../src/build/build-graph.ts'
import { createIris } from '../../src/model/iris.ts'
import { validateBuiltQuadsWhole } from '../../src/build/run-build.ts'
import { validateRecords, firstGraphOf } from '../../src/validate/parallel.ts'
import { toDefaultGraphStore, validateQuads, type ValidationIssue, type ValidationReport } from '../../src/validate/validate.ts'
import { BASE, FIXTURE_INPUTS, ROOT } from '../records/fixture-graph.ts'

const FIXTURES = join(ROOT, 'test/fixtures/validate')
const CROSS_SHAPES = join(FIXTURES, 'cross-record-shapes')
const isTestBackground = (g: string) => g === 'urn:test:graph/background'

/** A report as the set the issue compares: focus, path, shape, severity, component, value (and record). */
const asSet = (report: ValidationReport) =>
  new Set(report.issues.map((i: ValidationIssue) => JSON.stringify([i.focusNode, i.path, i.shape, i.severity, i.component, i.value, i.record])))

function readTrig(file: string): Quad[] {
  return new Parser({ format: 'TriG', blankNodePrefix: '' }).parse(readFileSync(join(FIXTURES, file), 'utf8'))
}

async function wholeGraph(quads: Quad[], shapesDir: string, profile: 'ogd' | 'dcat-ap-3.0.1' = 'ogd') {
  const recordOf = firstGraphOf(quads)
  return validateQuads(toDefaultGraphStore(quads), { shapesDir, profile, recordOf })
}

describe('per-record SHACL on records linked across graphs', () => {
  const quads = readTrig('cross-record.trig')
  let whole: ValidationReport

  beforeAll(async () => {
    whole = await wholeGraph(quads, CROSS_SHAPES)
  })

  it('finds the cross-record results in the whole-graph reference run (the fixture is not trivially clean)', () => {
    const found = whole.issues.map((i) => `${i.focusNode} ${i.component} ${i.path ?? ''}`)
    expect(found).toContain('urn:test:agency/Z MaxCountConstraintComponent foaf:name')
    expect(found).toContain('urn:test:nowhere MinCountConstraintComponent dcat:dataset')
    // Passing needs data from other records: a:Z's type (its own graph), a:P's type two hops from dataset 1.
    expect(found).not.toContain('urn:test:dataset/3 ClassConstraintComponent dct:publisher')
    expect(whole.issues.filter((i) => i.focusNode === 'urn:test:dataset/1' && i.severity === 'Warning')).toEqual([])
    expect(found).toContain('urn:test:dataset/2 ClassConstraintComponent dct:publisher')
  })

  it('would differ if a record were validated with its own graph and the background only (the links matter)', async () => {
    const alone = quads.filter((q) => q.graph.value === 'urn:test:dataset/3' || isTestBackground(q.graph.value))
    const report = await wholeGraph(alone, CROSS_SHAPES)
    expect(report.issues.map((i) => `${i.focusNode} ${i.component}`)).toContain('urn:test:dataset/3 ClassConstraintComponent')
  })

  it('gives the same set of results as the whole-graph run, in worker threads', async () => {
    const { reports, stats } = await validateRecords(quads, { shapesDir: CROSS_SHAPES, profiles: ['ogd'], isBackground: isTestBackground, workers: 2 })
    expect(stats.mode).toBe('per-record')
    expect(asSet(reports[0]!)).toEqual(asSet(whole))
    expect(reports[0]!.issues).toHaveLength(whole.issues.length)
  })

  it('gives the same set of results in this thread (workers: 0)', async () => {
    const { reports } = await validateRecords(quads, { shapesDir: CROSS_SHAPES, profiles: ['ogd'], isBackground: isTestBackground, workers: 0 })
    expect(asSet(reports[0]!)).toEqual(asSet(whole))
  })

  it('still agrees when every named graph counts as a record (the background split only changes the speed)', async () => {
    const { reports } = await validateRecords(quads, { shapesDir: CROSS_SHAPES, profiles: ['ogd'], isBackground: () => false, workers: 0 })
    expect(asSet(reports[0]!)).toEqual(asSet(whole))
  })

  it('validates only the records asked for, against all the others (the sync of single records)', async () => {
    const only = new Set(['urn:test:dataset/2', 'urn:test:agency/Z'])
    const { reports, stats } = await validateRecords(quads, { shapesDir: CROSS_SHAPES, profiles: ['ogd'], isBackground: isTestBackground, workers: 0, only })
    expect(stats.units).toBe(2)
    const expected = new Set([...asSet(whole)].filter((line) => only.has(JSON.parse(line)[6])))
    expect(expected.size).toBeGreaterThan(0)
    expect(asSet(reports[0]!)).toEqual(expected)
  })

  it('gives the same results and the same units with the background given apart, prepared once (a sync\'s batches)', async () => {
    const background = quads.filter((q) => isTestBackground(q.graph.value))
    const rest = quads.filter((q) => !isTestBackground(q.graph.value))
    const cachePath = join(mkdtempSync(join(tmpdir(), 'shacl-cache-')), 'validation-cache.json')
    const together = await validateRecords([...background, ...rest], { shapesDir: CROSS_SHAPES, profiles: ['ogd'], isBackground: isTestBackground, workers: 0, cachePath })
    // Apart, twice with the same array (the second run reuses its preparation): every unit is a cache hit, so the
    // units' texts and the background's hash are exactly what the combined graph gives.
    for (let run = 0; run < 2; run += 1) {
      const apart = await validateRecords(rest, { shapesDir: CROSS_SHAPES, profiles: ['ogd'], isBackground: isTestBackground, workers: 0, cachePath, background })
      expect(apart.stats).toMatchObject({ mode: 'per-record', validated: 0, cached: together.stats.validated })
      expect(asSet(apart.reports[0]!)).toEqual(asSet(whole))
    }
    const only = new Set(['urn:test:dataset/3'])
    const one = await validateRecords(rest, { shapesDir: CROSS_SHAPES, profiles: ['ogd'], isBackground: isTestBackground, workers: 0, background, only })
    expect(one.stats.units).toBe(1)
    expect(asSet(one.reports[0]!)).toEqual(new Set([...asSet(whole)].filter((line) => only.has(JSON.parse(line)[6]))))
  })

  it.runIf(existsSync('/proc/thread-self'))('runs its threads at the niceness asked for (a sync\'s validation yields the cores to reads)', async () => {
    const niceness = () => readdirSync('/proc/self/task').map((tid) => {
      try { return Number(readFileSync(`/proc/self/task/${tid}/stat`, 'utf8').split(') ')[1]!.split(' ')[16]) } catch { return 0 }
    })
    const seen = new Set<number>()
    const poll = setInterval(() => { for (const n of niceness()) seen.add(n) }, 2)
    try {
      const { reports } = await validateRecords(quads, { shapesDir: CROSS_SHAPES, profiles: ['ogd'], isBackground: isTestBackground, workers: 1, niceness: 7 })
      expect(asSet(reports[0]!)).toEqual(asSet(whole))
    } finally {
      clearInterval(poll)
    }
    expect(seen).toContain(7)
    expect(Math.max(...niceness())).toBeLessThan(7) // this thread kept its priority, and the worker is gone
  })

  it('refuses a prepared background holding a record\'s quad (it would be validated as shared)', async () => {
    await expect(validateRecords([], { shapesDir: CROSS_SHAPES, profiles: ['ogd'], isBackground: isTestBackground, workers: 0, background: quads })).rejects.toThrow(/not shared/)
  })

  it('falls back to the whole graph for a blank node label the N-Triples writer would rename, with the same results', async () => {
    const odd = quads.map((q) => (q.subject.termType === 'BlankNode' ? DataFactory.quad(DataFactory.blankNode('匿名 1'), q.predicate, q.object, q.graph) : q.object.termType === 'BlankNode' ? DataFactory.quad(q.subject, q.predicate, DataFactory.blankNode('匿名 1'), q.graph) : q))
    const { reports, stats } = await validateRecords(odd, { shapesDir: CROSS_SHAPES, profiles: ['ogd'], isBackground: isTestBackground, workers: 0 })
    expect(stats).toMatchObject({ mode: 'whole-graph', fallback: expect.stringContaining('匿名 1') })
    expect(asSet(reports[0]!)).toEqual(asSet(await wholeGraph(odd, CROSS_SHAPES)))
  })

  it('falls back to the whole graph for shapes whose footprint it cannot bound (an inverse path), with the same results', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'shapes-inverse-'))
    writeFileSync(join(dir, 'ogd-shapes.ttl'), `${readFileSync(join(CROSS_SHAPES, 'ogd-shapes.ttl'), 'utf8')}
ex:Published a sh:NodeShape ; sh:targetClass foaf:Agent ; sh:property [ sh:path [ sh:inversePath dct:publisher ] ; sh:minCount 1 ] .\n`)
    const { reports, stats } = await validateRecords(quads, { shapesDir: dir, profiles: ['ogd'], isBackground: isTestBackground, workers: 0 })
    expect(stats).toMatchObject({ mode: 'whole-graph', fallback: expect.stringContaining('inverse') })
    expect(asSet(reports[0]!)).toEqual(asSet(await wholeGraph(quads, dir)))
  })
})

describe('the validation cache beside the snapshot', () => {
  const quads = readTrig('cross-record.trig')
  const options = (cachePath: string, shapesDir = CROSS_SHAPES) => ({ shapesDir, profiles: ['ogd'] as const, isBackground: isTestBackground, workers: 0, cachePath })

  it('revalidates nothing when nothing changed, with the same report', async () => {
    const cachePath = join(mkdtempSync(join(tmpdir(), 'shacl-cache-')), 'validation-cache.json')
    const first = await validateRecords(quads, options(cachePath))
    const second = await validateRecords(quads, options(cachePath))
    expect(first.stats.validated).toBe(first.stats.units)
    expect(second.stats).toMatchObject({ validated: 0, cached: first.stats.validated })
    expect(asSet(second.reports[0]!)).toEqual(asSet(first.reports[0]!))
  })

  it('revalidates only the changed record and the records that read it', async () => {
    const cachePath = join(mkdtempSync(join(tmpdir(), 'shacl-cache-')), 'validation-cache.json')
    const first = await validateRecords(quads, options(cachePath))
    // a:Y becomes an agent: its own record and dataset 2 (whose publisher it is) change, no other.
    const changed = [...quads, DataFactory.quad(DataFactory.namedNode('urn:test:agency/Y'), DataFactory.namedNode('http://www.w3.org/1999/02/22-rdf-syntax-ns#type'), DataFactory.namedNode('http://xmlns.com/foaf/0.1/Agent'), DataFactory.namedNode('urn:test:agency/Y'))]
    const second = await validateRecords(changed, options(cachePath))
    expect(second.stats.validated).toBe(2)
    expect(second.stats.cached).toBe(first.stats.validated - 2)
    expect(asSet(second.reports[0]!)).toEqual(asSet(await wholeGraph(changed, CROSS_SHAPES)))
  })

  it('revalidates everything when the background changed', async () => {
    const cachePath = join(mkdtempSync(join(tmpdir(), 'shacl-cache-')), 'validation-cache.json')
    const first = await validateRecords(quads, options(cachePath))
    const bg = DataFactory.namedNode('urn:test:graph/background')
    const changed = [...quads, DataFactory.quad(DataFactory.namedNode('urn:test:theme/2'), DataFactory.namedNode('http://www.w3.org/1999/02/22-rdf-syntax-ns#type'), DataFactory.namedNode('http://www.w3.org/2004/02/skos/core#Concept'), bg)]
    const second = await validateRecords(changed, options(cachePath))
    expect(second.stats).toMatchObject({ validated: first.stats.validated, cached: 0 })
    expect(asSet(second.reports[0]!)).toEqual(asSet(await wholeGraph(changed, CROSS_SHAPES)))
  })

  it('revalidates everything when a shape changed', async () => {
    const cachePath = join(mkdtempSync(join(tmpdir(), 'shacl-cache-')), 'validation-cache.json')
    const first = await validateRecords(quads, options(cachePath))
    const dir = mkdtempSync(join(tmpdir(), 'shapes-changed-'))
    cpSync(CROSS_SHAPES, dir, { recursive: true })
    writeFileSync(join(dir, 'ogd-shapes.ttl'), readFileSync(join(dir, 'ogd-shapes.ttl'), 'utf8').replace('sh:path foaf:name ; sh:maxCount 1', 'sh:path foaf:name ; sh:maxCount 2'))
    const second = await validateRecords(quads, options(cachePath, dir))
    expect(second.stats).toMatchObject({ validated: first.stats.validated, cached: 0 })
    expect([...asSet(second.reports[0]!)].some((l) => l.includes('agency/Z') && l.includes('MaxCount'))).toBe(false)
  })

  it('treats a damaged cache file as none', async () => {
    const cachePath = join(mkdtempSync(join(tmpdir(), 'shacl-cache-')), 'validation-cache.json')
    writeFileSync(cachePath, '{ not json')
    const run = await validateRecords(quads, options(cachePath))
    expect(run.stats.cached).toBe(0)
    expect(asSet(run.reports[0]!)).toEqual(asSet(await wholeGraph(quads, CROSS_SHAPES)))
  })
})

describe('per-record SHACL on the fixture build (DCAT-AP 3.0.1 and ours)', () => {
  const iris = createIris(BASE)
  const silent = { step() {}, tick() {}, done() {}, log() {} }
  const { quads } = buildGraph({ iris, inputs: FIXTURE_INPUTS, root: ROOT, read: (path) => readFileSync(path), progress: silent, now: new Date('2026-01-01T00:00:00Z') })
  const background = new Set(['vocab', 'catalog', 'ontology', 'shapes', 'meta'].map((k) => iris.graph(k as 'vocab').value))

  it('gives per profile the same set of results as the whole-graph run', async () => {
    const whole = await validateBuiltQuadsWhole(quads, FIXTURE_INPUTS.shapesDir)
    const { reports } = await validateRecords(quads, { shapesDir: FIXTURE_INPUTS.shapesDir, isBackground: (g) => background.has(g), workers: 2 })
    expect(reports.map((r) => r.profile)).toEqual(whole.map((r) => r.profile))
    expect(whole.reduce((n, r) => n + r.issues.length, 0)).toBeGreaterThan(0)
    for (let i = 0; i < whole.length; i += 1) {
      expect(asSet(reports[i]!)).toEqual(asSet(whole[i]!))
      expect(reports[i]!.conforms).toBe(whole[i]!.conforms)
    }
  })
})
