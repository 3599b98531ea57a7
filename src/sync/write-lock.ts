/**
 * One decision-and-write at a time per store: a sync or a record write reads the graph (is it there, whose is it,
 * does If-Match still hold), decides and writes; the next must see that write, or an update could be lost.
 */
import type { GraphStore } from '../store/types.ts'

const inFlight = new WeakMap<GraphStore, Promise<unknown>>()

/** Run `work` after every earlier locked work on `store` has finished. */
export function withWriteLock<T>(store: GraphStore, work: () => Promise<T>): Promise<T> {
  const previous = inFlight.get(store) ?? Promise.resolve()
  const run = previous.catch(() => undefined).then(work)
  inFlight.set(store, run)
  return run
}
