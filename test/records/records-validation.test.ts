/** Per-record quality: `/dataset/{id}/validation` — SHACL results in zh and en, MQA-style DQV measurements, linked and fresh. */
import { beforeAll, describe, expect, it } from 'vitest'
import { Parser, type Quad } from 'n3'
import { DIMENSIONS, METRIC_DIMENSIONS, MQA_MAXIMA, scoreDataset } from '../../src/records/quality-score.ts'
import { DCAT, DQV, PV, SH } from '../../src/vocab/index.ts'
import { BASE } from './fixture-graph.ts'
import { createRecordsApp, type TestApp } from './records-app.ts'

let records: TestApp
beforeAll(async () => {
  records = await createRecordsApp()
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

describe('measurements in the store (the build\'s quality graphs)', () => {
  // A store of its own: the tests above replace a record's graph, after which its stored graph is the build's, not its.
  let built: TestApp
  beforeAll(async () => {
    built = await createRecordsApp()
  })
  const turtle = async (path: string): Promise<Quad[]> => new Parser().parse(await (await built.app.request(path, { headers: { accept: 'text/turtle' } })).text())
  const select = async (query: string) =>
    (JSON.parse((await built.store.query({ query, mediaType: 'application/sparql-results+json' })).body) as { results: { bindings: Record<string, { value: string }>[] } }).results.bindings
  const storedScores = async () => select(`SELECT ?d ?m ?v ?g WHERE { GRAPH ?g { ?d <${DQV.hasQualityMeasurement.value}> ?m . ?m <${DQV.value.value}> ?v } } ORDER BY ?m`)

  it('every dataset has its total score in its graph {dataset}/validation', async () => {
    const datasets = (await select(`SELECT DISTINCT ?d WHERE { GRAPH ?d { ?d a <${DCAT.Dataset.value}> } }`)).map((row) => row.d!.value)
    const rows = await storedScores()
    expect(datasets.length).toBeGreaterThan(100)
    expect(new Set(rows.map((row) => row.d!.value))).toEqual(new Set(datasets))
    expect(rows).toHaveLength(datasets.length)
    expect(rows.every((row) => row.g!.value === `${row.d!.value}/validation`)).toBe(true)
  })

  it('SPARQL asks for the total score with piveau\'s metric (`?m dqv:isMeasurementOf pv:scoring`)', async () => {
    const rows = await select(`SELECT ?v WHERE { <${BASE}/dataset/87371> <${DQV.hasQualityMeasurement.value}> ?m . ?m <${DQV.isMeasurementOf.value}> <${PV.scoring.value}> ; <${DQV.value.value}> ?v }`)
    expect(rows.map((row) => row.v!.value)).toEqual([valueOf(await turtle('/dataset/87371/validation'), PV.scoring)])
  })

  it('the stored values are the per-request document\'s, node for node, for every fixture dataset', async () => {
    const stored = await storedScores()
    const mismatches: string[] = []
    for (const dataset of new Set(stored.map((row) => row.d!.value))) {
      const served = await turtle(`${dataset.slice(BASE.length)}/validation`)
      for (const row of stored.filter((r) => r.d!.value === dataset)) {
        const value = served.find((q) => q.subject.value === row.m!.value && q.predicate.equals(DQV.value))?.object.value
        if (value !== row.v!.value) mismatches.push(`${row.m!.value}: stored ${row.v!.value}, served ${value}`)
      }
    }
    expect(mismatches).toEqual([])
  })

  it('defines the metrics and dimensions once, in the vocab graph', async () => {
    const definitions = await select(`SELECT ?g ?dimension WHERE { GRAPH ?g { <${PV.keywordAvailability.value}> a <${DQV.Metric.value}> ; <${DQV.inDimension.value}> ?dimension } }`)
    expect(definitions.map((row) => [row.g!.value, row.dimension!.value])).toEqual([[`${BASE}/graph/vocab`, PV.findability.value]])
  })

  it('leave the dataset\'s own record as it was: no measurement in /dataset/{id}', async () => {
    const quads = await turtle('/dataset/87371')
    expect(quads.some((q) => q.predicate.equals(DQV.hasQualityMeasurement) || q.predicate.equals(DQV.value))).toBe(false)
  })
})
