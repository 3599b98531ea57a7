/** URLs as agencies type them (Chinese, spaces, stray %) → valid absolute IRIs, percent-encoded where RFC 3987 forbids. */
import { domainToASCII } from 'node:url'

// RFC 3986 unreserved + reserved characters: kept as they are ('%' too, when it starts a valid escape).
const KEPT_ASCII = /[A-Za-z0-9\-._~:/?#[\]@!$&'()*+,;=]/
const WEB_URL = /^(https?|ftp):\/\/([^/?#\s]+)(.*)$/is

const encodeChar = (char: string): string =>
  [...new TextEncoder().encode(char)].map((b) => '%' + b.toString(16).toUpperCase().padStart(2, '0')).join('')

function encodeRest(text: string): string {
  let out = ''
  for (let i = 0; i < text.length; ) {
    const char = String.fromCodePoint(text.codePointAt(i)!)
    if (char === '%' && /^%[0-9A-Fa-f]{2}/.test(text.slice(i, i + 3))) out += char
    else out += KEPT_ASCII.test(char) ? char : encodeChar(char)
    i += char.length
  }
  return out
}

/** A host in Chinese (臺北市.tw) becomes its punycode form; an ASCII host is kept as written. */
function encodeHost(host: string): string | undefined {
  if (/^[\x21-\x7e]+$/.test(host)) return host
  const [name, port] = host.split(/:(?=\d+$)/)
  const ascii = domainToASCII(name ?? '')
  return ascii ? ascii + (port ? ':' + port : '') : undefined
}

/**
 * Percent-encode a URL into an IRI that any RDF parser accepts: in path, query and fragment, non-ASCII,
 * spaces and `<>"{}|\^\`` become UTF-8 escapes and a `%` that starts no escape becomes `%25`; everything
 * else is kept byte for byte (no normalisation, so the link still points where the agency meant).
 * Returns undefined unless the text is an absolute http(s)/ftp URL with a host.
 */
export function encodeIri(text: string): string | undefined {
  const m = WEB_URL.exec(text.trim())
  if (!m) return undefined
  const host = encodeHost(m[2]!)
  if (!host) return undefined
  const iri = `${m[1]!.toLowerCase()}://${host}${encodeRest(m[3]!)}`
  try {
    return new URL(iri).hostname ? iri : undefined
  } catch {
    return undefined
  }
}
