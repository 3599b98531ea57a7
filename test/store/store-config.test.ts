import { describe, expect, it } from 'vitest'
import { DEFAULT_VIRTUOSO_URL, loadStoreConfig } from '../../src/store/store-config.ts'

describe('store configuration (STORE, STORE_URL, …)', () => {
  it('embedded_by_default', () => {
    expect(loadStoreConfig({})).toEqual({ kind: 'embedded' })
  })

  it('store_url_implies_virtuoso', () => {
    expect(loadStoreConfig({ STORE_URL: 'http://10.0.0.5:8890/sparql', STORE_USER: 'ogd', STORE_PASSWORD: 's' })).toMatchObject({ kind: 'virtuoso', queryUrl: 'http://10.0.0.5:8890/sparql', user: 'ogd', pollMs: 1000, sqlAddress: '127.0.0.1:1111' })
  })

  it('virtuoso_without_url_uses_the_local_default', () => {
    expect(loadStoreConfig({ STORE: 'virtuoso' })).toMatchObject({ kind: 'virtuoso', queryUrl: DEFAULT_VIRTUOSO_URL })
  })

  it.each([
    [{ STORE: 'fuseki' }, /STORE/],
    [{ STORE_URL: 'ftp://x/sparql' }, /STORE_URL/],
    [{ STORE: 'virtuoso', STORE_POLL_MS: '-1' }, /STORE_POLL_MS/],
    [{ STORE: 'virtuoso', STORE_SQL: 'nohost' }, /STORE_SQL/],
    [{ STORE: 'virtuoso', STORE_USER: 'dba' }, /STORE_PASSWORD/],
    [{ STORE: 'embedded', STORE_URL: 'http://x/sparql' }, /STORE_URL/],
  ])('bad_value_%o_is_invalid_config_naming_it', (env, name) => {
    expect(() => loadStoreConfig(env)).toThrow(name)
    try { loadStoreConfig(env) } catch (error) { expect(error).toMatchObject({ code: 'invalid_config' }) }
  })
})
