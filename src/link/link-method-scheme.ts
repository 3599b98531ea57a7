/** The SKOS scheme of link methods, so every provenance record points at a labelled, dereferenceable concept. */
import { DataFactory, type Quad } from 'n3'
import { RDF, PROV, RDFS } from '../vocab/index.ts'
import { flatSchemeQuads } from '../model/flat-scheme.ts'
import type { Iris } from '../model/iris.ts'
import type { LinkMethod } from './resolve-agency.ts'
import { REQUEST_LINK_ACTIVITIES, REQUEST_LINK_METHODS, type RequestLinkMethod } from './request-link-methods.ts'

const { quad, literal } = DataFactory

const METHODS: Record<LinkMethod | 'title-mention' | 'description-mention' | 'folded-agency-title' | RequestLinkMethod, { zh: string; en: string }> = {
  code: { zh: '依機關代碼', en: 'by agency code given in the source' },
  'exact-name': { zh: '機關名稱完全相符（含臺/台、全半形正規化）', en: 'exact agency name (after 臺/台 and width folding)' },
  'planned-organization': { zh: '相符於組織改造預定機關', en: 'matches a planned-reorganisation agency row' },
  abbreviation: { zh: '依機關簡稱對照表', en: 'by the table of agency short names' },
  'former-name': { zh: '依機關更名對照表（來源使用新名稱）', en: 'by the table of agency renames (the source uses the newer name)' },
  'unique-suffix': { zh: '名稱為唯一現行機關全名之尾段', en: "name is the tail of exactly one active agency's full name" },
  'unit-of': { zh: '機關名稱加內部單位', en: 'agency name followed by an internal unit' },
  unresolved: { zh: '無法對應機關代碼', en: 'could not be resolved to a coded agency' },
  'title-mention': { zh: '資料集名稱含法規全名', en: "the dataset's title contains the law's full title" },
  'description-mention': { zh: '資料集描述含法規全名', en: "the dataset's description contains the law's full title" },
  'folded-agency-title': { zh: '提供機關與資料集名稱相符（經機關名稱正規化）', en: 'same agency and title (after the agency-name folding)' },
  'host-qualified-unit': { zh: '單位簡稱依下載網址主機或來源目錄補足所屬機關', en: "a bare unit label qualified by its agency, from the download host or the listing's 來源目錄" },
  'uncoded-agency': { zh: '2016 年機關代碼表後成立之機關（無代碼）', en: 'an agency created after the 2016 code list (no code)' },
  ...REQUEST_LINK_METHODS,
}

const ACTIVITIES = {
  publisher: { zh: '資料集提供機關名稱對應', en: 'dataset publisher name resolution' },
  'competent-agency': { zh: '法規類別之主管機關對應', en: 'competent agency from the law category' },
  'organic-law': { zh: '機關組織法規對應', en: 'agency to its organic law' },
  'law-mention': { zh: '資料集提及之法規', en: 'laws named by a dataset' },
  'listing-join': { zh: '2018 年清單列對應今日資料集識別碼', en: "2018 listing rows joined to today's dataset ids" },
  ...REQUEST_LINK_ACTIVITIES,
} as const

/** Quads for the link-method scheme and the link activities, in the vocab graph. */
export function buildLinkMethodScheme(iris: Iris): Quad[] {
  const g = iris.graph('vocab')
  const methods = Object.entries(METHODS).map(([code, label]) => ({ code, ...label }))
  const out = flatSchemeQuads(iris, 'link-method', { zh: '連結推論方法', en: 'Link inference methods' }, methods)
  for (const [kind, label] of Object.entries(ACTIVITIES)) {
    const activity = iris.linkActivity(kind)
    out.push(
      quad(activity, RDF.type, PROV.Activity, g),
      quad(activity, RDFS.label, literal(label.zh, 'zh-Hant'), g),
      quad(activity, RDFS.label, literal(label.en, 'en'), g),
    )
  }
  return out
}
