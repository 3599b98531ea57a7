import { describe, expect, it } from 'vitest'
import { createCrashMemory } from '../../src/store/crash-memory.ts'
import type { EngineQuery } from '../../src/store/embedded-engine.ts'

const query = (text: string, mediaType = 'text/csv', extra: Partial<EngineQuery> = {}): EngineQuery =>
  ({ query: text, form: 'SELECT', mediaType, hasDatasetClause: false, ...extra })

describe('crash memory', () => {
  it('recalls a crashed query until its time is up, then forgets it', () => {
    let now = 1_000
    const memory = createCrashMemory({ ttlMs: 60_000, now: () => now })
    memory.remember(query('SELECT 1'))
    now += 15_000
    expect(memory.recall(query('SELECT 1'))).toEqual({ agoMs: 15_000, remainingMs: 45_000 })
    now += 45_000
    expect(memory.recall(query('SELECT 1'))).toBeUndefined()
  })

  it('tells requests apart by text, format, base and dataset', () => {
    const memory = createCrashMemory()
    memory.remember(query('SELECT 1', 'text/csv', { defaultGraphUris: ['http://g/1'] }))
    expect(memory.recall(query('SELECT 1', 'text/csv', { defaultGraphUris: ['http://g/1'] }))).toBeDefined()
    expect(memory.recall(query('SELECT 1', 'text/csv'))).toBeUndefined()
    expect(memory.recall(query('SELECT 1', 'application/sparql-results+json', { defaultGraphUris: ['http://g/1'] }))).toBeUndefined()
    expect(memory.recall(query('SELECT 2', 'text/csv', { defaultGraphUris: ['http://g/1'] }))).toBeUndefined()
    expect(memory.recall(query('SELECT 1', 'text/csv', { defaultGraphUris: ['http://g/1'], baseIri: 'http://b/' }))).toBeUndefined()
  })

  it('keeps the newest entries when full, and clear() forgets all', () => {
    const memory = createCrashMemory({ maxEntries: 2 })
    for (const text of ['A', 'B', 'C']) memory.remember(query(text))
    expect(memory.recall(query('A'))).toBeUndefined()
    expect(memory.recall(query('B'))).toBeDefined()
    expect(memory.recall(query('C'))).toBeDefined()
    memory.clear()
    expect(memory.recall(query('C'))).toBeUndefined()
  })
})
