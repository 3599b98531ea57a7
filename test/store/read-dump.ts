/** A store's dump as one string: for the small stores of tests; a large one must be streamed chunk by chunk. */
import type { GraphStore } from '../../src/store/types.ts'

export async function readDump(store: Pick<GraphStore, 'dumpNQuads'>): Promise<string> {
  let text = ''
  for await (const chunk of store.dumpNQuads()) text += chunk
  return text
}
