/** Deterministic synthetic data.gov.tw catalogue exports (UTF-8 BOM, CRLF, RFC 4180), streamed row by row. */
import { once } from 'node:events'
import type { Writable } from 'node:stream'
import { buildCatalogMix } from './catalog-mix.ts'
import { EXPORT_HEADER, makeCatalogRow } from './catalog-row.ts'
import { loadCatalogSources, type CatalogSources } from './catalog-sources.ts'
import { formatCsvRecord } from './csv-format.ts'
import { createPrng } from './prng.ts'

export const FIRST_DATASET_ID = 100_000
const BOM = '\uFEFF'

/**
 * The export as text pieces: first the BOM and header, then one CSV record per dataset.
 * Same (count, seed, sources) → same pieces; nothing is kept between rows, so any count fits in memory.
 */
export function* generateCatalogCsv(count: number, seed: number | string, sources: CatalogSources = loadCatalogSources()): Generator<string> {
  if (!Number.isInteger(count) || count < 0) throw new RangeError(`count must be a non-negative integer, got ${count}`)
  const rng = createPrng(seed)
  const mix = buildCatalogMix(sources)
  yield BOM + formatCsvRecord(EXPORT_HEADER)
  let id = FIRST_DATASET_ID
  for (let i = 0; i < count; i++) {
    yield formatCsvRecord(makeCatalogRow(rng, mix, i, count, id))
    // real ids are sparse (withdrawn datasets leave gaps); keep them unique and increasing
    id += rng.isHit(0.3) ? rng.nextInt(2, 6) : 1
  }
}

export interface WriteResult { readonly rows: number; readonly bytes: number }

/** Stream the export into `out`, in ~1 MB writes that respect back-pressure. Does not end `out`. */
export async function writeCatalogCsv(
  out: Writable, count: number, seed: number | string, sources?: CatalogSources, batchBytes = 1 << 20,
): Promise<WriteResult> {
  let batch = ''
  let bytes = 0
  const flush = async () => {
    const buffer = Buffer.from(batch, 'utf8')
    bytes += buffer.length
    batch = ''
    if (!out.write(buffer)) await once(out, 'drain')
  }
  for (const piece of generateCatalogCsv(count, seed, sources)) {
    batch += piece
    // UTF-16 length × 3 bounds the UTF-8 size; flush before a batch grows past the target
    if (batch.length * 3 >= batchBytes) await flush()
  }
  if (batch) await flush()
  return { rows: count, bytes }
}
