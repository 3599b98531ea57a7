/** Per-record quality: `/dataset/{id}/validation` — SHACL results in zh and en, MQA-style DQV measurements, linked and fresh. */
import { beforeAll, describe, expect, it } from 'vitest'
import { Parser, type Quad } from 'n3'
import { DIMENSIONS, METRIC_DIMENSIONS, MQA_MAXIMA, scoreDataset } from '../../src/records/quality-score.ts'
import { DQV, PV, SH } from '../../src/vocab/index.ts'
import { BASE } from './fixture-graph.ts'
import { createRecordsApp, type TestApp } from './records-app.ts'

let records: TestApp
beforeAll(() => {
  records = createRecordsApp()
})

const PARTIAL = '/dataset/l2018-023cf424ac41'
const get = (path: string, headers: Record<string, string> = {}) => records.app.request(path, { headers })
const turtle = async (path: string): Promise<Quad[]> => new Parser().parse(await (await get(path, { accept: 'text/turtle' })).text())
const valueOf = (quads: Quad[], metric: { value: string }) => {
  const node = quads.find((q) => q.predicate.equals(DQV.isMeasurementOf) && q.object.value === metric.value)?.subject
  return quads.find((q) => node && q.subject.equals(node) && q.predicate.equals(DQV.value))?.object.value
}

describe('the validation document', () => {
  it('a complete dataset conforms; its report says so in SHACL terms', async () => {
    const quads = await turtle('/dataset/87371/validation')
    const conforms = quads.find((q) => q.predicate.equals(SH.conforms))
    expect(conforms?.object.value).toBe('true')
  })

  it('a partial 2018 record has violations naming the path, with zh and en messages', async () => {
    const quads = await turtle(`${PARTIAL}/validation`)
    expect(quads.find((q) => q.predicate.equals(SH.conforms))?.object.value).toBe('false')
    const paths = quads.filter((q) => q.predicate.equals(SH.resultPath)).map((q) => q.object.value)
    expect(paths).toContain('http://purl.org/dc/terms/description')
    const messages = quads.filter((q) => q.predicate.equals(SH.resultMessage)).map((q) => (q.object as { language: string }).language)
    expect(new Set(messages)).toEqual(new Set(['zh-hant', 'en']))
  })

  it('results are about the record only, never about the agencies or concepts it links to', async () => {
    const quads = await turtle(`${PARTIAL}/validation`)
    const focus = quads.filter((q) => q.predicate.equals(SH.focusNode)).map((q) => q.object.value)
    expect(focus.every((iri) => iri.startsWith(`${BASE}${PARTIAL}`))).toBe(true)
  })

  it('the score is stored as DQV measurements with piveau\'s MQA metrics, per dimension and in total', async () => {
    const quads = await turtle('/dataset/87371/validation')
    expect(valueOf(quads, PV.keywordAvailability)).toBe('false')
    expect(valueOf(quads, PV.dcatApCompliance)).toBe('true')
    const dimensions = DIMENSIONS.map((d) => Number(valueOf(quads, PV[`${d}Scoring`])))
    expect(Number(valueOf(quads, PV.scoring))).toBe(dimensions.reduce((a, b) => a + b, 0))
    expect(quads.some((q) => q.subject.value === `${BASE}/dataset/87371` && q.predicate.equals(DQV.hasQualityMeasurement))).toBe(true)
  })

  it('the partial record scores lower than the complete one', async () => {
    const complete = Number(valueOf(await turtle('/dataset/87371/validation'), PV.scoring))
    const partial = Number(valueOf(await turtle(`${PARTIAL}/validation`), PV.scoring))
    expect(partial).toBeLessThan(complete)
  })

  it('is linked from the record by a Link header, and links back', async () => {
    expect((await get('/dataset/87371.ttl')).headers.get('link')).toContain('<http://localhost/dataset/87371/validation>; rel="describedby"')
    const quads = await turtle('/dataset/87371/validation')
    expect(quads.some((q) => q.object.value === `${BASE}/dataset/87371` && q.predicate.value.endsWith('wasDerivedFrom'))).toBe(true)
  })

  it('the HTML page shows the messages in the page\'s language', async () => {
    const zh = await (await get(`${PARTIAL}/validation`, { accept: 'text/html', 'accept-language': 'zh-TW' })).text()
    const en = await (await get(`${PARTIAL}/validation`, { accept: 'text/html', 'accept-language': 'en' })).text()
    expect(zh).toContain('缺少必要屬性')
    expect(en).toContain('missing required property')
    expect(en).toContain('<svg')
  })

  it('is 404 for what is not a dataset', async () => {
    expect((await get('/agency/A41000000G/validation')).status).toBe(404)
    expect((await get('/dataset/no-such/validation')).status).toBe(404)
  })

  it('follows the record: a fixed record validates clean after replaceGraphs', async () => {
    const iri = `${BASE}${PARTIAL}`
    const before = await (await get(`${PARTIAL}.nt`)).text()
    const fixed = before.trim().split('\n').map((line) => `${line.replace(/ \.$/, '')} <${iri}> .`).join('\n')
      + `\n<${iri}> <http://purl.org/dc/terms/description> "補上的描述"@zh-hant <${iri}> .\n`
    await records.store.replaceGraphs([iri], fixed)
    const paths = (await turtle(`${PARTIAL}/validation`)).filter((q) => q.predicate.equals(SH.resultPath)).map((q) => q.object.value)
    expect(paths).not.toContain('http://purl.org/dc/terms/description')
  })
})

