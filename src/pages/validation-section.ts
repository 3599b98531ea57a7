/** The validation page's own sections: the MQA-style score by dimension, each metric, and the SHACL results in the page's language. */
import type { Term } from 'n3'
import { DIMENSIONS, METRIC_DIMENSIONS } from '../records/quality-score.ts'
import { DQV, PROV, PV, SH } from '../vocab/index.ts'
import { barChart } from './charts.ts'
import { html, type Html } from './html.ts'
import type { PageLanguage } from './labels.ts'
import type { RecordView } from './record-view.ts'

const DIMENSION_LABELS: Record<string, { zh: string; en: string }> = {
  findability: { zh: '可發現性', en: 'Findability' },
  accessibility: { zh: '可存取性', en: 'Accessibility' },
  interoperability: { zh: '互通性', en: 'Interoperability' },
  reusability: { zh: '可再利用性', en: 'Reusability' },
  contextuality: { zh: '脈絡資訊', en: 'Contextuality' },
}
const RATINGS: [number, { zh: string; en: string }, string][] = [
  [351, { zh: '優良', en: 'Excellent' }, 'ok'], [221, { zh: '良好', en: 'Good' }, 'ok'],
  [121, { zh: '尚可', en: 'Sufficient' }, 'warn'], [0, { zh: '待改善', en: 'Bad' }, 'bad'],
]
const SEVERITY: Record<string, { zh: string; en: string }> = {
  Violation: { zh: '違規', en: 'Violation' }, Warning: { zh: '警告', en: 'Warning' }, Info: { zh: '資訊', en: 'Info' },
}

/** Measurement values by metric IRI, read from the document. */
function measurements(view: RecordView, dataset: string): Map<string, Term> {
  const values = new Map<string, Term>()
  for (const node of view.values(dataset, DQV.hasQualityMeasurement)) {
    const metric = view.values(node.value, DQV.isMeasurementOf)[0]
    const value = view.values(node.value, DQV.value)[0]
    if (metric && value) values.set(metric.value, value)
  }
  return values
}

function renderScore(view: RecordView, values: Map<string, Term>, language: PageLanguage): Html {
  const total = Number(values.get(PV.scoring.value)?.value ?? 0)
  const assessed = METRIC_DIMENSIONS.filter((m) => m.isAssessed).reduce((sum, m) => sum + m.max, 0)
  const [, rating, tone] = RATINGS.find(([floor]) => total >= floor)!
  const items = DIMENSIONS.map((dimension) => ({
    label: DIMENSION_LABELS[dimension]![language],
    value: Number(values.get(PV[`${dimension}Scoring`].value)?.value ?? 0),
    max: METRIC_DIMENSIONS.filter((m) => m.dimension === dimension).reduce((sum, m) => sum + m.max, 0),
  }))
  const note = language === 'zh'
    ? `滿分 405（資料來源網址的連線檢查未執行，可評分上限為 ${assessed}）。依 data.europa.eu 詮釋資料品質評估（MQA）方法。`
    : `Out of 405 (publishers' URLs are not checked, so ${assessed} can be earned here), after data.europa.eu's Metadata Quality Assessment.`
  return html`<section aria-labelledby="score"><h2 id="score">${language === 'zh' ? '詮釋資料品質分數' : 'Metadata quality score'}</h2>
<p><span class="score ${tone}">${total}</span> <span class="badge">${rating[language]}</span></p><p>${note}</p>
${barChart({ title: language === 'zh' ? '各面向得分' : 'Points per dimension', items })}
</section>`
}

function renderMetrics(view: RecordView, values: Map<string, Term>, language: PageLanguage): Html {
  const rows = METRIC_DIMENSIONS.map(({ metric, dimension, max, isAssessed }) => {
    const value = values.get(metric.value)
    const shown = !isAssessed ? (language === 'zh' ? '未評估' : 'not assessed') : value?.value === 'true' ? '✓' : value?.value === 'false' ? '✗' : value ? `${Math.round(Number(value.value) * 100)}%` : '–'
    return html`<tr><td>${DIMENSION_LABELS[dimension]![language]}</td><td><code>${metric.value.replace(PV.$iri, 'pv:')}</code></td><td>${shown}</td><td>${max}</td></tr>`
  })
  return html`<section aria-labelledby="metrics"><h2 id="metrics">${language === 'zh' ? '各項指標' : 'Metrics'}</h2>
<table><thead><tr><th scope="col">${language === 'zh' ? '面向' : 'Dimension'}</th><th scope="col">${language === 'zh' ? '指標' : 'Metric'}</th><th scope="col">${language === 'zh' ? '結果' : 'Result'}</th><th scope="col">${language === 'zh' ? '配分' : 'Points'}</th></tr></thead><tbody>${rows}</tbody></table></section>`
}

function renderResults(view: RecordView, report: string, language: PageLanguage): Html {
  const results = view.values(report, SH.result)
  const conforms = view.values(report, SH.conforms)[0]?.value === 'true'
  const items = results.map((result) => {
    const severity = view.values(result.value, SH.resultSeverity)[0]?.value.replace(SH.$iri, '') ?? 'Violation'
    const messages = view.values(result.value, SH.resultMessage)
    const message = messages.find((m) => m.termType === 'Literal' && (language === 'zh' ? m.language.startsWith('zh') : m.language === 'en')) ?? messages[0]
    const path = view.values(result.value, SH.resultPath)[0]
    return html`<li><span class="badge ${severity === 'Violation' ? 'bad' : 'warn'}">${SEVERITY[severity]?.[language] ?? severity}</span> ${message?.value ?? ''}${path ? html` <code>${view.propertyLabel(path.value)}</code>` : ''}</li>`
  })
  const summary = conforms
    ? (language === 'zh' ? '符合 DCAT-AP 3.0.1 官方規範與本站規範（無違規）。' : 'Conforms to the official DCAT-AP 3.0.1 shapes and our profile (no violation).')
    : (language === 'zh' ? '不符合規範：請見下列違規項目。' : 'Does not conform: see the violations below.')
  return html`<section aria-labelledby="shacl"><h2 id="shacl">${language === 'zh' ? 'SHACL 驗證結果' : 'SHACL validation'}</h2>
<p class="${conforms ? 'ok' : 'bad'}">${summary}</p>${items.length > 0 ? html`<ul>${items}</ul>` : ''}</section>`
}

/** The sections of a validation document's page. */
export async function renderValidationSections(view: RecordView): Promise<Html> {
  const document = view.document.iri
  const dataset = view.values(document, PROV.wasDerivedFrom)[0]?.value
  if (!dataset) return html``
  const values = measurements(view, dataset)
  const back = html`<p><a href="${view.href(dataset)}">← ${view.language === 'zh' ? '回到資料集' : 'Back to the dataset'}</a></p>`
  return html`${back}${renderScore(view, values, view.language)}${renderResults(view, `${document}#report`, view.language)}${renderMetrics(view, values, view.language)}`
}
