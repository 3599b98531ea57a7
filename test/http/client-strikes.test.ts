import { describe, expect, it } from 'vitest'
import { createClientStrikes } from '../../src/http/client-strikes.ts'

describe('client strikes', () => {
  it('refuses a client at the limit until its oldest strike in the window expires', () => {
    let now = 0
    const strikes = createClientStrikes({ limit: 2, windowMs: 60_000, now: () => now })
    strikes.record('a')
    expect(strikes.refusal('a')).toBeUndefined()
    now = 10_000
    strikes.record('a')
    expect(strikes.refusal('a')).toBe(50) // the first strike (t=0) leaves the window at 60 s
    expect(strikes.refusal('b')).toBeUndefined()
    now = 60_000
    expect(strikes.refusal('a')).toBeUndefined()
    expect(strikes.refused).toBe(1)
  })

  it('counts only the strikes within the window', () => {
    let now = 0
    const strikes = createClientStrikes({ limit: 2, windowMs: 1_000, now: () => now })
    strikes.record('a')
    now = 1_500
    strikes.record('a')
    expect(strikes.refusal('a')).toBeUndefined()
  })

  it('a limit of 0 never refuses', () => {
    const strikes = createClientStrikes({ limit: 0, windowMs: 1_000 })
    for (let i = 0; i < 10; i += 1) strikes.record('a')
    expect(strikes.refusal('a')).toBeUndefined()
  })

  it('keeps at most maxClients clients, the most recently struck', () => {
    const strikes = createClientStrikes({ limit: 1, windowMs: 60_000, maxClients: 2 })
    for (const client of ['a', 'b', 'c']) strikes.record(client)
    expect(strikes.refusal('a')).toBeUndefined()
    expect(strikes.refusal('b')).toBeGreaterThan(0)
    expect(strikes.refusal('c')).toBeGreaterThan(0)
  })
})
