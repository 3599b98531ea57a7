/** Our SKOS concept schemes (服務分類, 資料開放分級, 品質檢測, 更新頻率, 詮釋資料完整度) and the EU concepts they point to, in graph 'vocab'. */
import { DataFactory, type NamedNode, type Quad } from 'n3'
import { SourceError } from '../errors.ts'
import type { Iris, SchemeName } from '../model/iris.ts'
import { DCT, EU, IANA_MEDIA, RDF, RDFS, SKOS } from '../vocab/index.ts'
import type { EuTable, MappingRow, MappingTables, MatchKind, TableName } from './mapping-tables.ts'
import { TABLE_SPECS } from './mapping-tables.ts'

const { quad, literal } = DataFactory

interface ConceptSpec {
  code: string
  zh: string
  en: string
  notation?: string
  altLabels: string[]
  note?: string
  match?: { kind: MatchKind; target: NamedNode }
}

interface SchemeSpec {
  name: SchemeName
  concepts: ConceptSpec[]
}

const MATCH_PROPERTY: Readonly<Record<MatchKind, NamedNode>> = {
  exact: SKOS.exactMatch,
  close: SKOS.closeMatch,
  broad: SKOS.broadMatch,
  narrow: SKOS.narrowMatch,
  related: SKOS.relatedMatch,
}

/** The class each EU table's concepts must have where DCAT-AP 3 uses them (range shapes). */
const EU_RANGE: Readonly<Record<EuTable, NamedNode | undefined>> = {
  fileType: DCT.MediaTypeOrExtent,
  frequency: DCT.Frequency,
  dataTheme: undefined, // dcat:theme's range is skos:Concept itself
  accessRight: DCT.RightsStatement,
  language: DCT.LinguisticSystem,
  country: DCT.Location,
}

const EU_NAMESPACE: Readonly<Record<EuTable, { $term: (code: string) => NamedNode }>> = EU

const matchOf = (row: MappingRow, euColumn: string, eu: EuTable): ConceptSpec['match'] =>
  row[euColumn] ? { kind: (row['match'] || 'exact') as MatchKind, target: EU_NAMESPACE[eu].$term(row[euColumn]!) } : undefined

const noteOf = (row: MappingRow): string | undefined => row['note'] || undefined

/** One small function per scheme: table rows → concept specs. */
const SCHEMES: ReadonlyArray<(t: MappingTables) => SchemeSpec> = [
  (t) => ({
    name: 'service-category',
    concepts: t.serviceCategories.map((row) => ({
      code: row['code']!, zh: row['name_zh']!, en: row['name_en']!, notation: row['notation'], altLabels: [],
      note: noteOf(row), match: matchOf(row, 'eu_theme', 'dataTheme'),
    })),
  }),
  (t) => ({
    name: 'data-level',
    concepts: t.dataLevels.map((row) => ({
      code: row['code']!, zh: row['name_zh']!, en: row['name_en']!, altLabels: [],
      note: noteOf(row), match: matchOf(row, 'eu_access_right', 'accessRight'),
    })),
  }),
  (t) => ({
    name: 'quality-badge',
    concepts: t.qualityBadges.map((row) => ({ code: row['code']!, zh: row['name_zh']!, en: row['name_en']!, altLabels: [], note: noteOf(row) })),
  }),
  (t) => ({ name: 'update-frequency', concepts: groupFrequencies(t.frequencies) }),
  (t) => ({
    name: 'metadata-status',
    concepts: t.metadataStatuses.map((row) => ({ code: row['code']!, zh: row['name_zh']!, en: row['name_en']!, altLabels: [], note: noteOf(row) })),
  }),
]

/** Several spellings (每月, 每1月) name one frequency: the first is the prefLabel, the others altLabels. */
function groupFrequencies(rows: readonly MappingRow[]): ConceptSpec[] {
  const byCode = new Map<string, ConceptSpec>()
  for (const row of rows) {
    const known = byCode.get(row['code']!)
    if (known) {
      known.altLabels.push(row['value_zh']!)
      known.note ??= noteOf(row)
      continue
    }
    byCode.set(row['code']!, {
      code: row['code']!, zh: row['value_zh']!, en: row['name_en']!, altLabels: [],
      note: noteOf(row), match: matchOf(row, 'eu_frequency', 'frequency'),
    })
  }
  return [...byCode.values()]
}

