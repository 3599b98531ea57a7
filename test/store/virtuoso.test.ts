import { runGraphStoreContract } from './contract.ts'
import { describeVirtuoso, useVirtuoso } from './virtuoso-support.ts'

describeVirtuoso('Virtuoso 7 backend', () => {
  const virtuoso = useVirtuoso()
  runGraphStoreContract('virtuoso (remote SPARQL 1.1 Protocol + Update)', async (nquads) => {
    await virtuoso().load(nquads)
    return virtuoso().open()
  })
})
