/**
 * The write-ahead journal of the embedded store: every change a write applies, appended to `DIR/journal.log` and
 * fsync'd before the write is acknowledged. One entry a line: `<sha256 of the JSON, hex> <JSON>\n`; the JSON is
 * `{"seq","at","op":"replace","graphs","nquads"}` or `{"seq","at","op":"cancel","of"}` (a replace whose apply failed,
 * so it never took effect). Reading checks every checksum: a bad or unfinished last line is a torn write (never
 * acknowledged) and is cut off with a log line; a bad line with good lines after it is damage to acknowledged data
 * and stops the start, naming the byte offset.
 */
import { createHash } from 'node:crypto'
import { existsSync } from 'node:fs'
import { open, readFile, rename, type FileHandle } from 'node:fs/promises'
import { join } from 'node:path'
import { AppError } from '../errors.ts'
import type { GraphChange } from './embedded-engine.ts'

export const JOURNAL_FILE = 'journal.log'

export type JournalEntry =
  | { seq: number; at: string; op: 'replace'; graphs: string[]; nquads: string }
  | { seq: number; at: string; op: 'cancel'; of: number }

export interface JournalLogger {
  warn(obj: object, msg: string): void
  error(obj: object, msg: string): void
}

/** What a journal holds: its entries in order, and how much of a torn tail was cut off. */
export interface JournalContents {
  entries: JournalEntry[]
  /** Bytes dropped from the end (a write that was never acknowledged); 0 when the file was whole. */
  droppedBytes: number
  /** Length of the whole part of the file. */
  validBytes: number
}

const sha256 = (text: string) => createHash('sha256').update(text, 'utf8').digest('hex')

/** One entry as its journal line (checksum, space, JSON, newline). */
export function formatEntry(entry: JournalEntry): string {
  const json = JSON.stringify(entry)
  return `${sha256(json)} ${json}\n`
}

function parseLine(line: string): JournalEntry | undefined {
  const space = line.indexOf(' ')
  if (space !== 64) return undefined
  const json = line.slice(65)
  if (sha256(json) !== line.slice(0, 64)) return undefined
  try {
    const entry = JSON.parse(json) as JournalEntry
    return typeof entry.seq === 'number' && (entry.op === 'replace' || entry.op === 'cancel') ? entry : undefined
  } catch {
    return undefined
  }
}

/** Parse journal bytes: whole entries, and where the whole part ends. Throws on damage before the last line. */
export function parseJournal(bytes: Buffer, file: string): JournalContents {
  const entries: JournalEntry[] = []
  let offset = 0
  while (offset < bytes.length) {
    const end = bytes.indexOf(10, offset)
    const entry = end < 0 ? undefined : parseLine(bytes.toString('utf8', offset, end))
    const previous = entries[entries.length - 1]
    const isInOrder = entry !== undefined && (previous === undefined || entry.seq > previous.seq)
    if (!entry || !isInOrder) {
      const isTail = end < 0 || end === bytes.length - 1
      if (!isTail) {
        throw new AppError('internal', `${file}: damaged entry at byte ${offset} (entry ${entries.length + 1}) with entries after it: acknowledged changes may be lost; restore the file from a backup or move it away to start from the snapshot alone`, { file, offset })
      }
      return { entries, droppedBytes: bytes.length - offset, validBytes: offset }
    }
    entries.push(entry)
    offset = end + 1
  }
  return { entries, droppedBytes: 0, validBytes: offset }
}

/**
 * The changes to replay over a snapshot that already holds every entry up to `afterSeq`: replace entries in order,
 * without those a later cancel entry withdrew.
 */
export function changesToReplay(entries: readonly JournalEntry[], afterSeq = 0): GraphChange[] {
  const cancelled = new Set(entries.flatMap((e) => (e.op === 'cancel' ? [e.of] : [])))
  return entries.flatMap((e) => (e.op === 'replace' && e.seq > afterSeq && !cancelled.has(e.seq) ? [{ graphs: e.graphs, nquads: e.nquads }] : []))
}

