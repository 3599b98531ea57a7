/**
 * The page of a dataset request: who was asked, the status and dates, each reply (the agency's answer apart from the
 * platform team's boilerplate, the refusal reasons and laws it gives), and the datasets that answer it, each link with
 * how it was made. And, on an agency's page, the requests it was assigned.
 */
import type { Iris } from '../model/iris.ts'
import { ADMS, DCT, RDF, SCHEMA } from '../vocab/index.ts'
import { html, type Html } from './html.ts'
import type { PageLanguage } from './labels.ts'
import type { RecordView } from './record-view.ts'
import type { AgencyRequests } from './request-queries.ts'

const UI = {
  assigned: { zh: '派發機關', en: 'Assigned to' },
  status: { zh: '辦理情形', en: 'Status' },
  replies: { zh: '回復', en: 'Replies' },
  agencyAnswer: { zh: '機關答覆', en: 'Agency answer' },
  boilerplate: { zh: '平臺營運團隊制式文字', en: 'Platform team boilerplate' },
  notice: { zh: '平臺營運團隊轉派通知', en: 'Platform team forwarding notice' },
  refusal: { zh: '不開放理由', en: 'Reason given' },
  laws: { zh: '引用法規', en: 'Laws cited' },
  datasets: { zh: '回應之資料集', en: 'Datasets that answer it' },
  replyDate: { zh: '回復時間', en: 'Replied' },
  created: { zh: '提出日（回復所引述）', en: 'Made on (as a reply quotes it)' },
  bound: { zh: '最晚提出日', en: 'Made no later than' },
  days: { zh: '回復日數', en: 'Days to reply' },
  requests: { zh: '民眾資料集建議', en: 'Dataset requests from the public' },
  total: { zh: '受派建議', en: 'Requests assigned' },
  answered: { zh: '已回復', en: 'Answered' },
  refused: { zh: '回復含不開放理由', en: 'Replies giving a reason not to open' },
  opened: { zh: '因建議而對應之資料集', en: 'Datasets that answer its requests' },
  none: { zh: '（無）', en: '(none)' },
  method: { zh: '方法', en: 'method' },
  signed: { zh: '署名機關', en: 'Signed by' },
} as const

const tr = (key: keyof typeof UI, language: PageLanguage): string => UI[key][language]

const iris = (view: RecordView, subject: string, predicate: { value: string }) =>
  view.values(subject, predicate).filter((term) => term.termType === 'NamedNode').map((term) => term.value)
const literal = (view: RecordView, subject: string, predicate: { value: string }) => view.values(subject, predicate).find((term) => term.termType === 'Literal')?.value

function section(view: RecordView, id: string, title: keyof typeof UI, body: Html): Html {
  return html`<section aria-labelledby="${id}"><h2 id="${id}">${tr(title, view.language)}</h2>${body}</section>`
}

/** A link with the method of its provenance record (`{owner}#link-{key}`), when the document has one. */
function linkWithMethod(view: RecordView, ontology: Iris['ogd'], target: string, record: string): Html {
  const method = iris(view, record, ontology.linkMethod)[0]
  const evidence = literal(view, record, ontology.sourceText)
  return html`<a href="${view.href(target)}">${view.name(target)}</a>${method ? html` <small>(${tr('method', view.language)}: ${view.name(method)}${evidence ? html` — ${evidence}` : ''})</small>` : ''}`
}

const linkRecordsOf = (view: RecordView, ontology: Iris['ogd'], subject: string) => iris(view, subject, ontology.linkRecord)

function renderReply(view: RecordView, ontology: Iris['ogd'], reply: string): Html {
  const isNotice = iris(view, reply, RDF.type).includes(ontology.PlatformNotice.value)
  const answer = literal(view, reply, ontology.agencyAnswer)
  const boilerplate = literal(view, reply, ontology.boilerplateText)
  const records = linkRecordsOf(view, ontology, reply)
  const reasons = iris(view, reply, ontology.refusalReason).map((reason) => {
    const record = records.find((r) => r.endsWith(`-refusal-${reason.slice(reason.lastIndexOf('/') + 1)}`))
    return record ? linkWithMethod(view, ontology, reason, record) : view.link(reason)
  })
  const author = iris(view, reply, SCHEMA.author)[0]
  const authorRecord = author ? records.find((r) => r.endsWith('-author')) : undefined
  const laws = iris(view, reply, SCHEMA.citation).map((law) => {
    const record = records.find((r) => r.endsWith(`-law-${law.slice(law.lastIndexOf('/') + 1)}`))
    return record ? linkWithMethod(view, ontology, law, record) : view.link(law)
  })
  return html`<li id="${reply.slice(reply.lastIndexOf('#') + 1)}">
${answer ? html`<h3>${tr('agencyAnswer', view.language)}</h3><p lang="zh-Hant" style="white-space:pre-line">${answer}</p>` : ''}
${author ? html`<p>${tr('signed', view.language)}: ${authorRecord ? linkWithMethod(view, ontology, author, authorRecord) : view.link(author)}</p>` : ''}
${reasons.length ? html`<p>${tr('refusal', view.language)}: ${reasons.map((r) => html`${r} `)}</p>` : ''}
${laws.length ? html`<p>${tr('laws', view.language)}: ${laws.map((l) => html`${l} `)}</p>` : ''}
${boilerplate ? html`<details${isNotice ? html` open` : ''}><summary>${tr(isNotice ? 'notice' : 'boilerplate', view.language)}</summary><p lang="zh-Hant" style="white-space:pre-line">${boilerplate}</p></details>` : ''}
</li>`
}

