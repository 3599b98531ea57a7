/** `ogd stats`: what the current snapshot holds, from its metadata and from SPARQL counts on the graph. */
import { readFileSync } from 'node:fs'
import { requireSnapshot } from '../store/snapshot.ts'
import { createInProcessStore } from '../store/in-process.ts'
import { createIris } from '../model/iris.ts'
import { DCAT, ELI, ELI_IN_FORCE, ORG, RDF } from '../vocab/index.ts'
import { createProgress } from './progress.ts'
import { resolveSnapshotDir } from './paths.ts'

export async function runStatsCommand(opts: { snapshot: string; quiet?: boolean; json?: boolean }): Promise<number> {
  const snapshot = await requireSnapshot(resolveSnapshotDir(opts.snapshot))
  const progress = createProgress({ quiet: opts.quiet })
  progress.step(`loading ${snapshot.version}`)
  const store = await createInProcessStore({ nquads: readFileSync(snapshot.nquadsPath), baseIri: snapshot.meta.baseIri })
  progress.done()
  const ogd = createIris(snapshot.meta.baseIri).ogd
  const count = async (where: string) => {
    const r = await store.query({ query: `SELECT (COUNT(DISTINCT ?x) AS ?n) WHERE { ${where} }`, mediaType: 'application/sparql-results+json' })
    return Number(JSON.parse(r.body).results.bindings[0]?.n?.value ?? 0)
  }
  const a = `<${RDF.type.value}>`
  const counts = {
    quads: snapshot.meta.quads,
    datasets: await count(`?x ${a} <${DCAT.Dataset.value}>`),
    completeDatasets: await count(`?c <${DCAT.dataset.value}> ?x`),
    distributions: await count(`?x ${a} <${DCAT.Distribution.value}>`),
    dataServices: await count(`?x ${a} <${DCAT.DataService.value}>`),
    agencies: await count(`?x ${a} <${ORG.Organization.value}>`),
    activeAgencies: await count(`?x ${a} <${ORG.Organization.value}> ; <${ogd.isAbolished.value}> false . FILTER NOT EXISTS { ?x ${a} <${ogd.PlannedOrganization.value}> }`),
    laws: await count(`?x ${a} <${ELI.LegalResource.value}>`),
    abolishedLaws: await count(`?x ${a} <${ELI.LegalResource.value}> ; <${ELI.in_force.value}> <${ELI_IN_FORCE.notInForce.value}>`),
    datasetRequests: await count(`?x ${a} <${ogd.DatasetRequest.value}>`),
  }
  await store.close()
  const result = { snapshot: snapshot.version, createdAt: snapshot.meta.createdAt, baseIri: snapshot.meta.baseIri, counts, build: snapshot.meta.stats }
  if (opts.json) process.stdout.write(JSON.stringify(result, null, 2) + '\n')
  else {
    process.stdout.write(`snapshot ${result.snapshot} (${result.createdAt}), base ${result.baseIri}\n`)
    for (const [k, v] of Object.entries(counts)) process.stdout.write(`${k.padEnd(18)} ${v.toLocaleString('en')}\n`)
    const links = snapshot.meta.stats.links as { publisher?: { resolved: number; total: number; share: number } } | undefined
    if (links?.publisher) process.stdout.write(`publisher links     ${links.publisher.resolved}/${links.publisher.total} to a coded agency (${(links.publisher.share * 100).toFixed(1)} %)\n`)
  }
  return 0
}
