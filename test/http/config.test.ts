import { describe, expect, it } from 'vitest'
import { loadConfig } from '../../src/config.ts'
import { AppError } from '../../src/errors.ts'

describe('loadConfig', () => {
  it('defaults', () => {
    const config = loadConfig({})
    expect(config).toMatchObject({ port: 8080, queryTimeoutMs: 30_000, queryQueueTimeoutMs: 10_000, baseIri: 'http://localhost:8080', serviceAllowlist: [], maxQueryDepth: 64, serviceMaxLocalQuads: 100_000 })
    expect(config.allowLoopbackForTests).toBeUndefined()
  })

  it('reads every variable and trims the base IRI', () => {
    const config = loadConfig({
      PORT: '9000', HOST: '127.0.0.1', BASE_IRI: 'https://kg.data.gov.tw/', QUERY_TIMEOUT_MS: '5000', QUERY_CONCURRENCY: '4', QUERY_QUEUE: '8', QUERY_QUEUE_TIMEOUT_MS: '2500',
      MAX_QUERY_BYTES: '1000', MAX_QUERY_DEPTH: '256', MAX_BODY_BYTES: '2000', SERVICE_ALLOWLIST: 'https://a.example/sparql, https://b.example/sparql',
    })
    expect(config).toMatchObject({ port: 9000, host: '127.0.0.1', baseIri: 'https://kg.data.gov.tw', queryTimeoutMs: 5000, queryConcurrency: 4, queryQueue: 8, queryQueueTimeoutMs: 2500,
      maxQueryBytes: 1000, maxQueryDepth: 256, maxBodyBytes: 2000, serviceAllowlist: ['https://a.example/sparql', 'https://b.example/sparql'] })
  })

  it.each([
    ['PORT', 'eighty'], ['PORT', '70000'], ['BASE_IRI', 'not a url'], ['QUERY_TIMEOUT_MS', '0'], ['QUERY_CONCURRENCY', '1.5'],
    ['SERVICE_ALLOWLIST', 'ftp://x.example/'], ['LOG_LEVEL', 'loud'],
    // The engine's parser overflows near 700 nested brackets; the cap stays well below.
    ['MAX_QUERY_DEPTH', '257'], ['SERVICE_MAX_LOCAL_QUADS', '0'],
    ['QUERY_QUEUE_TIMEOUT_MS', '0'], ['QUERY_QUEUE_TIMEOUT_MS', '10s'], ['QUERY_QUEUE_TIMEOUT_MS', '-5'],
  ])('bad_%s_%s_stops_with_a_message_naming_it', (name, value) => {
    let error: unknown
    try { loadConfig({ [name]: value }) } catch (e) { error = e }
    expect(error).toBeInstanceOf(AppError)
    expect((error as AppError).code).toBe('invalid_config')
    expect((error as AppError).message).toContain(name)
  })
})
