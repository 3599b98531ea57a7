/**
 * The base IRI and the address the server listens on: BASE_IRI defaults to the listen address (so `PORT=18200
 * npm start` mints IRIs that dereference on that server), and a base that names this machine on another port
 * is worth a warning (a base naming another host is a proxy's business and is not second-guessed).
 */

/** Host names that mean "this machine" in a base IRI. */
const LOCAL_NAMES = new Set(['localhost', '127.0.0.1', '[::1]', '::1'])
/** Listen addresses that accept every interface: a base names them as localhost. */
const ANY_ADDRESS = new Set(['0.0.0.0', '::', '[::]', ''])

/** The default base for a listen address: `http://localhost:PORT` (`http://localhost` on 80); port 0 (any free port) keeps 8080. */
export function defaultBaseIri(host: string, port: number): string {
  const name = ANY_ADDRESS.has(host) ? 'localhost' : host.includes(':') && !host.startsWith('[') ? `[${host}]` : host
  if (port === 0) return `http://${name}:8080`
  return port === 80 ? `http://${name}` : `http://${name}:${port}`
}

/**
 * A warning when the base names this machine but not the port it listens on (its IRIs would not dereference
 * here), or undefined when they agree or the base names another host.
 */
export function describeBaseMismatch(baseIri: string, host: string, port: number): string | undefined {
  const base = new URL(baseIri)
  const isLocal = LOCAL_NAMES.has(base.hostname) || base.hostname === host || (ANY_ADDRESS.has(host) && base.hostname === 'localhost')
  if (!isLocal) return undefined
  const basePort = Number(base.port || (base.protocol === 'https:' ? 443 : 80))
  if (basePort === port) return undefined
  return `BASE_IRI ${baseIri} names this machine on port ${basePort}, but the server listens on port ${port}: the IRIs it serves will not dereference here. Unset BASE_IRI to use the listen address, or set it to the address clients use (a proxy's)`
}
