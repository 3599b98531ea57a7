/**
 * `ogd serve`'s first build, in a child process (`ogd build --progress-json`): the build is seconds of synchronous
 * work (parsing, linking, SHACL) that would stop the server answering; in a child the server answers at once,
 * with the build's progress on /health and in its log. The child also gets the build's own heap sizing (bin/ogd.js).
 */
import { spawn } from 'node:child_process'
import { createInterface } from 'node:readline'
import { join } from 'node:path'
import type { Logger } from 'pino'
import { AppError } from '../errors.ts'
import type { StartupTracker } from '../http/startup-status.ts'
import { PROGRESS_LINE_PREFIX, type ProgressEvent } from './progress.ts'
import { REPO_ROOT } from './paths.ts'

export interface ChildBuildOptions {
  snapshotDir: string
  baseIri: string
  tracker: StartupTracker
  logger: Pick<Logger, 'info' | 'warn' | 'error'>
  /** The command to run (default: this node, `bin/ogd.js build`); tests stand a small script in. */
  command?: { file: string; args: string[] }
}

/** The last lines of the child's other output, quoted when it fails. */
const KEPT_LINES = 20

/** Run the build in a child; resolves when it wrote the snapshot, rejects with its last words when it failed. */
export function runChildBuild(options: ChildBuildOptions): Promise<void> {
  const { tracker, logger } = options
  const command = options.command ?? {
    file: process.execPath,
    args: [join(REPO_ROOT, 'bin', 'ogd.js'), '--snapshot', options.snapshotDir, 'build', '--base', options.baseIri, '--progress-json'],
  }
  tracker.phase('building')
  const child = spawn(command.file, command.args, { stdio: ['ignore', 'pipe', 'pipe'], env: process.env })
  // A server stopped while building stops its build too (the build writes nothing until it is complete).
  const stopChild = () => child.kill('SIGTERM')
  process.once('exit', stopChild)
  const tail: string[] = []
  let stepStarted = performance.now()
  const onEvent = (event: ProgressEvent) => {
    if (event.event === 'step') {
      tracker.stepStarted(event.step, event.total)
      stepStarted = performance.now()
      const { stepNumber, steps } = tracker.report()
      logger.info({ step: event.step, stepNumber, steps, total: event.total }, `first start, building the graph: step ${stepNumber} of ${steps}, ${event.step}`)
    } else if (event.event === 'tick') tracker.ticked(event.done)
    else {
      const { step, stepNumber, steps } = tracker.report()
      logger.info({ step, stepNumber, steps, ms: Math.round(performance.now() - stepStarted) }, `build step ${stepNumber} of ${steps} done: ${step}`)
    }
  }
  const onLine = (line: string) => {
    if (line.startsWith(PROGRESS_LINE_PREFIX)) {
      try {
        return onEvent(JSON.parse(line.slice(PROGRESS_LINE_PREFIX.length)) as ProgressEvent)
      } catch {
        // not ours after all: kept as output below
      }
    }
    if (!line.trim()) return
    tail.push(line)
    if (tail.length > KEPT_LINES) tail.shift()
    logger.info({ build: line }, 'build output')
  }
  createInterface({ input: child.stderr }).on('line', onLine)
  createInterface({ input: child.stdout }).on('line', onLine)
  return new Promise((resolve, reject) => {
    child.on('error', (error) => reject(new AppError('unavailable', `the first build could not start: ${error.message}`)))
    child.on('close', (code, signal) => {
      process.off('exit', stopChild)
      if (code === 0) return resolve()
      const how = signal ? `was stopped by ${signal}` : `exited with status ${code}`
      reject(new AppError('unavailable', `the first build ${how}: ${tail.slice(-5).join(' / ') || 'no output'}`))
    })
  })
}
