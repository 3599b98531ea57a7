/**
 * Tell caches which named graphs a write replaced: a GraphStore decorator whose replaceGraphs notifies listeners
 * after the inner store has applied the change. Wrap the store once where the app is built and pass the result on.
 */
import type { GraphStore } from '../store/types.ts'

export type GraphChangeListener = (graphs: readonly string[]) => void

export interface ObservedStore extends GraphStore {
  /** Call `listener` after every successful replaceGraphs; returns the unsubscribe function. */
  onGraphsReplaced(listener: GraphChangeListener): () => void
}

/** Whether a store already tells about its writes. */
export const isObservedStore = (store: GraphStore): store is ObservedStore =>
  typeof (store as Partial<ObservedStore>).onGraphsReplaced === 'function'

/** The same store, observable; a store that already is observable is returned as it is. */
export function observeGraphChanges(store: GraphStore): ObservedStore {
  if (isObservedStore(store)) return store
  const listeners = new Set<GraphChangeListener>()
  // Forward every other member (e.g. a generation() counter) untouched.
  return Object.assign(Object.create(store) as GraphStore, {
    query: store.query.bind(store),
    size: store.size.bind(store),
    readGraphs: store.readGraphs.bind(store),
    dumpNQuads: store.dumpNQuads.bind(store),
    close: store.close.bind(store),
    async replaceGraphs(graphs: readonly string[], nquads: string) {
      await store.replaceGraphs(graphs, nquads)
      for (const listener of listeners) listener(graphs)
    },
    onGraphsReplaced(listener: GraphChangeListener) {
      listeners.add(listener)
      return () => listeners.delete(listener)
    },
  })
}
