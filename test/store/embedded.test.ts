import { createEmbeddedStore } from '../../src/store/embedded.ts'
import { runGraphStoreContract } from './contract.ts'

runGraphStoreContract('embedded (2 worker replicas)', async (nquads) => {
  const store = createEmbeddedStore({ nquads, replicas: 2, defaultTimeoutMs: 10_000 })
  await store.ready
  return store
})
