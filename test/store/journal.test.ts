import { appendFileSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { describe, expect, it } from 'vitest'
import { changesToReplay, formatEntry, JOURNAL_FILE, openJournalWriter, parseJournal, readJournal, type JournalEntry } from '../../src/store/journal.ts'

const tmp = () => mkdtempSync(join(tmpdir(), 'ogd-journal-'))
const change = (n: number) => ({ graphs: [`http://example.org/g${n}`], nquads: `<http://example.org/s> <http://example.org/p> "v${n}\\n" <http://example.org/g${n}> .\n` })
const noFatal = () => { throw new Error('unexpected fatal') }

function recordingLogger() {
  const lines: { obj: object; msg: string }[] = []
  return { lines, warn: (obj: object, msg: string) => lines.push({ obj, msg }), error: (obj: object, msg: string) => lines.push({ obj, msg }) }
}

async function writeEntries(dir: string, n: number): Promise<void> {
  const writer = await openJournalWriter(dir, 0, noFatal)
  for (let i = 1; i <= n; i += 1) await writer.appendReplace(change(i))
  await writer.close()
}

describe('journal format', () => {
  it('reads_back_every_appended_entry_in_order', async () => {
    const dir = tmp()
    await writeEntries(dir, 3)
    const { entries, droppedBytes } = await readJournal(dir)
    expect(droppedBytes).toBe(0)
    expect(entries.map((e) => e.seq)).toEqual([1, 2, 3])
    expect(changesToReplay(entries)).toEqual([change(1), change(2), change(3)])
  })

  it('is_one_checksummed_line_per_entry', async () => {
    const dir = tmp()
    await writeEntries(dir, 2)
    const lines = readFileSync(join(dir, JOURNAL_FILE), 'utf8').split('\n')
    expect(lines).toHaveLength(3)
    expect(lines[0]).toMatch(/^[0-9a-f]{64} \{"seq":1,/)
  })

  it('drops_a_torn_last_entry_with_a_log_line_and_cuts_it_off_the_file', async () => {
    const dir = tmp()
    await writeEntries(dir, 2)
    const whole = readFileSync(join(dir, JOURNAL_FILE))
    const torn = formatEntry({ seq: 3, at: 'x', op: 'replace', ...change(3), graphs: change(3).graphs })
    appendFileSync(join(dir, JOURNAL_FILE), torn.slice(0, 90))
    const logger = recordingLogger()
    const { entries, droppedBytes } = await readJournal(dir, logger)
    expect(entries.map((e) => e.seq)).toEqual([1, 2])
    expect(droppedBytes).toBe(90)
    expect(logger.lines[0]!.msg).toMatch(/torn or corrupt last entry dropped/)
    expect(readFileSync(join(dir, JOURNAL_FILE))).toEqual(whole)
  })

  it('drops_a_last_entry_whose_checksum_does_not_match', async () => {
    const dir = tmp()
    await writeEntries(dir, 3)
    const text = readFileSync(join(dir, JOURNAL_FILE), 'utf8')
    writeFileSync(join(dir, JOURNAL_FILE), text.replace('"v3', '"V3'))
    const { entries, droppedBytes } = await readJournal(dir)
    expect(entries.map((e) => e.seq)).toEqual([1, 2])
    expect(droppedBytes).toBeGreaterThan(0)
  })

  it('refuses_damage_before_the_last_entry_naming_the_byte_offset', async () => {
    const dir = tmp()
    await writeEntries(dir, 3)
    const text = readFileSync(join(dir, JOURNAL_FILE), 'utf8')
    const offset = text.indexOf('\n') + 1
    writeFileSync(join(dir, JOURNAL_FILE), text.replace('"v2', '"V2'))
    await expect(readJournal(dir)).rejects.toThrow(`damaged entry at byte ${offset} (entry 2)`)
  })

  it('accepts_the_next_append_after_a_torn_tail_was_cut', async () => {
    const dir = tmp()
    await writeEntries(dir, 1)
    appendFileSync(join(dir, JOURNAL_FILE), 'abc')
    const { entries } = await readJournal(dir)
    const writer = await openJournalWriter(dir, entries.at(-1)!.seq, noFatal)
    await writer.appendReplace(change(2))
    await writer.close()
    expect((await readJournal(dir)).entries.map((e) => e.seq)).toEqual([1, 2])
  })

  it('replays_neither_cancelled_entries_nor_those_the_snapshot_holds', () => {
    const entries: JournalEntry[] = [
      { seq: 1, at: '', op: 'replace', ...change(1) },
      { seq: 2, at: '', op: 'replace', ...change(2) },
      { seq: 3, at: '', op: 'cancel', of: 2 },
      { seq: 4, at: '', op: 'replace', ...change(4) },
    ]
    expect(changesToReplay(entries)).toEqual([change(1), change(4)])
    expect(changesToReplay(entries, 1)).toEqual([change(4)])
  })

  it('refuses_entries_out_of_sequence_at_the_tail', () => {
    const bytes = Buffer.from(formatEntry({ seq: 2, at: '', op: 'cancel', of: 1 }) + formatEntry({ seq: 1, at: '', op: 'cancel', of: 1 }))
    expect(parseJournal(bytes, 'j').entries.map((e) => e.seq)).toEqual([2])
  })
})

describe('journal writer failures', () => {
  it('is_fatal_once_a_write_fails_and_refuses_every_later_one', async () => {
    const dir = tmp()
    const fatal: Error[] = []
    const writer = await openJournalWriter(dir, 0, (error) => fatal.push(error))
    await writer.appendReplace(change(1))
    await writer.close() // the next write meets a closed descriptor: the same path as a failed write or fsync
    await expect(writer.appendReplace(change(2))).rejects.toThrow(/could not be written/)
    await expect(writer.appendReplace(change(3))).rejects.toThrow(/could not be written/)
    expect(fatal).toHaveLength(1)
    expect(writer.lastSeq).toBe(1)
  })
})
