/** One measured load: time, throughput and memory of loading one N-Quads file into one backend, in this process. */
import { statSync } from 'node:fs'
import { prepareLoader, type Backend } from './load-backends.ts'
import { collectGarbage, readPeakRssMiB, readRssMiB, resetPeakRss } from './process-memory.ts'

export interface LoadMeasurement {
  readonly backend: Backend
  readonly file: string
  readonly fileMiB: number
  readonly quads: number
  readonly seconds: number
  readonly quadsPerSecond: number
  /** RSS after the backend module was imported and before the load started. */
  readonly rssBeforeMiB: number
  /** Peak RSS during the load minus rssBeforeMiB. */
  readonly peakRssDeltaMiB: number
  /** RSS after the load and a full GC, store still alive, minus rssBeforeMiB. */
  readonly retainedRssDeltaMiB: number
  /** `VmHWM` when the kernel peak could be reset, else `after` (RSS after the load: a lower bound). */
  readonly peakMethod: 'VmHWM' | 'after'
}

const round = (x: number, digits = 1) => Number(x.toFixed(digits))

/** Load `file` into `backend` and measure it. Run it in a fresh process so memory is attributable. */
export async function measureLoad(backend: Backend, file: string, chunkBytes?: number): Promise<LoadMeasurement> {
  const load = await prepareLoader(backend, chunkBytes)
  collectGarbage()
  const rssBefore = readRssMiB()
  const hasPeak = resetPeakRss()
  const start = process.hrtime.bigint()
  const store = await load(file)
  const seconds = Number(process.hrtime.bigint() - start) / 1e9
  const peak = (hasPeak ? readPeakRssMiB() : undefined) ?? readRssMiB()
  const quads = store.countQuads()
  collectGarbage()
  const retained = readRssMiB()
  return {
    backend: store.backend, // read after the last RSS sample so the store is provably alive while measured
    file, fileMiB: round(statSync(file).size / 1024 / 1024), quads,
    seconds: round(seconds, 3), quadsPerSecond: Math.round(quads / seconds),
    rssBeforeMiB: round(rssBefore), peakRssDeltaMiB: round(peak - rssBefore), retainedRssDeltaMiB: round(retained - rssBefore),
    peakMethod: hasPeak ? 'VmHWM' : 'after',
  }
}
