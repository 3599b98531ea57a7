/**
 * Child process of bench/records.ts: one autocannon run (10 connections by default) over a list of paths, printed as
 * one JSON line. A separate process so that the load generator does not share the server's event loop.
 * `records-load.ts '{"url":"http://127.0.0.1:1234","paths":["/a","/b"],"headers":{},"seconds":10,"connections":10}'`
 */
import autocannon from 'autocannon'

interface LoadOptions {
  url: string
  paths: string[]
  headers?: Record<string, string>
  seconds?: number
  connections?: number
}

async function main() {
  const options = JSON.parse(process.argv[2] ?? '{}') as LoadOptions
  if (!options.url || !options.paths?.length) throw new Error('give {"url", "paths"} as the first argument')
  let next = 0
  const result = await autocannon({
    url: options.url,
    connections: options.connections ?? 10,
    duration: options.seconds ?? 10,
    headers: options.headers ?? {},
    requests: [{ setupRequest: (request: Record<string, unknown>) => ({ ...request, path: options.paths[next++ % options.paths.length] }) }],
  })
  const latency = result.latency as Record<string, number>
  console.log(JSON.stringify({
    requests: result.requests.total,
    rps: result.requests.average,
    p50: latency.p50,
    p90: latency.p90,
    p99: latency.p99,
    max: latency.max,
    errors: result.errors,
    non2xx: result.non2xx,
    bytesPerSecond: result.throughput.average,
  }))
}

main().catch((error: unknown) => {
  console.error(error instanceof Error ? error.message : error)
  process.exit(1)
})
