/**
 * What a build's output depends on, as one sha256: the content of every input file (directories walked), of the code
 * and the libraries that turn them into the graph (src/, package-lock.json), of the shapes and the ontology, and the
 * options (base IRI, personal contacts, invalid records allowed). Two builds with the same fingerprint write the
 * same graph, so `ogd build` keeps the current snapshot when its fingerprint is this one (make's rule, by content
 * rather than by date: a checkout or a copy changes dates, not bytes). Hashing the whole default input set (≈ 60 MB)
 * takes well under a second.
 */
import { createHash } from 'node:crypto'
import { readdirSync, readFileSync, statSync } from 'node:fs'
import { join, relative } from 'node:path'
import type { BuildInputs } from './inputs.ts'

export interface FingerprintOptions {
  root: string
  inputs: BuildInputs
  baseIri: string
  includePersonalContacts?: boolean
  allowInvalid?: boolean
}

/** Every file at or below `path`, in a stable order. */
function filesUnder(path: string): string[] {
  let stat
  try {
    stat = statSync(path)
  } catch {
    return [] // an optional input that is absent: its absence is part of the fingerprint through the path list
  }
  if (stat.isFile()) return [path]
  if (!stat.isDirectory()) return []
  return readdirSync(path).sort().flatMap((name) => filesUnder(join(path, name)))
}

export function buildFingerprint(options: FingerprintOptions): string {
  const { root, inputs } = options
  const hash = createHash('sha256')
  hash.update(JSON.stringify({ baseIri: options.baseIri, includePersonalContacts: options.includePersonalContacts === true, allowInvalid: options.allowInvalid === true }))
  // The inputs by role (a catalogue file moved to another role is another build), then what reads them.
  const roles = Object.entries(inputs).sort(([a], [b]) => a.localeCompare(b))
  const code = [join(root, 'src'), join(root, 'package-lock.json')]
  for (const [role, value] of [...roles, ['code', code] as const]) {
    for (const path of [value].flat().filter((p): p is string => typeof p === 'string')) {
      hash.update(`\n${role}\t${relative(root, path)}\n`)
      for (const file of filesUnder(path)) {
        hash.update(`${relative(root, file)}\t`)
        hash.update(readFileSync(file))
      }
    }
  }
  return hash.digest('hex')
}
