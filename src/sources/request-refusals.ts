/**
 * Why an agency did not open what was asked, as its reply says: a small SKOS scheme and the phrases that assign it.
 * A reason is given only where the agency's own answer contains one of the phrases (the phrase is kept as evidence);
 * a reply that says none of them gets none. Phrases follow the wording agencies use (尚未蒐集相關資料 is the reason
 * data.gov.tw itself counted most often).
 */
import type { Quad } from 'n3'
import { flatSchemeQuads } from '../model/flat-scheme.ts'
import type { Iris } from '../model/iris.ts'

export type RefusalReason = 'not-collected' | 'personal-data' | 'legally-restricted' | 'already-open' | 'fee-based' | 'not-competent'

interface ReasonDefinition {
  code: RefusalReason
  zh: string
  en: string
  phrases: RegExp
}

export const REFUSAL_REASONS: readonly ReasonDefinition[] = [
  {
    code: 'not-collected', zh: '未蒐集或無此資料', en: 'the data is not collected or does not exist',
    phrases: /尚未蒐集|未蒐集|並未蒐集|無(?:此|該|相關)(?:項|類)?(?:資料|統計|數據)|(?:並|尚)?未(?:建置|建立|統計|彙整|調查)(?:相關|此|該)?(?:資料|統計|數據)?|未有(?:此|相關|該)(?:項)?(?:資料|統計)|查無(?:相關)?(?:資料|統計)|目前(?:並)?無(?:此|相關|該)/,
  },
  {
    code: 'personal-data', zh: '涉及個人資料或隱私', en: 'personal data or privacy',
    phrases: /個人資料保護|個資法|涉及(?:個人|當事人)?(?:隱私|個人資料|個資)|(?:個人|當事人)隱私/,
  },
  {
    code: 'legally-restricted', zh: '依法限制公開', en: 'restricted by law',
    phrases: /依法(?:不得|應予|限制|不宜)|不得(?:對外)?公開|限制公開|應秘密|(?:國家|營業|職務上)(?:機密|秘密)|政府資訊公開法第18條|政府資訊公開法第十八條|豁免公開/,
  },
  {
    code: 'already-open', zh: '已公開或已開放', en: 'already published or open',
    phrases: /已(?:於|在)?[^。，]{0,20}(?:公開|開放|上架|提供)(?:於|在)|已(?:有)?(?:公開|開放|上架)(?:相關|此|該)?(?:資料|資料集)|(?:請|可|敬請|歡迎)(?:逕)?(?:至|到|於)[^。]{0,40}(?:查詢|下載|參閱|瀏覽|取得)/,
  },
  {
    code: 'fee-based', zh: '收費提供', en: 'provided for a fee',
    phrases: /收費|販售|付費|計費|有償|售價|購買/,
  },
  {
    code: 'not-competent', zh: '非本機關權責', en: 'not the agency’s responsibility',
    phrases: /非(?:屬)?本(?:部|府|局|署|會|院|處|機關|公司|中心|所)?(?:之)?(?:權責|主管|業務|所轄|掌管)|非屬本|(?:建請|請)(?:逕)?洽(?:詢)?[^。]{0,20}(?:主管機關|權責機關)/,
  },
]

/** The reasons an answer states, each with the phrase that shows it. */
export function findRefusalReasons(answer: string): { code: RefusalReason; phrase: string }[] {
  const found: { code: RefusalReason; phrase: string }[] = []
  for (const reason of REFUSAL_REASONS) {
    const m = reason.phrases.exec(answer)
    if (m) found.push({ code: reason.code, phrase: m[0] })
  }
  return found
}

/** The refusal-reason scheme, the request-status and assignment-status schemes, in the vocab graph. */
export function buildRequestSchemes(iris: Iris): Quad[] {
  return [
    ...flatSchemeQuads(iris, 'refusal-reason', { zh: '民眾資料集建議之不開放理由', en: 'Reasons given for not opening a requested dataset' }, REFUSAL_REASONS),
    ...flatSchemeQuads(iris, 'request-status', { zh: '民眾資料集建議之回復狀態', en: 'Reply status of a dataset request' }, [
      { code: 'answered', zh: '已回復', en: 'answered' },
      { code: 'unanswered', zh: '未回復', en: 'not answered' },
      { code: 'under-study', zh: '研議中', en: 'under study' },
    ]),
    ...flatSchemeQuads(iris, 'request-assignment', { zh: '民眾資料集建議之分派狀態', en: 'Assignment status of a dataset request' }, [
      { code: 'assigned', zh: '已分派', en: 'assigned to agencies' },
      { code: 'unassigned', zh: '未分派', en: 'not assigned' },
    ]),
  ]
}
