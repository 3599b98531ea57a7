/** Paths the CLI resolves: the repository root (for the shipped sources) and the snapshot directory. */
import { isAbsolute, resolve } from 'node:path'
import { fileURLToPath } from 'node:url'

export const REPO_ROOT = fileURLToPath(new URL('../../', import.meta.url))

/** A relative snapshot directory is taken from the repository root, so `npm start` works from anywhere. */
export const resolveSnapshotDir = (dir: string) => (isAbsolute(dir) ? dir : resolve(REPO_ROOT, dir))
