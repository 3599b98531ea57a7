/**
 * What an agency sends to answer a dataset request (POST /request/{id}/replies), read into one shape whatever the
 * body's form: a JSON object of the fields agencies' systems have (English keys, or the keys of data.gov.tw's
 * request pages: 回應, 回復狀態, 回復時間, 資料集識別碼), or the reply as RDF (Turtle, N-Triples, JSON-LD: one
 * schema:Answer). Every refusal names the field (a JSON pointer) or the triple it is about.
 */
import type { Quad } from 'n3'
import { AppError } from '../errors.ts'
import type { Iris } from '../model/iris.ts'
import { ADMS, RDF, SCHEMA } from '../vocab/index.ts'

/** The statuses an agency's reply may set: the request-status scheme less 未回復 (a reply is not "not answered"). */
export const REPLY_STATUSES = ['answered', 'under-study'] as const
export type ReplyStatus = (typeof REPLY_STATUSES)[number]

const STATUS_WORDS: Record<string, ReplyStatus | 'unanswered'> = {
  answered: 'answered', 'under-study': 'under-study', unanswered: 'unanswered', 已回復: 'answered', 研議中: 'under-study', 未回復: 'unanswered',
}

export interface ReplyInput {
  text: { zh: string; en?: string }
  status: ReplyStatus
  /** Ids of the datasets the reply says were opened for the request, each with where the body named it. */
  datasets: { id: string; where: string }[]
  /** The reply time, Taiwan time (xsd:dateTime with +08:00); absent = now. */
  date?: { dateTime: string; day: string; where: string }
}

const invalid = (where: string, message: string) => new AppError('unprocessable', `${where}: ${message}`, { pointer: where })

const TAIWAN_MS = 8 * 3600_000
const pad = (n: number) => String(n).padStart(2, '0')

/** An instant as Taiwan time, `YYYY-MM-DDTHH:MM:SS+08:00`. */
export function taiwanDateTime(instant: Date): { dateTime: string; day: string } {
  const t = new Date(instant.getTime() + TAIWAN_MS)
  const day = `${t.getUTCFullYear()}-${pad(t.getUTCMonth() + 1)}-${pad(t.getUTCDate())}`
  return { day, dateTime: `${day}T${pad(t.getUTCHours())}:${pad(t.getUTCMinutes())}:${pad(t.getUTCSeconds())}+08:00` }
}

const DAY = /^(\d{4})-(\d{2})-(\d{2})$/
const DATE_TIME = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(?::\d{2}(?:\.\d+)?)?(?:Z|[+-]\d{2}:\d{2})$/

/** A reply date as sent: a day (taken as 00:00 Taiwan time) or a date-time with its offset. */
export function readReplyDate(value: unknown, where: string): ReplyInput['date'] {
  if (typeof value !== 'string') throw invalid(where, 'the reply date must be a string: YYYY-MM-DD or a date-time with its offset (2026-05-04T10:30:00+08:00)')
  const day = DAY.exec(value)
  if (day) {
    const check = new Date(`${value}T00:00:00Z`)
    if (Number.isNaN(check.getTime()) || check.getUTCDate() !== Number(day[3])) throw invalid(where, `${value} is not a date`)
    return { day: value, dateTime: `${value}T00:00:00+08:00`, where }
  }
  if (!DATE_TIME.test(value)) throw invalid(where, `${value} is neither YYYY-MM-DD nor a date-time with an offset (a time without its zone is ambiguous)`)
  const instant = new Date(value)
  if (Number.isNaN(instant.getTime())) throw invalid(where, `${value} is not a date-time`)
  return { ...taiwanDateTime(instant), where }
}

function readStatus(value: unknown, where: string): ReplyStatus {
  const status = typeof value === 'string' ? STATUS_WORDS[value.trim()] : undefined
  if (!status) throw invalid(where, `${JSON.stringify(value)} is not a reply status; use one of ${REPLY_STATUSES.join(', ')} (已回復, 研議中)`)
  if (status === 'unanswered') throw invalid(where, 'a reply cannot set the status "unanswered" (未回復): send answered or under-study')
  return status
}

