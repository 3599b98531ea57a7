/**
 * One frame per class: which keys a record's root object lists first, and which linked nodes it never nests.
 * The same frames are published as JSON-LD 1.1 frame documents (`/frames/{name}.jsonld`) for clients that frame our
 * N-Triples themselves; our own compactor (frame-compact.ts) reads them directly and is deterministic.
 */
import type { ContextTables } from './context.ts'

export interface Frame {
  /** Name in `/frames/{name}.jsonld`. */
  readonly name: string
  /** Class keys (context.ts) that select this frame for a root node, most specific first. */
  readonly types: readonly string[]
  /** Keys listed first, in this order; the rest follow alphabetically. */
  readonly order: readonly string[]
  /** Keys whose node values stay references (`"publisher": "…/agency/A"`), never nested objects. */
  readonly neverEmbed?: readonly string[]
}

const DESCRIPTIVE = ['identifier', 'title', 'legalTitle', 'name', 'prefLabel', 'altLabel', 'label', 'description']

export const FRAMES: readonly Frame[] = [
  {
    name: 'dataset',
    types: ['Dataset'],
    order: [...DESCRIPTIVE, 'publisher', 'theme', 'keyword', 'issued', 'modified', 'accrualPeriodicity', 'license', 'accessRights',
      'landingPage', 'contactPoint', 'distribution', 'applicableLegislation', 'qualityAnnotation', 'qualityMeasurement', 'spatial', 'temporal', 'language'],
  },
  {
    name: 'distribution',
    types: ['Distribution'],
    order: [...DESCRIPTIVE, 'format', 'mediaType', 'accessURL', 'downloadURL', 'byteSize', 'characterEncoding', 'recordCount', 'license', 'conformsTo'],
  },
  {
    name: 'agency',
    types: ['FormalOrganization', 'Organization', 'OrganizationalUnit', 'UnresolvedAgent', 'Agent'],
    order: [...DESCRIPTIVE, 'classification', 'subOrganizationOf', 'unitOf', 'isAbolished', 'foundingDate', 'dissolutionDate', 'resultedFrom',
      'changedBy', 'organicLaw', 'homepage', 'hasTelephone', 'hasAddress'],
  },
  {
    name: 'law',
    types: ['LegalResource'],
    order: [...DESCRIPTIVE, 'localId', 'documentType', 'inForce', 'dateDocument', 'versionDate', 'responsibilityOf', 'isAbout', 'page', 'articleCount', 'hasPart'],
    neverEmbed: ['isPartOf'],
  },
  {
    name: 'article',
    types: ['LegalResourceSubdivision'],
    order: [...DESCRIPTIVE, 'number', 'chapterTitle', 'articleText', 'isPartOf'],
  },
  {
    name: 'licence',
    types: ['LicenseDocument'],
    order: [...DESCRIPTIVE, 'licenseId', 'sameAs', 'compatibleWith', 'permission', 'duty', 'legalcode', 'page'],
  },
  {
    name: 'concept',
    types: ['ConceptScheme', 'Concept'],
    order: [...DESCRIPTIVE, 'notation', 'definition', 'inScheme', 'topConceptOf', 'broader', 'exactMatch', 'closeMatch', 'hasTopConcept'],
    neverEmbed: ['inScheme', 'topConceptOf'],
  },
  {
    name: 'validation',
    types: ['QualityMeasurement'],
    order: ['computedOn', 'isMeasurementOf', 'value'],
  },
  { name: 'resource', types: [], order: DESCRIPTIVE },
]

/** The frame for a root node of these classes (class IRIs); the generic frame when none matches. */
export function frameFor(typeIris: readonly string[], tables: ContextTables): Frame {
  const keys = new Set(Object.entries(tables.classes).filter(([, iri]) => typeIris.includes(iri)).map(([key]) => key))
  return FRAMES.find((frame) => frame.types.some((type) => keys.has(type))) ?? FRAMES[FRAMES.length - 1]!
}

/** The frame as a JSON-LD 1.1 frame document (`@embed: @once` everywhere but the `neverEmbed` keys). */
export function buildFrameDocument(frame: Frame, contextUrl: string): Record<string, unknown> {
  const document: Record<string, unknown> = { '@context': contextUrl }
  if (frame.types.length > 0) document['@type'] = [...frame.types]
  document['@embed'] = '@once'
  for (const key of frame.neverEmbed ?? []) document[key] = { '@embed': '@never' }
  return document
}
