import { describe, expect, it } from 'vitest'
import { defaultBaseIri, describeBaseMismatch } from '../../src/base-address.ts'
import { loadConfig } from '../../src/config.ts'

describe('BASE_IRI from the listen address', () => {
  it('port_alone_gives_a_base_on_that_port', () => {
    expect(loadConfig({ PORT: '18200' }).baseIri).toBe('http://localhost:18200')
  })

  it('no_port_gives_the_documented_default', () => {
    expect(loadConfig({}).baseIri).toBe('http://localhost:8080')
  })

  it('a_given_base_wins_over_the_listen_address', () => {
    expect(loadConfig({ PORT: '18200', BASE_IRI: 'https://data.example.tw/kg/' }).baseIri).toBe('https://data.example.tw/kg')
  })

  it('a_named_host_is_kept_and_port_80_is_left_out', () => {
    expect(defaultBaseIri('127.0.0.1', 18201)).toBe('http://127.0.0.1:18201')
    expect(defaultBaseIri('0.0.0.0', 80)).toBe('http://localhost')
    expect(defaultBaseIri('::1', 18202)).toBe('http://[::1]:18202')
  })
})

describe('a base that disagrees with the listen address', () => {
  it('is_a_warning_when_it_names_this_machine_on_another_port', () => {
    expect(describeBaseMismatch('http://localhost:8080', '0.0.0.0', 18200)).toMatch(/port 8080, but the server listens on port 18200/)
    expect(describeBaseMismatch('http://127.0.0.1', '127.0.0.1', 18200)).toMatch(/port 80, but/)
  })

  it('is_not_a_warning_when_they_agree_or_the_base_is_a_proxy_s', () => {
    expect(describeBaseMismatch('http://localhost:18200', '0.0.0.0', 18200)).toBeUndefined()
    expect(describeBaseMismatch('https://data.example.tw/kg', '0.0.0.0', 18200)).toBeUndefined()
  })
})
