/** The catalogue's pure parts, table style: dates, profiles, paging, member diffs, version registry, 2.1.1 rules. */
import { canonicalDateTime } from '../../src/catalog/catalog-page.ts'
import { describe, expect, it } from 'vitest'
import { DataFactory } from 'n3'
import { diffMembers } from '../../src/catalog/change-log.ts'
import { instantOf, parseModifiedSince } from '../../src/catalog/modified-since.ts'
import { parsePageSize, planPage } from '../../src/catalog/paging.ts'
import { negotiateProfile, profileFromParameter } from '../../src/catalog/profiles.ts'
import { createMemoryArchive } from '../../src/catalog/version-archive.ts'
import { createVersionRegistry, versionToken } from '../../src/catalog/version-registry.ts'
import { toDcatAp2 } from '../../src/serialize/dcat-ap-2.ts'
import { loadCatalogOptions } from '../../src/catalog/catalog-options.ts'
import { DCAT, DCATAP, OWL } from '../../src/vocab/index.ts'
import { parseTsvBindings, type CatalogMember } from '../../src/catalog/members.ts'

const { namedNode, literal, quad } = DataFactory
const member = (id: string, modified = '2025-01-01T00:00:00+08:00'): CatalogMember => ({ dataset: `http://x/dataset/${id}`, graph: `http://x/dataset/${id}`, modified })

describe('ISO 8601 instants', () => {
  it.each([
    ['2025-01-01', Date.parse('2024-12-31T16:00:00Z')],
    ['2025-01-01T08:00:00Z', Date.parse('2025-01-01T08:00:00Z')],
    ['2025-01-01T16:00:00+08:00', Date.parse('2025-01-01T08:00:00Z')],
    ['2025-01-01T16:00:00+0800', Date.parse('2025-01-01T08:00:00Z')],
    ['2025-01-01T08:00Z', Date.parse('2025-01-01T08:00:00Z')],
    ['2025-01-01T08:00:00.123456Z', Date.parse('2025-01-01T08:00:00.123Z')],
    ['2024-02-29T00:00:00Z', Date.parse('2024-02-29T00:00:00Z')],
  ])('reads %s', (text, expected) => {
    expect(parseModifiedSince(text)).toBe(expected)
  })

  it.each(['2025-02-29', '2025-01-01T24:00:00Z', '2025-1-1', '01/01/2025', '2025-01-01T08:00:00', ''])('refuses %j', (text) => {
    expect(() => parseModifiedSince(text)).toThrow(/ISO 8601/)
  })

  it('reads a record date without a zone as Taiwan time (the importers write +08:00, older data may not)', () => {
    expect(instantOf('2025-01-01T08:00:00')).toBe(Date.parse('2025-01-01T00:00:00Z'))
  })
})

describe('profiles', () => {
  it.each([
    [undefined, 'dcat-ap-3.0.1'],
    ['<https://semiceu.github.io/DCAT-AP/releases/2.1.1/>', 'dcat-ap-2.1.1'],
    ['<https://joinup.ec.europa.eu/collection/semantic-interoperability-community-semic/solution/dcat-application-profile-data-portals-europe/release/211>', 'dcat-ap-2.1.1'],
    ['<urn:x>;q=1, <https://semiceu.github.io/DCAT-AP/releases/2.1.1>;q=0.1', 'dcat-ap-2.1.1'],
    ['<https://semiceu.github.io/DCAT-AP/releases/2.1.1>;q=0', 'dcat-ap-3.0.1'],
    ['<https://semiceu.github.io/DCAT-AP/releases/2.1.1>;q=0.5, <https://semiceu.github.io/DCAT-AP/releases/3.0.1>;q=0.5', 'dcat-ap-2.1.1'],
  ])('Accept-Profile %j → %s', (header, id) => {
    expect(negotiateProfile(header).id).toBe(id)
  })

  it('names the profiles it knows when ?profile= is unknown', () => {
    expect(() => profileFromParameter('dcat-ap-1.1')).toThrow(/dcat-ap-3\.0\.1.*dcat-ap-2\.1\.1/)
  })
})

describe('paging', () => {
  it('plans the last, partly filled page', () => {
    expect(planPage(7, 3, 3)).toMatchObject({ lastPage: 3, start: 6, end: 7 })
  })

  it('gives an empty collection one empty page', () => {
    expect(planPage(0, 1, 10)).toMatchObject({ lastPage: 1, start: 0, end: 0 })
  })

  it('names the maximum when page_size is too large', () => {
    expect(() => parsePageSize('1001', { defaultSize: 100, maxSize: 1000 })).toThrow(/1000, the maximum/)
  })
})

describe('member diffs', () => {
  it('finds creations, updates and deletions in one walk', () => {
    const before = [member('1'), member('2'), member('4')]
    const after = [member('2', '2026-01-01'), member('3'), member('4')]
    expect(diffMembers(before, after).map((c) => `${c.type} ${c.dataset.slice(-1)}`)).toEqual(['Delete 1', 'Update 2', 'Create 3'])
  })
})

