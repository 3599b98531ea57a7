import { describe, expect, it } from 'vitest'
import { createInProcessStore } from '../../src/store/in-process.ts'
import { GRAPH_NQ, runGraphStoreContract } from './contract.ts'

runGraphStoreContract('in-process', (nquads) => createInProcessStore({ nquads }))

describe('in-process store', () => {
  it('deep_nesting_is_refused_before_the_engine_and_the_store_keeps_working', async () => {
    const store = createInProcessStore({ nquads: GRAPH_NQ })
    const attack = 'SELECT * WHERE { FILTER' + '('.repeat(5000) + '1' + ')'.repeat(5000) + ' }'
    for (let i = 0; i < 20; i += 1) await expect(store.query({ query: attack, mediaType: 'text/csv' })).rejects.toMatchObject({ code: 'bad_query' })
    expect(await store.size()).toBe(11)
  })

  it('standard_semantics_when_the_union_default_graph_is_off', async () => {
    const store = createInProcessStore({ nquads: GRAPH_NQ, unionDefaultGraph: false })
    const result = await store.query({ query: 'SELECT (COUNT(*) AS ?n) WHERE { ?s ?p ?o }', mediaType: 'text/csv' })
    expect(result.body).toBe('n\r\n1\r\n')
  })

  it('closed_store_refuses_calls', async () => {
    const store = createInProcessStore({ nquads: GRAPH_NQ })
    await store.close()
    await expect(store.size()).rejects.toMatchObject({ code: 'unavailable' })
  })
})
