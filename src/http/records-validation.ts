/**
 * `/dataset/{id}/validation`: the dataset's SHACL results (zh and en messages) and its MQA-style quality
 * measurements (DQV), computed on first request and cached with the dataset until its graphs change.
 */
import { Hono, type Context } from 'hono'
import type { Quad } from 'n3'
import { assembleDocument, type RecordDocument } from '../records/record-document.ts'
import { validationIriOf, validationQuads } from '../records/quality-dqv.ts'
import type { RecordService } from '../records/record-service.ts'
import { createAxiomReader, validateRecord } from '../records/record-validation.ts'
import { DCAT, DCT, RDF } from '../vocab/index.ts'
import { serveRecord } from './records.ts'
import { DEFAULT_SHAPES_DIR } from './records-shapes.ts'

const SUFFIX = /\/validation$/

export function validationRoutes(service: RecordService, shapesDir = DEFAULT_SHAPES_DIR): Hono {
  let readAxioms: (() => Promise<Quad[]>) | undefined
  const resolve = async (_service: RecordService, iri: string): Promise<RecordDocument | undefined> => {
    if (!SUFFIX.test(iri)) return undefined
    const datasetIri = iri.replace(SUFFIX, '')
    const dataset = await service.document(datasetIri)
    if (!dataset || dataset.kind !== 'record' || !dataset.quads.some((q) => q.subject.value === datasetIri && q.predicate.equals(RDF.type) && q.object.equals(DCAT.Dataset))) return undefined
    return service.cache.document(validationIriOf(datasetIri).value, async () => {
      readAxioms ??= createAxiomReader(service.store)
      const validation = await validateRecord(dataset, { shapesDir, axioms: await readAxioms() })
      const title = dataset.quads.find((q) => q.subject.value === datasetIri && q.predicate.equals(DCT.title))?.object.value
      return assembleDocument({ iri, graph: datasetIri, kind: 'part', own: validationQuads(validation, title), summary: [], summaryGraphs: dataset.dependsOn })
    })
  }
  const handler = (c: Context) => serveRecord(c, service, resolve)
  return new Hono().get('/dataset/:id/:document{validation(?:\\.(?:jsonld|ttl|nt|rdf|html))?}', handler)
}
