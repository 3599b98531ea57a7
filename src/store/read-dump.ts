/** A store's dump as one string: for small stores (tests, fixtures); a large one must be streamed chunk by chunk. */
import type { GraphStore } from './types.ts'

export async function readDump(store: Pick<GraphStore, 'dumpNQuads'>): Promise<string> {
  let text = ''
  for await (const chunk of store.dumpNQuads()) text += chunk
  return text
}