describe('the score', () => {
  it('has MQA\'s maxima per dimension, 405 in all', () => {
    for (const dimension of DIMENSIONS) {
      expect(METRIC_DIMENSIONS.filter((m) => m.dimension === dimension).reduce((sum, m) => sum + m.max, 0)).toBe(MQA_MAXIMA[dimension])
    }
    expect(scoreDataset([], 'http://x/d').max).toBe(405)
  })

  it('reports the URL status checks as not assessed rather than failed', () => {
    const score = scoreDataset([], 'http://x/d', { dcatApConforms: false })
    expect(score.assessedMax).toBe(325)
    expect(score.metrics.filter((m) => m.share === undefined).map((m) => m.metric.value)).toEqual([PV.accessUrlStatusCode.value, PV.downloadUrlStatusCode.value])
  })

  it('without SHACL, DCAT-AP compliance is not assessed either', () => {
    expect(scoreDataset([], 'http://x/d').assessedMax).toBe(295)
  })
})

describe('measurements in the store', () => {
  it('writeQualityGraphs stores DQV measurements that SPARQL can ask for', async () => {
    const { createRecordsApp: makeApp } = await import('./records-app.ts')
    const { createDefaultRecordService } = await import('../../src/http/records.ts')
    const { writeQualityGraphs } = await import('../../src/records/quality-store.ts')
    const { store } = makeApp()
    const service = createDefaultRecordService({ store, config: { baseIri: BASE, queryTimeoutMs: 30_000 }, logger: (await import('pino')).default({ level: 'silent' }) })
    const datasets = ['87371', '108354', 'l2018-023cf424ac41'].map((id) => `${BASE}/dataset/${id}`)
    expect(await writeQualityGraphs(store, service, datasets)).toBe(3)
    const result = await store.query({
      query: `SELECT ?d ?v WHERE { GRAPH ?g { ?d <${DQV.hasQualityMeasurement.value}> ?m . ?m <${DQV.isMeasurementOf.value}> <${PV.scoring.value}> ; <${DQV.value.value}> ?v } } ORDER BY ?d`,
      mediaType: 'application/sparql-results+json',
    })
    const rows = JSON.parse(result.body).results.bindings as { d: { value: string }; v: { value: string } }[]
    expect(rows.map((row) => row.d.value)).toEqual([...datasets].sort())
    expect(rows.every((row) => Number(row.v.value) > 0)).toBe(true)
  })
})