/** fsync a directory, so that a file created or renamed in it survives a power cut (POSIX: the entry is the directory's). */
export async function syncDirectory(dir: string): Promise<void> {
  const handle = await open(dir, 'r')
  try {
    await handle.sync()
  } finally {
    await handle.close()
  }
}

/**
 * Read `DIR/journal.log` (absent: empty), cutting a torn tail off the file itself so later appends follow whole entries
 * (`repair: false` for readers that do not write it, such as `ogd query` beside a running server).
 */
export async function readJournal(dir: string, logger?: JournalLogger, options: { repair?: boolean } = {}): Promise<JournalContents> {
  const path = join(dir, JOURNAL_FILE)
  if (!existsSync(path)) return { entries: [], droppedBytes: 0, validBytes: 0 }
  const contents = parseJournal(await readFile(path), path)
  if (contents.droppedBytes > 0 && options.repair !== false) {
    logger?.warn({ file: path, droppedBytes: contents.droppedBytes, keptEntries: contents.entries.length }, 'journal: torn or corrupt last entry dropped (it was never acknowledged)')
    const handle = await open(path, 'r+')
    try {
      await handle.truncate(contents.validBytes)
      await handle.sync()
    } finally {
      await handle.close()
    }
  }
  return contents
}

export interface JournalWriter {
  /** The last sequence number written (0 when none). */
  readonly lastSeq: number
  /** Append one replace entry and fsync it; resolves with its sequence number. */
  appendReplace(change: GraphChange): Promise<number>
  /** Record that the replace entry `seq` never took effect. */
  appendCancel(seq: number): Promise<void>
  /** Atomically replace the whole file with these entries (compaction), then keep appending after them. */
  rewrite(entries: readonly JournalEntry[]): Promise<void>
  close(): Promise<void>
}

/**
 * Open the journal for appending after `lastSeq`. A failed write or fsync is fatal (design §4: the kernel may have
 * dropped the dirty pages, so a retry could report success for data that is not on disk): the writer refuses every
 * later call and `onFatal` is told once.
 */
export async function openJournalWriter(dir: string, lastSeq: number, onFatal: (error: Error) => void): Promise<JournalWriter> {
  const path = join(dir, JOURNAL_FILE)
  const isNew = !existsSync(path)
  let handle: FileHandle = await open(path, 'a')
  if (isNew) {
    await handle.sync()
    await syncDirectory(dir)
  }
  let seq = lastSeq
  let failed: AppError | undefined

  async function guarded<T>(work: () => Promise<T>): Promise<T> {
    if (failed) throw failed
    try {
      return await work()
    } catch (error) {
      failed = new AppError('unavailable', `the journal ${path} could not be written (${(error as Error).message}); no write is accepted until the server is restarted`)
      onFatal(error as Error)
      throw failed
    }
  }

  async function append(entry: JournalEntry): Promise<void> {
    await handle.write(formatEntry(entry), null, 'utf8')
    await handle.datasync()
  }

  return {
    get lastSeq() { return seq },
    appendReplace: (change) => guarded(async () => {
      const entry: JournalEntry = { seq: seq + 1, at: new Date().toISOString(), op: 'replace', graphs: [...change.graphs], nquads: change.nquads }
      await append(entry)
      seq = entry.seq
      return entry.seq
    }),
    appendCancel: (of) => guarded(async () => {
      const entry: JournalEntry = { seq: seq + 1, at: new Date().toISOString(), op: 'cancel', of }
      await append(entry)
      seq = entry.seq
    }),
    rewrite: (entries) => guarded(async () => {
      const tmp = `${path}.tmp`
      const out = await open(tmp, 'w')
      try {
        for (const entry of entries) await out.write(formatEntry(entry), null, 'utf8')
        await out.sync()
      } finally {
        await out.close()
      }
      await handle.close()
      await rename(tmp, path)
      await syncDirectory(dir)
      handle = await open(path, 'a')
      seq = Math.max(seq, ...entries.map((e) => e.seq))
    }),
    close: async () => { await handle.close() },
  }
}
