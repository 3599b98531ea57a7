/** The first start: the build runs in a child process while the server answers, /health saying what it does and how far. */
import { readFileSync } from 'node:fs'
import { mkdtemp, rm, writeFile } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterEach, describe, expect, it } from 'vitest'
import { runChildBuild } from '../../src/cli/child-build.ts'
import { BUILD_STEPS, createStartupTracker, describeStartup } from '../../src/http/startup-status.ts'
import { REPO_ROOT } from '../../src/cli/paths.ts'
import { startServer, type RunningServer } from '../../src/server.ts'
import { createLocalStore, FIXTURES, silentLogger, testConfig } from './support.ts'
import { waitUntil } from './real-server.ts'

const FAKE_BUILD = join(import.meta.dirname, '../fixtures/startup/fake-build.mjs')
const cleanups: (() => Promise<void>)[] = []
// Last in, first out: the child's gate is opened and the server closed before their folder goes.
afterEach(async () => { for (const cleanup of cleanups.splice(0).reverse()) await cleanup() })

async function tempDir(): Promise<string> {
  const dir = await mkdtemp(join(tmpdir(), 'ogd-startup-'))
  cleanups.push(() => rm(dir, { recursive: true, force: true }))
  return dir
}

/** A logger that keeps its lines' messages. */
function recordingLogger() {
  const lines: string[] = []
  const keep = (_: unknown, message?: string) => { if (message) lines.push(message) }
  return { lines, logger: { info: keep, warn: keep, error: keep } }
}

async function startFirstStart(mode: 'ok' | 'fail' = 'ok') {
  const dir = await tempDir()
  const snapshotDir = join(dir, 'snapshot')
  const gate = join(dir, 'gate')
  const tracker = createStartupTracker()
  const { lines, logger } = recordingLogger()
  const command = { file: process.execPath, args: [FAKE_BUILD, snapshotDir, join(FIXTURES, 'graph.nq'), gate, mode] }
  const server: RunningServer = await startServer(testConfig({ PORT: '0', HOST: '127.0.0.1', SNAPSHOT_DIR: snapshotDir }), {
    logger: silentLogger(),
    startup: tracker,
    prepare: () => runChildBuild({ snapshotDir, baseIri: 'http://kg.example.tw', tracker, logger, command }),
    openStore: async (nquads) => createLocalStore({ nquads }),
  })
  cleanups.push(() => server.close())
  // A test that never opens the gate still lets its child build finish (it would wait for the gate for ever).
  cleanups.push(async () => { await writeFile(gate, '').catch(() => undefined); await server.ready.catch(() => undefined) })
  server.ready.catch(() => undefined)
  return { url: `http://127.0.0.1:${server.port}`, server, tracker, lines, open: () => writeFile(gate, '') }
}

describe('first start', () => {
  it('health_answers_503_with_the_build_step_and_its_progress_while_the_child_builds', async () => {
    const start = await startFirstStart()
    await waitUntil(() => start.tracker.report().done === 50)
    const response = await fetch(`${start.url}/health`)
    expect(response.status).toBe(503)
    expect(response.headers.get('retry-after')).toBe('5')
    const body = await response.json()
    expect(body).toMatchObject({ code: 'unavailable', stage: 'laws (MOJ)', phase: 'building', step: 'laws (MOJ)', stepNumber: 3, steps: 11, done: 50, total: 200, percent: 25 })
    expect(body.detail).toContain('step 3 of 11, laws (MOJ), 50/200 (25 %)')
    expect(typeof body.elapsedSeconds).toBe('number')
  })

  it('serves_the_snapshot_the_child_built_and_health_turns_200', async () => {
    const start = await startFirstStart()
    await waitUntil(() => start.tracker.report().phase === 'building')
    await start.open()
    await start.server.ready
    expect((await fetch(`${start.url}/health`)).status).toBe(200)
    expect(start.tracker.report().phase).toBe('ready')
  })

  it('logs_each_build_step_with_its_number_and_the_child_s_other_output', async () => {
    const start = await startFirstStart()
    await start.open()
    await start.server.ready
    expect(start.lines).toContain('first start, building the graph: step 1 of 11, concept schemes and mappings')
    expect(start.lines).toContain('first start, building the graph: step 3 of 11, laws (MOJ)')
    expect(start.lines.some((line) => line.startsWith('build step 1 of 11 done'))).toBe(true)
    expect(start.lines).toContain('build output')
  })

  it('a_failed_build_is_reported_on_health_with_the_child_s_last_words', async () => {
    const start = await startFirstStart('fail')
    await waitUntil(() => start.tracker.report().phase === 'building')
    await start.open()
    await expect(start.server.ready).rejects.toThrow(/exited with status 3: .*index.json:3: not valid JSON/)
    const body = await (await fetch(`${start.url}/health`)).json()
    expect(body).toMatchObject({ phase: 'failed' })
    expect(body.detail).toContain('not valid JSON')
  })
})

describe('startup report', () => {
  it('knows_the_steps_the_build_announces_in_their_order', () => {
    const announced = ['build-graph.ts', 'run-build.ts'].flatMap((file) =>
      [...readFileSync(join(REPO_ROOT, 'src', 'build', file), 'utf8').matchAll(/progress\.step\('([^']+)'/g)].map((m) => m[1]))
    expect(announced).toEqual([...BUILD_STEPS])
  })

  it('a_step_the_build_does_not_announce_in_advance_is_numbered_after_the_last_one', () => {
    let now = 0
    const tracker = createStartupTracker(() => now)
    tracker.stepStarted('EU vocabularies')
    tracker.stepStarted('a new step')
    now = 1500
    expect(tracker.report()).toEqual({ phase: 'building', step: 'a new step', stepNumber: 9, steps: 11, elapsedSeconds: 1.5 })
    expect(describeStartup(tracker.report())).toBe('building the graph (first start, no snapshot yet): step 9 of 11, a new step; 1.5 s since start')
  })

  it('building_before_the_first_step_says_the_build_is_starting', () => {
    const tracker = createStartupTracker(() => 0)
    tracker.phase('building')
    expect(describeStartup(tracker.report())).toBe('building the graph (first start, no snapshot yet): starting the build; 0 s since start')
  })

  it('a_counted_step_says_how_far_only_once_it_reports_progress', () => {
    const tracker = createStartupTracker(() => 0)
    tracker.stepStarted('links', 47725)
    expect(describeStartup(tracker.report())).toBe('building the graph (first start, no snapshot yet): step 7 of 11, links, 47725 items; 0 s since start')
    tracker.ticked(12000)
    expect(tracker.report()).toMatchObject({ done: 12000, total: 47725, percent: 25 })
  })

  it('ticks_without_a_total_change_nothing', () => {
    const tracker = createStartupTracker(() => 0)
    tracker.stepStarted('SHACL validation')
    tracker.ticked(10)
    expect(tracker.report()).toEqual({ phase: 'building', step: 'SHACL validation', stepNumber: 9, steps: 11, elapsedSeconds: 0 })
  })
})
