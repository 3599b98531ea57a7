import { execFile } from 'node:child_process'
import { createHash } from 'node:crypto'
import { mkdtempSync, readFileSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { PassThrough } from 'node:stream'
import { promisify } from 'node:util'
import { parse } from 'csv-parse/sync'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { FIRST_DATASET_ID, generateCatalogCsv, writeCatalogCsv } from '../../bench/lib/catalog-generator.ts'
import { EXPORT_HEADER } from '../../bench/lib/catalog-row.ts'
import { loadCatalogSources, type CatalogSources } from '../../bench/lib/catalog-sources.ts'

const run = promisify(execFile)
const N = 2000
const OFFICIAL_HEADER =
  '資料集識別碼,資料集名稱,資料提供屬性,服務分類,品質檢測,檔案格式,資料下載網址,編碼格式,資資料集上架方式,資料集描述,主要欄位說明,提供機關,更新頻率,授權方式,相關網址,計費方式,提供機關聯絡人姓名,提供機關聯絡人電話,上架日期,詮釋資料更新時間,備註,資料量'
const col = (name: (typeof EXPORT_HEADER)[number]) => EXPORT_HEADER.indexOf(name)
const sha256 = (data: string | Buffer) => createHash('sha256').update(data).digest('hex')

let sources: CatalogSources
let text: string
let rows: string[][]

beforeAll(() => {
  sources = loadCatalogSources()
  text = [...generateCatalogCsv(N, 'test', sources)].join('')
  rows = (parse(text, { bom: true, relax_column_count: true }) as string[][]).slice(1)
})

describe('generate-catalog CLI', () => {
  const dir = mkdtempSync(join(tmpdir(), 'gen-catalog-'))
  let first: { hash: string; stdout: string }
  const generate = async (seed: string, name: string) => {
    const out = join(dir, name)
    const { stdout } = await run(process.execPath, ['bin/run-ts.js', 'bench/generate-catalog.ts', '--count', String(N), '--seed', seed, '--out', out])
    return { hash: sha256(readFileSync(out)), stdout }
  }
  beforeAll(async () => { first = await generate('5', 'first.csv') })
  afterAll(() => rmSync(dir, { recursive: true, force: true }))

  it('two_runs_with_the_same_seed_write_byte_identical_files', async () => {
    expect((await generate('5', 'second.csv')).hash).toBe(first.hash)
  })

  it('another_seed_writes_another_file', async () => {
    expect((await generate('6', 'other.csv')).hash).not.toBe(first.hash)
  })

  it('prints_rows_per_second_and_size', () => {
    expect(first.stdout).toMatch(/2000 rows, [\d.]+ MiB in [\d.]+ s \(\d+ rows\/s/)
  })

  it('refuses_a_missing_count', async () => {
    await expect(run(process.execPath, ['bin/run-ts.js', 'bench/generate-catalog.ts', '--out', join(dir, 'x.csv')])).rejects.toThrow(/--count/)
  })
})

describe('generateCatalogCsv', () => {
  it('streamed_writer_matches_the_iterator_byte_for_byte', async () => {
    const sink = new PassThrough()
    const chunks: Buffer[] = []
    sink.on('data', (c: Buffer) => chunks.push(c))
    const { bytes } = await writeCatalogCsv(sink, N, 'test', sources, 4096)
    expect(sha256(Buffer.concat(chunks))).toBe(sha256(Buffer.from(text, 'utf8')))
    expect(bytes).toBe(Buffer.byteLength(text))
  })

  it('starts_with_a_bom_and_the_exact_official_header_in_crlf', () => {
    expect(text.startsWith('\uFEFF' + OFFICIAL_HEADER + '\r\n')).toBe(true)
  })

  it('ends_every_record_with_crlf', () => {
    expect(text.endsWith('\r\n')).toBe(true)
    const strict = parse(text, { bom: true, record_delimiter: '\r\n' }) as string[][]
    expect(strict.length).toBe(N + 1)
  })

  it('gives_every_row_exactly_22_fields', () => {
    expect(rows).toHaveLength(N)
    expect(rows.filter((r) => r.length !== 22)).toEqual([])
  })

  it('mints_unique_increasing_ids_from_100000', () => {
    const ids = rows.map((r) => Number(r[col('資料集識別碼')]))
    expect(ids[0]).toBe(FIRST_DATASET_ID)
    expect(ids.every((id, i) => i === 0 || id > (ids[i - 1] as number))).toBe(true)
  })

  it('aligns_formats_urls_encodings_and_counts_by_position', () => {
    const misaligned = rows.filter((r) => {
      const n = r[col('檔案格式')]!.split(';').length
      const counts = r[col('資料量')]!
      return r[col('資料下載網址')]!.split(';').length !== n || r[col('編碼格式')]!.split(';').length !== n ||
        (counts !== '' && counts.split(';').length !== n)
    })
    expect(misaligned).toEqual([])
  })

  it('writes_dates_as_yyyy_mm_dd_hh_mm_ss_between_2013_and_2026_with_modified_after_issued', () => {
    const pattern = /^(201[3-9]|202[0-6])-\d\d-\d\d \d\d:\d\d:\d\d$/
    for (const r of rows) {
      expect(r[col('上架日期')]).toMatch(pattern)
      expect(r[col('詮釋資料更新時間')]).toMatch(pattern)
      expect(r[col('詮釋資料更新時間')]! >= r[col('上架日期')]!).toBe(true)
    }
  })

  it('fills_licence_fee_and_only_synthetic_contacts', () => {
    expect(new Set(rows.map((r) => r[col('授權方式')]))).toEqual(new Set(['政府資料開放授權條款-第1版']))
    expect(new Set(rows.map((r) => r[col('計費方式')]))).toEqual(new Set(['免費']))
    expect(rows.every((r) => /^測試聯絡人\d{4}$/.test(r[col('提供機關聯絡人姓名')]!))).toBe(true)
    expect(rows.every((r) => /^0\d{1,2}-0000-\d{4}(#\d+)?$/.test(r[col('提供機關聯絡人電話')]!))).toBe(true)
  })

  it('uses_only_the_observed_closed_value_sets', () => {
    const values = (name: (typeof EXPORT_HEADER)[number]) => new Set(rows.map((r) => r[col(name)]))
    expect([...values('品質檢測')].sort()).toEqual(['無(未做品檢)', '無(白名單)', '白金', '金', '銀', '銅'].sort())
    expect(values('資料提供屬性')).toEqual(new Set(['檔案資料', 'API服務']))
    expect([...values('更新頻率')]).toContain('不定期更新')
  })

  it('mixes_multi_format_rows_api_rows_and_awkward_urls_and_texts', () => {
    const share = (test: (r: string[]) => boolean) => rows.filter(test).length / N
    expect(share((r) => r[col('檔案格式')]!.includes(';'))).toBeGreaterThan(0.25)
    expect(share((r) => r[col('檔案格式')]!.includes(';'))).toBeLessThan(0.35)
    expect(share((r) => r[col('資料提供屬性')] === 'API服務')).toBeGreaterThan(0.03)
    expect(share((r) => /[\u4e00-\u9fff]/.test(r[col('資料下載網址')]!))).toBeGreaterThan(0.01)
    expect(share((r) => r[col('資料下載網址')]!.includes(' '))).toBeGreaterThan(0)
    expect(share((r) => /\r?\n/.test(r[col('資料集描述')]!))).toBeGreaterThan(0.03)
    expect(share((r) => r[col('資料集描述')]!.includes('"'))).toBeGreaterThan(0)
    expect(share((r) => r[col('主要欄位說明')]!.split(';').length >= 2)).toBeGreaterThan(0.9)
  })

  it('weights_agencies_and_categories_like_the_2026_stats', () => {
    const share = (column: (typeof EXPORT_HEADER)[number], value: string) => rows.filter((r) => r[col(column)] === value).length / N
    // stats.json: 公共資訊 30,402 / 53,000 = 57 %; 行政院主計總處 1,952 / 53,000 = 3.7 %
    expect(share('服務分類', '公共資訊')).toBeGreaterThan(0.52)
    expect(share('服務分類', '公共資訊')).toBeLessThan(0.62)
    expect(share('提供機關', '行政院主計總處')).toBeGreaterThan(0.025)
    expect(share('提供機關', '行政院主計總處')).toBeLessThan(0.05)
    expect(new Set(rows.map((r) => r[col('提供機關')])).size).toBeGreaterThan(300)
  })

  it('refuses_a_negative_count', () => {
    expect(() => [...generateCatalogCsv(-1, 1, sources)]).toThrow(RangeError)
  })
})
