/**
 * `ogd serve` with STORE=virtuoso, as processes: two servers over one Virtuoso serve the same answers, and a write
 * (through the store interface, as sync or an agency write in a third process does it) reaches both servers' record
 * cache, result cache and search index; /health is 503 while the remote does not answer; bad credentials stop the
 * server with a message naming them; `ogd load` over the served catalogue switches to the new snapshot while the
 * servers keep answering.
 */
import { spawn, type ChildProcess } from 'node:child_process'
import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { createInterface } from 'node:readline'
import { afterEach, beforeAll, expect } from 'vitest'
import { REPO_ROOT } from '../../src/cli/paths.ts'
import { writeSnapshot } from '../../src/store/snapshot.ts'
import { BASE, fixtureNQuads } from '../records/fixture-graph.ts'
import { describeVirtuoso, it, useVirtuoso } from '../store/virtuoso-support.ts'

const children: ChildProcess[] = []
afterEach(() => { for (const child of children.splice(0)) child.kill('SIGKILL') })

interface Served { url: string; lines: { msg?: string; [key: string]: unknown }[]; exited: Promise<number | null> }

/** Start `ogd serve` on a free loopback port; resolves once it logged `until` (default: ready). */
async function serve(env: Record<string, string>, until = /ready$/): Promise<Served> {
  const child = spawn(process.execPath, [join(REPO_ROOT, 'bin/ogd.js'), 'serve'], {
    env: { ...process.env, PORT: '0', HOST: '127.0.0.1', BASE_IRI: BASE, LOG_LEVEL: 'info', STORE: 'virtuoso', STORE_POLL_MS: '200', ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  })
  children.push(child)
  const exited = new Promise<number | null>((resolve) => child.once('exit', (code) => resolve(code)))
  const lines: Served['lines'] = []
  let port = 0
  let stderr = ''
  child.stderr!.on('data', (chunk: Buffer) => { stderr += chunk.toString() })
  await new Promise<void>((resolve, reject) => {
    child.once('exit', (code) => resolve(void lines.push({ msg: `exited ${code}: ${stderr}` })))
    createInterface({ input: child.stdout! }).on('line', (text) => {
      const line = JSON.parse(text) as Served['lines'][number]
      lines.push(line)
      if (line.msg === 'listening; loading the store') port = Number(line.port)
      if (until.test(String(line.msg))) resolve()
    })
    setTimeout(() => reject(new Error(`ogd serve did not log ${until} in 60 s: ${JSON.stringify(lines).slice(0, 2000)} ${stderr}`)), 60_000)
  })
  return { url: `http://127.0.0.1:${port}`, lines, exited }
}

async function eventually(check: () => Promise<boolean>, ms = 15_000): Promise<boolean> {
  const end = Date.now() + ms
  while (Date.now() < end) {
    if (await check()) return true
    await new Promise((resolve) => setTimeout(resolve, 100))
  }
  return false
}

describeVirtuoso('ogd serve over Virtuoso (STORE=virtuoso)', () => {
  const virtuoso = useVirtuoso()
  let env: Record<string, string>
  beforeAll(async () => {
    await virtuoso().load(await fixtureNQuads())
    env = { STORE_URL: virtuoso().endpoint, STORE_USER: 'dba', STORE_PASSWORD: 'dba' }
  })

  it('two_servers_see_a_write_in_their_record_cache_result_cache_and_search', async () => {
    const servers = [await serve(env), await serve(env)]
    const store = await virtuoso().open()
    const found = JSON.parse((await store.query({ query: 'SELECT ?g ?d WHERE { GRAPH ?g { ?d a <http://www.w3.org/ns/dcat#Dataset> } } ORDER BY ?d LIMIT 1', mediaType: 'application/sparql-results+json' })).body).results.bindings[0]
    const [graph, dataset] = [found.g.value as string, found.d.value as string]
    const path = new URL(dataset).pathname
    const sparql = `/sparql?query=${encodeURIComponent(`SELECT ?t WHERE { <${dataset}> <http://purl.org/dc/terms/title> ?t }`)}`
    // Each answer with the server's own origin (the links it writes) taken out, to compare servers.
    const text = async (server: Served, url: string, accept: string) => (await (await fetch(server.url + url, { headers: { accept } })).text()).replaceAll(server.url, 'ORIGIN')
    const read = async (server: Served) => ({
      record: await text(server, path, 'application/ld+json'),
      result: await text(server, sparql, 'text/csv'),
      search: await text(server, `/api/datasets?q=${encodeURIComponent('改過的標題')}`, 'application/json'),
    })
    const before = await Promise.all(servers.map(read))
    expect(before[1]).toEqual(before[0])
    expect(before[0]!.record).not.toMatch(/改過的標題/)
    // Twice, so that the second answers come from the caches.
    expect(await Promise.all(servers.map(read))).toEqual(before)

    let graphText = ''
    for await (const chunk of store.dumpNQuads()) graphText += chunk.split('\n').filter((line) => line.endsWith(`<${graph}> .`)).map((line) => `${line}\n`).join('')
    const changed = graphText.replace(/(<http:\/\/purl\.org\/dc\/terms\/title> )"[^"]*"(@zh-tw)?/g, '$1"改過的標題"$2')
    expect(changed).not.toBe(graphText)
    await store.replaceGraphs([graph], changed)

    for (const server of servers) {
      expect(await eventually(async () => {
        const now = await read(server)
        return now.record.includes('改過的標題') && now.result.includes('改過的標題') && now.search.includes(dataset)
      }), server.url).toBe(true)
    }
    await store.close()
  })

  it('ogd_load_over_a_served_catalogue_switches_while_the_server_keeps_answering', async () => {
    const server = await serve(env)
    const store = await virtuoso().open()
    let dump = ''
    for await (const chunk of store.dumpNQuads()) dump += chunk
    const COUNT = 'SELECT (COUNT(DISTINCT ?d) AS ?n) WHERE { ?d a <http://www.w3.org/ns/dcat#Dataset> }'
    const count = async () => {
      const response = await fetch(`${server.url}/sparql?query=${encodeURIComponent(COUNT)}`, { headers: { accept: 'text/csv' } })
      return { status: response.status, n: Number((await response.text()).split('\r\n')[1]) }
    }
    const before = await count()
    // The next snapshot: one dataset's graph gone (a withdrawal), another's title changed.
    const titled = (line: string) => line.includes('<http://purl.org/dc/terms/title> "')
    const graphs = [...new Set(dump.split('\n').filter(titled).map((line) => line.match(/<([^>]+)> \.$/)?.[1]).filter((g): g is string => !!g && g.includes('/dataset/')))].sort()
    const [gone, changed] = [graphs[0]!, graphs[1]!]
    const next = dump.split('\n').filter((line) => line && !line.endsWith(`<${gone}> .`))
      .map((line) => (line.endsWith(`<${changed}> .`) ? line.replace(/(<http:\/\/purl\.org\/dc\/terms\/title> )"[^"]*"/, '$1"載入後的標題"') : line))
    const dir = mkdtempSync(join(tmpdir(), 'ogd-load-live-'))
    try {
      await writeSnapshot(dir, `${next.join('\n')}\n`, { baseIri: BASE, createdAt: new Date().toISOString(), quads: new Set(next).size, stats: {}, inputs: [] })
      const loader = spawn(process.execPath, [join(REPO_ROOT, 'bin/ogd.js'), 'load', '--store', 'virtuoso', dir], {
        env: { ...process.env, ...env, STORE_SQL: virtuoso().sqlAddress },
        stdio: ['ignore', 'pipe', 'pipe'],
      })
      children.push(loader)
      let [out, err] = ['', '']
      loader.stdout!.on('data', (chunk: Buffer) => { out += chunk.toString() })
      loader.stderr!.on('data', (chunk: Buffer) => { err += chunk.toString() })
      const exited = new Promise<number | null>((resolve) => loader.once('exit', resolve))
      // Readers meanwhile: every answer a whole catalogue, old or new, never a 503.
      const seen: { status: number; n: number }[] = []
      let done = false
      void exited.then(() => { done = true })
      while (!done) seen.push(await count(), { status: (await fetch(`${server.url}/health`)).status, n: before.n })
      expect(await exited, err).toBe(0)
      expect(JSON.parse(out)).toMatchObject({ mode: 'changes', replaced: 1, removed: 1, statements: 1 })
      expect(err).toMatch(/servers keep answering/)
      expect(seen.length).toBeGreaterThan(0)
      for (const answer of seen) {
        expect(answer.status).toBe(200)
        expect([before.n, before.n - 1]).toContain(answer.n)
      }
      expect(await eventually(async () => (await count()).n === before.n - 1)).toBe(true)
      const title = `SELECT ?t WHERE { GRAPH <${changed}> { ?d <http://purl.org/dc/terms/title> ?t } }`
      expect(await eventually(async () => (await (await fetch(`${server.url}/sparql?query=${encodeURIComponent(title)}`, { headers: { accept: 'text/csv' } })).text()).includes('載入後的標題'))).toBe(true)
      // The same snapshot again: nothing differs, nothing is written.
      const again = spawn(process.execPath, [join(REPO_ROOT, 'bin/ogd.js'), 'load', '--store', 'virtuoso', dir], { env: { ...process.env, ...env, STORE_SQL: virtuoso().sqlAddress }, stdio: ['ignore', 'pipe', 'inherit'] })
      let second = ''
      again.stdout!.on('data', (chunk: Buffer) => { second += chunk.toString() })
      expect(await new Promise((resolve) => again.once('exit', resolve))).toBe(0)
      expect(JSON.parse(second)).toMatchObject({ mode: 'changes', replaced: 0, removed: 0, statements: 0 })
    } finally {
      rmSync(dir, { recursive: true, force: true })
      // The catalogue back as it was, for the other tests of this file.
      await virtuoso().load(dump)
      await store.close()
    }
  })

  it('health_is_503_while_the_remote_does_not_answer', async () => {
    const served = await serve({ STORE_URL: 'http://127.0.0.1:9/sparql' }, /does not answer yet/)
    const health = await fetch(`${served.url}/health`)
    expect(health.status).toBe(503)
    expect(served.lines.some((line) => String(line.problem ?? '').includes('STORE_URL http://127.0.0.1:9/sparql'))).toBe(true)
  })

  it('refused_credentials_stop_the_server_naming_them', async () => {
    const served = await serve({ ...env, STORE_PASSWORD: 'wrong' }, /^exited/)
    expect(await served.exited).not.toBe(0)
    expect(JSON.stringify(served.lines)).toMatch(/STORE_USER\/STORE_PASSWORD/)
  })
})
