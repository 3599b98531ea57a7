import { describe, expect, it } from 'vitest'
import { createPrng, createWeightedPicker } from '../../bench/lib/prng.ts'

const take = (seed: number | string, n: number) => {
  const rng = createPrng(seed)
  return Array.from({ length: n }, () => rng.nextUint32())
}

describe('createPrng', () => {
  it('same_seed_same_sequence', () => {
    expect(take(42, 100)).toEqual(take(42, 100))
  })

  it('different_seed_different_sequence', () => {
    expect(take(42, 10)).not.toEqual(take(43, 10))
  })

  it('number_and_string_seed_agree', () => {
    expect(take(7, 10)).toEqual(take('7', 10))
  })

  it('nextInt_stays_within_inclusive_bounds', () => {
    const rng = createPrng(1)
    const seen = new Set(Array.from({ length: 2000 }, () => rng.nextInt(3, 6)))
    expect([...seen].sort()).toEqual([3, 4, 5, 6])
  })
})

describe('createWeightedPicker', () => {
  it('draws_in_proportion_to_weights', () => {
    const pick = createWeightedPicker([['a', 1], ['b', 3], ['zero', 0]] as const)
    const rng = createPrng(9)
    const counts = { a: 0, b: 0, zero: 0 }
    for (let i = 0; i < 40_000; i++) counts[pick(rng)]++
    expect(counts.zero).toBe(0)
    expect(counts.b / counts.a).toBeGreaterThan(2.8)
    expect(counts.b / counts.a).toBeLessThan(3.2)
  })

  it('refuses_entries_without_positive_weight', () => {
    expect(() => createWeightedPicker([['a', 0]])).toThrow(/positive weight/)
  })
})
