/**
 * CLI: the long run of the guard's differential fuzz test (test/query/guard-fuzz.test.ts). Generates N hostile
 * queries from a seed; every one the guard passes runs on a real replica; prints how many were passed, refused,
 * refused although the engine nests within the limit (over-refusals), passed although it nests past it, and how
 * many replicas crashed (must be 0), then a JSON line.
 *
 *   node bin/run-ts.js bench/guard-fuzz.ts --count 20000 --seed 1
 */
import { parseArgs } from 'node:util'
import { AppError } from '../src/errors.ts'
import { DEFAULT_QUERY_LIMITS, guardQueryText } from '../src/query/guard.ts'
import { createEmbeddedStore } from '../src/store/embedded.ts'
import { generateNQuads } from '../test/fixtures/store/synthetic.ts'
import { generateFuzzQuery } from './lib/guard-fuzz.ts'
import { createPrng } from './lib/prng.ts'

const { values } = parseArgs({ options: { count: { type: 'string', default: '20000' }, seed: { type: 'string', default: '1' } } })
const count = Number(values.count)
if (!Number.isInteger(count) || count < 1) throw new Error('--count must be a positive integer')

const rng = createPrng(values.seed!)
const store = createEmbeddedStore({ nquads: generateNQuads(20), replicas: 1, defaultTimeoutMs: 10_000 })
await store.ready
const tally = { generated: 0, passed: 0, refused: 0, overRefused: 0, passedTooDeep: 0, engineErrors: 0, crashed: 0 }
const started = performance.now()
for (let i = 0; i < count; i += 1) {
  const { query, engineDepth } = generateFuzzQuery(rng)
  tally.generated += 1
  const isTooDeep = engineDepth > DEFAULT_QUERY_LIMITS.maxDepth
  try {
    guardQueryText(query, DEFAULT_QUERY_LIMITS)
  } catch (error) {
    if (!(error instanceof AppError)) throw error
    tally.refused += 1
    if (!isTooDeep && error.code === 'bad_query') tally.overRefused += 1
    continue
  }
  tally.passed += 1
  if (isTooDeep) tally.passedTooDeep += 1
  const error = await store.query({ query, mediaType: 'application/sparql-results+json' }).then(() => undefined, (e: AppError) => e)
  if (error?.code === 'bad_query') tally.engineErrors += 1
  else if (error) { tally.crashed += 1; console.error(`${error.code}: ${query.slice(0, 300)}`) }
}
const seconds = (performance.now() - started) / 1000
tally.crashed = Math.max(tally.crashed, store.stats().crashed)
await store.close()
console.log(`seed ${values.seed}: ${tally.generated} queries in ${seconds.toFixed(1)} s; guard passed ${tally.passed}, refused ${tally.refused} (${tally.overRefused} within the depth limit); passed past the limit ${tally.passedTooDeep}; engine syntax errors ${tally.engineErrors}; crashes ${tally.crashed}`)
console.log(JSON.stringify({ seed: values.seed, seconds, ...tally }))
process.exit(tally.crashed === 0 && tally.passedTooDeep === 0 ? 0 : 1)
