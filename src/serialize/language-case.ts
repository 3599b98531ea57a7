/**
 * BCP 47 canonical case for language tags in everything we serve. The engine lower-cases tags (design §4:
 * `zh-Hant` comes back as `zh-hant`); RDF 1.1 §3.3 compares tags case-insensitively but BCP 47 §2.1.1 gives one
 * canonical form (`zh-Hant`, `en-US`), which is what developers index language maps with. One function restores it
 * in the engine's serialised output of every format, so every reader of the store sees the same tags.
 */

/**
 * A tag in BCP 47 canonical case (RFC 5646 §2.1.1): the language subtag lower-case, a four-letter script title-case,
 * a two-letter region upper-case, everything else lower-case; nothing after a singleton (`-x-`, `-u-`) is touched
 * except to lower-case it.
 */
export function canonicalLanguageTag(tag: string): string {
  const subtags = tag.toLowerCase().split('-')
  let isExtension = false
  for (let i = 1; i < subtags.length; i++) {
    const subtag = subtags[i]!
    if (subtag.length === 1) isExtension = true
    if (isExtension) continue
    if (subtag.length === 4 && /^[a-z]{4}$/.test(subtag)) subtags[i] = subtag[0]!.toUpperCase() + subtag.slice(1)
    else if (subtag.length === 2 && /^[a-z]{2}$/.test(subtag)) subtags[i] = subtag.toUpperCase()
  }
  return subtags.join('-')
}

const TAG = /^[A-Za-z]{1,8}(?:-[A-Za-z0-9]{1,8})*/

/** Whether a tag needs a change: only tags with a script or region subtag do (`en`, `zh` are already canonical). */
const needsCase = (text: string) => /[@"]\s*[a-z]{2,3}-[a-z]/i.test(text) || /lang"?\s*[:=]\s*"[a-z]{2,3}-/i.test(text)

/**
 * N-Triples, N-Quads, Turtle, TriG and SPARQL TSV: a tag follows the closing quote of a string (`"…"@zh-hant`).
 * A scan over strings (escapes and long `"""` strings honoured) finds those quotes; text inside strings and IRIs
 * is never changed.
 */
function restoreInTurtleFamily(text: string): string {
  let out = ''
  let copied = 0
  let i = 0
  while (i < text.length) {
    const ch = text[i]
    if (ch === '<') {
      // An IRI (or, in Turtle, nothing else starts with '<'): skip to its end; IRIs hold no '>' nor quotes.
      const end = text.indexOf('>', i + 1)
      i = end < 0 ? text.length : end + 1
      continue
    }
    if (ch === '#' && (i === 0 || text[i - 1] === '\n' || text[i - 1] === ' ' || text[i - 1] === '\t')) {
      const end = text.indexOf('\n', i)
      i = end < 0 ? text.length : end
      continue
    }
    if (ch !== '"' && ch !== "'") {
      i++
      continue
    }
    const isLong = text.startsWith(ch.repeat(3), i)
    const close = isLong ? ch.repeat(3) : ch
    let j = i + close.length
    while (j < text.length && !text.startsWith(close, j)) j += text[j] === '\\' ? 2 : 1
    j += close.length
    if (text[j] === '@') {
      const tag = TAG.exec(text.slice(j + 1, j + 40))?.[0]
      if (tag) {
        const canonical = canonicalLanguageTag(tag)
        if (canonical !== tag) {
          out += text.slice(copied, j + 1) + canonical
          copied = j + 1 + tag.length
        }
        j += 1 + tag.length
      }
    }
    i = j
  }
  return copied === 0 ? text : out + text.slice(copied)
}

/**
 * SPARQL Results JSON (`"xml:lang": "…"`) and JSON-LD (`"@language": "…"`): only as object keys, i.e. after `{` or
 * `,` outside a string (inside a JSON string every quote is escaped, so the pattern cannot match there).
 */
function restoreInJson(text: string): string {
  return text.replace(/([{,]\s*"(?:xml:lang|@language)"\s*:\s*")([^"\\]+)"/g, (_, head: string, tag: string) => `${head}${canonicalLanguageTag(tag)}"`)
}

/**
 * SPARQL Results XML and RDF/XML: `xml:lang="…"` as an attribute, i.e. inside a start tag. Text content holds no raw
 * `<`, and attribute values no raw `"`, so a scan from each `<` to its `>` (quotes honoured) sees only markup.
 */
function restoreInXml(text: string): string {
  let out = ''
  let copied = 0
  let i = text.indexOf('<')
  while (i >= 0) {
    let j = i + 1
    let quote = ''
    while (j < text.length && (quote || text[j] !== '>')) {
      if (quote) { if (text[j] === quote) quote = '' } else if (text[j] === '"' || text[j] === "'") quote = text[j]!
      j++
    }
    const tagText = text.slice(i, j)
    if (tagText.includes('xml:lang')) {
      const fixed = tagText.replace(/(\sxml:lang\s*=\s*["'])([^"']+)/g, (_, head: string, tag: string) => head + canonicalLanguageTag(tag))
      if (fixed !== tagText) {
        out += text.slice(copied, i) + fixed
        copied = j
      }
    }
    i = text.indexOf('<', j)
  }
  return copied === 0 ? text : out + text.slice(copied)
}

/** The engine's serialised output of `mediaType`, with every language tag in canonical case (others untouched). */
export function restoreLanguageCase(text: string, mediaType: string): string {
  if (!needsCase(text)) return text
  const type = mediaType.split(';')[0]!.trim().toLowerCase()
  switch (type) {
    case 'application/sparql-results+json': case 'application/json': case 'application/ld+json': return restoreInJson(text)
    case 'application/sparql-results+xml': case 'application/xml': case 'application/rdf+xml': return restoreInXml(text)
    case 'text/csv': return text // SPARQL CSV writes the lexical form only, no tags
    default: return restoreInTurtleFamily(text)
  }
}