/** A dataset named by id (58977), by our IRI or path (/dataset/58977), or by its data.gov.tw page. */
function readDatasetId(value: unknown, where: string, iris: Iris): string {
  if (typeof value === 'number' && Number.isInteger(value)) return String(value)
  if (typeof value !== 'string' || value.trim() === '') throw invalid(where, 'a dataset is named by its id (58977) or its IRI')
  const text = value.trim()
  if (/^[0-9A-Za-z_-]+$/.test(text)) return text
  for (const prefix of [`${iris.base}/dataset/`, '/dataset/', 'https://data.gov.tw/dataset/', 'http://data.gov.tw/dataset/']) {
    if (text.startsWith(prefix) && /^[0-9A-Za-z_-]+$/.test(text.slice(prefix.length))) return text.slice(prefix.length)
  }
  throw invalid(where, `${text} does not name a dataset: send its id (58977) or its IRI (${iris.dataset('58977').value})`)
}

function readText(value: unknown, where: string): { zh?: string; en?: string } {
  if (typeof value === 'string') return { zh: value }
  if (value && typeof value === 'object' && !Array.isArray(value)) {
    const map = value as Record<string, unknown>
    const extra = Object.keys(map).filter((k) => !['zh', 'zh-Hant', 'en'].includes(k))
    if (extra.length) throw invalid(`${where}/${extra[0]}`, 'the reply text is given as {"zh": "…", "en": "…"}')
    const zh = map.zh ?? map['zh-Hant']
    for (const [k, v] of [['zh', zh], ['en', map.en]] as const) if (v !== undefined && typeof v !== 'string') throw invalid(`${where}/${k}`, 'must be a string')
    return { zh: zh as string | undefined, en: map.en as string | undefined }
  }
  throw invalid(where, 'the reply text is a string (in Chinese) or {"zh": "…", "en": "…"}')
}

const KEYS: Record<string, 'text' | 'textEn' | 'status' | 'dataset' | 'date'> = {
  text: 'text', 回應: 'text', textEn: 'textEn', status: 'status', 回復狀態: 'status',
  dataset: 'dataset', datasets: 'dataset', 資料集識別碼: 'dataset', date: 'date', 回復時間: 'date',
}

/** The JSON body: {"text": "…" | {"zh","en"}, "textEn"?, "status"?, "dataset"?: id | IRI | [...], "date"?}. */
export function readJsonReply(body: string, iris: Iris): ReplyInput {
  let parsed: unknown
  try {
    parsed = JSON.parse(body)
  } catch (error) {
    throw new AppError('invalid_data', `the JSON body does not parse: ${(error as Error).message}`, { pointer: '' })
  }
  if (!parsed || typeof parsed !== 'object' || Array.isArray(parsed)) throw invalid('/', 'the body is one JSON object (the reply)')
  const fields: Partial<Record<(typeof KEYS)[string], { value: unknown; where: string }>> = {}
  for (const [key, value] of Object.entries(parsed as Record<string, unknown>)) {
    const field = KEYS[key]
    if (!field) throw invalid(`/${key}`, `unknown field; a reply has ${Object.keys(KEYS).join(', ')}`)
    if (fields[field]) throw invalid(`/${key}`, `given twice (as /${fields[field]!.where.slice(1)} too)`)
    fields[field] = { value, where: `/${key}` }
  }
  if (!fields.text) throw invalid('/text', 'the reply text is required')
  const text = readText(fields.text.value, fields.text.where)
  if (fields.textEn) {
    if (typeof fields.textEn.value !== 'string') throw invalid(fields.textEn.where, 'must be a string')
    if (text.en !== undefined) throw invalid(fields.textEn.where, 'the English text is given twice')
    text.en = fields.textEn.value
  }
  const datasetValues = fields.dataset === undefined ? [] : Array.isArray(fields.dataset.value) ? fields.dataset.value : [fields.dataset.value]
  const isList = Array.isArray(fields.dataset?.value)
  return checked({
    text: text as ReplyInput['text'],
    status: fields.status ? readStatus(fields.status.value, fields.status.where) : 'answered',
    datasets: datasetValues.map((value, n) => {
      const where = isList ? `${fields.dataset!.where}/${n}` : fields.dataset!.where
      return { id: readDatasetId(value, where, iris), where }
    }),
    date: fields.date ? readReplyDate(fields.date.value, fields.date.where) : undefined,
  }, fields.text.where)
}

