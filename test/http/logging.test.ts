import { Writable } from 'node:stream'
import pino from 'pino'
import { describe, expect, it } from 'vitest'
import type { GraphStore } from '../../src/store/types.ts'
import { buildApp, createLocalStore, fixture } from './support.ts'

function captureLogger() {
  const lines: Record<string, unknown>[] = []
  const stream = new Writable({ write(chunk, _encoding, done) { lines.push(JSON.parse(String(chunk))); done() } })
  return { logger: pino({ level: 'info' }, stream), lines }
}

const SECRET_QUERY = 'SELECT ?name WHERE { ?a <http://xmlns.com/foaf/0.1/name> ?name FILTER(?name = "王小明") }'

describe('request logging', () => {
  it('one_line_per_request_with_the_query_hash_not_the_text', async () => {
    const { logger, lines } = captureLogger()
    const app = buildApp({ logger })
    await app.request(`/sparql?query=${encodeURIComponent(SECRET_QUERY)}`)
    await new Promise((resolve) => setImmediate(resolve))
    expect(lines).toHaveLength(1)
    expect(lines[0]).toMatchObject({ msg: 'request', method: 'GET', path: '/sparql', route: '/sparql', status: 200, queryForm: 'SELECT' })
    expect(lines[0]!.queryHash).toMatch(/^[0-9a-f]{16}$/)
    expect(JSON.stringify(lines)).not.toContain('王小明')
  })

  it('server_errors_are_logged_with_details_and_answered_without', async () => {
    const { logger, lines } = captureLogger()
    const local = createLocalStore({ nquads: fixture('graph.nq') })
    const store: GraphStore = { ...local, query: async () => { throw new Error('disk /var/lib/ogd is gone') } }
    const response = await buildApp({ store, logger }).request(`/sparql?query=${encodeURIComponent('ASK {}')}`)
    await new Promise((resolve) => setImmediate(resolve))
    expect(response.status).toBe(500)
    expect(await response.text()).not.toContain('/var/lib/ogd')
    const error = lines.find((line) => line.msg === 'request failed')
    expect(JSON.stringify(error)).toContain('/var/lib/ogd')
    expect(lines.find((line) => line.msg === 'request')).toMatchObject({ status: 500 })
  })
})