/** The sections of a request's page. */
export function requestSections(view: RecordView, base: Iris): Html {
  const ontology = base.ogd
  const request = view.document.focus
  const records = linkRecordsOf(view, ontology, request)
  const agencies = iris(view, request, ontology.assignedTo)
  // Each assignment's provenance (`#link-assigned-{n}`): the name as the source wrote it and how it was resolved.
  const assignments = records.filter((r) => r.includes('#link-assigned-'))
    .sort((a, b) => Number(a.slice(a.lastIndexOf('-') + 1)) - Number(b.slice(b.lastIndexOf('-') + 1)))
    .map((r) => {
      const method = iris(view, r, ontology.linkMethod)[0]
      return html`${literal(view, r, ontology.sourceText) ?? ''}${method ? html` <small>(${tr('method', view.language)}: ${view.name(method)})</small>` : ''}`
    })
  const agencyLinks = agencies.map((agency) => view.link(agency))
  const replies = iris(view, request, SCHEMA.suggestedAnswer)
    .sort((a, b) => Number(literal(view, a, SCHEMA.position) ?? 0) - Number(literal(view, b, SCHEMA.position) ?? 0))
  const datasets = iris(view, request, ontology.answeredBy).map((dataset) => {
    const record = records.find((r) => r.endsWith(`#link-answered-by-${dataset.slice(dataset.lastIndexOf('/') + 1)}`))
    return record ? linkWithMethod(view, ontology, dataset, record) : view.link(dataset)
  })
  const status = iris(view, request, ADMS.status)[0]
  const facts: [keyof typeof UI, string | Html | undefined][] = [
    ['status', status ? view.link(status) : undefined], ['replyDate', literal(view, request, ontology.replyDate)],
    ['created', literal(view, request, DCT.created)], ['bound', literal(view, request, ontology.submittedNoLaterThan)], ['days', literal(view, request, ontology.daysToReply)],
  ]
  const list = (items: Html[]) => (items.length ? html`<ul class="cols">${items.map((item) => html`<li>${item}</li>`)}</ul>` : html`<p>${tr('none', view.language)}</p>`)
  return html`${section(view, 'request-status', 'status', html`<dl class="facts">${facts.filter(([, v]) => v !== undefined).map(([k, v]) => html`<dt>${tr(k, view.language)}</dt><dd>${v}</dd>`)}</dl>`)}
${section(view, 'assigned', 'assigned', html`${list(agencyLinks)}${assignments.length ? html`<details><summary>${tr('method', view.language)}</summary>${list(assignments)}</details>` : ''}`)}
${section(view, 'datasets-answering', 'datasets', list(datasets))}
${section(view, 'replies', 'replies', replies.length ? html`<ol class="plain">${replies.map((reply) => renderReply(view, ontology, reply))}</ol>` : html`<p>${tr('none', view.language)}</p>`)}`
}

/** The requests section of an agency's page. */
export function agencyRequestsSection(view: RecordView, requests: AgencyRequests): Html {
  const language = view.language
  const links = (items: { iri: string; label?: string }[]) => (items.length ? html`<ul class="cols">${items.map((item) => html`<li><a href="${view.href(item.iri)}">${item.label ?? view.name(item.iri)}</a></li>`)}</ul>` : html`<p>${tr('none', language)}</p>`)
  return section(view, 'requests', 'requests', html`<dl class="facts"><dt>${tr('total', language)}</dt><dd>${requests.total}</dd>
<dt>${tr('answered', language)}</dt><dd>${requests.answered}</dd><dt>${tr('refused', language)}</dt><dd>${requests.refused}</dd></dl>
${links(requests.sample)}<h3>${tr('opened', language)}</h3>${links(requests.datasets)}`)
}
