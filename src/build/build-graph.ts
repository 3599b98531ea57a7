/**
 * The build: sources → import → link → validate, in memory. Pure apart from reading the inputs through `read`;
 * writing the snapshot is the caller's job (src/build/run-build.ts), so a failure here leaves nothing behind.
 */
import { readdirSync } from 'node:fs'
import { join, relative } from 'node:path'
import type { Quad } from 'n3'
import type { Iris } from '../model/iris.ts'
import type { ImportContext, ImportResult, NameReference, SourceWarning } from '../sources/types.ts'
import { importDgpaAgencies, importAgencyEnglishNames, importAgencyOids, importOrganicLaws } from '../sources/dgpa-agencies.ts'
import { importMojLaws } from '../sources/moj-laws.ts'
import { importMojLawTexts } from '../sources/moj-law-texts.ts'
import { importLicences } from '../sources/licences.ts'
import { loadMappingTables } from '../sources/mapping-tables.ts'
import { buildConceptSchemes } from '../sources/concept-schemes.ts'
import { importCurrentCatalogue } from '../sources/current-catalogue.ts'
import { importUncodedAgencies } from '../sources/uncoded-agencies.ts'
import { readCatalogueSourceTable } from '../sources/catalogue-sources.ts'
import { importEuAuthority } from '../sources/eu-authority.ts'
import { importDataGovTwRequests } from '../sources/datagovtw-requests.ts'
import { buildRequestSchemes } from '../sources/request-refusals.ts'
import { linkRequestReplies } from '../link/request-replies.ts'
import { linkReplyAuthors } from '../link/reply-authors.ts'
import { buildAgencyLevelScheme } from '../sources/agency-level-scheme.ts'
import { importOntology } from '../sources/ontology.ts'
import { buildAgencyIndex } from '../link/agency-index.ts'
import { createAgencyResolver } from '../link/resolve-agency.ts'
import { linkReferences, resolvedShare, type LinkStats } from '../link/link-references.ts'
import { createHostQualifier, readHostRules } from '../link/host-qualifier.ts'
import { buildLinkMethodScheme } from '../link/link-method-scheme.ts'
import { linkLawMentions } from '../link/law-mentions.ts'
import { readAbbreviations, readRenameRules } from '../link/abbreviations.ts'
import { buildCatalogNode, findCatalogMembers } from './catalog-node.ts'
import { EU_TABLES, type BuildInputs } from './inputs.ts'
import { detectCatalogKind } from './detect-kind.ts'
import { dropRestatedQuads, trackGraphWriters } from './restated-quads.ts'
import type { Progress } from '../cli/progress.ts'

export interface BuildOptions {
  iris: Iris
  inputs: BuildInputs
  root: string
  read: (path: string) => Uint8Array
  progress: Progress
  includePersonalContacts?: boolean
  now?: Date
}

export interface BuildOutput {
  quads: Quad[]
  warnings: SourceWarning[]
  stats: Record<string, unknown>
  linkStats: LinkStats
}

