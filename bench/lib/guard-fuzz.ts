/**
 * Generated hostile queries for the differential test of the query guard against the engine (issue 10): nesting
 * of every bracket kind, some of it live and some hidden where the engine really does not parse it (strings, IRIs,
 * comments), next to the constructs that fooled the old regex lexer: IRIs with `\u` escapes and `#`, `<` as
 * less-than before brackets, `\#` in local names, `\u0022` in strings, long strings with brackets. Each query says
 * how deep the engine nests on it, known by construction, so a run measures agreement as well as safety.
 */
import type { Prng } from './prng.ts'

export interface FuzzQuery {
  query: string
  /** The deepest nesting the engine's parser sees (the outer `{` of WHERE counts 1). */
  engineDepth: number
}

interface Fragment {
  text: string
  /** Depth of live nesting inside this fragment. */
  depth: number
}

const open = (n: number, s: string) => s.repeat(n)

/** Live payloads: nesting the engine parses, `n` deep. */
const PAYLOADS: ((n: number) => Fragment)[] = [
  (n) => ({ text: `FILTER${open(n, '(')}1${open(n, ')')}`, depth: n }),
  (n) => ({ text: `${open(n, '{')}${open(n, '}')}`, depth: n }),
  (n) => ({ text: `?s <p> ${open(n, '[ <p> ')}1${open(n, ' ]')} .`, depth: n }),
  (n) => ({ text: `?s <http://p.example/> ${open(n, '(')}1${open(n, ')')} .`, depth: n }),
  // `<` as less-than inside an expression: the old lexer read `<((((…))))&&?p>` as one IRI.
  (n) => ({ text: `FILTER(?s<${open(n, '(')}1${open(n, ')')}&&?p>?o)`, depth: n + 1 }),
  // A local name with an escaped `#` calls a function: the old lexer saw a comment.
  (n) => ({ text: `FILTER(ex:f\\#x(${open(n, '(')}1${open(n, ')')}))`, depth: n + 2 }),
  (n) => ({ text: `BIND("a\\u0022" AS ?q) FILTER${open(n, '(')}1${open(n, ')')}`, depth: n }),
  (n) => ({ text: `FILTER(?s < ${open(n - 1, '(')}1${open(n - 1, ')')} || ?p >= 2)`, depth: Math.max(1, n) }),
]

/** Things before a payload on the same line, each live or not as the engine reads it. */
const PREFIXES: (() => Fragment)[] = [
  () => ({ text: 'BIND(<http://x.example/\\u0041#> AS ?x)', depth: 1 }),
  () => ({ text: 'BIND(<http://x.example/\\U00000041#frag> AS ?y)', depth: 1 }),
  () => ({ text: '?s <http://x.example/#((((> ?o .', depth: 0 }),
  () => ({ text: '?s<((((a))))&&?p>?o .', depth: 0 }),
  () => ({ text: 'FILTER("((((" != "a\\"((((")', depth: 1 }),
  () => ({ text: "BIND('''{{{{ ''' AS ?w)", depth: 1 }),
  () => ({ text: 'BIND("""a""b(((((""" AS ?l)', depth: 1 }),
  () => ({ text: "FILTER('\\'((((' != 'x')", depth: 1 }),
  () => ({ text: 'BIND(<<( <http://a.example/> <http://b.example/> 1 )>> AS ?t)', depth: 3 }),
  () => ({ text: 'FILTER(1<2 && 3>2)', depth: 1 }),
  () => ({ text: 'FILTER(?o <= 3)', depth: 1 }),
  () => ({ text: '?s ex:p\\#q ?o .', depth: 0 }),
  () => ({ text: '?s ex:a.b ?o .', depth: 0 }),
  () => ({ text: 'BIND(1.e5 AS ?n)', depth: 1 }),
]

/** Hidden nesting: text the engine never parses as brackets (a comment, a string, an IRI). */
const HIDDEN: ((n: number) => Fragment)[] = [
  (n) => ({ text: `# ${open(n, '(')}\n`, depth: 0 }),
  (n) => ({ text: `FILTER(STR(?o) != "${open(n, '(')}")`, depth: 2 }),
  (n) => ({ text: `BIND('''${open(n, '{')}\n${open(n, '[')}''' AS ?h)`, depth: 1 }),
  (n) => ({ text: `?s <http://x.example/${open(n, '(')}> ?o .`, depth: 0 }),
]

function pickDepth(rng: Prng): number {
  const band = rng.nextInt(0, 2)
  if (band === 0) return rng.nextInt(1, 60)
  if (band === 1) return rng.nextInt(61, 200)
  return rng.nextInt(1200, 3000)
}

/** One query: a few fragments in a WHERE group, at most one of them deep, separated by spaces or line breaks. */
export function generateFuzzQuery(rng: Prng): FuzzQuery {
  const fragments: Fragment[] = []
  const count = rng.nextInt(1, 4)
  for (let i = 0; i < count; i += 1) {
    const kind = rng.nextInt(0, 2)
    if (kind === 0) fragments.push(rng.pickOne(PREFIXES)())
    else if (kind === 1) fragments.push(rng.pickOne(HIDDEN)(pickDepth(rng)))
    else fragments.push(rng.pickOne(PAYLOADS)(rng.nextInt(1, 40)))
  }
  fragments.splice(rng.nextInt(0, fragments.length), 0, rng.pickOne(PAYLOADS)(pickDepth(rng)))
  // Each BIND its own variable, so that more of the queries are valid and parsed to the end.
  let bound = 0
  const body = fragments.map((f) => f.text.replace(/ AS \?(\w+)\)/g, (_, name: string) => ` AS ?${name}${(bound += 1)})`)).join(rng.isHit(0.7) ? ' ' : '\n')
  const query = `PREFIX ex: <http://e.example/>\nSELECT * WHERE { ${body} }`
  return { query, engineDepth: 1 + Math.max(...fragments.map((f) => f.depth)) }
}
