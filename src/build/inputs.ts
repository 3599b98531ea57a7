/** Where the build reads each source; defaults are the real sources shipped in data/sources. */
import { join } from 'node:path'

export interface BuildInputs {
  agencies: string
  agencyEnglishNames: string
  agencyOids: string
  organicLaws: string
  lawMetadata: string
  lawIndex: string
  lawAliases: string
  lawTextsZhDir: string
  lawTextsEnDir: string
  ogdl: string
  usageRules2013: string
  mappingsDir: string
  euAuthorityDir: string
  /** Current catalogue records: data.gov.tw exports (CSV) and/or API v1 dumps (JSON). `ogd import` replaces these. */
  catalog: string[]
  listing2018: string
  /** Today's whole listing (5 fields, 2026-03-23), merged with the catalogue records by id; optional. */
  listing2026?: string
  /** The public's dataset requests: the raw crawl and the request → agencies file (MANIFEST §7c). */
  requests: string
  requestAgencies: string
  ontology: string
  /** DCAT's own subclass axioms, which SHACL's sh:class needs in the data graph. */
  dcatAxioms: string
  shapesDir: string
}

/** The default inputs, relative to the repository root `root`. */
export function defaultInputs(root: string): BuildInputs {
  const src = (...p: string[]) => join(root, 'data', 'sources', ...p)
  return {
    agencies: src('agencies', 'dgpa_orglist_cp950_2016snapshot.csv'),
    agencyEnglishNames: src('agencies', 'ipgod_agencies_name_utf8.csv'),
    agencyOids: src('agencies', 'ey_agencies_oid_crosswalk_secondary.csv'),
    organicLaws: src('agencies', 'ronnywang_tw-gov-org_output.json'),
    lawMetadata: src('laws', 'moj_laws_metadata_derived.csv'),
    lawIndex: src('laws', 'index.json'),
    lawAliases: src('laws', 'aliases.json'),
    lawTextsZhDir: src('laws', 'FalVMingLing'),
    lawTextsEnDir: src('laws', 'Eng_FalVMingLing'),
    ogdl: src('license', 'OGDL-Taiwan-1.0.txt'),
    usageRules2013: src('license', 'data-gov-tw-usage-rules-2013-excerpt.txt'),
    mappingsDir: join(root, 'data', 'mappings'),
    euAuthorityDir: src('eu-authority'),
    catalog: [
      src('catalog-2026', 'pisuai_datagovtw_export_2026_sample100.csv'),
      src('catalog', 'datagovtw_export_2026_sample.csv'),
      src('catalog', 'A41000000G-000001.json'),
      src('catalog', 'A09050000E-000002.json'),
      src('catalog', 'A17030000J-000020.json'),
    ],
    listing2018: src('catalog', 'dragonchen_datagovtw_list_2018.csv'),
    listing2026: src('catalog-2026', 'caasi_tw-odc_catalog_2026-03-23_derived.csv'),
    requests: src('requests', 'opengovdatatw_datagovtw_suggestions_2019-01-25_raw_redacted.csv'),
    requestAgencies: src('requests', 'opengovdatatw_datagovtw_suggestions_agency_2019-04-10_utf8.csv'),
    ontology: join(root, 'ontology', 'ogd.ttl'),
    dcatAxioms: join(root, 'ontology', 'dcat-axioms.ttl'),
    shapesDir: join(root, 'shapes'),
  }
}

/** EU authority tables the graph points into (file names in euAuthorityDir). */
export const EU_TABLES = ['data-theme.ttl', 'frequencies.ttl', 'filetypes.ttl', 'access-right.ttl', 'countries.ttl', 'languages.ttl', 'licences.ttl'] as const
