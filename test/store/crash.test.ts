/**
 * Nothing acknowledged is lost: a real server process (journal, 2 replicas) takes concurrent PUTs and is SIGKILLed
 * at random moments, 20 times; after every restart each acknowledged write is there, each unacknowledged one wholly
 * there or wholly absent, and at the end the graph passes SHACL (bench/lib/crash-run.ts; 100 kills: bench/crash.ts).
 */
import { describe, expect, it } from 'vitest'
import { runCrashTest } from '../../bench/lib/crash-run.ts'

describe('crash test', () => {
  it('loses_no_acknowledged_write_over_20_sigkills', async () => {
    // One replica keeps each restart short (every replica's replay of the journal: test/store/journaled-store.test.ts);
    // bench/crash.ts runs 100 kills with two.
    const result = await runCrashTest({ kills: 20, clients: 4, port: 18711, runMs: [100, 1200], seed: 14, replicas: 1 })
    expect(result.kills).toBe(20)
    expect(result.acknowledged).toBeGreaterThan(20)
    expect(result.lost).toEqual([])
    expect(result.torn).toEqual([])
    expect(result.violations).toBe(0)
  }, 600_000)
})
