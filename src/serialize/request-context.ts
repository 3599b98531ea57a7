/** The JSON-LD keys of dataset requests (schema.org Question/Answer, ADMS status, our request terms), added to src/serialize/context.ts. */
import type { Iris } from '../model/iris.ts'
import { ADMS, DCT, SCHEMA, XSD } from '../vocab/index.ts'
import type { TermDefinition } from './context.ts'

const id = (key: string, iri: { value: string }, isSet = false): TermDefinition => ({ key, iri: iri.value, kind: 'id', isSet })
const lang = (key: string, iri: { value: string }): TermDefinition => ({ key, iri: iri.value, kind: 'lang' })
const typed = (key: string, iri: { value: string }, datatype: { value: string }): TermDefinition => ({ key, iri: iri.value, kind: { datatype: datatype.value } })

/** Keys for a request and its replies. */
export function requestTermDefinitions(iris: Iris): TermDefinition[] {
  const ogd = iris.ogd
  return [
    lang('requestedDataset', ogd.requestedDataset), lang('requestedFields', ogd.requestedFields), lang('requestReason', ogd.requestReason),
    id('assignedTo', ogd.assignedTo, true), id('status', ADMS.status), id('assignmentStatus', ogd.assignmentStatus),
    typed('replyDate', ogd.replyDate, XSD.dateTime), typed('created', DCT.created, XSD.date), typed('submittedNoLaterThan', ogd.submittedNoLaterThan, XSD.date),
    typed('daysToReply', ogd.daysToReply, XSD.integer), id('answeredBy', ogd.answeredBy, true), id('reply', SCHEMA.suggestedAnswer, true),
    lang('text', SCHEMA.text), typed('position', SCHEMA.position, XSD.integer), lang('agencyAnswer', ogd.agencyAnswer),
    lang('boilerplateText', ogd.boilerplateText), id('refusalReason', ogd.refusalReason, true), id('citation', SCHEMA.citation, true), id('author', SCHEMA.author),
  ]
}

/** Class names of requests and replies. */
export function requestClassTerms(iris: Iris): Record<string, string> {
  return { DatasetRequest: iris.ogd.DatasetRequest.value, PlatformNotice: iris.ogd.PlatformNotice.value, Question: SCHEMA.Question.value, Answer: SCHEMA.Answer.value }
}
