/** The body of one validation thread: compiled shapes and the background, then units as they come, one at a time. */
import { readlinkSync } from 'node:fs'
import { setPriority } from 'node:os'
import { parentPort, workerData } from 'node:worker_threads'
import { UnitValidator } from './unit-validator.ts'
import type { ValidateTask, ValidateReply, ValidatorInit } from './parallel-protocol.ts'

const init = workerData as ValidatorInit
if (init.niceness) lowerPriority(init.niceness)

/**
 * Lower this thread's scheduling priority alone: on Linux setpriority(2) with a thread id applies to that thread,
 * and /proc/thread-self names the calling thread (fs calls that are synchronous run on it). Elsewhere, or if /proc
 * is not mounted, the thread keeps the process's priority: slower reads during a sync, never a failed one.
 */
function lowerPriority(niceness: number): void {
  try {
    const tid = Number(readlinkSync('/proc/thread-self').split('/').pop())
    if (Number.isInteger(tid) && tid > 0) setPriority(tid, niceness)
  } catch {
    // not Linux, or no /proc: see above
  }
}
let validator: UnitValidator | undefined
let initError: string | undefined
try {
  validator = new UnitValidator(init.shapesDir, init.profiles, init.background, init.engine)
} catch (error) {
  initError = (error as Error).message
}

parentPort!.on('message', async (task: ValidateTask) => {
  let reply: ValidateReply
  try {
    if (!validator) throw new Error(initError ?? 'the validator did not start')
    const results = []
    for (const unit of task.units) results.push(await validator.validate(unit.ntriples, unit.owned))
    reply = { id: task.id, ok: true, results }
  } catch (error) {
    reply = { id: task.id, ok: false, message: (error as Error).stack ?? String(error) }
  }
  parentPort!.postMessage(reply)
})