/**
 * Build our concept schemes from the mapping tables, with zh-Hant and en labels, notations and SKOS mappings
 * to the EU concepts; and type those EU concepts (and IANA media types) as the DCAT-AP range shapes expect.
 */
export function buildConceptSchemes(tables: MappingTables, ctx: { iris: Iris }): Quad[] {
  const graph = ctx.iris.graph('vocab')
  const quads: Quad[] = []
  const add = (s: NamedNode, p: NamedNode, o: NamedNode | ReturnType<typeof literal>) => quads.push(quad(s, p, o, graph))
  for (const build of SCHEMES) {
    const spec = build(tables)
    const scheme = ctx.iris.scheme(spec.name)
    addSchemeHeader(scheme, spec.name, tables, add)
    for (const concept of spec.concepts) addConcept(ctx.iris.concept(spec.name, concept.code), scheme, concept, add)
  }
  addEuConcepts(tables, add)
  addMediaTypes(tables, add)
  return quads
}

type Add = (s: NamedNode, p: NamedNode, o: NamedNode | ReturnType<typeof literal>) => void

function addSchemeHeader(scheme: NamedNode, name: SchemeName, tables: MappingTables, add: Add): void {
  const row = tables.schemes.find((r) => r['scheme'] === name)
  if (!row) throw new SourceError(TABLE_SPECS.schemes.file, undefined, `no row for scheme "${name}"`)
  add(scheme, RDF.type, SKOS.ConceptScheme)
  for (const [text, lang] of [[row['name_zh']!, 'zh-Hant'], [row['name_en']!, 'en']] as const) {
    add(scheme, SKOS.prefLabel, literal(text, lang))
    add(scheme, DCT.title, literal(text, lang)) // DCAT-AP 3: dct:title 1..n on skos:ConceptScheme
  }
  if (row['note']) add(scheme, SKOS.scopeNote, literal(row['note'], 'en'))
}

function addConcept(concept: NamedNode, scheme: NamedNode, spec: ConceptSpec, add: Add): void {
  add(concept, RDF.type, SKOS.Concept)
  add(concept, SKOS.inScheme, scheme)
  add(concept, SKOS.topConceptOf, scheme)
  add(scheme, SKOS.hasTopConcept, concept)
  add(concept, SKOS.prefLabel, literal(spec.zh, 'zh-Hant'))
  add(concept, SKOS.prefLabel, literal(spec.en, 'en'))
  for (const alt of spec.altLabels) add(concept, SKOS.altLabel, literal(alt, 'zh-Hant'))
  if (spec.notation) add(concept, SKOS.notation, literal(spec.notation))
  if (spec.note) add(concept, SKOS.note, literal(spec.note, 'en'))
  if (spec.match) add(concept, MATCH_PROPERTY[spec.match.kind], spec.match.target)
}

/** Every EU code a table names (and only those: the language table alone has 8,179). */
function collectEuCodes(tables: MappingTables): Map<EuTable, Set<string>> {
  const codes = new Map<EuTable, Set<string>>()
  for (const [name, spec] of Object.entries(TABLE_SPECS)) {
    if (!('eu' in spec)) continue
    const set = codes.get(spec.eu.table) ?? new Set<string>()
    for (const row of tables[name as TableName]) if (row[spec.eu.column]) set.add(row[spec.eu.column]!)
    codes.set(spec.eu.table, set)
  }
  return codes
}

function addEuConcepts(tables: MappingTables, add: Add): void {
  for (const [table, codes] of collectEuCodes(tables)) {
    const scheme = DataFactory.namedNode(EU_SCHEME[table]) // EU's own scheme: referred to, not described here
    for (const code of codes) {
      const concept = EU_NAMESPACE[table].$term(code)
      add(concept, RDF.type, SKOS.Concept)
      const range = EU_RANGE[table]
      if (range) add(concept, RDF.type, range)
      add(concept, SKOS.inScheme, scheme)
      const label = tables.eu[table].get(code)?.labelEn
      if (label) add(concept, SKOS.prefLabel, literal(label, 'en'))
    }
  }
}

const EU_SCHEME: Readonly<Record<EuTable, string>> = EU.schemes

function addMediaTypes(tables: MappingTables, add: Add): void {
  const types = new Set(tables.fileFormats.map((row) => row['media_type']).filter((t): t is string => !!t))
  for (const type of types) {
    const node = IANA_MEDIA.$term(type)
    add(node, RDF.type, DCT.MediaType)
    add(node, RDFS.label, literal(type))
  }
}
