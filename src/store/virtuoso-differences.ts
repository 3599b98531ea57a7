/**
 * How Virtuoso 7 departs from SPARQL 1.1 in ways this server does not hide, stated in the service description
 * (ogd:storeDifference) when STORE=virtuoso; each is shown by a test (test/store/virtuoso-differences.test.ts,
 * test/http/backends.test.ts). Those it hides are listed in src/store/virtuoso-query.ts and remote-results.ts.
 */

export interface StoreDescription {
  engine: string
  maxRows?: number
  differences: readonly { en: string; zh: string }[]
}

export const VIRTUOSO_DIFFERENCES: readonly { en: string; zh: string }[] = [
  { en: 'A triple in several named graphs is one row per graph in the union default graph (here the union is a bag, not a set); use DISTINCT.', zh: '同一三元組存於多個具名圖時，於聯集預設圖中每圖各成一列；請用 DISTINCT。' },
  { en: 'An integer divided by an integer is an integer (7/2 = 3; SPARQL 1.1: 3.5); cast one operand, e.g. xsd:decimal(?a) / ?b.', zh: '整數除以整數得整數（7/2 = 3；SPARQL 1.1 為 3.5）；請先轉型，如 xsd:decimal(?a) / ?b。' },
  { en: 'A function of an unbound value is an error (answered 400 saying so) where SPARQL 1.1 leaves the result unbound; guard it with BOUND() or COALESCE().', zh: '對未繫結值呼叫函式即為錯誤（回覆 400 並說明），SPARQL 1.1 則為未繫結；請以 BOUND() 或 COALESCE() 防護。' },
  { en: 'GROUP_CONCAT over no values gives "" where the embedded store leaves the variable unbound.', zh: 'GROUP_CONCAT 無值時得 ""，內嵌儲存則為未繫結。' },
  { en: 'A boolean computed inside a sub-SELECT comes back as the integer 1 or 0.', zh: '子查詢中計算之布林值以整數 1 或 0 回覆。' },
  { en: 'Some queries hit compiler limits (SQ156, SQ200) or the sort limit for ORDER BY with a large OFFSET + LIMIT (MaxSortedTopRows); they are answered 503 engine_limit, never with other rows.', zh: '部分查詢觸及編譯器限制（SQ156、SQ200）或 ORDER BY 配合大 OFFSET + LIMIT 之排序上限，回覆 503 engine_limit，絕不回覆其他結果。' },
  { en: 'A query that names a graph (GRAPH <iri>) also sees Virtuoso\'s schema graph in its default-graph patterns (its triples use only Virtuoso\'s own vocabulary).', zh: '指名具名圖（GRAPH <iri>）之查詢，其預設圖樣式亦可見 Virtuoso 之綱要圖（僅含 Virtuoso 自有詞彙）。' },
  { en: 'Blank node labels are Virtuoso\'s internal ids (stable across queries).', zh: '空白節點標籤為 Virtuoso 內部識別碼（各查詢間一致）。' },
]
