/**
 * A toy CSV → N-Quads mapping, only to feed the load benchmark before src/build exists. Not the real DCAT-AP
 * mapping: it mimics its shapes (one named graph per record, blank-node contacts and columns, typed literals).
 * Run directly: `npx tsx test/bench/toy-nquads.ts IN.csv OUT.nq`
 */
import { createReadStream, createWriteStream } from 'node:fs'
import { once } from 'node:events'
import { finished } from 'node:stream/promises'
import { pathToFileURL } from 'node:url'
import { parse } from 'csv-parse'
import { DataFactory, Writer, type NamedNode, type Quad_Object } from 'n3'
import { createIris, DEFAULT_BASE_IRI } from '../../src/model/iris.ts'
import { CNT, CSVW, DCAT, DCT, DQV, FOAF, RDF, VCARD, XSD } from '../../src/vocab/index.ts'

const { namedNode, literal, blankNode } = DataFactory
const iris = createIris(DEFAULT_BASE_IRI)
const writer = new Writer({ format: 'N-Quads' })
const ogd = iris.ogd

/** Spaces, non-ASCII and IRI-forbidden characters percent-encoded; existing %xx escapes kept. */
const toIri = (url: string): NamedNode => namedNode(url.replace(/[^\x21-\x7e]|[<>"{}|\\^`]/g, (c) => encodeURIComponent(c)))
const toDateTime = (text: string) => literal(text.replace(' ', 'T'), XSD.dateTime)

/** The N-Quads lines of one export row (header names as keys); `seenAgencies` dedupes agency nodes. */
export function mapRowToNQuads(row: Record<string, string>, seenAgencies: Set<string>): string {
  const id = row['資料集識別碼'] ?? ''
  const ds = iris.dataset(id)
  const g = iris.catalogRecord(id)
  let out = ''
  const add = (s: NamedNode | ReturnType<typeof blankNode>, p: NamedNode, o: Quad_Object) => { out += writer.quadToString(s, p, o, g) }
  const agencyName = (row['提供機關'] ?? '').trim()
  const agency = iris.unresolvedAgency(agencyName)
  add(iris.catalog(), DCAT.dataset, ds)
  add(g, RDF.type, DCAT.CatalogRecord)
  add(g, FOAF.primaryTopic, ds)
  add(g, DCT.modified, toDateTime(row['詮釋資料更新時間'] ?? ''))
  add(ds, RDF.type, DCAT.Dataset)
  add(ds, DCT.identifier, literal(id))
  add(ds, DCT.title, literal(row['資料集名稱'] ?? '', 'zh-hant'))
  add(ds, DCT.description, literal(row['資料集描述'] ?? '', 'zh-hant'))
  add(ds, DCT.publisher, agency)
  add(ds, DCT.issued, toDateTime(row['上架日期'] ?? ''))
  add(ds, DCT.modified, toDateTime(row['詮釋資料更新時間'] ?? ''))
  add(ds, DCT.accrualPeriodicity, iris.concept('update-frequency', row['更新頻率'] ?? ''))
  add(ds, DCAT.theme, iris.concept('service-category', row['服務分類'] ?? ''))
  add(ds, DQV.hasQualityAnnotation, iris.concept('quality-badge', row['品質檢測'] ?? ''))
  add(ds, DCT.license, iris.license('OGDL-Taiwan-1.0'))
  const contact = blankNode(`c${id}`)
  add(ds, DCAT.contactPoint, contact)
  add(contact, RDF.type, VCARD.Kind)
  add(contact, VCARD.fn, literal(row['提供機關聯絡人姓名'] ?? ''))
  add(contact, VCARD.hasTelephone, literal(row['提供機關聯絡人電話'] ?? ''))
  mapDistributions(row, id, add)
  if (!seenAgencies.has(agencyName)) {
    seenAgencies.add(agencyName)
    add(agency, RDF.type, FOAF.Organization)
    add(agency, FOAF.name, literal(agencyName, 'zh-hant'))
  }
  return out
}

type Add = (s: NamedNode | ReturnType<typeof blankNode>, p: NamedNode, o: Quad_Object) => void

function mapDistributions(row: Record<string, string>, id: string, add: Add): void {
  const formats = (row['檔案格式'] ?? '').split(';')
  const urls = (row['資料下載網址'] ?? '').split(';')
  const encodings = (row['編碼格式'] ?? '').split(';')
  const counts = (row['資料量'] ?? '').split(';')
  const columns = (row['主要欄位說明'] ?? '').split(';').filter(Boolean)
  const ds = iris.dataset(id)
  formats.forEach((format, i) => {
    const dist = iris.distribution(id, i + 1)
    add(ds, DCAT.distribution, dist)
    add(dist, RDF.type, DCAT.Distribution)
    add(dist, DCAT.downloadURL, toIri(urls[i] ?? ''))
    add(dist, DCT.format, iris.concept('file-format', format))
    add(dist, CNT.characterEncoding, literal(encodings[i] ?? ''))
    if (counts[i]) add(dist, ogd.recordCount, literal(counts[i] ?? '0', XSD.integer))
    if (i > 0) return
    const schema = blankNode(`s${id}`)
    add(dist, CSVW.tableSchema, schema)
    columns.forEach((name, k) => {
      const column = blankNode(`s${id}c${k}`)
      add(schema, CSVW.column, column)
      add(column, CSVW.name, literal(name))
    })
  })
}

/** Convert a whole export CSV to N-Quads, streaming; returns rows and bytes written. */
export async function convertCsvToToyNQuads(csvPath: string, nqPath: string): Promise<{ rows: number; bytes: number }> {
  const out = createWriteStream(nqPath)
  const seen = new Set<string>()
  let rows = 0, bytes = 0, batch = ''
  for await (const row of createReadStream(csvPath).pipe(parse({ bom: true, columns: true }))) {
    batch += mapRowToNQuads(row as Record<string, string>, seen)
    rows++
    if (batch.length > 1 << 20) {
      bytes += Buffer.byteLength(batch)
      if (!out.write(batch)) await once(out, 'drain')
      batch = ''
    }
  }
  bytes += Buffer.byteLength(batch)
  out.end(batch)
  await finished(out)
  return { rows, bytes }
}

if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) {
  const [input, output] = process.argv.slice(2)
  if (!input || !output) throw new Error('usage: toy-nquads.ts IN.csv OUT.nq')
  const start = Date.now()
  const { rows, bytes } = await convertCsvToToyNQuads(input, output)
  console.log(`${output}: ${rows} rows → ${(bytes / 1048576).toFixed(1)} MiB N-Quads in ${((Date.now() - start) / 1000).toFixed(1)} s`)
}
