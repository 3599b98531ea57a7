/** The body of one validation thread: compiled shapes and the background, then units as they come, one at a time. */
import { parentPort, workerData } from 'node:worker_threads'
import { UnitValidator } from './unit-validator.ts'
import type { ValidateTask, ValidateReply, ValidatorInit } from './parallel-protocol.ts'

const init = workerData as ValidatorInit
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
