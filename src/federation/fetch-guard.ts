/**
 * The only `fetch` a federated query gets: it reaches allow-listed origins only, and only at public addresses.
 * Names are resolved inside the connection's own lookup, so the address checked is the address connected to
 * (no window for DNS rebinding); redirects are followed by hand, each hop checked again.
 */
import { lookup as dnsLookup } from 'node:dns'
import { request as httpRequest, type IncomingMessage } from 'node:http'
import { request as httpsRequest } from 'node:https'
import { isIP, type LookupFunction } from 'node:net'
import { Readable } from 'node:stream'
import { AppError } from '../errors.ts'
import { classifyAddress } from './address-ranges.ts'

export type Resolve = (hostname: string) => Promise<{ address: string; family: number }[]>

export interface FetchGuardOptions {
  /** Endpoint IRIs; their origins (scheme, host, port) are what may be reached. */
  allowlist: readonly string[]
  /**
   * Let a request reach a loopback address — the request itself, never a redirect target, and never a private,
   * link-local or unique-local address. Tests only: it lets a second local server stand in for a remote endpoint.
   */
  allowLoopbackForTests?: boolean
  /** Name resolution; default: the system resolver, every address. */
  resolve?: Resolve
  /** Redirects followed before giving up (default 5). */
  maxRedirects?: number
  /** Told of every refusal, so that a caller can report it even when the query engine rewords the error. */
  onRefused?: (error: AppError) => void
}

const REDIRECTS = new Set([301, 302, 303, 307, 308])
const NO_BODY = new Set([204, 205, 304])

const systemResolve: Resolve = (hostname) =>
  new Promise((resolve, reject) => dnsLookup(hostname, { all: true, verbatim: true }, (error, addresses) => (error ? reject(error) : resolve(addresses))))

/** A fetch(input, init) restricted as described above; refusals reject with AppError 'forbidden'. */
export function createGuardedFetch(options: FetchGuardOptions): typeof fetch {
  const origins = new Set(options.allowlist.map((endpoint) => new URL(endpoint).origin))
  const { resolve = systemResolve, maxRedirects = 5 } = options

  const refuse = (message: string): AppError => {
    const error = new AppError('forbidden', message, { isFetchRefused: true })
    options.onRefused?.(error)
    return error
  }

  /** `hop` 0 is the request asked for, 1… its redirects. */
  function checkAddress(url: URL, address: string, hop: number): void {
    const kind = classifyAddress(address)
    if (kind === 'public' || (kind === 'loopback' && options.allowLoopbackForTests && hop === 0)) return
    const via = hop > 0 ? ` (redirect ${hop})` : ''
    throw refuse(`refused to fetch ${url.href}${via}: ${url.hostname} is at ${address}, a ${kind} address; federated queries only reach public addresses`)
  }

  function checkUrl(url: URL, hop: number): void {
    if (url.protocol !== 'http:' && url.protocol !== 'https:') throw refuse(`refused to fetch ${url.href}: only http and https are allowed`)
    if (!origins.has(url.origin)) throw refuse(`refused to fetch ${url.href}: ${url.origin} is not in SERVICE_ALLOWLIST`)
    const literal = url.hostname.replace(/^\[|\]$/g, '')
    if (isIP(literal)) checkAddress(url, literal, hop)
  }

  // Called by the socket for host names (never for IP literals, checked in checkUrl): every address must pass.
  const lookupFor = (url: URL, hop: number): LookupFunction => (hostname, lookupOptions, callback) => {
    resolve(hostname).then((addresses) => {
      if (addresses.length === 0) throw new Error(`${hostname} has no address`)
      for (const { address } of addresses) checkAddress(url, address, hop)
      const family = lookupOptions.family === 4 || lookupOptions.family === 6 ? lookupOptions.family : undefined
      const usable = addresses.filter((a) => family === undefined || a.family === family)
      if (lookupOptions.all) return callback(null, usable)
      const first = usable[0] ?? addresses[0]!
      return callback(null, first.address, first.family)
    }).catch((error: NodeJS.ErrnoException) => callback(error, '', 0))
  }

  function send(url: URL, hop: number, method: string, headers: Headers, body: Buffer | undefined, signal: AbortSignal): Promise<IncomingMessage> {
    return new Promise((resolvePromise, reject) => {
      const request = (url.protocol === 'https:' ? httpsRequest : httpRequest)(url, {
        method,
        headers: Object.fromEntries(headers),
        lookup: lookupFor(url, hop),
        signal,
      })
      request.on('response', resolvePromise)
      request.on('error', reject)
      request.end(body)
    })
  }

  return async function guardedFetch(input, init) {
    const original = new Request(input, init)
    const headers = new Headers(original.headers)
    // Bodies are passed on as received: ask for no compression, which node:http would not undo.
    headers.delete('accept-encoding')
    let url = new URL(original.url)
    let method = original.method
    let body = method === 'GET' || method === 'HEAD' ? undefined : Buffer.from(await original.arrayBuffer())
    for (let hop = 0; ; hop += 1) {
      checkUrl(url, hop)
      const response = await send(url, hop, method, headers, body, original.signal)
      const location = response.headers.location
      if (!REDIRECTS.has(response.statusCode ?? 0) || !location) return toResponse(response, url, method)
      response.resume()
      if (hop >= maxRedirects) throw refuse(`refused to fetch ${original.url}: more than ${maxRedirects} redirects`)
      url = new URL(location, url)
      // Fetch standard §4.4 (HTTP-redirect fetch): 303, and 301/302 after POST, continue as a GET without a body.
      if (response.statusCode === 303 || (method === 'POST' && (response.statusCode === 301 || response.statusCode === 302))) {
        method = 'GET'
        body = undefined
        for (const name of ['content-type', 'content-length']) headers.delete(name)
      }
    }
  } as typeof fetch
}

function toResponse(message: IncomingMessage, url: URL, method: string): Response {
  const headers = new Headers()
  for (const [name, value] of Object.entries(message.headers)) {
    for (const item of Array.isArray(value) ? value : value === undefined ? [] : [value]) headers.append(name, item)
  }
  const status = message.statusCode ?? 502
  const hasBody = method !== 'HEAD' && !NO_BODY.has(status)
  if (!hasBody) message.resume()
  const response = new Response(hasBody ? (Readable.toWeb(message) as ReadableStream<Uint8Array>) : null, { status, statusText: message.statusMessage ?? '', headers })
  Object.defineProperty(response, 'url', { value: url.href })
  return response
}
