/** Seeded pseudo-random numbers (sfc32) and weighted choice: same seed, same sequence, on every platform. */

export interface Prng {
  /** A uniform integer in [0, 2^32). */
  nextUint32(): number
  /** A uniform float in [0, 1), built from 32 bits so it is exact and portable. */
  nextFloat(): number
  /** A uniform integer in [min, max], both inclusive. */
  nextInt(min: number, max: number): number
  /** True with probability p. */
  isHit(p: number): boolean
  pickOne<T>(items: readonly T[]): T
}

/** Hash a seed (number or text) into 128 bits of sfc32 state (cyrb128). */
function hashSeed(seed: number | string): [number, number, number, number] {
  const text = String(seed)
  let h1 = 1779033703, h2 = 3144134277, h3 = 1013904242, h4 = 2773480762
  for (let i = 0; i < text.length; i++) {
    const k = text.charCodeAt(i)
    h1 = h2 ^ Math.imul(h1 ^ k, 597399067)
    h2 = h3 ^ Math.imul(h2 ^ k, 2869860233)
    h3 = h4 ^ Math.imul(h3 ^ k, 951274213)
    h4 = h1 ^ Math.imul(h4 ^ k, 2716044179)
  }
  h1 = Math.imul(h3 ^ (h1 >>> 18), 597399067)
  h2 = Math.imul(h4 ^ (h2 >>> 22), 2869860233)
  h3 = Math.imul(h1 ^ (h3 >>> 17), 951274213)
  h4 = Math.imul(h2 ^ (h4 >>> 19), 2716044179)
  return [(h1 ^ h2 ^ h3 ^ h4) >>> 0, (h2 ^ h1) >>> 0, (h3 ^ h1) >>> 0, (h4 ^ h1) >>> 0]
}

/** Create a generator; the state depends only on the seed. */
export function createPrng(seed: number | string): Prng {
  let [a, b, c, d] = hashSeed(seed)
  const nextUint32 = (): number => {
    // sfc32 (Chris Doty-Humphrey's Small Fast Counting generator), 32-bit integer arithmetic only
    const t = (((a + b) | 0) + d) | 0
    d = (d + 1) | 0
    a = b ^ (b >>> 9)
    b = (c + (c << 3)) | 0
    c = (c << 21) | (c >>> 11)
    c = (c + t) | 0
    return t >>> 0
  }
  for (let i = 0; i < 12; i++) nextUint32() // let the hashed state mix
  const nextFloat = () => nextUint32() / 4294967296
  return {
    nextUint32,
    nextFloat,
    nextInt: (min, max) => min + Math.floor(nextFloat() * (max - min + 1)),
    isHit: (p) => nextFloat() < p,
    pickOne: (items) => items[Math.floor(nextFloat() * items.length)] as (typeof items)[number],
  }
}

export type Weighted<T> = readonly (readonly [T, number])[]

/** A weighted choice over fixed entries: cumulative table, binary search, O(log n) per draw. */
export function createWeightedPicker<T>(entries: Weighted<T>): (rng: Prng) => T {
  const kept = entries.filter(([, w]) => w > 0)
  if (kept.length === 0) throw new Error('createWeightedPicker: no entry has a positive weight')
  const values = kept.map(([v]) => v)
  const cumulative = new Float64Array(kept.length)
  let total = 0
  kept.forEach(([, w], i) => { total += w; cumulative[i] = total })
  return (rng) => {
    const x = rng.nextFloat() * total
    let lo = 0, hi = cumulative.length - 1
    while (lo < hi) {
      const mid = (lo + hi) >>> 1
      if ((cumulative[mid] as number) > x) hi = mid
      else lo = mid + 1
    }
    return values[lo] as T
  }
}
