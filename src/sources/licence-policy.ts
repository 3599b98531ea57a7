/** The ODRL rendering of OGDL-Taiwan-1.0: one odrl:Set whose permissions (§2.1, §2.2) each carry the attribution duty (§3.2). */
import { DataFactory, type NamedNode } from 'n3'
import { DCT, ODRL, RDF } from '../vocab/index.ts'
import type { QuadSink } from './quad-sink.ts'

const { blankNode } = DataFactory

/**
 * §2.1 grants reproduction (重製), distribution and public transmission (散布、公開傳輸), compilation and adaptation
 * (編輯、改作), derivative products or services (衍生物) for any purpose (不限目的, so commercial use too);
 * §2.2 allows sublicensing (再轉授權), ODRL's grantUse.
 */
export const OGDL_PERMITTED_ACTIONS: NamedNode[] = [ODRL.reproduce, ODRL.distribute, ODRL.modify, ODRL.derive, ODRL.commercialize, ODRL.grantUse]

/** Write the policy; it points to the licence it renders with dct:source, and the licence back with dct:relation. */
export function addOgdlPolicy(sink: QuadSink, policy: NamedNode, licence: NamedNode): void {
  sink.add(policy, RDF.type, ODRL.Set)
  sink.add(policy, RDF.type, ODRL.Policy)
  sink.add(policy, DCT.source, licence)
  sink.add(licence, DCT.relation, policy)
  for (const action of OGDL_PERMITTED_ACTIONS) {
    const permission = blankNode()
    const duty = blankNode()
    sink.add(policy, ODRL.permission, permission)
    sink.add(permission, RDF.type, ODRL.Permission)
    sink.add(permission, ODRL.action, action)
    // §3.2: every use must carry the attribution statement of the Exhibit (顯名聲明), or the grant is void.
    sink.add(permission, ODRL.duty, duty)
    sink.add(duty, RDF.type, ODRL.Duty)
    sink.add(duty, ODRL.action, ODRL.attribute)
  }
}
