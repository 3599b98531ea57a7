/**
 * SHACL over the built graph in chunks of partial dataset records. shacl-engine remembers every (shape, node) pair
 * it has processed in one JavaScript Set, which cannot hold more than 2^24 entries: with today's whole listing
 * (75,000 partial records, 232,000 distributions) one run over the whole graph stops with "Set maximum size
 * exceeded". So the partial dataset records (ogd:metadataStatus partial: the listing-only and 2018 records, which
 * nothing else in the graph refers to by class) are validated in chunks, each together with everything else (the
 * complete records, the catalogue, agencies, laws, vocabularies: what their links point to), and the issues of that
 * shared part, reported once per chunk, are kept once.
 */
import type { Quad } from 'n3'
import { toDefaultGraphStore, validateQuads, type ValidationIssue, type ValidationReport } from '../validate/validate.ts'
import type { ProfileName } from '../validate/shapes.ts'

/** Partial records per chunk: a run over 25,000 of them stays far below shacl-engine's 2^24 processed pairs. */
export const PARTIAL_RECORDS_PER_CHUNK = 25_000

/** The record graphs that are partial datasets: `G ogd:metadataStatus …/partial` stated in G about G. */
function partialRecordGraphs(quads: readonly Quad[]): Set<string> {
  const graphs = new Set<string>()
  for (const q of quads) {
    if (q.subject.value === q.graph.value && q.predicate.value.endsWith('ontology#metadataStatus') && q.object.value.endsWith('/metadata-status/partial')) graphs.add(q.graph.value)
  }
  return graphs
}

const issueKey = (i: ValidationIssue) => [i.focusNode, i.path, i.component, i.shape, i.value, i.severity].join('\u0000')

/** Validate `quads` with each profile, partial records `perChunk` at a time; one report per profile, issues deduplicated. */
export async function validateInChunks(
  quads: readonly Quad[],
  options: { shapesDir: string; profiles: readonly ProfileName[]; recordOf: (focus: string) => string | undefined; perChunk?: number },
): Promise<ValidationReport[]> {
  const partial = partialRecordGraphs(quads)
  const shared: Quad[] = []
  const byGraph = new Map<string, Quad[]>()
  for (const q of quads) {
    if (!partial.has(q.graph.value)) shared.push(q)
    else {
      const list = byGraph.get(q.graph.value)
      if (list) list.push(q)
      else byGraph.set(q.graph.value, [q])
    }
  }
  const groups = [...byGraph.values()]
  const perChunk = options.perChunk ?? PARTIAL_RECORDS_PER_CHUNK
  const chunks: Quad[][][] = []
  for (let i = 0; i < groups.length; i += perChunk) chunks.push(groups.slice(i, i + perChunk))
  if (chunks.length === 0) chunks.push([])
  const reports = options.profiles.map((profile) => ({ profile, conforms: true, issues: [] as ValidationIssue[], seen: new Set<string>() }))
  for (const chunk of chunks) {
    const data = toDefaultGraphStore((function* () { yield* shared; for (const g of chunk) yield* g })())
    for (const report of reports) {
      const part = await validateQuads(data, { shapesDir: options.shapesDir, profile: report.profile, recordOf: options.recordOf })
      for (const issue of part.issues) {
        const key = issueKey(issue)
        if (report.seen.has(key)) continue
        report.seen.add(key)
        report.issues.push(issue)
      }
    }
  }
  return reports.map(({ profile, issues }) => ({ profile, issues, conforms: !issues.some((i) => i.severity === 'Violation') }))
}
