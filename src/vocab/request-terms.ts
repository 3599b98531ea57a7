/**
 * Our own terms for the public's dataset requests (民眾資料集建議), declared in ontology/ogd.ttl. Standard terms carry
 * the rest of a request: schema.org Question/Answer for the request and its replies, ADMS status, DCT, PROV, SKOS.
 */
export const REQUEST_TERMS = [
  // classes
  'DatasetRequest', 'PlatformNotice',
  // properties of a request
  'requestedDataset', 'requestedFields', 'requestReason', 'assignedTo', 'assignmentStatus', 'replyDate',
  'submittedNoLaterThan', 'daysToReply', 'answeredBy',
  // properties of a reply
  'agencyAnswer', 'boilerplateText', 'refusalReason',
] as const
