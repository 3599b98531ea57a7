/**
 * The long crash run (issue 14): 100 SIGKILLs of a real server taking concurrent PUTs, two replicas; prints the
 * counts and exits 1 if any acknowledged write was lost or torn, or the graph fails SHACL.
 *   node bin/run-ts.js bench/crash.ts [--kills 100] [--clients 4] [--port 18720]
 */
import { parseArgs } from 'node:util'
import { runCrashTest } from './lib/crash-run.ts'

const { values } = parseArgs({ options: { kills: { type: 'string', default: '100' }, clients: { type: 'string', default: '4' }, port: { type: 'string', default: '18720' }, seed: { type: 'string', default: '100' } } })
const result = await runCrashTest({
  kills: Number(values.kills), clients: Number(values.clients), port: Number(values.port), runMs: [100, 2000], seed: Number(values.seed), replicas: 2,
  log: (line) => process.stderr.write(`${line}\n`),
})
process.stdout.write(`${JSON.stringify({ ...result, lost: result.lost.length, torn: result.torn.length })}\n`)
process.exitCode = result.lost.length === 0 && result.torn.length === 0 && result.violations === 0 ? 0 : 1