describe('version registry', () => {
  const registry = (now: { t: number }, maxVersions = 3, retainMs = 1000) =>
    createVersionRegistry({ archive: createMemoryArchive(), retainMs, maxVersions, now: () => new Date(now.t) })

  it('gives equal member lists the same token, and a revision a new one', () => {
    expect(versionToken([member('1')])).toBe(versionToken([member('1')]))
    expect(versionToken([member('1')])).not.toBe(versionToken([member('1', '2026-01-01')]))
  })

  it('keeps a replaced version until retainMs has passed', async () => {
    const now = { t: 1_000_000 }
    const r = await registry(now)
    const first = await r.observe([member('1')])
    await r.observe([member('2')])
    now.t += 999
    expect((await r.find(first.token))?.members).toHaveLength(1)
    now.t += 2
    expect(await r.find(first.token)).toBeUndefined()
  })

  it('keeps at most maxVersions, dropping the oldest replaced first', async () => {
    const now = { t: 0 }
    const r = await registry(now, 2, 60_000)
    const tokens = []
    for (const id of ['1', '2', '3']) {
      now.t += 10
      tokens.push((await r.observe([member(id)])).token)
    }
    expect(await r.find(tokens[0]!)).toBeUndefined()
    expect(await r.find(tokens[1]!)).toBeDefined()
    expect(r.current()?.token).toBe(tokens[2])
  })

  it('numbers changes without gaps across versions', async () => {
    const r = await registry({ t: 0 })
    await r.observe([member('1'), member('2')])
    await r.observe([member('2'), member('3')])
    expect(r.changes().map((c) => `${c.seq} ${c.type}`)).toEqual(['1 Create', '2 Create', '3 Delete', '4 Create'])
  })
})

describe('DCAT-AP 2.1.1 rules', () => {
  const d = namedNode('http://x/dataset/1')
  it('drops applicableLegislation and renames dcat:version', () => {
    const out = toDcatAp2([quad(d, DCATAP.applicableLegislation, namedNode('http://x/law/1')), quad(d, DCAT.version, literal('2'))])
    expect(out).toEqual([quad(d, OWL.versionInfo, literal('2'))])
  })
})

describe('catalogue settings', () => {
  it('reads CATALOG_* variables, with defaults for the rest', () => {
    expect(loadCatalogOptions({ CATALOG_PAGE_SIZE: '50', CATALOG_RETAIN_MINUTES: '60', CATALOG_STATE_DIR: '/var/lib/ogd/catalog' })).toEqual({
      pageSize: 50, maxPageSize: 1000, retainMs: 3_600_000, maxVersions: 16, refreshMs: 60_000, priorMaxBytes: 64 * 1024 * 1024, stateDir: '/var/lib/ogd/catalog',
    })
  })

  it('names the variable that is wrong', () => {
    expect(() => loadCatalogOptions({ CATALOG_MAX_PAGE_SIZE: 'lots' })).toThrow(/CATALOG_MAX_PAGE_SIZE/)
    expect(() => loadCatalogOptions({ CATALOG_PAGE_SIZE: '2000' })).toThrow(/CATALOG_PAGE_SIZE: must not exceed CATALOG_MAX_PAGE_SIZE/)
  })
})

describe('SPARQL TSV results', () => {
  it('reads IRIs, typed and tagged literals, escapes and unbound cells', () => {
    const tsv = '?a\t?b\t?c\n<http://x/1>\t"2025-01-01T00:00:00+08:00"^^<http://www.w3.org/2001/XMLSchema#dateTime>\t\n<http://x/2>\t"say \\"hi\\""@en\t"x"\n'
    expect(parseTsvBindings(tsv)).toEqual([
      { a: { value: 'http://x/1' }, b: { value: '2025-01-01T00:00:00+08:00' }, c: undefined },
      { a: { value: 'http://x/2' }, b: { value: 'say "hi"' }, c: { value: 'x' } },
    ])
  })
})

describe('canonicalDateTime', () => {
  it('drops trailing zeros of the fractional seconds, as RDF writers normalise xsd:dateTime', () => {
    expect(canonicalDateTime('2026-11-27T04:55:02.940Z')).toBe('2026-11-27T04:55:02.94Z')
    expect(canonicalDateTime('2026-11-27T04:55:02.000Z')).toBe('2026-11-27T04:55:02Z')
    expect(canonicalDateTime('2026-11-27T04:55:02.123Z')).toBe('2026-11-27T04:55:02.123Z')
    expect(canonicalDateTime('2026-11-27T04:55:02.100+08:00')).toBe('2026-11-27T04:55:02.1+08:00')
    expect(canonicalDateTime('2026-11-27T04:55:02Z')).toBe('2026-11-27T04:55:02Z')
  })
})
