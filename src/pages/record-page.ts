/** The facts of any record as nested definition lists: the generic page, and the core of the specialised ones. */
import type { Term } from 'n3'
import { frameFor } from '../serialize/frames.ts'
import type { ContextTables } from '../serialize/context.ts'
import { DCAT, ELI, RDF, VCARD, XSD } from '../vocab/index.ts'
import { html, type Html } from './html.ts'
import { t } from './labels.ts'
import { byLanguage, htmlLang, type RecordView } from './record-view.ts'

const MAX_DEPTH = 3
/** Shown by their own sections (distributions table, articles list), not among the facts. */
const SHOWN_IN_SECTIONS = [DCAT.distribution.value, ELI.has_part.value]
/** Long value lists (a law's 176 articles) are cut on the page; the RDF forms hold them all. */
const MAX_VALUES = 50

function renderValue(view: RecordView, term: Term, depth: number, seen: Set<string>, tables: ContextTables): Html {
  if (term.termType === 'Literal') {
    if (term.datatype.value === XSD.boolean.value) return html`<span>${term.value === 'true' ? (view.language === 'zh' ? '是' : 'yes') : view.language === 'zh' ? '否' : 'no'}</span>`
    const lang = htmlLang(term)
    return lang ? html`<span lang="${lang}">${term.value}</span>` : html`<span>${term.value}</span>`
  }
  const key = term.termType === 'BlankNode' ? `_:${term.value}` : term.value
  const isPart = term.termType === 'BlankNode' || term.value.includes('#')
  if (isPart && view.isDescribed(key) && !seen.has(key) && depth < MAX_DEPTH) {
    seen.add(key)
    const heading = term.termType === 'NamedNode' ? html`<a href="${view.href(term.value)}">${view.name(term.value)}</a>` : ''
    return html`${heading}${renderFacts(view, key, depth + 1, seen, tables)}`
  }
  if (term.termType === 'BlankNode') return html`<span>${view.name(key)}</span>`
  return view.link(term.value)
}

/** The properties of one node, in its frame's order, each with its values. */
export function renderFacts(view: RecordView, subject: string, depth: number, seen: Set<string>, tables: ContextTables, skip: readonly string[] = []): Html {
  const types = view.values(subject, RDF.type).map((type) => type.value)
  const frame = frameFor(types, tables)
  const keyOf = new Map(tables.terms.map((term) => [term.iri, term.key]))
  const predicates = [...new Set(view.document.quads.filter((q) => (q.subject.termType === 'BlankNode' ? `_:${q.subject.value}` : q.subject.value) === subject).map((q) => q.predicate.value))]
    .filter((predicate) => predicate !== RDF.type.value && !skip.includes(predicate))
  const rank = (predicate: string) => {
    const index = frame.order.indexOf(keyOf.get(predicate) ?? '')
    return index < 0 ? frame.order.length : index
  }
  predicates.sort((a, b) => rank(a) - rank(b) || view.propertyLabel(a).localeCompare(view.propertyLabel(b)))
  const row = (label: string, values: Term[]) => {
    const shown = values.slice(0, MAX_VALUES).map((value) => renderValue(view, value, depth, seen, tables))
    const more = values.length > MAX_VALUES ? html`<li>… ${values.length - MAX_VALUES} ${t('more', view.language)}</li>` : ''
    return html`<dt>${label}</dt><dd>${shown.length === 1 && !more ? shown[0] : html`<ul class="plain">${shown.map((item) => html`<li>${item}</li>`)}${more}</ul>`}</dd>`
  }
  const rows = predicates.flatMap((predicate) => {
    const values = byLanguage(view.values(subject, { value: predicate }), view.language)
    if (predicate !== VCARD.hasTelephone.value) return [row(view.propertyLabel(predicate), values)]
    // vCard types a telephone by class: a vcard:Fax node is the fax number, shown as its own row, not as a phone.
    const isFax = (term: Term) => term.termType !== 'Literal' && view.values(keyOfTerm(term), RDF.type).some((type) => type.value === VCARD.Fax.value)
    const faxes = values.filter(isFax).flatMap((fax) => view.values(keyOfTerm(fax), VCARD.hasValue))
    const phones = values.filter((value) => !isFax(value))
    return [phones.length > 0 ? row(view.propertyLabel(predicate), phones) : '', faxes.length > 0 ? row(view.name(VCARD.Fax.value), faxes) : '']
  })
  return html`<dl class="facts">${rows}</dl>`
}

const keyOfTerm = (term: Term) => (term.termType === 'BlankNode' ? `_:${term.value}` : term.value)

/** Badges for the classes of a node (compact names). */
export function renderTypes(view: RecordView, subject: string, tables: ContextTables): Html {
  const names = new Map(Object.entries(tables.classes).map(([name, iri]) => [iri, name]))
  return html`<p>${view.values(subject, RDF.type).map((type) => html`<span class="badge">${names.get(type.value) ?? view.propertyLabel(type.value)}</span> `)}</p>`
}

/** Links to the same document in each RDF format. */
export function renderFormats(view: RecordView): Html {
  const href = view.href(view.document.iri)
  const formats: [string, string][] = [['JSON-LD', 'jsonld'], ['Turtle', 'ttl'], ['N-Triples', 'nt'], ['RDF/XML', 'rdf']]
  return html`<section aria-labelledby="formats"><h2 id="formats">${t('formats', view.language)}</h2>
<ul class="plain">${formats.map(([label, ext]) => html`<li><a href="${href}.${ext}">${label}</a></li>`)}</ul></section>`
}

/** The heading block: name, IRI, types. */
export function renderHeading(view: RecordView, tables: ContextTables): Html {
  const { iri, focus } = view.document
  const about = focus !== iri ? html`<p class="iri">→ ${focus}</p>` : ''
  return html`<h1>${view.name(focus)}</h1><p class="iri">${t('identifier', view.language)}: ${iri}</p>${about}${renderTypes(view, focus, tables)}`
}

/** For an IRI described nowhere: who points to it, and how. */
function renderMentions(view: RecordView): Html {
  const { iri } = view.document
  const incoming = view.document.quads.filter((q) => q.object.value === iri)
  return html`<section aria-labelledby="mentions"><h2 id="mentions">${t('mentionedBy', view.language)}</h2>
<p>${t('notDescribed', view.language)}</p>
<ul>${incoming.map((q) => html`<li>${view.link(q.subject.value)} — ${view.propertyLabel(q.predicate.value)}</li>`)}</ul></section>`
}

/** The generic page body: heading, every fact, the formats. */
export function renderGenericBody(view: RecordView, tables: ContextTables, extra: Html = html``): Html {
  const { focus, kind } = view.document
  const seen = new Set([focus])
  const facts = kind === 'mention'
    ? renderMentions(view)
    : html`<section aria-labelledby="facts"><h2 id="facts">${t('facts', view.language)}</h2>${renderFacts(view, focus, 0, seen, tables, SHOWN_IN_SECTIONS)}</section>`
  return html`${renderHeading(view, tables)}
${facts}
${extra}
${renderFormats(view)}`
}
