/**
 * Tell caches which named graphs a write replaced: a GraphStore decorator whose replaceGraphs notifies listeners
 * after the inner store has applied the change. Wrap the store once where the app is built and pass the result on.
 */
import type { GraphStore } from '../store/types.ts'

export type GraphChangeListener = (graphs: readonly string[]) => void
/** Runs a write (`write`) and may do something before and after it, e.g. save what it replaces. */
export type GraphWriteInterceptor = (graphs: readonly string[], write: () => Promise<void>) => Promise<void>

/** Run `write` inside every interceptor (the first outermost). */
export function runIntercepted(interceptors: readonly GraphWriteInterceptor[], graphs: readonly string[], write: () => Promise<void>): Promise<void> {
  const wrapped = interceptors.reduceRight<() => Promise<void>>((inner, interceptor) => () => interceptor(graphs, inner), write)
  return wrapped()
}

export interface ObservedStore extends GraphStore {
  /** Call `listener` after every successful replaceGraphs; returns the unsubscribe function. */
  onGraphsReplaced(listener: GraphChangeListener): () => void
  /**
   * Have every later replaceGraphs run through `interceptor` (the catalogue's prior graphs); returns the removal
   * function. Absent on stores written by others too (a shared remote store): their writes cannot be intercepted.
   */
  interceptWrites?(interceptor: GraphWriteInterceptor): () => void
}

/** Whether a store already tells about its writes. */
export const isObservedStore = (store: GraphStore): store is ObservedStore =>
  typeof (store as Partial<ObservedStore>).onGraphsReplaced === 'function'

/** The same store, observable; a store that already is observable is returned as it is. */
export function observeGraphChanges(store: GraphStore): ObservedStore {
  if (isObservedStore(store)) return store
  const listeners = new Set<GraphChangeListener>()
  const interceptors: GraphWriteInterceptor[] = []
  // Forward every other member (e.g. a generation() counter) untouched.
  return Object.assign(Object.create(store) as GraphStore, {
    query: store.query.bind(store),
    size: store.size.bind(store),
    readGraphs: store.readGraphs.bind(store),
    dumpNQuads: store.dumpNQuads.bind(store),
    close: store.close.bind(store),
    async replaceGraphs(graphs: readonly string[], nquads: string) {
      const write = () => store.replaceGraphs(graphs, nquads)
      await runIntercepted(interceptors, graphs, write)
      for (const listener of listeners) listener(graphs)
    },
    interceptWrites(next: GraphWriteInterceptor) {
      interceptors.push(next)
      return () => { if (interceptors.includes(next)) interceptors.splice(interceptors.indexOf(next), 1) }
    },
    onGraphsReplaced(listener: GraphChangeListener) {
      listeners.add(listener)
      return () => listeners.delete(listener)
    },
  })
}
