/**
 * Our re-alignment of the whole raw crawl against the normalized .jsonl beside it (a convenience derived by others,
 * MANIFEST §7c): the same fields wherever the .jsonl found the status anchors, and where it did not (it then put the
 * agencies among the replies), the same cells split better.
 */
import { readFileSync } from 'node:fs'
import { join } from 'node:path'
import { describe, expect, it } from 'vitest'
import { REPO_ROOT } from '../../src/cli/paths.ts'
import { parseRequestRows, type RawRequest } from '../../src/sources/request-rows.ts'

const dir = join(REPO_ROOT, 'data', 'sources', 'requests')
const { requests } = parseRequestRows(readFileSync(join(dir, 'opengovdatatw_datagovtw_suggestions_2019-01-25_raw_redacted.csv'), 'utf8'), 'raw')
const ours = new Map(requests.map((r) => [r.id, r]))
interface Normalized { 建議ID?: string; id?: string; 建議之標題: string; 建議資料集名稱: string; 建議開放的欄位: string; 建議原因: string; 派發機關: string[]; 回復狀態: string | null; 分派狀態: string | null; 回復時間_原文: string | null; 回應_原始HTML片段: string[] }
const normalized = readFileSync(join(dir, 'opengovdatatw_datagovtw_suggestions_2019-01-25_normalized_redacted.jsonl'), 'utf8').split('\n').filter(Boolean).map((line) => JSON.parse(line) as Normalized)
const aligned = normalized.filter((n) => n.建議ID && n.回復狀態)
const unaligned = normalized.filter((n) => n.建議ID && !n.回復狀態)
const ANCHORS = new Set(['研議中', '已分派', '未分派', '已回復', '未回復'])
const STATUS: Record<string, RawRequest['replyStatus']> = { 已回復: 'answered', 未回復: 'unanswered', 研議中: 'under-study' }

describe('the raw crawl, re-aligned, against the normalized .jsonl', () => {
  it('has the same 1,229 request ids', () => {
    expect(requests).toHaveLength(1229)
    expect(new Set(normalized.map((n) => n.建議ID ?? n.id))).toEqual(new Set(ours.keys()))
  })

  it('agrees on every field of the rows the .jsonl aligned', () => {
    expect(aligned.length).toBeGreaterThan(1000)
    const differ = aligned.filter((n) => {
      const r = ours.get(n.建議ID!)!
      return r.title !== n.建議之標題.trim() || r.requestedDataset !== n.建議資料集名稱.trim() || r.requestedFields !== n.建議開放的欄位.trim() ||
        r.reason !== n.建議原因.trim() || r.replyStatus !== STATUS[n.回復狀態!] || r.agencies.join('|') !== n.派發機關.filter(Boolean).join('|') ||
        (r.replyTimeText ?? '') !== (n.回復時間_原文 ?? '').trim() ||
        r.replies.join('\u0000') !== n.回應_原始HTML片段.map((c) => c.trim()).filter(Boolean).join('\u0000')
    }).map((n) => n.建議ID)
    expect(differ).toEqual([])
  })

  it('splits the cells the .jsonl left unaligned into agencies first, then replies', () => {
    expect(unaligned.length).toBeGreaterThan(50)
    for (const n of unaligned) {
      const r = ours.get(n.建議ID!)!
      // The .jsonl knows only 已回復/未回復: where a row says 研議中 its status and date cells stayed among the replies.
      const cells = n.回應_原始HTML片段.map((c) => c.trim()).filter((c) => c && !ANCHORS.has(c) && c !== r.replyTimeText)
      expect([...r.agencies, ...r.replies]).toEqual(cells)
      expect(r.agencies.length).toBeGreaterThan(0)
      expect(r.replies.every((c) => c.startsWith('['))).toBe(true)
    }
  })
})
