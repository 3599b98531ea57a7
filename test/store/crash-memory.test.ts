import { describe, expect, it } from 'vitest'
import { describeQueryShape, queryShapeKey } from '../../src/query/query-shape.ts'
import { createCrashMemory } from '../../src/store/crash-memory.ts'

const deep = (n: number) => `SELECT * WHERE { FILTER${'('.repeat(n)}1${')'.repeat(n)} }`

describe('query shape', () => {
  it('variants_with_other_terms_share_a_shape', () => {
    expect(queryShapeKey('SELECT ?a WHERE { ?a <http://x/p> "x" }')).toBe(queryShapeKey('select ?b { ?b <http://y/q> "other" }'.replace('{', 'WHERE {')))
  })

  it('variants_with_more_or_fewer_repeated_parts_share_a_shape', () => {
    expect(queryShapeKey(deep(3000))).toBe(queryShapeKey(deep(3001)))
    const optionals = (n: number) => `SELECT * WHERE { ?s ?p ?o ${'OPTIONAL { ?s ?p ?o } '.repeat(n)}}`
    expect(queryShapeKey(optionals(800))).toBe(queryShapeKey(optionals(950)))
    expect(describeQueryShape(deep(5))).toBe('SELECT * WHERE { FILTER ( + N ) + }')
  })

  it('different_kinds_of_query_have_different_shapes', () => {
    expect(queryShapeKey('SELECT * WHERE { ?s ?p ?o }')).not.toBe(queryShapeKey('SELECT * WHERE { ?s <http://x/p> ?o }'))
    expect(queryShapeKey('SELECT * WHERE { ?s ?p ?o }')).not.toBe(queryShapeKey('SELECT * WHERE { ?s ?p ?o }', { defaultGraphUris: ['http://g/'] }))
    expect(queryShapeKey(deep(3000))).not.toBe(queryShapeKey(`SELECT * WHERE ${'{'.repeat(3000)}${'}'.repeat(3000)}`))
  })
})

describe('crash memory', () => {
  it('recalls a crashed shape until its time is up, then forgets it', () => {
    let now = 1_000
    const memory = createCrashMemory({ ttlMs: 60_000, now: () => now })
    memory.remember('shape-a')
    now += 15_000
    expect(memory.recall('shape-a')).toEqual({ agoMs: 15_000, remainingMs: 45_000 })
    now += 45_000
    expect(memory.recall('shape-a')).toBeUndefined()
  })

  it('keeps the newest entries when full, and clear() forgets all crashes', () => {
    const memory = createCrashMemory({ maxEntries: 2 })
    for (const shape of ['A', 'B', 'C']) memory.remember(shape)
    expect(memory.recall('A')).toBeUndefined()
    expect(memory.recall('B')).toBeDefined()
    expect(memory.recall('C')).toBeDefined()
    memory.clear()
    expect(memory.recall('C')).toBeUndefined()
  })

  it('a completed shape is ordinary until it crashes, and a write keeps it ordinary', () => {
    const memory = createCrashMemory()
    expect(memory.isOrdinary('A')).toBe(false)
    memory.noteCompleted('A')
    expect(memory.isOrdinary('A')).toBe(true)
    memory.clear()
    expect(memory.isOrdinary('A')).toBe(true)
    memory.remember('A')
    expect(memory.isOrdinary('A')).toBe(false)
    memory.noteCompleted('A') // a query of a crashed shape is refused, so this cannot make it ordinary again
    expect(memory.isOrdinary('A')).toBe(false)
  })

  it('keeps at most maxOrdinary completed shapes, dropping the least recently completed', () => {
    const memory = createCrashMemory({ maxOrdinary: 2 })
    for (const shape of ['A', 'B', 'A', 'C']) memory.noteCompleted(shape)
    expect([memory.isOrdinary('A'), memory.isOrdinary('B'), memory.isOrdinary('C')]).toEqual([true, false, true])
  })
})

describe('crash memory given queries', () => {
  it('takes_their_shape: a variant of a remembered query is recalled, another kind is not', () => {
    const memory = createCrashMemory()
    memory.remember({ query: deep(3000) })
    expect(memory.recall({ query: deep(4000) })).toBeDefined()
    expect(memory.recall({ query: 'SELECT * WHERE { ?s ?p ?o }' })).toBeUndefined()
    expect(memory.recall(queryShapeKey(deep(10)))).toBeDefined()
  })
})