/** Run every importer and linker; throws SourceError (file, line, problem) on the first bad input. */
export function buildGraph(options: BuildOptions): BuildOutput {
  const { iris, inputs, read, progress } = options
  const quads: Quad[] = []
  const warnings: SourceWarning[] = []
  const references: NameReference[] = []
  const stats: Record<string, unknown> = {}
  const text = (path: string) => new TextDecoder('utf-8', { fatal: false }).decode(read(path))
  // Files inside the repository are named relative to it; others by the path given.
  const displayName = (path: string) => {
    const rel = relative(options.root, path)
    return rel && !rel.startsWith('..') ? rel : path
  }
  const ctx = (path: string): ImportContext => ({ iris, file: displayName(path) })
  const writers = trackGraphWriters()
  const collect = (name: string, result: ImportResult) => {
    writers.note(name, result.quads)
    for (const q of result.quads) quads.push(q)
    warnings.push(...result.warnings)
    references.push(...result.references)
    stats[name] = result.stats
  }

  progress.step('concept schemes and mappings')
  const tables = loadMappingTables(inputs.mappingsDir)
  collect('conceptSchemes', { quads: buildConceptSchemes(tables, ctx(inputs.mappingsDir)), warnings: [], references: [], stats: {} })
  collect('ontology', importOntology(text(inputs.ontology), ctx(inputs.ontology)))
  collect('dcatAxioms', importOntology(text(inputs.dcatAxioms), ctx(inputs.dcatAxioms)))
  collect('licences', importLicences(text(inputs.ogdl), text(inputs.usageRules2013), ctx(inputs.ogdl)))
  progress.done()

  progress.step('agencies (DGPA, CP950)')
  collect('agencies', importDgpaAgencies(read(inputs.agencies), ctx(inputs.agencies)))
  collect('agencyLevels', { quads: buildAgencyLevelScheme(iris), warnings: [], references: [], stats: {} })
  collect('agencyEnglishNames', importAgencyEnglishNames(text(inputs.agencyEnglishNames), ctx(inputs.agencyEnglishNames)))
  collect('agencyOids', importAgencyOids(text(inputs.agencyOids), ctx(inputs.agencyOids)))
  collect('organicLaws', importOrganicLaws(text(inputs.organicLaws), ctx(inputs.organicLaws)))
  const uncodedPath = join(inputs.mappingsDir, 'agencies-after-2016.csv')
  const uncoded = importUncodedAgencies(text(uncodedPath), displayName(uncodedPath), iris)
  collect('uncodedAgencies', { quads: uncoded.quads, warnings: [], references: [], stats: { agencies: uncoded.byName.size } })
  progress.done()

  progress.step('laws (MOJ)')
  collect('laws', importMojLaws(text(inputs.lawMetadata), text(inputs.lawIndex), ctx(inputs.lawMetadata), text(inputs.lawAliases)))
  const texts = readdirSync(inputs.lawTextsZhDir).filter((f) => f.endsWith('.json')).sort()
  const enFiles = new Set(readdirSync(inputs.lawTextsEnDir))
  const lawTexts: Record<string, unknown>[] = []
  for (const file of texts) {
    const zhPath = join(inputs.lawTextsZhDir, file)
    const en = enFiles.has(file) ? text(join(inputs.lawTextsEnDir, file)) : undefined
    const result = importMojLawTexts(text(zhPath), en, ctx(zhPath))
    collect(`lawText:${file}`, result)
    lawTexts.push(result.stats)
  }
  progress.done()

  progress.step('catalogue', inputs.catalog.length)
  const file = (path: string) => ({ path, file: displayName(path), bytes: read(path) })
  const catalogFiles = inputs.catalog.map((path) => ({ ...file(path), kind: detectCatalogKind(read(path), displayName(path)) }))
  const catalogue = importCurrentCatalogue(
    { catalog: catalogFiles, ...(inputs.listing2026 ? { listing2026: file(inputs.listing2026) } : {}), listing2018: file(inputs.listing2018) },
    iris,
    { includePersonalContacts: options.includePersonalContacts ?? false, tables, sourceTable: readCatalogueSourceTable(inputs.mappingsDir) },
  )
  collect('catalog', catalogue.current)
  progress.done()
  progress.step('2018 listing')
  collect('listing2018', catalogue.listing2018)
  stats.listing2018Join = catalogue.join
  progress.done()
  progress.step('dataset requests')
  collect('requests', importDataGovTwRequests(text(inputs.requests), text(inputs.requestAgencies), ctx(inputs.requests), { agenciesFile: displayName(inputs.requestAgencies) }))
  collect('requestSchemes', { quads: buildRequestSchemes(iris), warnings: [], references: [], stats: {} })
  progress.done()

  progress.step('links', references.length)
  const index = buildAgencyIndex(quads, iris)
  const resolve = createAgencyResolver(index, {
    abbreviations: readAbbreviations(text(join(inputs.mappingsDir, 'agency-abbreviations.csv'))),
    renames: readRenameRules(text(join(inputs.mappingsDir, 'agency-renames.csv'))),
    uncoded: uncoded.byName,
  })
  const linked = linkReferences(references, resolve, iris, createHostQualifier(references, resolve, readHostRules(text(join(inputs.mappingsDir, 'agency-hosts.csv')))))
  // Links are new statements (with their provenance) made once each: not checked for repeats.
  for (const q of linked.quads) quads.push(q)
  const linkMethods = buildLinkMethodScheme(iris)
  writers.note('linkMethods', linkMethods)
  for (const q of linkMethods) quads.push(q)
  const mentions = linkLawMentions(quads, iris)
  for (const q of mentions.quads) quads.push(q)
  const replyLinks = linkRequestReplies(quads, iris)
  for (const q of replyLinks.quads) quads.push(q)
  const authors = linkReplyAuthors(quads, iris)
  for (const q of authors.quads) quads.push(q)
  stats.requestLinks = { ...replyLinks.stats, ...authors.stats }
  stats.links = { publisher: resolvedShare(linked.stats, 'publisher'), byKind: linked.stats.byKind, unresolvedPublishers: Object.keys(linked.stats.unresolvedNames).length, lawMentions: mentions.stats }
  progress.done()

  progress.step('EU vocabularies')
  const used = new Set(quads.filter((q) => q.object.termType === 'NamedNode' && q.object.value.startsWith('http://publications.europa.eu/resource/authority/')).map((q) => q.object.value))
  for (const table of EU_TABLES) {
    const path = join(inputs.euAuthorityDir, table)
    collect(`eu:${table}`, importEuAuthority(text(path), ctx(path), used))
  }
  progress.done()

  stats.restatedQuadsDropped = dropRestatedQuads(quads, writers.shared())
  const members = findCatalogMembers(quads, iris)
  for (const q of buildCatalogNode(iris, members, (options.now ?? new Date()).toISOString())) quads.push(q)
  stats.catalog = { datasets: members.datasets.length, records: members.records.length, services: members.services.length }
  return { quads, warnings, stats, linkStats: linked.stats }
}
