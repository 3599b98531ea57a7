/**
 * Quality measurements into the store, so that SPARQL can ask for them (`?m dqv:isMeasurementOf pv:scoring`): one
 * named graph `{dataset}/validation` per dataset, written in batches. For a batch job (a CLI command or a start-up
 * task), not for a request: SHACL costs 0.1–0.3 s a record, so `withShacl: false` scores without it
 * (dcatApCompliance is then not assessed) and takes about a millisecond a record.
 */
import { Writer } from 'n3'
import { DataFactory } from 'n3'
import type { GraphStore } from '../store/types.ts'
import { validationIriOf, validationQuads } from './quality-dqv.ts'
import { scoreDataset } from './quality-score.ts'
import type { RecordService } from './record-service.ts'
import { createAxiomReader, validateRecord, type RecordValidation } from './record-validation.ts'
import { DCT } from '../vocab/index.ts'

export interface QualityWriteOptions {
  /** Run the SHACL shapes too (slow); otherwise only the score. */
  withShacl?: boolean
  shapesDir?: string
  batchSize?: number
  now?: Date
  /** Called after each batch with the number of datasets written so far. */
  onProgress?: (written: number) => void
}

/** Compute and store the validation graphs of `datasets` (IRIs); returns how many were written. */
export async function writeQualityGraphs(store: GraphStore, service: RecordService, datasets: readonly string[], options: QualityWriteOptions = {}): Promise<number> {
  const batchSize = options.batchSize ?? 200
  const readAxioms = options.withShacl ? createAxiomReader(store) : undefined
  let written = 0
  for (let start = 0; start < datasets.length; start += batchSize) {
    const graphs: string[] = []
    let nquads = ''
    for (const dataset of datasets.slice(start, start + batchSize)) {
      const document = await service.document(dataset)
      if (!document || document.kind !== 'record') continue
      const validation: RecordValidation = options.withShacl && options.shapesDir
        ? await validateRecord(document, { shapesDir: options.shapesDir, axioms: await readAxioms!(), now: options.now })
        : { dataset, conforms: true, dcatApConforms: false, issues: [], score: scoreDataset(document.quads, dataset), validatedAt: options.now ?? new Date() }
      const title = document.quads.find((q) => q.subject.value === dataset && q.predicate.equals(DCT.title))?.object.value
      const graph = validationIriOf(dataset)
      // Without SHACL there is no validation report to state: the score's measurements only.
      const quads = validationQuads(validation, title).filter((q) => options.withShacl || !q.subject.value.endsWith('#report'))
      nquads += new Writer({ format: 'N-Quads' }).quadsToString(quads.map((q) => DataFactory.quad(q.subject, q.predicate, q.object, graph)))
      graphs.push(graph.value)
    }
    if (graphs.length > 0) await store.replaceGraphs(graphs, nquads)
    written += graphs.length
    options.onProgress?.(written)
  }
  return written
}
