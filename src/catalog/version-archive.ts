/**
 * Where catalogue versions and the change log are kept: in memory (the default) or in a directory, so that
 * harvests in progress and the change feed survive a restart of the server.
 */
import { appendFile, mkdir, readFile, rename, rm, writeFile } from 'node:fs/promises'
import { join } from 'node:path'
import type { CatalogChange } from './change-log.ts'
import type { CatalogMember } from './members.ts'

export interface VersionEntry {
  readonly token: string
  readonly createdAt: string
  /** The catalogue's dct:modified in this version, from the data (see version-registry.ts); absent in older archives. */
  readonly modified?: string
  /** When a newer version replaced it; absent for the current version. */
  readonly supersededAt?: string
}

export interface VersionArchive {
  readIndex(): Promise<VersionEntry[]>
  writeIndex(entries: readonly VersionEntry[]): Promise<void>
  readMembers(token: string): Promise<CatalogMember[] | undefined>
  writeMembers(token: string, members: readonly CatalogMember[]): Promise<void>
  removeMembers(token: string): Promise<void>
  readChanges(): Promise<CatalogChange[]>
  appendChanges(changes: readonly CatalogChange[]): Promise<void>
}

/** An archive that lives as long as the process. */
export function createMemoryArchive(): VersionArchive {
  let index: VersionEntry[] = []
  const members = new Map<string, readonly CatalogMember[]>()
  const changes: CatalogChange[] = []
  return {
    readIndex: async () => [...index],
    writeIndex: async (entries) => void (index = [...entries]),
    readMembers: async (token) => (members.has(token) ? [...members.get(token)!] : undefined),
    writeMembers: async (token, list) => void members.set(token, list),
    removeMembers: async (token) => void members.delete(token),
    readChanges: async () => [...changes],
    appendChanges: async (list) => void changes.push(...list),
  }
}

const TOKEN = /^[0-9a-f]{8,64}$/

/** Write through a temporary file and a rename, so a crash never leaves half a file. */
async function writeAtomically(path: string, text: string): Promise<void> {
  await writeFile(`${path}.tmp`, text, 'utf8')
  await rename(`${path}.tmp`, path)
}

const readText = (path: string) => readFile(path, 'utf8').catch((error: NodeJS.ErrnoException) => {
  if (error.code === 'ENOENT') return undefined
  throw error
})

/** An archive in `dir`: index.json, members/<token>.json (rows of [dataset, graph, modified]), changes.jsonl. */
export function createFileArchive(dir: string): VersionArchive {
  const membersPath = (token: string) => {
    if (!TOKEN.test(token)) throw new Error(`not a version token: ${token}`)
    return join(dir, 'members', `${token}.json`)
  }
  const ready = mkdir(join(dir, 'members'), { recursive: true })
  return {
    async readIndex() {
      await ready
      const text = await readText(join(dir, 'index.json'))
      return text ? (JSON.parse(text) as VersionEntry[]) : []
    },
    async writeIndex(entries) {
      await ready
      await writeAtomically(join(dir, 'index.json'), JSON.stringify(entries, null, 1))
    },
    async readMembers(token) {
      await ready
      const text = await readText(membersPath(token))
      if (!text) return undefined
      return (JSON.parse(text) as [string, string, string][]).map(([dataset, graph, modified]) => ({ dataset, graph, modified }))
    },
    async writeMembers(token, members) {
      await ready
      await writeAtomically(membersPath(token), JSON.stringify(members.map((m) => [m.dataset, m.graph, m.modified])))
    },
    async removeMembers(token) {
      await rm(membersPath(token), { force: true })
    },
    async readChanges() {
      await ready
      const text = await readText(join(dir, 'changes.jsonl'))
      return text ? text.split('\n').filter(Boolean).map((line) => JSON.parse(line) as CatalogChange) : []
    },
    async appendChanges(changes) {
      await ready
      if (changes.length) await appendFile(join(dir, 'changes.jsonl'), changes.map((c) => JSON.stringify(c)).join('\n') + '\n', 'utf8')
    },
  }
}
