/** Progress bars for long CLI steps (stderr, only on a terminal), and plain step lines otherwise. */
import cliProgress from 'cli-progress'

export interface Progress {
  step(name: string, total?: number): void
  tick(done: number): void
  done(): void
  log(line: string): void
}

export function createProgress(options: { quiet?: boolean } = {}): Progress {
  const interactive = process.stderr.isTTY && !options.quiet
  let bar: cliProgress.SingleBar | undefined
  let started = 0
  const stop = () => {
    bar?.stop()
    bar = undefined
  }
  return {
    step(name, total) {
      stop()
      started = Date.now()
      if (interactive && total) {
        bar = new cliProgress.SingleBar(
          { format: `${name.padEnd(28)} {bar} {percentage}% | {value}/{total} | {duration_formatted}`, stream: process.stderr, hideCursor: true },
          cliProgress.Presets.shades_classic,
        )
        bar.start(total, 0)
      } else if (!options.quiet) process.stderr.write(`… ${name}\n`)
    },
    tick(done) {
      bar?.update(done)
    },
    done() {
      stop()
      if (!options.quiet && !interactive) process.stderr.write(`  done in ${((Date.now() - started) / 1000).toFixed(1)} s\n`)
    },
    log(line) {
      if (!options.quiet) process.stderr.write(line + '\n')
    },
  }
}

/** A progress that says nothing (library use, tests). */
export const silentProgress: Progress = { step() {}, tick() {}, done() {}, log() {} }

/** The prefix of a machine-readable progress line (`ogd build --progress-json`), read by `ogd serve` (src/cli/child-build.ts). */
export const PROGRESS_LINE_PREFIX = 'ogd-progress '

/** One progress event as `ogd build --progress-json` writes it, one JSON object a line on stderr. */
export type ProgressEvent = { event: 'step'; step: string; total?: number } | { event: 'tick'; done: number } | { event: 'done' }

/**
 * Progress for a parent process: each event a line `ogd-progress {json}` (ticks at most every 200 ms), so a server
 * building its first snapshot in a child can say on /health and in its log what the build is doing, how far.
 */
export function createJsonProgress(write: (line: string) => void = (line) => process.stderr.write(line)): Progress {
  let lastTick = 0
  const emit = (event: ProgressEvent) => write(`${PROGRESS_LINE_PREFIX}${JSON.stringify(event)}\n`)
  return {
    step(name, total) { lastTick = 0; emit(total === undefined ? { event: 'step', step: name } : { event: 'step', step: name, total }) },
    tick(done) {
      const now = Date.now()
      if (now - lastTick < 200) return
      lastTick = now
      emit({ event: 'tick', done })
    },
    done() { emit({ event: 'done' }) },
    log(line) { write(line + '\n') },
  }
}