function checked(input: ReplyInput, textWhere: string): ReplyInput {
  if (typeof input.text.zh !== 'string' || input.text.zh.trim() === '') throw invalid(textWhere, 'the reply text in Chinese (zh) is required and may not be empty')
  input.text.zh = input.text.zh.trim()
  if (input.text.en !== undefined) {
    input.text.en = input.text.en.trim()
    if (input.text.en === '') delete input.text.en
  }
  return input
}

const describe = (q: Quad) => `${q.subject.termType === 'BlankNode' ? `_:${q.subject.value}` : `<${q.subject.value}>`} <${q.predicate.value}> ${q.object.termType === 'Literal' ? JSON.stringify(q.object.value) : `<${q.object.value}>`}`

/** The reply as RDF: one schema:Answer (a blank node or a fragment of the request) with schema:text in zh (and en),
 * optional schema:dateCreated; the request itself may carry adms:status and ogd:answeredBy. Nothing else. */
export function readRdfReply(quads: readonly Quad[], request: string, iris: Iris): ReplyInput {
  const answers = [...new Set(quads.filter((q) => q.predicate.equals(RDF.type) && q.object.equals(SCHEMA.Answer)).map((q) => q.subject.value))]
  if (answers.length !== 1) throw new AppError('unprocessable', `the body describes ${answers.length} schema:Answer nodes; send exactly one (the reply)`, { pointer: 'schema:Answer' })
  const answer = answers[0]!
  const text: { zh?: string; en?: string } = {}
  let date: ReplyInput['date']
  let status: ReplyStatus | undefined
  const datasets: ReplyInput['datasets'] = []
  for (const q of quads) {
    const where = describe(q)
    if (q.graph.termType !== 'DefaultGraph') throw invalid(where, 'the body names graphs: send the reply\'s triples only')
    if (q.subject.value === answer) {
      if (q.predicate.equals(RDF.type) && q.object.equals(SCHEMA.Answer)) continue
      if (q.predicate.equals(SCHEMA.text) && q.object.termType === 'Literal') {
        const lang = q.object.language.toLowerCase()
        const key = lang.startsWith('zh') ? 'zh' : lang === 'en' || lang.startsWith('en-') ? 'en' : undefined
        if (!key) throw invalid(where, 'schema:text must be tagged @zh-Hant or @en')
        if (text[key] !== undefined) throw invalid(where, `a second schema:text in ${key}`)
        text[key] = q.object.value
        continue
      }
      if (q.predicate.equals(SCHEMA.dateCreated) && q.object.termType === 'Literal' && !date) { date = readReplyDate(q.object.value, where); continue }
    } else if (q.subject.value === request) {
      if (q.predicate.equals(SCHEMA.suggestedAnswer) && q.object.value === answer) continue
      if (q.predicate.equals(ADMS.status) && q.object.termType === 'NamedNode' && !status) {
        const prefix = iris.concept('request-status', '').value
        status = readStatus(q.object.value.startsWith(prefix) ? q.object.value.slice(prefix.length) : q.object.value, where)
        continue
      }
      if (q.predicate.equals(iris.ogd.answeredBy) && q.object.termType === 'NamedNode') { datasets.push({ id: readDatasetId(q.object.value, where, iris), where }); continue }
    }
    throw invalid(where, 'a reply is a schema:Answer with schema:text (zh, en) and schema:dateCreated; its request may carry adms:status and ogd:answeredBy; nothing else may be written here')
  }
  return checked({ text: text as ReplyInput['text'], status: status ?? 'answered', datasets, date }, 'schema:text')
}

