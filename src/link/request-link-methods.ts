/** The link methods and activities of the dataset-request links (src/sources/datagovtw-requests.ts, src/link/request-replies.ts). */

export type RequestLinkMethod = 'reply-signed' | 'reply-phrase' | 'reply-links-dataset' | 'reply-names-agency-dataset' | 'quoted-in-reply' | 'reply-mention' | 'agency-stated'

export const REQUEST_LINK_METHODS: Record<RequestLinkMethod, { zh: string; en: string }> = {
  'reply-signed': { zh: '回復以受派機關名稱署名（敬復、敬上…）', en: 'the reply is signed off with the name of an assigned agency (敬復, 敬上…)' },
  'reply-phrase': { zh: '機關回復含表明理由之用語', en: "the agency's reply contains a phrase stating the reason" },
  'reply-links-dataset': { zh: '機關回復連結至該資料集之平臺網址', en: "the agency's reply links the dataset's data.gov.tw page" },
  'reply-names-agency-dataset': { zh: '機關回復以「」引述受派機關之資料集全名', en: "the agency's reply quotes (「」) the full title of a dataset of an assigned agency" },
  'quoted-in-reply': { zh: '機關回復引述民眾提出建議之日期', en: "the agency's reply quotes the date the request was made" },
  'reply-mention': { zh: '機關回復含法規全名或簡稱', en: "the agency's reply contains the law's full title or short name" },
  // Written by the agency through POST /request/{id}/replies (src/http/request-replies.ts): stated, not inferred.
  'agency-stated': { zh: '受派機關回復時指明之資料集（經寫入 API）', en: 'the assigned agency named the dataset in its reply (through the write API)' },
}

export const REQUEST_LINK_ACTIVITIES = {
  'request-agency': { zh: '民眾資料集建議之派發機關名稱對應', en: 'agency names a dataset request was assigned to' },
  'refusal-reason': { zh: '民眾資料集建議回復之不開放理由', en: 'reasons for not opening stated in replies to requests' },
  'request-dataset': { zh: '回應民眾資料集建議之資料集', en: 'datasets that answer a request' },
  'request-date': { zh: '民眾資料集建議之提出日期', en: 'the date a request was made' },
  'reply-author': { zh: '民眾資料集建議回復之署名機關', en: 'the agency that signed a reply to a request' },
  'reply-law-mention': { zh: '民眾資料集建議回復提及之法規', en: 'laws named in replies to requests' },
} as const
