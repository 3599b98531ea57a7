/** 主要欄位說明 (the column list an agency types) → a CSVW table schema the distributions dct:conformsTo. */
import { DataFactory, type NamedNode } from 'n3'
import { CSVW, DCT, RDF } from '../vocab/index.ts'
import type { RecordBuilder } from './catalog-entry.ts'
import { zh } from './catalog-values.ts'

const { literal } = DataFactory

export interface ColumnSpec {
  /** A machine name when the source gives one (`FileName(檔案名稱)` or `名稱(name)`). */
  name?: string
  title: string
}

// Separators seen: ; (export), 、 (API v1), and their full-width or comma forms; never inside (…) as in 標準書號(ISBN, ISSN等).
const SEPARATORS = new Set([';', '；', '、', ',', '，', '\n', '\r'])
const NAME_THEN_TITLE = /^([A-Za-z_][A-Za-z0-9_.-]*)\s*[(（](.+)[)）]$/s
const TITLE_THEN_NAME = /^(.+?)\s*[(（]([A-Za-z_][A-Za-z0-9_]*)[)）]$/s

function splitOutsideBrackets(text: string): string[] {
  const pieces: string[] = []
  let [depth, current] = [0, '']
  for (const char of text) {
    if (char === '(' || char === '（') depth++
    if ((char === ')' || char === '）') && depth > 0) depth--
    if (depth === 0 && SEPARATORS.has(char)) {
      pieces.push(current)
      current = ''
    } else current += char
  }
  return [...pieces, current].map((p) => p.trim()).filter(Boolean)
}

/** Parse 主要欄位說明 into columns, keeping the order and the titles as written. */
export function parseFieldDescription(text: string): ColumnSpec[] {
  return splitOutsideBrackets(text).map((piece) => {
    const nameFirst = NAME_THEN_TITLE.exec(piece)
    if (nameFirst) return { name: nameFirst[1]!, title: nameFirst[2]!.trim() }
    const titleFirst = TITLE_THEN_NAME.exec(piece)
    if (titleFirst) return { name: titleFirst[2]!, title: titleFirst[1]!.trim() }
    return { title: piece }
  })
}

const isAscii = (text: string): boolean => /^[\x20-\x7e]*$/.test(text)

/**
 * Emit `{dataset}#schema` (a csvw:Schema, typed dct:Standard as DCAT-AP 3's conformsTo range wants) with one
 * csvw:Column `{dataset}#column-{n}` per field, n giving the order. Returns the schema node, or undefined if no field.
 */
export function addSchema(b: RecordBuilder): NamedNode | undefined {
  const text = b.entry.fieldDescription?.trim()
  const columns = text ? parseFieldDescription(text) : []
  if (!text || !columns.length) return undefined
  const schema = b.iris.part(b.dataset, 'schema')
  b.add(schema, RDF.type, CSVW.Schema)
  b.add(schema, RDF.type, DCT.Standard)
  b.add(schema, DCT.description, zh(text))
  columns.forEach((column, i) => {
    const node = b.iris.part(b.dataset, `column-${i + 1}`)
    b.add(schema, CSVW.column, node)
    b.add(node, RDF.type, CSVW.Column)
    b.add(node, CSVW.titles, isAscii(column.title) ? literal(column.title) : zh(column.title))
    if (column.name) b.add(node, CSVW.name, literal(column.name))
  })
  return schema
}
