/** Every package `npm ci` installs runs on the Node versions we promise (package.json engines): no EBADENGINE warning. */
import { readFileSync } from 'node:fs'
import { join } from 'node:path'
import semver from 'semver'
import { describe, expect, it } from 'vitest'

const root = join(import.meta.dirname, '..', '..')
const pkg = JSON.parse(readFileSync(join(root, 'package.json'), 'utf8')) as { engines: { node: string } }
const lock = JSON.parse(readFileSync(join(root, 'package-lock.json'), 'utf8')) as { packages: Record<string, { version?: string; engines?: { node?: string } | string[] }> }

/** The oldest Node we promise, e.g. 20.0.0 from ">=20". */
const oldestNode = semver.minVersion(pkg.engines.node)!.version

describe('package-lock engines', () => {
  it('every_locked_package_supports_the_oldest_promised_node', () => {
    const refusing = Object.entries(lock.packages)
      .filter(([path, entry]) => path !== '' && entry.engines && !Array.isArray(entry.engines) && entry.engines.node)
      // Node 20's latest release is what CI runs; a range that excludes every 20.x is what npm warns about.
      .filter(([, entry]) => !semver.intersects((entry.engines as { node: string }).node, `>=${oldestNode} <21`, { includePrerelease: true }))
      .map(([path, entry]) => `${path}@${entry.version} wants node ${(entry.engines as { node: string }).node}`)
    expect(refusing).toEqual([])
  })
})
