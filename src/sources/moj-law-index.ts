/** Reads the MOJ law list `index.json` ({PCode, name, lastUpdate, english?}[]) and the nickname list `aliases.json` ({PCode: string[]}). */
import { SourceError } from '../errors.ts'
import { isRecord, parseJsonSource, readOptionalString, readString } from './json-source.ts'

/** One entry of index.json. */
export interface MojLawIndexEntry {
  name: string
  /** lastUpdate as written (YYYYMMDD, month and day may be 00). */
  lastUpdate: string
  englishName?: string
}

/** Parse index.json into a map by PCode; a wrong shape, a bad date or a repeated PCode is a SourceError. */
export function readMojLawIndex(text: string, file: string): Map<string, MojLawIndexEntry> {
  const data = parseJsonSource(text, file)
  if (!Array.isArray(data)) throw new SourceError(file, undefined, 'expected a JSON array of {PCode, name, lastUpdate, english?}')
  const entries = new Map<string, MojLawIndexEntry>()
  data.forEach((item, i) => {
    const where = `entry ${i + 1}`
    if (!isRecord(item)) throw new SourceError(file, undefined, `${where}: expected an object`)
    const pcode = readString(item, 'PCode', file, where)
    const lastUpdate = readString(item, 'lastUpdate', file, where)
    if (!/^\d{8}$/.test(lastUpdate)) throw new SourceError(file, undefined, `${where} (${pcode}): lastUpdate "${lastUpdate}" is not a date YYYYMMDD`)
    if (entries.has(pcode)) throw new SourceError(file, undefined, `${where}: PCode ${pcode} appears twice`)
    const englishName = readOptionalString(item, 'english', file, where)?.trim()
    entries.set(pcode, { name: readString(item, 'name', file, where).trim(), lastUpdate, englishName: englishName || undefined })
  })
  return entries
}

/** Parse aliases.json (PCode → nicknames such as 個資法); a wrong shape is a SourceError. */
export function readMojLawAliases(text: string, file: string): Map<string, string[]> {
  const data = parseJsonSource(text, file)
  if (!isRecord(data)) throw new SourceError(file, undefined, 'expected a JSON object {PCode: [alias, …]}')
  const aliases = new Map<string, string[]>()
  for (const [pcode, names] of Object.entries(data)) {
    if (!Array.isArray(names) || !names.every((n) => typeof n === 'string')) {
      throw new SourceError(file, undefined, `${pcode}: expected an array of strings`)
    }
    aliases.set(pcode, [...new Set(names.map((n: string) => n.trim()).filter((n) => n !== ''))])
  }
  return aliases
}
