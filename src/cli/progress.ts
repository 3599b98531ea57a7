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
